import { describe, expect, it } from "vitest";
import * as f from "./fixtures/resources";
import {
  iamNoServiceWildcardAction,
  iamNoWildcardAction,
  iamNoWildcardResourceForScopableActions,
  iamOidcAudience,
  iamOidcBoundedSubject,
  iamPassRoleCondition,
  iamTrustNoWildcardPrincipal,
  isReadOnlyAction,
  isStarOnlyAction,
  STAR_ONLY_ACTIONS,
} from "./rules/iam";
import { actionFacts } from "../iam/reference";

const GH_SUB = "token.actions.githubusercontent.com:sub";
const PULUMI_SUB = "api.pulumi.com/oidc:sub";
const PULUMI_AUD = { "api.pulumi.com/oidc:aud": "acme" };

// When the sub operator is StringEquals too, both claims share one block.
const audIf = (operator: string, aud: Record<string, string>) =>
  operator === "StringEquals" ? aud : {};

const githubRole = (operator: string, sub: string | string[]) =>
  f.role({
    assumeRolePolicy: f.policyDocument(
      f.githubTrust({
        StringEquals: f.GITHUB_AUD,
        [operator]: { ...audIf(operator, f.GITHUB_AUD), [GH_SUB]: sub },
      }),
    ),
  });

const pulumiRole = (operator: string, sub: string) =>
  f.role({
    assumeRolePolicy: f.policyDocument({
      Effect: "Allow",
      Principal: { Federated: f.PULUMI_PROVIDER_ARN },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: {
        StringEquals: PULUMI_AUD,
        [operator]: { ...audIf(operator, PULUMI_AUD), [PULUMI_SUB]: sub },
      },
    }),
  });

describe("OIDC trust: the sub claim must be bounded to this repository's contexts", () => {
  it.each([
    ["StringEquals", "repo:acme/gatus:environment:production"],
    ["StringEquals", "repo:acme/gatus:pull_request"],
    ["StringEquals", "repo:acme@123/gatus@456:ref:refs/heads/main"],
    ["StringLike", "repo:acme/gatus:ref:refs/heads/release/*"],
    ["StringLike", "repo:acme/gatus:environment:prod*"],
    ["StringLike", "repo:acme/gatus:pull_request"],
  ])("accepts %s %s", (operator, sub) => {
    expect(iamOidcBoundedSubject.check(githubRole(operator, sub))).toEqual([]);
  });

  it.each([
    ["StringLike", "*"],
    ["StringLike", "repo:acme/*"],
    ["StringLike", "repo:acme/gatus:*"],
    ["StringLike", "repo:acme/gatus:environment:*"],
    ["StringLike", "repo:*/gatus:pull_request"],
    ["StringEquals", "environment:production"],
    ["StringEquals", ""],
    ["StringEqualsIfExists", "repo:acme/gatus:pull_request"],
  ])("rejects %s %s", (operator, sub) => {
    expect(iamOidcBoundedSubject.check(githubRole(operator, sub))).toHaveLength(1);
  });

  it("rejects a trust whose list of subjects contains one unbounded value", () => {
    const role = githubRole("StringLike", ["repo:acme/gatus:pull_request", "repo:acme/gatus:*"]);
    expect(iamOidcBoundedSubject.check(role)[0]).toContain('"repo:acme/gatus:*"');
  });

  it("rejects a GitHub trust with no sub condition at all", () => {
    const role = f.role({
      assumeRolePolicy: f.policyDocument(f.githubTrust({ StringEquals: f.GITHUB_AUD })),
    });
    expect(iamOidcBoundedSubject.check(role)[0]).toMatch(
      /without a "token.actions.githubusercontent.com:sub"/,
    );
  });

  it("finds OIDC statements by their condition keys when the provider ARN carries no host (mocked ARNs)", () => {
    const role = f.role({
      assumeRolePolicy: f.policyDocument({
        Effect: "Allow",
        Principal: { Federated: "github-oidc-arn" },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: f.GITHUB_AUD, StringLike: { [GH_SUB]: "repo:acme/*" } },
      }),
    });
    expect(iamOidcBoundedSubject.check(role)).toHaveLength(1);
  });

  it("rejects AssumeRoleWithWebIdentity from an unknown issuer with no conditions", () => {
    const role = f.role({
      assumeRolePolicy: f.policyDocument({
        Effect: "Allow",
        Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/example.com" },
        Action: "sts:AssumeRoleWithWebIdentity",
      }),
    });
    expect(iamOidcBoundedSubject.check(role)).toHaveLength(1);
    expect(iamOidcAudience.check(role)).toHaveLength(1);
  });

  it.each([
    [
      "StringEquals",
      "pulumi:deploy:org:acme:project:ephemeral:stack:prod:operation:update:scope:write",
    ],
    ["StringLike", "pulumi:deploy:org:acme:project:ephemeral:stack:prod:operation:*"],
  ])("accepts Pulumi Deployments subject %s %s", (operator, sub) => {
    const role = pulumiRole(operator, sub);
    expect(iamOidcBoundedSubject.check(role)).toEqual([]);
    expect(iamOidcAudience.check(role)).toEqual([]);
  });

  it.each([
    ["StringLike", "pulumi:deploy:org:acme:*"],
    ["StringLike", "pulumi:deploy:org:acme:project:ephemeral:stack:*"],
    ["StringEquals", "acme"],
  ])("rejects Pulumi Deployments subject %s %s", (operator, sub) => {
    expect(iamOidcBoundedSubject.check(pulumiRole(operator, sub))).toHaveLength(1);
  });

  it("ignores trust statements that are not web identity (ECS tasks)", () => {
    const role = f.role({
      assumeRolePolicy: f.policyDocument({
        Effect: "Allow",
        Principal: { Service: "ecs-tasks.amazonaws.com" },
        Action: "sts:AssumeRole",
      }),
    });
    expect(iamOidcBoundedSubject.check(role)).toEqual([]);
    expect(iamOidcAudience.check(role)).toEqual([]);
  });
});

