// Trust agreement: the OIDC subject each role-assuming job will present, derived from the
// workflow files, against the roles' trust computed by persistent/trust.ts from the test stack's
// configuration's defaults. A job whose subject its role does not trust would fail at STS; a
// trusted subject no job uses is trust nobody needs.
import { describe, expect, it } from "vitest";
import {
  PERSISTENT_PROJECT,
  parsePersistentConfig,
  type PersistentConfig,
} from "../../persistent/config";
import { githubSubjects } from "../../persistent/trust";
import { TEST_REGION, TEST_STACK, testConfig } from "../helpers/test-stacks";
import { UNPREDICTABLE, checkTrustAgreement, roleUses, subjectContexts, trustModel } from "./trust";
import { clone, job, loadRepo, parseWorkflow, workflow, type Repo } from "./workflows";
import { projectKeys } from "../../persistent/lib/stack-config";

/** The test stack's configuration, with every default filled in by the real parser. */
function testDefaults(): PersistentConfig {
  const raw = projectKeys(testConfig("persistent"), PERSISTENT_PROJECT);
  return parsePersistentConfig(raw, { stack: TEST_STACK, region: TEST_REGION });
}

const repo = loadRepo();
const config = testDefaults();
const model = trustModel(config);
const check = (r: Repo, m = model) => checkTrustAgreement(roleUses(r, config.defaultBranch), m);

function mutated(change: (r: Repo) => void): Repo {
  const copy = clone(repo);
  change(copy);
  return copy;
}

