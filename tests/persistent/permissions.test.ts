import { describe, expect, it } from "vitest";
import {
  EPHEMERAL_INVOKES,
  EPHEMERAL_MANIFEST,
  PERSISTENT_READS,
  STACK_TAG_KEY,
  type Grant,
  type ScopeContext,
} from "../../persistent/permissions";
import {
  DEPLOY_GRANTS,
  MANAGED_POLICY_MAX_CHARS,
  PREVIEW_GRANTS,
  deployStatements,
  packStatements,
  policyJson,
  previewStatements,
  type PolicyStatement,
} from "../../persistent/policy-documents";
import { alarmSpecs } from "../../ephemeral/alarms";
import { ALARM_IDS } from "../../persistent/permissions/names";
import { actionFacts } from "../iam/reference";

const scope: ScopeContext = {
  partition: "aws",
  region: "eu-west-2",
  accountId: "123456789012",
  resourcePrefix: "gatus-dev",
  hostedZoneId: "Z0123456789ABC",
  hostname: "status.example.com",
  ecrRepositoryArn: "arn:aws:ecr:eu-west-2:123456789012:repository/gatus-dev",
  passRoleArns: [
    "arn:aws:iam::123456789012:role/gatus-dev-task-exec",
    "arn:aws:iam::123456789012:role/gatus-dev-task",
  ],
};
const deploy = deployStatements(scope);
const statementsWith = (action: string) => deploy.filter((s) => s.Action.includes(action));
const allGrants = (grants: { read: readonly Grant[]; write: readonly Grant[] }) => [
  ...grants.read,
  ...grants.write,
];

describe("permission manifest", () => {
  it("lists each resource type once", () => {
    for (const entries of [EPHEMERAL_MANIFEST, EPHEMERAL_INVOKES, PERSISTENT_READS]) {
      const types = entries.map((e) => e.type);
      expect(new Set(types).size).toBe(types.length);
    }
  });

  it.each([
    ["ec2:ModifySubnetAttribute", "subnet attributes are set after CreateSubnet"],
    ["route53:GetChange", "record changes are awaited"],
    ["wafv2:CreateWebACL", "the web ACL"],
    ["wafv2:AssociateWebACL", "the ALB association"],
    ["cloudwatch:PutMetricAlarm", "alarms"],
    ["elasticloadbalancing:ModifyTargetGroup", "health-check changes"],
    ["ecs:UpdateService", "rolling deploys"],
  ])(
    "covers %s (%s), which the Terraform original discovered one failed apply at a time",
    (action) => {
      expect(statementsWith(action).length).toBeGreaterThan(0);
    },
  );

  it("never grants a '*' or 'service:*' action", () => {
    const actions = [...deploy, ...previewStatements(scope)].flatMap((s) => s.Action);
    expect(actions.filter((a) => a === "*" || a.endsWith(":*"))).toEqual([]);
  });

  it("explains every grant on '*' or on a whole resource type without a condition", () => {
    const broad = (g: Grant) =>
      g.condition === undefined &&
      g.resources(scope).some((r) => r === "*" || /:[a-z-]+\/\*$/.test(r));
    const unexplained = allGrants(DEPLOY_GRANTS)
      .concat(allGrants(PREVIEW_GRANTS))
      .filter((g) => broad(g) && !g.why)
      .map((g) => g.actions.join(", "));
    expect(unexplained).toEqual([]);
  });

  it("scopes every EC2 grant on resources by the stack tag, but the NAT gateway's interface", () => {
    const ec2 = deploy.filter(
      (s) => s.Action.some((a) => a.startsWith("ec2:")) && s.Resource[0] !== "*",
    );
    expect(ec2.length).toBeGreaterThan(10);
    for (const statement of ec2) {
      if (statement.Resource.every((r) => r.includes(":network-interface/"))) continue;
      const keys = Object.values(statement.Condition ?? {}).flatMap((block) => Object.keys(block));
      expect(keys, statement.Sid).toEqual(
        expect.arrayContaining([
          expect.stringMatching(new RegExp(`^aws:(Request|Resource)Tag/${STACK_TAG_KEY}$`)),
        ]),
      );
    }
  });

  it("names no resource by a prefix wildcard that a sibling stack's names would match", () => {
    const resources = [...deploy, ...previewStatements(scope)].flatMap((s) => s.Resource);
    expect(resources.filter((r) => r.includes("gatus-dev-*"))).toEqual([]);
  });

  it.each([false, true])(
    "names exactly the alarms the ephemeral program creates (the grants and the topic policy use them), Container Insights %s",
    (containerInsights) => {
      const program = alarmSpecs({
        clusterName: "c",
        serviceName: "s",
        loadBalancerArnSuffix: "app/a/1",
        targetGroupArnSuffix: "targetgroup/t/1",
        containerInsights,
      }).map((a) => a.id);
      expect([...ALARM_IDS].sort()).toEqual(program.sort());
    },
  );

  it("passes only the task roles, only to ECS tasks", () => {
    const [passRole, ...others] = statementsWith("iam:PassRole");
    expect(others).toEqual([]);
    expect(passRole?.Resource.sort()).toEqual([...scope.passRoleArns].sort());
    expect(passRole?.Condition).toEqual({
      StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" },
    });
  });

  it("gives the preview role nothing but Read and List actions (AWS's access levels)", async () => {
    const actions = [...new Set(previewStatements(scope).flatMap((s) => s.Action))];
    expect(actions.length).toBeGreaterThan(40);
    const levels = await Promise.all(
      actions.map(async (a) => [a, (await actionFacts(a))?.accessLevel]),
    );
    expect(levels.filter(([, level]) => level !== "Read" && level !== "List")).toEqual([]);
  });
});

describe("policy documents", () => {
  it("fit IAM's managed-policy size limit", () => {
    for (const group of [...packStatements(deploy), ...packStatements(previewStatements(scope))]) {
      expect(policyJson(group).length).toBeLessThanOrEqual(MANAGED_POLICY_MAX_CHARS);
    }
  });

  it("split into more documents when the limit is lower, losing no statement", () => {
    const groups = packStatements(deploy, 2500);
    expect(groups.length).toBeGreaterThan(packStatements(deploy).length);
    expect(groups.flat().map((s) => s.Sid)).toEqual(deploy.map((s) => s.Sid));
  });

  it("refuse a statement that cannot fit on its own instead of truncating it", () => {
    const huge: PolicyStatement = {
      Sid: "Huge",
      Effect: "Allow",
      Action: ["s3:GetObject"],
      Resource: ["x".repeat(7000)],
    };
    expect(() => packStatements([huge])).toThrow(/Huge alone exceeds 6144 characters/);
  });

  it("have stable, unique statement ids", () => {
    const sids = deploy.map((s) => s.Sid);
    expect(new Set(sids).size).toBe(sids.length);
    expect(deployStatements({ ...scope, hostedZoneId: "ZOTHER" }).map((s) => s.Sid)).toEqual(sids);
  });
});
