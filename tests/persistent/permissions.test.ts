import { describe, expect, it } from "vitest";
import { EPHEMERAL_MANIFEST, STACK_TAG_KEY, type ScopeContext } from "../../persistent/permissions";
import {
  MANAGED_POLICY_MAX_CHARS,
  deployStatements,
  packStatements,
  policyJson,
  previewStatements,
  type PolicyStatement,
} from "../../persistent/policy-documents";

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
const isRead = (action: string) => /^[a-z0-9-]+:(Describe|List|Get|BatchGet)/.test(action);
// The only mutating actions AWS accepts solely on "*" (ECS has no resource-level permission for them).
const UNSCOPABLE_WRITES = ["ecs:DeregisterTaskDefinition", "ecs:RegisterTaskDefinition"];

describe("permission manifest", () => {
  it("lists each resource type once", () => {
    const types = EPHEMERAL_MANIFEST.map((e) => e.type);
    expect(new Set(types).size).toBe(types.length);
  });

  it.each([
    ["ec2:ModifySubnetAttribute", "subnet attributes are set after CreateSubnet"],
    ["route53:GetChange", "record changes are awaited"],
    ["wafv2:CreateWebACL", "the web ACL"],
    ["wafv2:AssociateWebACL", "the ALB association"],
    ["cloudwatch:PutMetricAlarm", "alarms"],
    ["elasticloadbalancing:ModifyTargetGroup", "health-check changes"],
    ["ecs:UpdateService", "rolling deploys"],
    ["logs:PutRetentionPolicy", "log retention"],
  ])(
    "covers %s (%s), which the Terraform original discovered one failed apply at a time",
    (action) => {
      expect(statementsWith(action).length).toBeGreaterThan(0);
    },
  );

  it("never grants a '*' or 'service:*' action", () => {
    const actions = [...deploy, ...previewStatements()].flatMap((s) => s.Action);
    expect(actions.filter((a) => a === "*" || a.endsWith(":*"))).toEqual([]);
  });

  it("scopes every mutating action to resources, except those AWS cannot scope", () => {
    const unscoped = deploy
      .filter((s) => s.Resource.includes("*"))
      .flatMap((s) => s.Action)
      .filter((a) => !isRead(a));
    expect(unscoped.sort()).toEqual(UNSCOPABLE_WRITES);
  });

  it("explains every grant broader than the stack's own resources", () => {
    for (const entry of EPHEMERAL_MANIFEST) {
      for (const grant of entry.write) {
        if (grant.resources(scope).includes("*")) expect(grant.why, entry.type).toBeTruthy();
      }
    }
  });

  it("requires the stack tag for every EC2 action that changes or deletes an existing resource", () => {
    const destructive = /^ec2:(Delete|Modify|Revoke|Disassociate|Detach|Replace|Release)/;
    for (const statement of deploy.filter((s) => s.Action.some((a) => destructive.test(a)))) {
      expect(statement.Condition, statement.Sid).toEqual({
        StringEquals: { [`aws:ResourceTag/${STACK_TAG_KEY}`]: "gatus-dev" },
      });
    }
  });

  it("scopes load balancer, ECS, log and alarm writes to the stack's name prefix", () => {
    const prefixed = deploy.filter((s) =>
      s.Action.some((a) => /^(elasticloadbalancing|logs|cloudwatch):/.test(a) && !isRead(a)),
    );
    expect(prefixed.length).toBeGreaterThan(3);
    for (const statement of prefixed) {
      for (const resource of statement.Resource)
        expect(resource, statement.Sid).toContain("gatus-dev-");
    }
  });

  it("passes only the task roles, only to ECS tasks", () => {
    const [passRole, ...others] = statementsWith("iam:PassRole");
    expect(others).toEqual([]);
    expect(passRole?.Resource.sort()).toEqual([...scope.passRoleArns].sort());
    expect(passRole?.Condition).toEqual({
      StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" },
    });
  });

  it("gives the preview role reads only", () => {
    const actions = previewStatements().flatMap((s) => s.Action);
    expect(actions.length).toBeGreaterThan(40);
    expect(actions.filter((a) => !isRead(a))).toEqual([]);
  });
});

describe("policy documents", () => {
  it("fit IAM's managed-policy size limit", () => {
    for (const group of packStatements(deploy)) {
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