describe("trust agreement between the workflows and the IAM roles", () => {
  it("uses the defaults the workflows are written for", () => {
    expect(config).toMatchObject({
      defaultBranch: "main",
      deployEnvironment: "production",
      teardownEnvironment: "teardown",
    });
    // The test config enables the ID-based subjects too: both formats are checked below.
    expect(githubSubjects(model.repository, "pull_request")).toHaveLength(2);
  });

  it("derives each role-assuming job's subject the way GitHub builds it", () => {
    const uses = roleUses(repo, config.defaultBranch).map(({ workflow: _file, ...use }) => use);
    expect(uses).toEqual([
      { where: "cd.yml job preview", role: "preview", contexts: ["ref:refs/heads/main"] },
      { where: "cd.yml job deploy", role: "deploy", contexts: ["environment:production"] },
      { where: "drift.yml job persistent", role: "drift", contexts: ["ref:refs/heads/main"] },
      { where: "preview.yml job preview", role: "preview", contexts: ["pull_request"] },
      { where: "preview.yml job preview", role: "preview", contexts: ["pull_request"] },
      { where: "teardown.yml job destroy", role: "deploy", contexts: ["environment:teardown"] },
    ]);
  });

  it("each role trusts exactly the subjects of the jobs that use it, and no job is refused", () => {
    expect(model.contexts).toEqual({
      preview: ["pull_request", "ref:refs/heads/main"],
      deploy: ["environment:production", "environment:teardown"],
      drift: ["ref:refs/heads/main"],
    });
    expect(check(repo)).toEqual([]);
  });

  it("fails when the deploy job loses its environment (it would present the main ref)", () => {
    const broken = mutated((r) => {
      delete job(r, "cd.yml", "deploy").environment;
    });
    expect(check(broken)).toEqual([
      expect.stringMatching(
        /^cd.yml job deploy: presents repo:acme\/gatus-fargate:ref:refs\/heads\/main \/ repo:acme@1234567\/gatus-fargate@987654321:ref:refs\/heads\/main, which the deploy role does not trust/,
      ),
      "the deploy role trusts environment:production, but no workflow job uses it from there",
    ]);
  });

  it("fails when a read-only job is put in an environment, or uses the wrong role", () => {
    const planInEnvironment = mutated((r) => {
      job(r, "cd.yml", "preview").environment = "production";
    });
    expect(check(planInEnvironment).join("\n")).toMatch(
      /cd.yml job preview: presents .*environment:production.*, which the preview role does not trust/,
    );
    const teardownWithPreviewRole = mutated((r) => {
      const step = job(r, "teardown.yml", "destroy").steps.find((s) =>
        s.uses?.startsWith("aws-actions/configure-aws-credentials@"),
      );
      if (step?.with) step.with["role-to-assume"] = "${{ vars.AWS_PREVIEW_ROLE_ARN }}";
    });
    expect(check(teardownWithPreviewRole)).toEqual([
      expect.stringMatching(
        /^teardown.yml job destroy: presents .*environment:teardown.*preview role/,
      ),
      "the deploy role trusts environment:teardown, but no workflow job uses it from there",
    ]);
    const literalArn = mutated((r) => {
      const step = job(r, "drift.yml", "persistent").steps.find((s) =>
        s.uses?.startsWith("aws-actions/configure-aws-credentials@"),
      );
      if (step?.with) step.with["role-to-assume"] = "arn:aws:iam::123456789012:role/admin";
    });
    expect(check(literalArn)).toEqual([
      "drift.yml job persistent: role-to-assume must be one of vars.AWS_PREVIEW_ROLE_ARN, vars.AWS_DEPLOY_ROLE_ARN, vars.AWS_DRIFT_ROLE_ARN",
      "the drift role trusts ref:refs/heads/main, but no workflow job uses it from there",
    ]);
  });

  it("fails when a manual run could come from any branch", () => {
    const unguarded = mutated((r) => {
      delete job(r, "drift.yml", "persistent").if;
    });
    expect(check(unguarded).join("\n")).toMatch(
      new RegExp(`drift.yml job persistent: presents .*${UNPREDICTABLE.replace(/[*/]/g, "\\$&")}`),
    );
  });

  it("fails when the roles' trust and the workflows disagree", () => {
    // A trust without the main ref refuses the CD preview and the drift check.
    const noMainRef = {
      ...model,
      contexts: { ...model.contexts, preview: ["pull_request"], drift: [] },
    };
    expect(check(repo, noMainRef)).toEqual([
      expect.stringMatching(/^cd.yml job preview: presents .*ref:refs\/heads\/main/),
      expect.stringMatching(/^drift.yml job persistent: presents .*ref:refs\/heads\/main/),
    ]);
    // A deploy environment renamed in config but not in the workflows.
    const renamed = trustModel({ ...config, deployEnvironment: "prod" });
    expect(check(repo, renamed).join("\n")).toMatch(
      /cd.yml job deploy: presents .*environment:production/,
    );
    // Over-broad trust: admitting a context no job uses.
    const extra = {
      ...model,
      contexts: { ...model.contexts, deploy: [...model.contexts.deploy, "ref:refs/heads/main"] },
    };
    expect(check(repo, extra)).toEqual([
      "the deploy role trusts ref:refs/heads/main, but no workflow job uses it from there",
    ]);
  });

  it("fails when the drift role is assumed from a pull request, an environment or another workflow", () => {
    const driftStep = (r: Repo, file: string, id: string) => {
      const step = job(r, file, id).steps.find((s) =>
        s.uses?.startsWith("aws-actions/configure-aws-credentials@"),
      );
      if (step?.with) step.with["role-to-assume"] = "${{ vars.AWS_DRIFT_ROLE_ARN }}";
    };
    // The PR preview: another file, and the pull_request subject.
    const fromPullRequest = mutated((r) => driftStep(r, "preview.yml", "preview"));
    expect(check(fromPullRequest)).toEqual(
      expect.arrayContaining([
        "preview.yml job preview: the drift role trusts only .github/workflows/drift.yml (job_workflow_ref), so STS refuses this job",
        expect.stringMatching(
          /^preview.yml job preview: presents .*:pull_request, which the drift role does not trust/,
        ),
      ]),
    );
    // The CD preview presents the very subject the drift role trusts: only the pin refuses it.
    const fromCdPreview = mutated((r) => driftStep(r, "cd.yml", "preview"));
    expect(check(fromCdPreview)).toEqual([
      "cd.yml job preview: the drift role trusts only .github/workflows/drift.yml (job_workflow_ref), so STS refuses this job",
      "the preview role trusts ref:refs/heads/main, but no workflow job uses it from there",
    ]);
    const inEnvironment = mutated((r) => {
      job(r, "drift.yml", "persistent").environment = "production";
    });
    expect(check(inEnvironment).join("\n")).toMatch(
      /drift.yml job persistent: presents .*environment:production.*, which the drift role does not trust/,
    );
  });

  it("models GitHub's subject rules for every trigger the workflows use", () => {
    const wf = (on: string) =>
      parseWorkflow(
        "x.yml",
        `name: X\non:\n${on}\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: "true"\n`,
      ).doc;
    const contexts = (on: string, extra: Record<string, unknown> = {}) => {
      const doc = wf(on);
      const j = { ...doc.jobs.a, ...extra } as NonNullable<(typeof doc.jobs)[string]>;
      return subjectContexts(doc, j, "main");
    };
    expect(contexts("  pull_request:")).toEqual(["pull_request"]);
    expect(contexts("  push:\n    branches: [main, release]")).toEqual([
      "ref:refs/heads/main",
      "ref:refs/heads/release",
    ]);
    expect(contexts("  push:\n    branches: ['release/*']")).toEqual([UNPREDICTABLE]);
    expect(contexts("  workflow_run:\n    workflows: [CI]")).toEqual(["ref:refs/heads/main"]);
    expect(contexts("  schedule:\n    - cron: '0 0 * * *'")).toEqual(["ref:refs/heads/main"]);
    expect(contexts("  workflow_dispatch:")).toEqual([UNPREDICTABLE]);
    expect(contexts("  workflow_dispatch:", { if: "github.ref == 'refs/heads/main'" })).toEqual([
      "ref:refs/heads/main",
    ]);
    expect(
      contexts("  pull_request:\n  schedule:\n    - cron: '0 0 * * *'", {
        environment: "teardown",
      }),
    ).toEqual(["environment:teardown"]);
    expect(contexts("  pull_request_target:")).toEqual(["unmodelled-event:pull_request_target"]);
    expect(workflow(repo, "cd.yml").doc.name).toBe("CD");
  });
});

