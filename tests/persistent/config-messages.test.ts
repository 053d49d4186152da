// Every config key of both projects, fed values people really type wrong: each problem must
// read as plain words (key, what was given, what is allowed, the fix), never as zod's own
// phrasing, which names types and issue codes instead of the config.
import { describe, expect, it } from "vitest";
import { EPHEMERAL_CONFIG_KEYS, parseEphemeralConfig } from "../../ephemeral/config";
import {
  PERSISTENT_CONFIG_KEYS,
  PERSISTENT_SECRET_KEYS,
  parsePersistentConfig,
} from "../../persistent/config";
import { DASHBOARD_LOGIN } from "../helpers/dashboard-login";

const RAW_ZOD = /Invalid input|expected .*, received|Too (small|big)|Invalid option/;

/**
 * Bad values per key; `undefined` means "not set". A pair is a value that breaks a rule across
 * keys, which reports it under the other key (given second): that line must name this key.
 */
type Bad = string | undefined | [value: string, reportedUnder: string];
type BadValues<K extends string> = Record<K, Bad[]>;

const persistentBad: BadValues<(typeof PERSISTENT_CONFIG_KEYS)[number]> = {
  zoneName: [undefined, "", "Example.com", "example.com.", "-x.example.com", "localhost"],
  existingZoneId: ["", "z123", "Z-1"],
  hostname: ["", "status.other.org", "Status.example.com"],
  githubRepository: [undefined, "", "gatus", "a/b/c"],
  githubOwnerId: ["", "abc", "-1", ["12", "githubRepositoryId"]],
  githubRepositoryId: ["", "x", ["12", "githubOwnerId"]],
  defaultBranch: ["", "my branch"],
  deployEnvironment: ["", "prod env", ["teardown", "teardownEnvironment"]],
  teardownEnvironment: ["", "a b", "production"],
  existingGithubOidcProviderArn: ["", "arn:aws:iam::1:oidc-provider/x"],
  existingPulumiOidcProviderArn: [
    "",
    "arn:aws:iam::123456789012:oidc-provider/api.pulumi.com/oidc", // without pulumiOrganization
  ],
  pulumiOrganization: ["", "Acme", "-acme"],
  ephemeralStack: ["", "a/b"],
  alertEmail: ["", "oncall", "a@b"],
  logRetentionDays: ["", "45", "0", "4000"],
  slackWebhookUrl: [
    "",
    "http://hooks.slack.com/services/T0/B0/X",
    "https://example.com/hook",
    'https://hooks.slack.com/services/"x',
  ],
  teamsWebhookUrl: ["", "not a url", "http://prod-00.westeurope.logic.azure.com/workflows/x"],
  pagerdutyIntegrationKey: ["", "short", "0123456789abcdef0123456789abcde!"],
  dashboardUsername: ["", "ops:admin", "a b", ["ops", "dashboardPasswordBcryptBase64"]],
  dashboardPasswordBcryptBase64: [
    "",
    "hunter2",
    "JDJ5JDEwJC4uLg==",
    "JDJhJDEwJHRiMnRFakxWazZLdXBzRERQazB1TE8vckRLY05Yb1hSdnoxWU0y\nQ1FaYXZRSW1McmladDYu",
    [DASHBOARD_LOGIN.passwordBcryptBase64, "dashboardUsername"],
  ],
  gatusAlertEmail: ["", "oncall", "a@example.com,,b@example.com", "a@example.com;b@example.com"],
  storage: ["", "postgres", "SQLite"],
  ecrKeepImages: ["", "ten", "0", "-3", "1001", "1.5", "1e3"],
  logExpiryDays: ["", "0", "3651", "a week"],
  namePrefix: [
    "",
    "1abc",
    "Gatus",
    "averyveryverylongprefix",
    "gatus-",
    "ga--tus",
    "sg",
    "internal",
  ],
};

const ephemeralBad: BadValues<(typeof EPHEMERAL_CONFIG_KEYS)[number]> = {
  persistentStack: ["", "a/b/c/d", "a b"],
  egress: ["", "vpn", "NAT"],
  desiredCount: ["", "-1", "2", "11", "one"],
  cpu: ["", "300", "100", "99999"],
  memory: ["", "4096", "100"],
  cpuArchitecture: ["", "arm64", "x86"],
  deregistrationDelaySeconds: ["", "-1", "3601", "fast"],
  healthCheckIntervalSeconds: ["", "2", "301"],
  healthCheckGracePeriodSeconds: ["", "3", "601", "-1"],
  wafRateLimit: ["", "9", "2000000001", "1e3"],
  imageTag: ["", "latest", ".x", "a b"],
  httpRedirect: ["", "yes", "TRUE"],
  vpcCidr: ["", "10.300.0.0/16", "10.0.0.1/16", "8.8.0.0/16", "10.0.0.0/24", "10.0.0.0"],
  containerInsights: ["", "yes", "enabled"],
  capacity: ["", "Spot", "fargate_spot", "ondemand"],
  auditTrailsOff: [
    "",
    "vpcFlowLogs",
    "[]",
    '{"flowLogs":"short-lived test stack"}',
    '{"vpcFlowLogs":""}',
    '{"vpcFlowLogs":"no; why?"}',
    '{"wafLogging":42}',
  ],
};

