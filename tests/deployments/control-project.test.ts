import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { EPHEMERAL_PROJECT, PERSISTENT_PROJECT } from "../../persistent/config";
import { CONTRACT_KEYS } from "../../persistent/contract";
import { exampleConfig, projectName, REPO_ROOT } from "../engine/example-config";
import {
  CONTROL_EXAMPLE_FILE,
  CONTROL_PROJECT_FILE,
  loadControlProject,
  resourcesOf,
  settingsFor,
  TYPES,
  type ControlProject,
} from "./control-project";

const projectText = readFileSync(CONTROL_PROJECT_FILE, "utf8");
const exampleText = readFileSync(CONTROL_EXAMPLE_FILE, "utf8");
const control = loadControlProject();
const { config } = control;
const org = String(config.organization);

const settingsOf = (project: string) => {
  const found = settingsFor(control, {
    organization: org,
    project,
    stack: String(project === EPHEMERAL_PROJECT ? config.ephemeralStack : config.persistentStack),
  });
  if (!found) throw new Error(`no DeploymentSettings for ${project}`);
  return found.properties;
};

/** The root Pulumi.yaml with one resource block replaced (or removed). */
function withResource(name: string, block: string | undefined): string {
  const doc = parse(projectText) as { resources: Record<string, unknown> };
  const resources = { ...doc.resources };
  if (block === undefined) delete resources[name];
  else resources[name] = parse(block);
  return JSON.stringify({ ...doc, resources });
}
const load = (project: string, stackConfig = exampleText): ControlProject =>
  loadControlProject({ project, stackConfig });

describe("root Pulumi.yaml: shape", () => {
  it("is the Pulumi YAML project gatus-control and parses with its example config", () => {
    expect(control.doc).toMatchObject({ name: "gatus-control", runtime: "yaml" });
  });

  it("contains only the resource types it may, each the expected number of times", () => {
    const count = (type: string) => Object.values(control.resources).filter((r) => r.type === type);
    expect(count(TYPES.provider)).toHaveLength(1);
    expect(count(TYPES.stackReference)).toHaveLength(1);
    expect(count(TYPES.settings)).toHaveLength(2);
    // The nightly destroy and the drift check are GitHub Actions' (ownership.test.ts).
    expect(count(TYPES.drift)).toHaveLength(0);
    expect(count(TYPES.schedule)).toHaveLength(1);
    expect(count(TYPES.webhook).length).toBeLessThanOrEqual(1);
    // The identity of the ephemeral runs (run-token.test.ts).
    expect(count(TYPES.team)).toHaveLength(1);
    expect(count(TYPES.teamStackPermission)).toHaveLength(2);
    expect(count(TYPES.teamAccessToken)).toHaveLength(1);
    // GitHub Actions' OIDC issuer (oidc-issuer.test.ts).
    expect(count(TYPES.oidcIssuer)).toHaveLength(1);
  });

  it("pins the pulumiservice provider", () => {
    expect(resourcesOf(control, TYPES.provider)[0]?.options.version).toBe("1.3.0");
  });

  it.each([
    [
      "a misspelt property (roleArn instead of the schema's roleARN)",
      () => projectText.replace(/roleARN:/g, "roleArn:"),
      /roleArn|Unrecognized key/,
    ],
    [
      "a missing required property (sessionName)",
      () => projectText.replace(/^\s+sessionName: .*\n/gm, ""),
      /sessionName/,
    ],
    [
      "a resource type it may not contain",
      () =>
        withResource(
          "ttl",
          "{type: 'pulumiservice:index:TtlSchedule', properties: {organization: acme, project: gatus-ephemeral, stack: dev, timestamp: '2099-01-01T00:00:00Z'}}",
        ),
      /TtlSchedule|Invalid input/,
    ],
    [
      "a schedule with an empty cron (what 'turning it off by config' would be)",
      () => projectText.replace("scheduleCron: ${createCron}", 'scheduleCron: ""'),
      /exactly one of scheduleCron or timestamp/,
    ],
    [
      "an unknown pulumiOperation",
      () => projectText.replace("pulumiOperation: update", "pulumiOperation: up"),
      /pulumiOperation/,
    ],
    [
      "the deprecated github block instead of vcs",
      () => projectText.replace(/^(\s+)vcs:$/gm, "$1github:"),
      /github|vcs/,
    ],
    [
      "a reference to an undeclared name",
      () => projectText.replace("${persistentStack}", "${persistentStak}"),
      /persistentStak/,
    ],
    [
      "an fn::select index past the end of its list",
      () => projectText.replace("fn::select:\n      - 1\n", "fn::select:\n      - 2\n"),
      /fn::select: index 2 is out of range/,
    ],
    [
      "a builtin these tests do not model (so they cannot misread it)",
      () => projectText.replace("fn::split:", "fn::splitString:"),
      /fn::splitString is not modelled/,
    ],
    [
      "a branch that is not a full ref",
      () => projectText.replace(/refs\/heads\/\$\{branch\}/g, "${branch}"),
      /refs\/heads/,
    ],
  ])("rejects %s", (_case, mutate, message) => {
    expect(() => load(mutate())).toThrow(message);
  });

  it("rejects example config that sets an undeclared key or omits a required one", () => {
    expect(() => load(projectText, `${exampleText}  gatus-control:organisation: acme\n`)).toThrow(
      /organisation is not declared/,
    );
    expect(() =>
      load(projectText, exampleText.replace(/^.*gatus-control:organization:.*\n/m, "")),
    ).toThrow(/organization has no default and is not set/);
  });

  it("still validates in a fork that deleted the schedule (the way to turn it off)", () => {
    const fork = load(withResource("ephemeralMorningCreate", undefined));
    expect(fork.resources.ephemeralMorningCreate).toBeUndefined();
    expect(resourcesOf(fork, TYPES.schedule)).toHaveLength(0);
  });
});

