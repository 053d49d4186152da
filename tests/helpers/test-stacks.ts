import type { GitRunner } from "../../ephemeral/image-tag";
import { withOverrides } from "../engine/example-config";
import { DASHBOARD_LOGIN } from "./dashboard-login";

/**
 * The stacks the tests run both programs as. Written out here rather than read from the
 * documented example (`<project>/Pulumi.example.yaml`), so that a fork editing the example for
 * its own account breaks no test but those about the example itself.
 */

export const TEST_ORGANIZATION = "acme";
export const TEST_STACK = "dev";
export const TEST_REGION = "eu-west-2";

/**
 * The test stack's credentials: recognisable values a test looks for in every input and output,
 * where none may appear but as a redacted secret.
 */
export const TEST_SECRETS = {
  slackWebhookUrl: "https://hooks.slack.com/services/T0TEST/B0TEST/s3cr3t-slack-token-0001",
  teamsWebhookUrl:
    "https://prod-00.westeurope.logic.azure.com:443/workflows/0001/triggers/manual/paths/invoke?sig=s3cr3t-teams-sig",
  pagerdutyIntegrationKey: "s3cr3tpagerdutykey00000000000001",
  dashboardUsername: "s3cr3t-dashboard-user",
  dashboardPasswordBcryptBase64: DASHBOARD_LOGIN.passwordBcryptBase64,
} as const;

const TEST_CONFIG = {
  persistent: {
    "aws:region": TEST_REGION,
    "gatus-persistent:zoneName": "example.com",
    "gatus-persistent:hostname": "status.example.com",
    "gatus-persistent:githubRepository": "acme/gatus-fargate",
    "gatus-persistent:githubOwnerId": "1234567",
    "gatus-persistent:githubRepositoryId": "987654321",
    "gatus-persistent:pulumiOrganization": TEST_ORGANIZATION,
    "gatus-persistent:alertEmail": "oncall@example.com",
    // Every optional part on: each alerting provider, the dashboard's login and the SQLite history.
    "gatus-persistent:slackWebhookUrl": TEST_SECRETS.slackWebhookUrl,
    "gatus-persistent:teamsWebhookUrl": TEST_SECRETS.teamsWebhookUrl,
    "gatus-persistent:pagerdutyIntegrationKey": TEST_SECRETS.pagerdutyIntegrationKey,
    "gatus-persistent:dashboardUsername": TEST_SECRETS.dashboardUsername,
    "gatus-persistent:dashboardPasswordBcryptBase64": TEST_SECRETS.dashboardPasswordBcryptBase64,
    "gatus-persistent:gatusAlertEmail": "oncall@example.com",
    "gatus-persistent:storage": "sqlite",
  },
  ephemeral: {
    "aws:region": TEST_REGION,
    "gatus-ephemeral:egress": "nat",
    "gatus-ephemeral:desiredCount": "1",
    "gatus-ephemeral:cpu": "256",
    "gatus-ephemeral:memory": "512",
    "gatus-ephemeral:cpuArchitecture": "ARM64",
    "gatus-ephemeral:deregistrationDelaySeconds": "15",
    "gatus-ephemeral:healthCheckIntervalSeconds": "5",
    "gatus-ephemeral:wafRateLimit": "1000",
  },
} as const;

/** `"project:key"` → value; undefined removes the key. */
export type ConfigOverrides = Record<string, string | undefined>;

/** The test stack's config of a project, with some keys replaced or removed. */
export function testConfig(
  project: "persistent" | "ephemeral",
  overrides: ConfigOverrides = {},
): Record<string, unknown> {
  return withOverrides(TEST_CONFIG[project], overrides);
}

/** The persistent stack the test ephemeral stack reads by default. */
export const TEST_PERSISTENT_STACK = `${TEST_ORGANIZATION}/gatus-persistent/${TEST_STACK}`;

/** How the report names the test stacks' config (they come from this file, not from a YAML file). */
export const TEST_SOURCES = {
  persistent: "tests/helpers/test-stacks.ts (persistent)",
  ephemeral: "tests/helpers/test-stacks.ts (ephemeral)",
};

/** The commit the tests' git reports, so no test depends on the checkout (or on there being one). */
export const COMMIT = "0123456789abcdef0123456789abcdef01234567";
export const cleanGit: GitRunner = (args) => (args[0] === "rev-parse" ? `${COMMIT}\n` : "");