const regionBad = [undefined, "", "eu-west", "London", "EU-WEST-2"];

const persistentValid = { zoneName: "example.com", githubRepository: "acme/gatus-fargate" };

function rejection(parse: () => unknown): string {
  try {
    parse();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error("expected the configuration to be rejected");
}

function withValue(base: Record<string, string>, key: string, value: string | undefined) {
  const raw = { ...base };
  if (value === undefined) delete raw[key];
  else raw[key] = value;
  return raw;
}

/** Every problem line says what was given, what is wrong, and the fix; one is about `key`. */
function expectPlainProblems(message: string, key: string, bad: Bad): void {
  const lines = message.split("\n").slice(1);
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) {
    expect(line).toMatch(
      /^ {2}- \S+: (not set( \(default .+\))?|got (".*"|[^";]+)|got a value \(a secret, not shown\)|unknown key); .+ Fix: \S/,
    );
    expect(line).not.toMatch(RAW_ZOD);
  }
  if (Array.isArray(bad)) {
    const [, reportedUnder] = bad;
    const about = lines.filter((l) => l.startsWith(`  - ${reportedUnder}: `));
    expect(
      about.some((l) => l.includes(key)),
      message,
    ).toBe(true);
    return;
  }
  const secret = (PERSISTENT_SECRET_KEYS as readonly string[]).includes(key);
  const given =
    bad === undefined
      ? "not set"
      : secret
        ? "got a value (a secret, not shown)"
        : `got ${JSON.stringify(bad)}`;
  if (secret && typeof bad === "string" && bad !== "") expect(message).not.toContain(bad);
  // A structured key's problem may name the field inside it, and then quotes only that field:
  // "auditTrailsOff.vpcFlowLogs: got \"\"; ...".
  const givenIn = (field: string | undefined) =>
    field === undefined || typeof bad !== "string"
      ? given
      : `got ${JSON.stringify((JSON.parse(bad) as Record<string, unknown>)[field])}`;
  expect(
    lines.some((l) => {
      const match = new RegExp(`^  - ${key}(?:\\.(\\w+))?: `).exec(l);
      return match !== null && l.includes(`: ${givenIn(match[1])}; `);
    }),
    `no problem says "${key}: ${given}":\n${message}`,
  ).toBe(true);
}

const valueOf = (bad: Bad) => (Array.isArray(bad) ? bad[0] : bad);

const cases = <K extends string>(bad: BadValues<K>) =>
  Object.entries<Bad[]>(bad).flatMap(([key, values]) =>
    values.map((value) => [key, value] as [string, Bad]),
  );

describe("config problems read as plain words, with the key, the value and the fix", () => {
  it("the tables below cover every key of both schemas", () => {
    expect(Object.keys(persistentBad).sort()).toEqual([...PERSISTENT_CONFIG_KEYS].sort());
    expect(Object.keys(ephemeralBad).sort()).toEqual([...EPHEMERAL_CONFIG_KEYS].sort());
  });

  it.each(cases(persistentBad))("persistent %s = %j", (key, value) => {
    const raw = withValue(persistentValid, key, valueOf(value));
    const message = rejection(() =>
      parsePersistentConfig(raw, { stack: "dev", region: "eu-west-2" }),
    );
    expectPlainProblems(message, key, value);
  });

  it.each(cases(ephemeralBad))("ephemeral %s = %j", (key, value) => {
    const raw = withValue({}, key, valueOf(value));
    const context = { stack: "dev", organization: "acme", region: "eu-west-2" };
    expectPlainProblems(
      rejection(() => parseEphemeralConfig(raw, context)),
      key,
      value,
    );
  });

  it.each(regionBad)("aws:region = %j in both projects", (region) => {
    const persistent = rejection(() =>
      parsePersistentConfig(persistentValid, { stack: "dev", region }),
    );
    const ephemeral = rejection(() =>
      parseEphemeralConfig({}, { stack: "dev", organization: "acme", region }),
    );
    for (const message of [persistent, ephemeral]) {
      expectPlainProblems(message, "aws:region", region);
    }
  });
});