describe("the deployed trust policies agree with the workflows", () => {
  // The model above is computed with persistent/trust.ts; this reads what the persistent
  // program actually puts into the roles' trust policies (under the mock engine).
  it("each role's GitHub subjects are exactly those its jobs present", async () => {
    const { runPersistent } = await import("../persistent/run.js");
    const graph = await runPersistent();
    const trustedGithubSubjects = (roleName: string) => {
      const role = graph.resources.find(
        (r) => r.type === "aws:iam/role:Role" && r.name === roleName,
      );
      const policy = JSON.parse(String(role?.inputs.assumeRolePolicy)) as {
        Statement: { Condition: { StringEquals: Record<string, string | string[]> } }[];
      };
      return policy.Statement.flatMap((s) =>
        [s.Condition.StringEquals["token.actions.githubusercontent.com:sub"] ?? []].flat(),
      ).sort();
    };
    const presented = (role: "preview" | "deploy" | "drift") =>
      [
        ...new Set(
          roleUses(repo, config.defaultBranch)
            .filter((use) => use.role === role)
            .flatMap((use) => use.contexts.flatMap((c) => githubSubjects(model.repository, c))),
        ),
      ].sort();
    expect(trustedGithubSubjects("preview")).toEqual(presented("preview"));
    expect(trustedGithubSubjects("deploy")).toEqual(presented("deploy"));
    expect(trustedGithubSubjects("drift")).toEqual(presented("drift"));
    expect(presented("deploy")).toHaveLength(4);
    expect(presented("drift")).toHaveLength(2);
  });
});
