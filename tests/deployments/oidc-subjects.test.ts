import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { PERSISTENT_PROJECT } from "../../persistent/config";
import {
  DEPLOY_PULUMI_OPERATIONS,
  PREVIEW_PULUMI_OPERATIONS,
  pulumiDeploymentsSubject,
  type PulumiOperation,
} from "../../persistent/trust";
import type { Graph, RecordedResource } from "../engine/run-program";
import { asList, jsonInput, ofType, type IamStatement } from "../helpers/graph";
import { runPersistent } from "../persistent/run";
import {
  CONTROL_EXAMPLE_FILE,
  CONTROL_PROJECT_FILE,
  loadControlProject,
  resourcesOf,
  TYPES,
  type ControlProject,
} from "./control-project";
import { plannedRuns, subjectProblems } from "./oidc";

/**
 * The subjects Pulumi Deployments will present are computed from the control project; the
 * subjects the roles trust are read from the persistent program's own trust policies, run under
 * the mock engine with the control project's organization and stack names. Nothing is copied.
 */

const projectText = readFileSync(CONTROL_PROJECT_FILE, "utf8");
// The example config with every optional run switched on: turning one on later must not need
// new trust.
const exampleText = `${readFileSync(CONTROL_EXAMPLE_FILE, "utf8")}
  gatus-control:previewPullRequests: true
  gatus-control:cascadeOnPersistentUpdate: true
`;
const control = loadControlProject({ project: projectText, stackConfig: exampleText });
const org = String(control.config.organization);
const persistentStack = String(control.config.persistentStack);
const ephemeralStack = String(control.config.ephemeralStack);

let graph: Graph;
let trusted: Record<string, string[]>;

/** The role whose ARN a persistent stack output carries (mock ARNs end in role/<name>). */
function roleForOutput(key: string): RecordedResource {
  const arn = graph.outputs[key];
  const role = ofType(graph, "aws:iam/role:Role").find(
    (r) => typeof arn === "string" && arn.endsWith(`:role/${String(r.inputs.name)}`),
  );
  if (!role) throw new Error(`no role for persistent output ${key} (${String(arn)})`);
  return role;
}

function deploymentsSubjects(role: RecordedResource): string[] {
  return jsonInput<{ Statement: IamStatement[] }>(role, "assumeRolePolicy")
    .Statement.flatMap((s) =>
      Object.entries(s.Condition?.StringEquals ?? {})
        .filter(([key]) => key.endsWith(":sub"))
        .flatMap(([, value]) => asList(value)),
    )
    .filter((subject) => subject.startsWith("pulumi:deploy:"));
}

beforeAll(async () => {
  graph = await runPersistent(
    {
      [`${PERSISTENT_PROJECT}:pulumiOrganization`]: org,
      [`${PERSISTENT_PROJECT}:ephemeralStack`]: ephemeralStack,
    },
    { stack: persistentStack },
  );
  const keys = resourcesOf(control, TYPES.settings).map(
    (s) => s.properties.operationContext.oidc.aws.roleARN.stackOutput.key,
  );
  trusted = Object.fromEntries(keys.map((key) => [key, deploymentsSubjects(roleForOutput(key))]));
});

describe("Pulumi Deployments OIDC subjects vs the persistent roles' trust", () => {
  it("every run the control project causes presents a subject its stack's role trusts, and vice versa", () => {
    expect(subjectProblems(control, trusted)).toEqual([]);
  });

  it("lists the runs and subjects it checked (so a silently empty check cannot pass)", () => {
    const subjects = plannedRuns(control).map((run) => pulumiDeploymentsSubject(run));
    const subject = (project: string, stack: string, operation: PulumiOperation) =>
      pulumiDeploymentsSubject({ organization: org, project, stack, operation });
    // destroy: the manual "stop the meter" (no schedule destroys through Deployments any more).
    expect([...new Set(subjects)].sort()).toEqual(
      [
        subject("gatus-ephemeral", ephemeralStack, "destroy"),
        subject("gatus-ephemeral", ephemeralStack, "update"),
        subject(PERSISTENT_PROJECT, persistentStack, "preview"),
      ].sort(),
    );
  });

  it("the deploy role trusts the ephemeral stack's update and destroy; the preview role persistent's preview", () => {
    expect([...(trusted.deployRoleArn ?? [])].sort()).toEqual(
      DEPLOY_PULUMI_OPERATIONS.map((operation) =>
        pulumiDeploymentsSubject({
          organization: org,
          project: "gatus-ephemeral",
          stack: ephemeralStack,
          operation,
        }),
      ).sort(),
    );
    expect([...(trusted.previewRoleArn ?? [])].sort()).toEqual(
      PREVIEW_PULUMI_OPERATIONS.map((operation) =>
        pulumiDeploymentsSubject({
          organization: org,
          project: PERSISTENT_PROJECT,
          stack: persistentStack,
          operation,
        }),
      ).sort(),
    );
  });

  it("each session lasts no longer than its role allows", () => {
    const seconds = (duration: string) => {
      const [, h = "0", m = "0", s = "0"] =
        /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(duration) ?? [];
      return Number(h) * 3600 + Number(m) * 60 + Number(s);
    };
    for (const s of resourcesOf(control, TYPES.settings)) {
      const { duration, roleARN } = s.properties.operationContext.oidc.aws;
      const max = Number(roleForOutput(roleARN.stackOutput.key).inputs.maxSessionDuration ?? 3600);
      expect(seconds(duration ?? "1h"), s.name).toBeLessThanOrEqual(max);
    }
  });
});

