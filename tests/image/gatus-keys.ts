// The keys Gatus reads from its config, from the yaml tags of its config structs. Gatus parses
// with yaml.Unmarshal and no KnownFields (config/config.go, parseAndValidateConfigBytes), so a
// misspelt optional key (`intervall: 5m`) is silently dropped and the default applies: only a
// check of our own can catch it. Paths are inside github.com/TwiN/gatus at the version
// image/Dockerfile pins; a test compares every struct below with that source.
import { closest } from "../../persistent/lib/suggest";

export interface GoStruct {
  /** File in Gatus's repository. */
  file: string;
  /** Struct type name, e.g. `Endpoint`. */
  type: string;
}

export type Shape =
  | { kind: "struct"; go: GoStruct; fields: Readonly<Record<string, Shape>> }
  | { kind: "list"; of: Shape }
  | { kind: "map"; of: Shape }
  | { kind: "value" }
  /** Free-form by Gatus's design (a `map[string]any`). */
  | { kind: "any" }
  /** A real Gatus section whose keys this table does not list yet: using it needs them added. */
  | { kind: "unlisted"; go: GoStruct };

const value: Shape = { kind: "value" };
const list = (of: Shape): Shape => ({ kind: "list", of });
const map = (of: Shape): Shape => ({ kind: "map", of });
const struct = (file: string, type: string, fields: Record<string, Shape>): Shape => ({
  kind: "struct",
  go: { file, type },
  fields,
});
const unlisted = (file: string, type: string): Shape => ({ kind: "unlisted", go: { file, type } });

const maintenance = struct("config/maintenance/maintenance.go", "Config", {
  enabled: value,
  start: value,
  duration: value,
  timezone: value,
  every: list(value),
});

const clientTls = struct("client/config.go", "TLSConfig", {
  "certificate-file": value,
  "private-key-file": value,
  renegotiation: value,
});

const alert = struct("alerting/alert/alert.go", "Alert", {
  type: value,
  enabled: value,
  "failure-threshold": value,
  "success-threshold": value,
  "minimum-reminder-interval": value,
  description: value,
  "send-on-resolved": value,
  "provider-override": map({ kind: "any" }),
});

const endpoint = struct("config/endpoint/endpoint.go", "Endpoint", {
  enabled: value,
  name: value,
  group: value,
  url: value,
  method: value,
  body: value,
  graphql: value,
  headers: map(value),
  "extra-labels": map(value),
  interval: value,
  conditions: list(value),
  alerts: list(alert),
  "maintenance-windows": list(maintenance),
  dns: struct("config/endpoint/dns/dns.go", "Config", { "query-type": value, "query-name": value }),
  ssh: struct("config/endpoint/ssh/ssh.go", "Config", {
    username: value,
    password: value,
    "private-key": value,
  }),
  client: struct("client/config.go", "Config", {
    "proxy-url": value,
    insecure: value,
    "ignore-redirect": value,
    timeout: value,
    "dns-resolver": value,
    oauth2: struct("client/config.go", "OAuth2Config", {
      "token-url": value,
      "client-id": value,
      "client-secret": value,
      scopes: list(value),
    }),
    "identity-aware-proxy": struct("client/config.go", "IAPConfig", { audience: value }),
    network: value,
    tls: clientTls,
    tunnel: value,
  }),
  ui: struct("config/endpoint/ui/ui.go", "Config", {
    "hide-conditions": value,
    "hide-hostname": value,
    "hide-url": value,
    "hide-port": value,
    "hide-errors": value,
    "dont-resolve-failed-conditions": value,
    "resolve-successful-conditions": value,
    badge: struct("config/endpoint/ui/ui.go", "Badge", {
      "response-time": struct("config/endpoint/ui/ui.go", "ResponseTime", {
        thresholds: list(value),
      }),
    }),
  }),
  store: map(value),
  "always-run": value,
});

/**
 * An alert provider: its Config (inlined: the keys sit beside default-alert), the default alert,
 * and per-group overrides (not used here, so only their existence is claimed). The package
 * directory is the alert type without hyphens (aws-ses in alerting/provider/awsses).
 */
const provider = (type: string, config: Record<string, Shape>): Shape => {
  const file = providerFile(type);
  return struct(file, "AlertProvider", {
    ...config,
    "default-alert": alert,
    overrides: list(unlisted(file, "Override")),
  });
};
const providerFile = (type: string) => {
  const dir = type.replaceAll("-", "");
  return `alerting/provider/${dir}/${dir}.go`;
};

/** Every provider alerting.Config has (alerting/config.go); image/config.yaml uses the first four. */
const ALERT_PROVIDERS = {
  slack: provider("slack", { "webhook-url": value, title: value }),
  "teams-workflows": provider("teams-workflows", { "webhook-url": value, title: value }),
  pagerduty: provider("pagerduty", { "integration-key": value }),
  "aws-ses": provider("aws-ses", {
    "access-key-id": value,
    "secret-access-key": value,
    region: value,
    from: value,
    to: value,
  }),
  ...Object.fromEntries(
    [
      "clickup",
      "custom",
      "datadog",
      "discord",
      "email",
      "github",
      "gitlab",
      "gitea",
      "googlechat",
      "gotify",
      "homeassistant",
      "ifttt",
      "ilert",
      "incident-io",
      "line",
      "matrix",
      "mattermost",
      "messagebird",
      "newrelic",
      "n8n",
      "ntfy",
      "opsgenie",
      "plivo",
      "pushover",
      "rocketchat",
      "sendgrid",
      "signal",
      "signl4",
      "splunk",
      "squadcast",
      "teams",
      "telegram",
      "twilio",
      "vonage",
      "webex",
      "zapier",
      "zulip",
    ].map((type) => [type, unlisted(providerFile(type), "AlertProvider")]),
  ),
} satisfies Record<string, Shape>;