describe("root Pulumi.yaml: DeploymentSettings", () => {
  it.each(resourcesOf(control, TYPES.settings).map((s) => [s.name, s.properties] as const))(
    "%s: repoDir holds the Pulumi.yaml of the project it names",
    (_name, settings) => {
      const repoDir = settings.sourceContext.git.repoDir;
      expect(existsSync(path.join(REPO_ROOT, repoDir, "Pulumi.yaml"))).toBe(true);
      expect(projectName(repoDir)).toBe(settings.project);
    },
  );

  it("configures exactly the two Gatus projects, from their own directories", () => {
    const configured = resourcesOf(control, TYPES.settings).map((s) => [
      s.properties.project,
      s.properties.sourceContext.git.repoDir,
    ]);
    expect(configured.sort()).toEqual(
      [
        [EPHEMERAL_PROJECT, "ephemeral"],
        [PERSISTENT_PROJECT, "persistent"],
      ].sort(),
    );
  });

  it("uses the configured organization, repository and branch, which match the persistent example", () => {
    const persistent = exampleConfig("persistent");
    expect(config.repository).toBe(persistent[`${PERSISTENT_PROJECT}:githubRepository`]);
    expect(config.organization).toBe(persistent[`${PERSISTENT_PROJECT}:pulumiOrganization`]);
    for (const s of resourcesOf(control, TYPES.settings)) {
      expect(s.properties.organization).toBe(config.organization);
      expect(s.properties.vcs.repository).toBe(config.repository);
      expect(s.properties.sourceContext.git.branch).toBe(`refs/heads/${String(config.branch)}`);
    }
  });

  it("reads the role ARNs from the persistent stack: preview role for persistent, deploy role for ephemeral", () => {
    const [reference] = resourcesOf(control, TYPES.stackReference);
    expect(reference?.properties.name).toBe(
      `${org}/${PERSISTENT_PROJECT}/${String(config.persistentStack)}`,
    );
    const roleOf = (project: string) => settingsOf(project).operationContext.oidc.aws.roleARN;
    expect(roleOf(PERSISTENT_PROJECT)).toEqual({
      stackOutput: { resource: reference?.name, key: "previewRoleArn" },
    });
    expect(roleOf(EPHEMERAL_PROJECT)).toEqual({
      stackOutput: { resource: reference?.name, key: "deployRoleArn" },
    });
    // Both are keys of the typed persistent → ephemeral contract, so they cannot be renamed silently.
    expect(CONTRACT_KEYS).toEqual(expect.arrayContaining(["previewRoleArn", "deployRoleArn"]));
  });

  it("no push deploys anything: GitHub Actions owns the approval gate", () => {
    for (const s of resourcesOf(control, TYPES.settings)) {
      expect(s.properties.vcs.deployCommits, s.name).toBe(false);
      expect(s.properties.vcs.pullRequestTemplate ?? false, s.name).toBe(false);
    }
  });

  it("ephemeral never previews pull requests (PR code would run with the deploy role); persistent follows config", () => {
    const raw = parse(projectText) as {
      resources: Record<string, { properties?: { vcs?: { previewPullRequests?: unknown } } }>;
    };
    // A literal, not a config reference: no stack setting can switch it on.
    expect(raw.resources.ephemeralSettings?.properties?.vcs?.previewPullRequests).toBe(false);
    expect(settingsOf(EPHEMERAL_PROJECT).vcs.previewPullRequests).toBe(false);
    expect(settingsOf(PERSISTENT_PROJECT).vcs.previewPullRequests).toBe(config.previewPullRequests);
    expect(control.doc.config.previewPullRequests?.default).toBe(false);
    const on = load(projectText, `${exampleText}  gatus-control:previewPullRequests: true\n`);
    const previews = Object.fromEntries(
      resourcesOf(on, TYPES.settings).map((s) => [
        s.properties.project,
        s.properties.vcs.previewPullRequests,
      ]),
    );
    expect(previews).toEqual({ [PERSISTENT_PROJECT]: true, [EPHEMERAL_PROJECT]: false });
  });

  it("installs the root package-lock.json with npm ci instead of the executor's install in repoDir", () => {
    expect(existsSync(path.join(REPO_ROOT, "package-lock.json"))).toBe(true);
    for (const s of resourcesOf(control, TYPES.settings)) {
      const { options, preRunCommands } = s.properties.operationContext;
      // The reason: the projects have no package.json of their own.
      expect(
        existsSync(path.join(REPO_ROOT, s.properties.sourceContext.git.repoDir, "package.json")),
      ).toBe(false);
      expect(options.skipInstallDependencies).toBe(true);
      expect(preRunCommands).toEqual([
        'cd "$(git rev-parse --show-toplevel)" && npm ci --no-audit --no-fund',
      ]);
    }
  });

  it("a destroy through Deployments keeps the ephemeral stack (and its config) for the next update", () => {
    expect(settingsOf(EPHEMERAL_PROJECT).operationContext.options.deleteAfterDestroy).toBe(false);
  });

  it("session names use only documented placeholders and characters STS accepts", () => {
    const documented = [
      "organization.name",
      "project.name",
      "stack.name",
      "deployment.version",
      "deployment.id",
    ];
    for (const s of resourcesOf(control, TYPES.settings)) {
      const name = s.properties.operationContext.oidc.aws.sessionName;
      const placeholders = [...name.matchAll(/\$\{([^}]+)\}/g)].map((m) => m[1]);
      expect(placeholders.length).toBeGreaterThan(0);
      for (const p of placeholders) expect(documented).toContain(p);
      expect(name.replace(/\$\{[^}]+\}/g, "x")).toMatch(/^[\w+=,.@-]{2,64}$/);
    }
  });
});

