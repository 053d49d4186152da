/**
 * The environment variables image/config.yaml and image/security.yaml read (and Gatus's own
 * GATUS_CONFIG_PATH), in one table for the places that must agree on them: the persistent
 * stack stores the secrets and publishes where they are, the ephemeral task definition sets
 * every variable, and the tests check the files against this list and run the real Gatus with it. Gatus expands them with os.ExpandEnv, so an unset
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

/** A credential image/config.yaml (or image/security.yaml) reads: an alert provider's, or the dashboard's. */
export interface AlertingSecret {
  /** Gatus's alert type (the key under `alerting:`), or `security` for the dashboard's login. */
  provider: string;
  /** What it is for: the SSM parameter's description says so. */
  kind: "alerting" | "dashboard";
  /** The persistent config key, set with `pulumi config set --secret`. */
  configKey:
    | "slackWebhookUrl"
    | "teamsWebhookUrl"
    | "pagerdutyIntegrationKey"
    | "dashboardUsername"
    | "dashboardPasswordBcryptBase64";
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
    kind: "alerting",
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
    kind: "alerting",
    configKey: "teamsWebhookUrl",
    variable: "GATUS_TEAMS_WEBHOOK_URL",
    parameter: "teams-webhook-url",
    example: "https://prod-00.westeurope.logic.azure.com:443/workflows/...",
    problemOf: httpsUrl("the URL of a Teams Workflows webhook"),
  },
  {
    provider: "pagerduty",
    kind: "alerting",
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

// Gatus decodes the hash with Go's base64.URLEncoding and compares with bcrypt
// (security/config.go, ApplySecurityMiddleware): a value that does not decode stops Gatus at
// start, and one that is not a bcrypt hash refuses every password. Standard base64 of a bcrypt
// hash never contains "+" or "/" (its alphabet is ./0-9A-Za-z$), so either encoder's output fits.
const BCRYPT_HASH = /^\$2[aby]\$(0[4-9]|[12][0-9]|3[01])\$[./A-Za-z0-9]{53}$/;
const bcryptBase64 = (value: string): string | undefined => {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(value)) {
    return "must be base64 of a bcrypt hash, on one line (pipe the hash through `base64 | tr -d '\\n'`)";
  }
  const decoded = Buffer.from(value, "base64url").toString("latin1");
  if (BCRYPT_HASH.test(decoded)) return undefined;
  return decoded.startsWith("$2")
    ? "must be base64 of one whole bcrypt hash ($2a$, $2b$ or $2y$, cost 04-31, 60 characters)"
    : "must be base64 of a bcrypt hash of the password, not the password itself (README: Customize Gatus)";
};

/**
 * The dashboard's basic-auth login, read by image/security.yaml (Gatus's `security.basic`).
 * Both or neither (persistent/config.ts); with both, the task reads the image's /config
 * directory, which adds security.yaml to config.yaml (GATUS_CONFIG_PATH below). The username
 * is a secret too: it is half the login, and the task definition is readable by every role
 * that may describe it.
 */
export const DASHBOARD_SECRETS: readonly AlertingSecret[] = [
  {
    provider: "security",
    kind: "dashboard",
    configKey: "dashboardUsername",
    variable: "GATUS_DASHBOARD_USERNAME",
    parameter: "dashboard-username",
    example: "ops",
    // Lands in a double-quoted YAML scalar, and in the health check's Authorization header,
    // whose user-id may not contain ":" (RFC 7617).
    problemOf: (value) =>
      /^[A-Za-z0-9._@-]{1,64}$/.test(value)
        ? undefined
        : "must be 1 to 64 letters, digits, '.', '_', '@' or '-'",
  },
  {
    provider: "security",
    kind: "dashboard",
    configKey: "dashboardPasswordBcryptBase64",
    variable: "GATUS_DASHBOARD_PASSWORD_BCRYPT_BASE64",
    parameter: "dashboard-password-bcrypt-base64",
    example: "JDJ5JDEwJC4uLg==",
    problemOf: bcryptBase64,
  },
];

/** Every credential the persistent stack stores and the task receives as ECS `secrets`. */
export const GATUS_SECRETS: readonly AlertingSecret[] = [...ALERTING_SECRETS, ...DASHBOARD_SECRETS];

/**
 * Gatus's own variable (main.go): a file reads just that file, a directory every *.yaml in it,
 * merged (config/config.go, LoadConfiguration). The image bakes config.yaml and security.yaml
 * into one directory and points ENV at the file; with dashboard protection the task
 * definition points it at the directory.
 */
export const CONFIG_PATH_VARIABLE = "GATUS_CONFIG_PATH";
export const IMAGE_CONFIG_DIR = "/config";
export const IMAGE_CONFIG_FILE = `${IMAGE_CONFIG_DIR}/config.yaml`;

/** How the task definition passes each variable Gatus may read. */
export const GATUS_VARIABLES: Readonly<Record<string, "environment" | "secrets">> = {
  [HOSTNAME_VARIABLE]: "environment",
  [CONFIG_PATH_VARIABLE]: "environment",
  [STORAGE_VARIABLES.type]: "environment",
  [STORAGE_VARIABLES.path]: "environment",
  [EMAIL_VARIABLES.from]: "environment",
  [EMAIL_VARIABLES.to]: "environment",
  ...Object.fromEntries(GATUS_SECRETS.map((s) => [s.variable, "secrets" as const])),
};