/** The whole config file: config.Config and everything below it that image/config.yaml may use. */
export const GATUS_CONFIG_SHAPE: Shape = struct("config/config.go", "Config", {
  debug: value,
  metrics: value,
  "skip-invalid-config-update": value,
  "disable-monitoring-lock": value,
  concurrency: value,
  // image/security.yaml uses basic auth; OIDC's keys are not listed (not offered).
  security: struct("security/config.go", "Config", {
    basic: struct("security/basic.go", "BasicConfig", {
      username: value,
      "password-bcrypt-base64": value,
    }),
    oidc: unlisted("security/oidc.go", "OIDCConfig"),
  }),
  alerting: struct("alerting/config.go", "Config", ALERT_PROVIDERS),
  endpoints: list(endpoint),
  "external-endpoints": unlisted("config/endpoint/external_endpoint.go", "ExternalEndpoint"),
  suites: unlisted("config/suite/suite.go", "Suite"),
  storage: struct("storage/config.go", "Config", {
    path: value,
    type: value,
    caching: value,
    "maximum-number-of-results": value,
    "maximum-number-of-events": value,
  }),
  web: struct("config/web/web.go", "Config", {
    address: value,
    port: value,
    "read-buffer-size": value,
    tls: struct("config/web/web.go", "TLSConfig", {
      "certificate-file": value,
      "private-key-file": value,
    }),
  }),
  ui: struct("config/ui/ui.go", "Config", {
    title: value,
    description: value,
    "dashboard-heading": value,
    "dashboard-subheading": value,
    header: value,
    logo: value,
    link: value,
    favicon: struct("config/ui/ui.go", "Favicon", {
      default: value,
      size16x16: value,
      size32x32: value,
    }),
    buttons: list(struct("config/ui/ui.go", "Button", { name: value, link: value })),
    "custom-css": value,
    "dark-mode": value,
    "default-sort-by": value,
    "default-filter-by": value,
    "login-subtitle": value,
  }),
  maintenance,
  remote: unlisted("config/remote/remote.go", "Config"),
  connectivity: unlisted("config/connectivity/connectivity.go", "Config"),
  tunneling: unlisted("config/tunneling/tunneling.go", "Config"),
  announcements: unlisted("config/announcement/announcement.go", "Announcement"),
});

/** Every key in `node` that Gatus would not read, each with where it is and what to do. */
export function unknownKeys(node: unknown, shape: Shape, at = ""): string[] {
  if (node === null || node === undefined) return [];
  const here = at === "" ? "(top level)" : at;
  switch (shape.kind) {
    case "any":
      return [];
    case "value":
      return typeof node === "object"
        ? [`${here}: expected a single value, got a ${kindOf(node)}`]
        : [];
    case "list":
      return Array.isArray(node)
        ? node.flatMap((item, index) => unknownKeys(item, shape.of, `${at}[${index}]`))
        : [`${here}: expected a list, got a ${kindOf(node)}`];
    case "map":
      return isRecord(node)
        ? Object.entries(node).flatMap(([key, item]) => unknownKeys(item, shape.of, join(at, key)))
        : [`${here}: expected a mapping, got a ${kindOf(node)}`];
    case "unlisted":
      return [
        `${here}: a real Gatus section (${nameOf(shape.go)}), but tests/image/gatus-keys.ts ` +
          "does not list its keys yet, so typos in it would go unnoticed; add them from that struct",
      ];
    case "struct":
      if (!isRecord(node)) return [`${here}: expected a mapping, got a ${kindOf(node)}`];
      return Object.entries(node).flatMap(([key, item]) => {
        const field = shape.fields[key];
        if (field !== undefined) return unknownKeys(item, field, join(at, key));
        const near = closest(key, Object.keys(shape.fields));
        const hint = near.length > 0 ? ` Did you mean ${near.join(" or ")}?` : "";
        return [
          `${join(at, key)}: not a key of ${nameOf(shape.go)}; Gatus would silently ignore it ` +
            `and use the default.${hint}`,
        ];
      });
  }
}

/** Every struct the table names, with the keys it claims and how each nests, for the source check. */
export function structsOf(shape: Shape, seen = new Map<string, ListedStruct>()): ListedStruct[] {
  if (shape.kind === "list" || shape.kind === "map") structsOf(shape.of, seen);
  if (shape.kind === "unlisted") seen.set(nameOf(shape.go), { go: shape.go, fields: undefined });
  if (shape.kind === "struct") {
    seen.set(nameOf(shape.go), { go: shape.go, fields: shape.fields });
    for (const field of Object.values(shape.fields)) structsOf(field, seen);
  }
  return [...seen.values()];
}

export interface ListedStruct {
  go: GoStruct;
  /** Undefined for an unlisted section: only its existence is claimed. */
  fields: Readonly<Record<string, Shape>> | undefined;
}

export function nameOf(go: GoStruct): string {
  return `${go.type} in ${go.file}`;
}

function join(at: string, key: string): string {
  return at === "" ? key : `${at}.${key}`;
}

function kindOf(node: unknown): string {
  return Array.isArray(node) ? "list" : typeof node === "object" ? "mapping" : typeof node;
}

function isRecord(node: unknown): node is Record<string, unknown> {
  return typeof node === "object" && node !== null && !Array.isArray(node);
}