describe("root Pulumi.yaml: the morning re-create and the cascade", () => {
  const schedules = resourcesOf(control, TYPES.schedule);

  it("schedules nothing against persistent and no destroy at all (teardown.yml owns it)", () => {
    expect(schedules.filter((s) => s.properties.project !== EPHEMERAL_PROJECT)).toEqual([]);
    expect(schedules.filter((s) => s.properties.pulumiOperation === "destroy")).toEqual([]);
    expect(resourcesOf(control, TYPES.drift)).toEqual([]);
    // Their config keys went with them: a leftover key would look like a working switch.
    expect(Object.keys(control.doc.config)).not.toContain("destroyCron");
    expect(Object.keys(control.doc.config)).not.toContain("driftCron");
  });

  it("the morning schedule re-creates the ephemeral stack with an update", () => {
    const creates = schedules.filter((s) => s.properties.pulumiOperation === "update");
    expect(creates.map((s) => s.properties)).toEqual([
      {
        organization: org,
        project: EPHEMERAL_PROJECT,
        stack: config.ephemeralStack,
        scheduleCron: config.createCron,
        pulumiOperation: "update",
      },
    ]);
  });

  it("every schedule and webhook waits for the settings of the stack it runs", () => {
    const dependsOn = (r: { options: { dependsOn: { resourceRef: string }[] } }) =>
      r.options.dependsOn.map((d) => d.resourceRef);
    const settingsName = (project: string) =>
      resourcesOf(control, TYPES.settings).find((s) => s.properties.project === project)?.name;
    for (const s of [...schedules, ...resourcesOf(control, TYPES.drift)]) {
      expect(dependsOn(s), s.name).toContain(settingsName(s.properties.project));
    }
    for (const w of resourcesOf(control, TYPES.webhook)) {
      expect(dependsOn(w)).toEqual(
        expect.arrayContaining([settingsName(PERSISTENT_PROJECT), settingsName(EPHEMERAL_PROJECT)]),
      );
    }
  });

  it("the cascade is one persistent → ephemeral edge on update_succeeded, off unless configured", () => {
    const webhooks = resourcesOf(control, TYPES.webhook);
    for (const w of webhooks) {
      expect(w.properties).toMatchObject({
        organizationName: org,
        projectName: PERSISTENT_PROJECT,
        stackName: config.persistentStack,
        format: "pulumi_deployments",
        payloadUrl: `${EPHEMERAL_PROJECT}/${String(config.ephemeralStack)}`,
        filters: ["update_succeeded"],
        active: config.cascadeOnPersistentUpdate,
      });
    }
    expect(control.doc.config.cascadeOnPersistentUpdate?.default).toBe(false);
    const on = load(projectText, `${exampleText}  gatus-control:cascadeOnPersistentUpdate: true\n`);
    expect(resourcesOf(on, TYPES.webhook).map((w) => w.properties.active)).toEqual([true]);
  });
});
