import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { EPHEMERAL_PROJECT, PERSISTENT_PROJECT } from "../../persistent/config";
import { defaultPersistentStackName } from "../../persistent/contract";
import { exampleConfig } from "../engine/example-config";
import {
  CONTROL_EXAMPLE_FILE,
  CONTROL_PROJECT_FILE,
  loadControlProject,
  resourcesOf,
  STACK_PERMISSION,
  TYPES,
  type ControlProject,
} from "./control-project";
import { RUN_TOKEN_VARIABLE, runTokenMode, runTokenProblems } from "./run-token";

/**
 * The ephemeral stack's Deployments runs read gatus-persistent through a StackReference: they run
 * with a team token that may edit exactly the ephemeral stack and read exactly the persistent one.
 */

const projectText = readFileSync(CONTROL_PROJECT_FILE, "utf8");
const exampleText = readFileSync(CONTROL_EXAMPLE_FILE, "utf8");
const control = loadControlProject();
const org = String(control.config.organization);
const ephemeralStack = String(control.config.ephemeralStack);
const persistentStack = String(control.config.persistentStack);

type Doc = {
  resources: Record<string, { type: string; properties?: Record<string, unknown> }>;
};
/** The control project with its parsed document changed by `edit`. */
function edited(edit: (doc: Doc) => void, stackConfig = exampleText): ControlProject {
  const doc = parse(projectText) as Doc;
  edit(doc);
  return loadControlProject({ project: JSON.stringify(doc), stackConfig });
}
const envOf = (doc: Doc, name: string) => {
  const context = doc.resources[name]?.properties?.operationContext as {
    environmentVariables?: Record<string, unknown>;
  };
  return context;
};
const ofType = (doc: Doc, type: string) =>
  Object.entries(doc.resources).filter(([, r]) => r.type === type);