describe("OIDC trust: the aud claim must be exact", () => {
  it("rejects a StringLike wildcard audience", () => {
    const role = f.role({
      assumeRolePolicy: f.policyDocument(
        f.githubTrust({
          StringLike: { "token.actions.githubusercontent.com:aud": "*" },
          StringEquals: { [GH_SUB]: "repo:acme/gatus:pull_request" },
        }),
      ),
    });
    expect(iamOidcAudience.check(role)[0]).toContain("wildcard audience");
  });
});

describe("IAM actions", () => {
  it.each([
    "ec2:DescribeVpcs",
    "ecr:BatchGetImage",
    "ecr:BatchCheckLayerAvailability",
    "iam:GetRole",
    "ssm:DescribeParameters",
    "ec2:Describe*",
  ])("%s is a read-only action", (action) => expect(isReadOnlyAction(action)).toBe(true));

  it.each([
    "ecs:UpdateService",
    "kms:Decrypt",
    "secretsmanager:GetSecretValue",
    "ssm:Get*",
    "s3:GetObject",
    "ecs:*",
    "*",
  ])("%s is not a read-only action", (action) => expect(isReadOnlyAction(action)).toBe(false));

  it.each([
    "elasticloadbalancing:SetWebAcl",
    "ELASTICLOADBALANCING:setwebacl",
    "ec2:DescribeSubnets",
    "ecr:GetAuthorizationToken",
  ])("%s only accepts Resource * (allow-listed)", (action) =>
    expect(isStarOnlyAction(action)).toBe(true),
  );

  it.each(["ecs:DeleteService", "ec2:*", "ecs:Register*", "ecs:RegisterTaskDefinition"])(
    "%s is not allow-listed",
    (action) => expect(isStarOnlyAction(action)).toBe(false),
  );

  it("allow-lists only actions AWS's IAM reference says accept nothing but '*'", async () => {
    const exact = STAR_ONLY_ACTIONS.filter((a) => !a.includes("*"));
    const scopable = [];
    for (const action of exact) {
      const facts = await actionFacts(action);
      if (!facts?.wildcardOnly) scopable.push(action);
    }
    expect(scopable).toEqual([]);
  });

  it('flags a destructive action on NotResource like Resource "*"', () => {
    const policy = f.iamPolicy({
      Effect: "Allow",
      Action: "ec2:DeleteVpc",
      NotResource: "arn:aws:ec2:*:*:vpc/vpc-keep",
    });
    expect(iamNoWildcardResourceForScopableActions.check(policy)[0]).toContain("NotResource");
  });

  it("does not flag Deny statements", () => {
    const policy = f.iamPolicy({ Effect: "Deny", Action: "*", Resource: "*" });
    expect(iamNoWildcardAction.check(policy)).toEqual([]);
    expect(iamNoWildcardResourceForScopableActions.check(policy)).toEqual([]);
  });

  it("reads inline role policies and object-form documents", () => {
    const role = f.role({
      inlinePolicies: [
        {
          name: "inline",
          policy: {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }],
          },
        },
      ],
    });
    expect(iamNoServiceWildcardAction.check(role)[0]).toContain('inlinePolicies[0] "inline"');
  });

  it("fails closed when a policy is not valid JSON", () => {
    const policy = { ...f.iamPolicy(), inputs: { policy: "{not json" } };
    expect(iamNoWildcardAction.check(policy)[0]).toMatch(/not valid JSON/);
  });

  it.each(["iam:PassRole", "iam:Pass*", "iam:*"])(
    "%s without iam:PassedToService is flagged",
    (action) => {
      const policy = f.iamPolicy({
        Effect: "Allow",
        Action: action,
        Resource: "arn:aws:iam::123456789012:role/x",
      });
      expect(iamPassRoleCondition.check(policy)).toHaveLength(1);
    },
  );

  it("iam:PassedToService must name a service, not a wildcard", () => {
    const policy = f.iamPolicy({
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: "arn:aws:iam::123456789012:role/x",
      Condition: { StringLike: { "iam:PassedToService": "*" } },
    });
    expect(iamPassRoleCondition.check(policy)).toHaveLength(1);
  });

  it('trust of Principal "*" (string form) is flagged', () => {
    const role = f.role({
      assumeRolePolicy: f.policyDocument({
        Effect: "Allow",
        Principal: "*",
        Action: "sts:AssumeRole",
      }),
    });
    expect(iamTrustNoWildcardPrincipal.check(role)).toHaveLength(1);
  });
});
