import { beforeAll, describe, expect, it } from "vitest";
import { KEY_ADMINISTRATION_ACTIONS } from "../../persistent/kms";
import type { Graph } from "../engine/run-program";
import { asList, type IamStatement } from "../helpers/graph";
import { runPersistent } from "./run";

// Every input that holds a policy document: IAM policies, role trust, key and topic policies.
const POLICY_INPUTS = ["policy", "assumeRolePolicy"];

let graph: Graph;
beforeAll(async () => {
  graph = await runPersistent();
});

function policyDocuments(g: Graph): { where: string; statements: IamStatement[] }[] {
  return g.resources.flatMap((r) =>
    POLICY_INPUTS.filter(
      (key) => typeof r.inputs[key] === "string" && String(r.inputs[key]).includes('"Statement"'),
    ).map((key) => ({
      where: `${r.type} ${r.name}.${key}`,
      statements: (JSON.parse(String(r.inputs[key])) as { Statement: IamStatement[] }).Statement,
    })),
  );
}

const wildcardActions = (statements: IamStatement[]) =>
  statements
    .flatMap((s) => asList(s.Action))
    .filter((a) => a === "*" || /^[A-Za-z0-9-]+:\*$/.test(a));

describe("policy documents anywhere in the persistent stack", () => {
  it("are found on IAM policies, roles, KMS keys and the SNS topic", () => {
    const where = policyDocuments(graph).map((d) => d.where.split(" ")[0]);
    for (const type of [
      "aws:iam/policy:Policy",
      "aws:iam/role:Role",
      "aws:iam/rolePolicy:RolePolicy",
      "aws:kms/key:Key",
      "aws:sns/topicPolicy:TopicPolicy",
    ]) {
      expect(where).toContain(type);
    }
  });

  it("grant no '*' or 'service:*' action", () => {
    for (const { where, statements } of policyDocuments(graph))
      expect(wildcardActions(statements), where).toEqual([]);
  });

  it("the check catches a key policy that grants kms:*", () => {
    expect(wildcardActions([{ Effect: "Allow", Action: "kms:*", Resource: "*" }])).toEqual([
      "kms:*",
    ]);
    expect(
      wildcardActions([{ Effect: "Allow", Action: ["s3:GetObject", "*"], Resource: "*" }]),
    ).toEqual(["*"]);
  });

  it("every customer-managed key keeps the account able to administer it (no lockout)", () => {
    const keys = graph.resources.filter((r) => r.type === "aws:kms/key:Key");
    expect(keys.map((k) => k.name).sort()).toEqual(["alarms", "data", "ecr"]);
    for (const key of keys) {
      const statements = (JSON.parse(String(key.inputs.policy)) as { Statement: IamStatement[] })
        .Statement;
      const admin = statements.find((s) => s.Principal?.AWS === "arn:aws:iam::123456789012:root");
      expect(asList(admin?.Action)).toEqual([...KEY_ADMINISTRATION_ACTIONS]);
      expect(asList(admin?.Action)).toEqual(
        expect.arrayContaining(["kms:Put*", "kms:ScheduleKeyDeletion", "kms:Create*"]),
      );
    }
  });
});
