import { beforeAll, describe, expect, it } from "vitest";
import { MANAGED_POLICY_MAX_CHARS } from "../../persistent/policy-documents";
import type { Graph } from "../engine/run-program";
import { ofType } from "../helpers/graph";
import { runPersistent } from "../persistent/run";
import { DEPLOY_WORKFLOWS } from "../../persistent/trust";
import { emittedPolicies, trustPolicy } from "./emitted";
import { grantsEveryone, policyProblems } from "./policy-checks";

// Every optional part on (Pulumi Deployments trust, the alarm topic): every document is emitted.
let graph: Graph;
beforeAll(async () => {
  graph = await runPersistent();
});

describe("the deploy role's trust", () => {
  it("pins each GitHub environment to the workflow file that deploys from it (job_workflow_ref)", () => {
    const gh = "token.actions.githubusercontent.com";
    const statements = trustPolicy(graph, "gatus-dev-deploy").Statement.map(
      (s) => s.Condition?.StringEquals ?? {},
    );
    const github = statements.filter((c) => `${gh}:sub` in c);
    expect(github.map((c) => [c[`${gh}:sub`], c[`${gh}:job_workflow_ref`]])).toEqual([
      [
        [
          "repo:acme/gatus-fargate:environment:production",
          "repo:acme@1234567/gatus-fargate@987654321:environment:production",
        ],
        `acme/gatus-fargate/${DEPLOY_WORKFLOWS.deploy}@refs/heads/main`,
      ],
      [
        [
          "repo:acme/gatus-fargate:environment:teardown",
          "repo:acme@1234567/gatus-fargate@987654321:environment:teardown",
        ],
        `acme/gatus-fargate/${DEPLOY_WORKFLOWS.teardown}@refs/heads/main`,
      ],
    ]);
  });
});

describe("every policy document the persistent program emits, against AWS's IAM reference", () => {
  it("is found: role trusts, managed and inline role policies, key policies, the topic policy", () => {
    const kinds = new Set(emittedPolicies(graph).map((p) => p.where.split(" ")[0]));
    expect([...kinds].sort()).toEqual([
      "aws:iam/policy:Policy",
      "aws:iam/role:Role",
      "aws:iam/rolePolicy:RolePolicy",
      "aws:kms/key:Key",
      "aws:sns/topicPolicy:TopicPolicy",
    ]);
  });

  it("names only real actions, keys AWS evaluates for them, ARNs of their resource types, and '*' exactly where AWS requires it", async () => {
    const problems = (await Promise.all(emittedPolicies(graph).map(policyProblems))).flat();
    expect(problems).toEqual([]);
  });

  it('lets no resource policy or trust name every principal ("*")', () => {
    const everyone = emittedPolicies(graph).flatMap((p) =>
      p.document.Statement.filter(grantsEveryone).map((s) => `${p.where} ${s.Sid ?? ""}`),
    );
    expect(everyone).toEqual([]);
  });

  it("allows only: no Deny statement (the simulation relies on it)", () => {
    const effects = emittedPolicies(graph)
      .filter((p) => p.kind === "identity")
      .flatMap((p) => p.document.Statement.map((s) => s.Effect));
    expect(new Set(effects)).toEqual(new Set(["Allow"]));
  });

  it("fit the roles: each managed policy within IAM's size limit, at most 10 per role", () => {
    const policies = ofType(graph, "aws:iam/policy:Policy");
    for (const policy of policies)
      expect(String(policy.inputs.policy).length, policy.name).toBeLessThanOrEqual(
        MANAGED_POLICY_MAX_CHARS,
      );
    for (const role of ["preview", "deploy"]) {
      const count = policies.filter((p) => p.name.startsWith(`${role}-`)).length;
      expect(count, role).toBeGreaterThan(0);
      expect(count, role).toBeLessThanOrEqual(10);
    }
  });
});
