/**
 * The environment variables image/config.yaml reads, in one table for the places that must
 * agree on them: the persistent stack stores the alerting secrets and publishes where they are,
 * the ephemeral task definition sets every variable, and the tests check the config against
 * this list and run the real Gatus with it. Gatus expands them with os.ExpandEnv, so an unset
 * variable is "" (config/config.go, parseAndValidateConfigBytes).
 */

/** `${GATUS_HOSTNAME}`: the public hostname; the endpoints that probe it are this deployment's. */
export const HOSTNAME_VARIABLE = "GATUS_HOSTNAME";

/** storage.type and storage.path: unset means memory, Gatus's default. */
export const STORAGE_VARIABLES = {
  type: "GATUS_STORAGE_TYPE",
  path: "GATUS_STORAGE_PATH",
} as const;

/** The aws-ses provider's sender and recipients (not secrets: plain task environment). */
export const EMAIL_VARIABLES = { from: "GATUS_EMAIL_FROM", to: "GATUS_EMAIL_TO" } as const;

/** A Gatus alert provider whose setting is a credential. */
export interface AlertingSecret {
  /** Gatus's alert type, the key under `alerting:` in image/config.yaml. */
  provider: string;
  /** The persistent config key, set with `pulumi config set --secret`. */
  configKey: "slackWebhookUrl" | "teamsWebhookUrl" | "pagerdutyIntegrationKey";
  /** The container variable image/config.yaml reads; the task definition passes it in `secrets`. */
  variable: string;
  /** The last part of its SSM SecureString parameter's name, `/<resourcePrefix>/gatus/<parameter>`. */
  parameter: string;
  /** An example value for the documentation, never a real one. */
  example: string;
  /** What is wrong with a value, in words that never repeat the value; undefined when fine. */
  problemOf: (value: string) => string | undefined;
}

// The value lands inside a double-quoted YAML scalar of image/config.yaml (os.ExpandEnv works on
// the text before YAML is parsed): a quote, a backslash or a line break would break the file.
const UNSAFE_IN_YAML = /["\\\s]/;
const httpsUrl = (what: string, host?: RegExp) => (value: string) => {
  if (UNSAFE_IN_YAML.test(value)) {
    return `must be a URL without quotes, backslashes or whitespace (${what})`;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `must be a URL (${what})`;
  }
  if (url.protocol !== "https:") return `must be an https:// URL (${what})`;
  if (host !== undefined && !host.test(url.hostname)) {
    return `must be on the right host (${what})`;
  }
  return undefined;
};

/** The secret-holding providers image/config.yaml configures, in its order. */
export const ALERTING_SECRETS: readonly AlertingSecret[] = [
  {
    provider: "slack",
    configKey: "slackWebhookUrl",
    variable: "GATUS_SLACK_WEBHOOK_URL",
    parameter: "slack-webhook-url",
    example: "https://hooks.slack.com/services/T0000/B0000/XXXX",
    problemOf: httpsUrl(
      "a Slack incoming webhook, https://hooks.slack.com/...",
      /^hooks\.slack\.com$/,
    ),
  },
  {
    provider: "teams-workflows",
    configKey: "teamsWebhookUrl",
    variable: "GATUS_TEAMS_WEBHOOK_URL",
    parameter: "teams-webhook-url",
    example: "https://prod-00.westeurope.logic.azure.com:443/workflows/...",
    problemOf: httpsUrl("the URL of a Teams Workflows webhook"),
  },
  {
    provider: "pagerduty",
    configKey: "pagerdutyIntegrationKey",
    variable: "GATUS_PAGERDUTY_INTEGRATION_KEY",
    parameter: "pagerduty-integration-key",
    example: "0123456789abcdef0123456789abcdef",
    // Gatus ignores the provider otherwise (pagerduty.go, ErrIntegrationKeyNotSet).
    problemOf: (value) =>
      /^[A-Za-z0-9]{32}$/.test(value)
        ? undefined
        : "must be a PagerDuty Events API v2 integration key: exactly 32 letters and digits (Gatus ignores any other)",
  },
];

/** How the task definition passes each variable image/config.yaml may read. */
export const GATUS_VARIABLES: Readonly<Record<string, "environment" | "secrets">> = {
  [HOSTNAME_VARIABLE]: "environment",
  [STORAGE_VARIABLES.type]: "environment",
  [STORAGE_VARIABLES.path]: "environment",
  [EMAIL_VARIABLES.from]: "environment",
  [EMAIL_VARIABLES.to]: "environment",
  ...Object.fromEntries(ALERTING_SECRETS.map((s) => [s.variable, "secrets" as const])),
};