describe("Pulumi Cloud access of the ephemeral stack's Deployments runs", () => {
  const [team] = resourcesOf(control, TYPES.team);
  const [token] = resourcesOf(control, TYPES.teamAccessToken);
  const settings = (project: string) =>
    resourcesOf(control, TYPES.settings).find((s) => s.properties.project === project)?.properties;

  it("uses a team token, complete and consistent", () => {
    expect(runTokenMode(control)).toBe("team token");
    expect(runTokenProblems(control)).toEqual([]);
  });

  it("the ephemeral settings' PULUMI_ACCESS_TOKEN is that team's token", () => {
    expect(token?.properties.teamName).toEqual({
      resourceOutput: { resource: team?.name, property: "name" },
    });
    expect(settings(EPHEMERAL_PROJECT)?.operationContext.environmentVariables).toEqual({
      [RUN_TOKEN_VARIABLE]: { resourceOutput: { resource: token?.name, property: "value" } },
    });
  });

  it("the team can edit exactly the ephemeral stack and read exactly the persistent stack", () => {
    const grants = resourcesOf(control, TYPES.teamStackPermission).map((g) => g.properties);
    expect(grants).toEqual(
      expect.arrayContaining([
        {
          organization: org,
          project: EPHEMERAL_PROJECT,
          stack: ephemeralStack,
          team: { resourceOutput: { resource: team?.name, property: "name" } },
          permission: STACK_PERMISSION.edit,
        },
        {
          organization: org,
          project: PERSISTENT_PROJECT,
          stack: persistentStack,
          team: { resourceOutput: { resource: team?.name, property: "name" } },
          permission: STACK_PERMISSION.read,
        },
      ]),
    );
    expect(grants).toHaveLength(2);
  });

  it("the persistent settings get no such token", () => {
    expect(
      settings(PERSISTENT_PROJECT)?.operationContext.environmentVariables?.[RUN_TOKEN_VARIABLE],
    ).toBeUndefined();
  });

  it("the team is a Pulumi team of this organization with no human members, named per stack", () => {
    expect(team?.properties).toMatchObject({
      organizationName: org,
      teamType: "pulumi",
      name: `gatus-deployments-${ephemeralStack}`,
    });
    expect(team?.properties.members ?? []).toEqual([]);
    expect(token?.properties).toMatchObject({
      organizationName: org,
      name: `gatus-ephemeral-${ephemeralStack}-deployments-${String(control.config.tokenRotation)}`,
    });
  });

  it("the persistent stack it reads is the one the ephemeral program references, and the control project's", () => {
    // The ephemeral example sets no persistentStack, so the program reads the default name.
    expect(exampleConfig("ephemeral")[`${EPHEMERAL_PROJECT}:persistentStack`]).toBeUndefined();
    const referenced = defaultPersistentStackName(org, PERSISTENT_PROJECT, ephemeralStack);
    expect(`${org}/${PERSISTENT_PROJECT}/${persistentStack}`).toBe(referenced);
    const [reference] = resourcesOf(control, TYPES.stackReference);
    expect(reference?.properties.name).toBe(referenced);
  });

  it("a new tokenRotation names a new token (deleted token names stay reserved)", () => {
    const rotated = loadControlProject({
      project: projectText,
      stackConfig: `${exampleText}  gatus-control:tokenRotation: 2\n`,
    });
    expect(resourcesOf(rotated, TYPES.teamAccessToken)[0]?.properties.name).toBe(
      `gatus-ephemeral-${ephemeralStack}-deployments-2`,
    );
    expect(runTokenProblems(rotated)).toEqual([]);
  });

  it("accepts the documented fork without teams: no team resources and no token", () => {
    const orgDefault = edited((doc) => {
      for (const type of [TYPES.team, TYPES.teamStackPermission, TYPES.teamAccessToken])
        for (const [name] of ofType(doc, type)) delete doc.resources[name];
      delete envOf(doc, "ephemeralSettings").environmentVariables;
    });
    expect(runTokenMode(orgDefault)).toBe("organization default");
    expect(runTokenProblems(orgDefault)).toEqual([]);
  });

  it.each([
    [
      "the token also on the persistent settings",
      (doc: Doc) => {
        envOf(doc, "persistentSettings").environmentVariables = {
          [RUN_TOKEN_VARIABLE]: "${ephemeralRunToken.value}",
        };
      },
      /persistentSettings: PULUMI_ACCESS_TOKEN belongs to the ephemeral settings only/,
    ],
    [
      "no token on the ephemeral settings while the team exists",
      (doc: Doc) => {
        delete envOf(doc, "ephemeralSettings").environmentVariables;
      },
      /ephemeralSettings: PULUMI_ACCESS_TOKEN must be \$\{ephemeralRunToken.value\}, got nothing/,
    ],
    [
      "a token pasted into Pulumi.yaml",
      (doc: Doc) => {
        envOf(doc, "ephemeralSettings").environmentVariables = {
          [RUN_TOKEN_VARIABLE]: "pul-0123456789abcdef",
        };
      },
      /a token written into Pulumi.yaml/,
    ],
    [
      "no read grant on persistent (the StackReference would fail)",
      (doc: Doc) => {
        delete doc.resources.ephemeralRunReadsPersistent;
      },
      /lacks acme\/gatus-persistent\/dev at 101/,
    ],
    [
      "read on the ephemeral stack instead of edit (the run could not update it)",
      (doc: Doc) => {
        const grant = doc.resources.ephemeralRunWritesEphemeral?.properties;
        if (grant) grant.permission = 101;
      },
      /lacks acme\/gatus-ephemeral\/dev at 102/,
    ],
    [
      "admin on persistent instead of read",
      (doc: Doc) => {
        const grant = doc.resources.ephemeralRunReadsPersistent?.properties;
        if (grant) grant.permission = 103;
      },
      /also granted acme\/gatus-persistent\/dev at 103/,
    ],
    [
      "a grant on another stack",
      (doc: Doc) => {
        doc.resources.extraGrant = {
          type: TYPES.teamStackPermission,
          properties: {
            organization: "${organization}",
            project: "gatus-ephemeral",
            stack: "prod",
            team: "${ephemeralRunTeam.name}",
            permission: 102,
          },
        };
      },
      /also granted acme\/gatus-ephemeral\/prod at 102/,
    ],
    [
      "a token of another team",
      (doc: Doc) => {
        const t = doc.resources.ephemeralRunToken?.properties;
        if (t) t.teamName = "platform-admins";
      },
      /ephemeralRunToken: belongs to "platform-admins", not ephemeralRunTeam/,
    ],
    [
      "human members in the team",
      (doc: Doc) => {
        const t = doc.resources.ephemeralRunTeam?.properties;
        if (t) t.members = ["alice"];
      },
      /members alice would get write access/,
    ],
  ])("catches %s", (_case, edit, problem) => {
    expect(runTokenProblems(edited(edit)).join("\n")).toMatch(problem);
  });

  it.each([
    [
      "a misspelt property",
      (doc: Doc) => {
        const t = doc.resources.ephemeralRunToken?.properties;
        if (t) {
          t.teamname = t.teamName;
          delete t.teamName;
        }
      },
      /teamname|Unrecognized key/,
    ],
    [
      "a permission the provider does not know",
      (doc: Doc) => {
        const grant = doc.resources.ephemeralRunReadsPersistent?.properties;
        if (grant) grant.permission = "read";
      },
      /permission/,
    ],
    [
      "a GitHub team without its id",
      (doc: Doc) => {
        const t = doc.resources.ephemeralRunTeam?.properties;
        if (t) t.teamType = "github";
      },
      /githubTeamId/,
    ],
    [
      "an output the token does not have",
      (doc: Doc) => {
        envOf(doc, "ephemeralSettings").environmentVariables = {
          [RUN_TOKEN_VARIABLE]: "${ephemeralRunToken.token}",
        };
      },
      /has no output "token" \(it has .*value\)/,
    ],
  ])("rejects %s before any rule runs", (_case, edit, message) => {
    expect(() => edited(edit)).toThrow(message);
  });
});