describe("trust nothing runs fails the check", () => {
  it.each([
    ["gatus-ephemeral", () => ephemeralStack, "deployRoleArn", "preview"],
    ["gatus-ephemeral", () => ephemeralStack, "deployRoleArn", "refresh"],
    [PERSISTENT_PROJECT, () => persistentStack, "previewRoleArn", "refresh"],
  ] as const)("%s %s trusted for %s", (project, stack, output, operation) => {
    const extra = pulumiDeploymentsSubject({
      organization: org,
      project,
      stack: stack(),
      operation,
    });
    const problems = subjectProblems(control, {
      ...trusted,
      [output]: [...(trusted[output] ?? []), extra],
    });
    expect(problems.join("\n")).toContain(
      `trusts "${extra}", but no run of the control project presents it`,
    );
  });
});

describe("a mutated control project fails the check", () => {
  const mutated = (project: string, stackConfig = exampleText): ControlProject =>
    loadControlProject({ project, stackConfig });
  const withResource = (name: string, block: string) => {
    const doc = parse(projectText) as { resources: Record<string, unknown> };
    return JSON.stringify({ ...doc, resources: { ...doc.resources, [name]: parse(block) } });
  };

  it.each([
    [
      "ephemeral settings and schedules on another stack",
      () => mutated(projectText.replace(/\$\{ephemeralStack\}/g, "staging")),
      /stack:staging:operation:(destroy|update)/,
    ],
    [
      "an ephemeral stack name in config that persistent does not trust",
      () =>
        mutated(
          projectText,
          exampleText.replace(
            "gatus-control:ephemeralStack: dev",
            "gatus-control:ephemeralStack: prod",
          ),
        ),
      /stack:prod:operation:/,
    ],
    [
      "another organization",
      () =>
        mutated(
          projectText,
          exampleText.replace(
            "gatus-control:organization: acme",
            "gatus-control:organization: other",
          ),
        ),
      /org:other:/,
    ],
    [
      "the roles swapped between the two settings",
      () =>
        mutated(
          projectText
            .replace('outputs["previewRoleArn"]', "SWAP")
            .replace('outputs["deployRoleArn"]', 'outputs["previewRoleArn"]')
            .replace("SWAP", 'outputs["deployRoleArn"]'),
        ),
      /does not trust/,
    ],
    [
      "a destroy schedule on persistent",
      () =>
        mutated(
          withResource(
            "persistentEveningDestroy",
            "{type: pulumiservice:index:DeploymentSchedule, properties: {organization: acme, project: gatus-persistent, stack: dev, scheduleCron: '0 20 * * *', pulumiOperation: destroy}, options: {dependsOn: ['${persistentSettings}']}}",
          ),
        ),
      /persistentEveningDestroy: destroy on acme\/gatus-persistent\/dev/,
    ],
    [
      "drift remediation (an update with the read-only role)",
      () =>
        mutated(
          withResource(
            "persistentDriftDetection",
            "{type: pulumiservice:index:DriftSchedule, properties: {organization: acme, project: gatus-persistent, stack: dev, scheduleCron: '17 6 * * 1-5', autoRemediate: true}, options: {dependsOn: ['${persistentSettings}']}}",
          ),
        ),
      /remediation\): update on acme\/gatus-persistent/,
    ],
    [
      "a cascade that targets a stack without settings",
      () =>
        mutated(
          projectText.replace(
            "payloadUrl: gatus-ephemeral/${ephemeralStack}",
            "payloadUrl: gatus-ephemeral/qa",
          ),
        ),
      /no DeploymentSettings for acme\/gatus-ephemeral\/qa/,
    ],
  ])("%s", (_case, build, problem) => {
    const problems = subjectProblems(build(), trusted);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join("\n")).toMatch(problem);
  });
});

describe("a role that trusts too little fails the check", () => {
  it("a deploy role without destroy would deny the README's manual stop-the-meter run", () => {
    const withoutDestroy = {
      ...trusted,
      deployRoleArn: (trusted.deployRoleArn ?? []).filter(
        (s) => !s.includes(":operation:destroy:"),
      ),
    };
    expect(subjectProblems(control, withoutDestroy).join("\n")).toMatch(
      /manual destroy: destroy on acme\/gatus-ephemeral\/dev presents .* does not trust/,
    );
  });
});
