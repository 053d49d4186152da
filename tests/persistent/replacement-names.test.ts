// Lesson 15 for the persistent program (tests/helpers/replacements.ts): for every setting, another
// value, and each named resource checked against its type's replacement-forcing inputs. Its names
// are fixed (the roles' and policies' are what the deploy role and the trust policies name), so
// only a change of the name itself may replace one.
import { beforeAll, describe, expect, it } from "vitest";
import { PERSISTENT_CONFIG_KEYS } from "../../persistent/config";
import type { Graph } from "../engine/run-program";
import { PERSISTENT_NAMED_TYPES as TYPES } from "../helpers/named-types";
import {
  label,
  replacedBySetting,
  replacements,
  unlistedNamedTypes,
} from "../helpers/replacements";
import type { ConfigOverrides } from "../helpers/test-stacks";
import { runPersistent } from "./run";

const key = (k: string) => `gatus-persistent:${k}`;
const GITHUB_PROVIDER_ARN =
  "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
const PULUMI_PROVIDER_ARN = "arn:aws:iam::123456789012:oidc-provider/api.pulumi.com/oidc";
// What adopting needs to find in the account.
const world = {
  zones: { Z0ADOPTED123: "example.com" },
  oidcProviders: {
    [GITHUB_PROVIDER_ARN]: {
      url: "https://token.actions.githubusercontent.com",
      clientIdLists: ["sts.amazonaws.com"],
    },
    [PULUMI_PROVIDER_ARN]: { url: "https://api.pulumi.com/oidc", clientIdLists: ["acme"] },
  },
};

/** Another valid value for every setting (a zone and its hostname move together). */
const VARIANTS: Record<(typeof PERSISTENT_CONFIG_KEYS)[number], ConfigOverrides> = {
  zoneName: { [key("zoneName")]: "example.org", [key("hostname")]: "status.example.org" },
  existingZoneId: { [key("existingZoneId")]: "Z0ADOPTED123" },
  hostname: { [key("hostname")]: "uptime.example.com" },
  githubRepository: { [key("githubRepository")]: "acme/other" },
  githubOwnerId: { [key("githubOwnerId")]: "7654321" },
  githubRepositoryId: { [key("githubRepositoryId")]: "123456789" },
  defaultBranch: { [key("defaultBranch")]: "trunk" },
  deployEnvironment: { [key("deployEnvironment")]: "prod" },
  teardownEnvironment: { [key("teardownEnvironment")]: "destroy" },
  existingGithubOidcProviderArn: { [key("existingGithubOidcProviderArn")]: GITHUB_PROVIDER_ARN },
  existingPulumiOidcProviderArn: { [key("existingPulumiOidcProviderArn")]: PULUMI_PROVIDER_ARN },
  pulumiOrganization: { [key("pulumiOrganization")]: "other" },
  ephemeralStack: { [key("ephemeralStack")]: "staging" },
  alertEmail: { [key("alertEmail")]: "pager@example.com" },
  logRetentionDays: { [key("logRetentionDays")]: "90" },
  logExpiryDays: { [key("logExpiryDays")]: "365" },
  slackWebhookUrl: { [key("slackWebhookUrl")]: "https://hooks.slack.com/services/T1/B1/other" },
  teamsWebhookUrl: {
    [key("teamsWebhookUrl")]: "https://prod-01.westeurope.logic.azure.com/workflows/other",
  },
  pagerdutyIntegrationKey: { [key("pagerdutyIntegrationKey")]: "f".repeat(32) },
  dashboardUsername: { [key("dashboardUsername")]: "someone-else" },
  dashboardPasswordBcryptBase64: {
    // Another well-formed bcrypt hash, base64 (nothing here checks a password against it).
    [key("dashboardPasswordBcryptBase64")]:
      "JDJ5JDEwJEFCQ0RFRkdISUpLTE1OT1BRUlNUVVYuLmgyV3dNVXpRVU1OOS9UU3NJT2VPT2h5dlF5Y0pt",
  },
  gatusAlertEmail: { [key("gatusAlertEmail")]: "sre@example.com" },
  storage: { [key("storage")]: "memory" },
  ecrKeepImages: { [key("ecrKeepImages")]: "10" },
  namePrefix: { [key("namePrefix")]: "status" },
};
type Setting = keyof typeof VARIANTS;

/** The SES identity's DKIM records: named after the hostname, in the zone. */
const DKIM_RECORDS = [1, 2, 3].map((n) => `aws:route53/record:Record dkim-${n}`);

/** The named resources each change replaces; every other change replaces none. */
const EXPECTED_REPLACEMENTS: Partial<Record<Setting, string[]>> = {
  zoneName: [
    "aws:route53/record:Record certificate-validation",
    ...DKIM_RECORDS,
    "aws:route53/zone:Zone zone",
  ],
  // The validation record moves into the adopted zone: another zone id, so nothing to meet.
  existingZoneId: ["aws:route53/record:Record certificate-validation", ...DKIM_RECORDS],
  hostname: ["aws:route53/record:Record certificate-validation", ...DKIM_RECORDS],
  namePrefix: [
    "aws:cloudwatch/logGroup:LogGroup gatus",
    "aws:ecr/repository:Repository gatus",
    "aws:iam/role:Role deploy",
    "aws:iam/role:Role drift",
    "aws:iam/role:Role preview",
    "aws:iam/role:Role task",
    "aws:iam/role:Role task-execution",
    "aws:kms/alias:Alias ecr",
    "aws:s3/bucket:Bucket logs",
    "aws:sns/topic:Topic alarms",
    "aws:ssm/parameter:Parameter dashboard-password-bcrypt-base64",
    "aws:ssm/parameter:Parameter dashboard-username",
    "aws:ssm/parameter:Parameter pagerduty-integration-key",
    "aws:ssm/parameter:Parameter slack-webhook-url",
    "aws:ssm/parameter:Parameter teams-webhook-url",
  ],
};

let base: Graph;
const variants = new Map<Setting, Graph>();
beforeAll(async () => {
  base = await runPersistent({}, { world });
  for (const setting of Object.keys(VARIANTS) as Setting[])
    variants.set(setting, await runPersistent(VARIANTS[setting], { world }));
}, 120_000);

describe("persistent replacements never collide with the names they replace", () => {
  it("tries another value for every config key", () => {
    expect(Object.keys(VARIANTS).sort()).toEqual([...PERSISTENT_CONFIG_KEYS].sort());
  });

  it("knows what replaces every named resource type the program creates (named-types.ts)", () => {
    expect(unlistedNamedTypes([base, ...variants.values()], TYPES)).toEqual({
      unlisted: [],
      unused: [],
    });
  });

  it("fails on a named resource type nobody has listed yet", () => {
    const withNewType: Graph = {
      ...base,
      resources: [
        ...base.resources,
        { ...base.resources[0]!, type: "aws:sqs/queue:Queue", inputs: { name: "x" } },
      ],
    };
    expect(unlistedNamedTypes([withNewType], TYPES).unlisted).toEqual(["aws:sqs/queue:Queue"]);
  });

  it.each(Object.keys(VARIANTS) as Setting[])(
    "another %s replaces a named resource only under a new or generated name",
    (setting) => {
      expect(replacements(base, variants.get(setting)!, TYPES).colliding).toEqual([]);
    },
  );

  it("sees the replacements each change causes (the test would pass vacuously otherwise)", () => {
    const seen = replacedBySetting(base, variants, TYPES);
    // The packed role policies are all named from the prefix; how many there are is the packer's.
    const packed = base.resources.filter((r) => r.type === "aws:iam/policy:Policy").map(label);
    expect(packed.length).toBeGreaterThan(1);
    const expected = { ...EXPECTED_REPLACEMENTS };
    expected.namePrefix = [...(expected.namePrefix ?? []), ...packed].sort();
    expect(seen).toEqual(expected);
  });

  it("fails on a policy whose replacement-forcing description changes under the same name", () => {
    const describe = (g: Graph, description: string): Graph => ({
      ...g,
      resources: g.resources.map((r) =>
        r.type === "aws:iam/policy:Policy" ? { ...r, inputs: { ...r.inputs, description } } : r,
      ),
    });
    expect(
      replacements(describe(base, "stack dev"), describe(base, "stack staging"), TYPES).colliding,
    ).toContain("aws:iam/policy:Policy deploy-1: description changed, name did not");
  });
});
