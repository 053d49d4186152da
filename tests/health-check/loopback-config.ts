// image/config.yaml made safe to run on a test machine: Gatus listens on 127.0.0.1, and every
// probe goes to a loopback stand-in instead of the internet. Names, groups, conditions and
// alerts stay as written (intervals too, unless a test asks for fast ones), so the real Gatus
// loads and judges the real config. Anything this file cannot point at loopback is refused, so
// a new endpoint type or alerting provider can never make the test reach out.
import { parse, stringify } from "yaml";

export interface StandIns {
  /** Port Gatus listens on (web.port). */
  gatusPort: number;
  /** HTTPS stand-in for every http(s):// endpoint (the site itself and the status pages). */
  httpsPort: number;
  /** UDP DNS stand-in for every DNS endpoint (Gatus's DNS client speaks UDP only). */
  dnsPort: number;
}

export interface LoopbackOptions {
  /**
   * Every endpoint's interval, e.g. "1s", for a test that needs several results within seconds
   * (an alert fires after three failures in a row). Default: the intervals as written.
   */
  interval?: string;
}

// Top-level sections that make Gatus talk to third parties (remote instances, connectivity
// checks, OIDC, SSH tunnels), or that hold probes this file cannot redirect.
const OUTBOUND_SECTIONS = [
  "security",
  "remote",
  "connectivity",
  "tunneling",
  "suites",
  "external-endpoints",
];
// Endpoint keys that could send traffic elsewhere (client proxy, DNS resolver, OAuth2 token URL,
// tunnel) or probe something other than the url.
const OUTBOUND_ENDPOINT_KEYS = ["client", "ssh"];

/**
 * Alert providers that post to the URL in their one setting. The copy keeps them only when that
 * setting is a `${VAR}` reference: the test decides where they post by setting the variable to
 * a loopback webhook, or leaves it unset, and Gatus then ignores the provider.
 */
export const WEBHOOK_PROVIDERS: Readonly<Record<string, string>> = {
  slack: "webhook-url",
  "teams-workflows": "webhook-url",
};

/** Providers with a fixed address outside: left out of the copy, whatever the environment. */
export const UNREACHABLE_PROVIDERS: Readonly<Record<string, string>> = {
  pagerduty: "posts to events.pagerduty.com, a URL built into Gatus",
  "aws-ses": "calls Amazon SES with AWS credentials",
};

const isVariable = (value: unknown) =>
  typeof value === "string" && /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(value);

/** The config text with web on 127.0.0.1 and every endpoint and alert pointed at a stand-in. */
export function loopbackConfig(
  text: string,
  ports: StandIns,
  options: LoopbackOptions = {},
): string {
  const config = parse(text) as Record<string, unknown>;
  for (const section of OUTBOUND_SECTIONS) {
    if (config[section] !== undefined) throw refused(`the top-level section ${section}`);
  }
  const endpoints = config.endpoints as Record<string, unknown>[];
  config.web = { ...(config.web as object), address: "127.0.0.1", port: ports.gatusPort };
  config.endpoints = endpoints.map((endpoint) => redirect(endpoint, ports, options));
  if (config.alerting !== undefined) config.alerting = alerting(config.alerting);
  checkStorage(config.storage);
  return stringify(config);
}

function alerting(section: unknown): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [provider, settings] of Object.entries(section as Record<string, unknown>)) {
    if (provider in UNREACHABLE_PROVIDERS) continue;
    const urlKey = WEBHOOK_PROVIDERS[provider];
    if (urlKey === undefined) throw refused(`the alert provider ${provider}`);
    const { [urlKey]: url, ...rest } = settings as Record<string, unknown>;
    if (!isVariable(url)) {
      throw refused(`the alert provider ${provider}'s ${urlKey} written in the file`);
    }
    if (rest.overrides !== undefined) throw refused(`the alert provider ${provider}'s overrides`);
    kept[provider] = settings;
  }
  return kept;
}

// A database path written in the file could land anywhere on the test machine; as a variable
// the test points it at a temporary directory (or leaves it unset: memory).
function checkStorage(storage: unknown): void {
  const path = (storage as { path?: unknown } | undefined)?.path;
  if (path !== undefined && !isVariable(path)) throw refused("a storage path written in the file");
}

function redirect(
  endpoint: Record<string, unknown>,
  ports: StandIns,
  options: LoopbackOptions,
): Record<string, unknown> {
  const name = String(endpoint.name);
  const key = OUTBOUND_ENDPOINT_KEYS.find((k) => endpoint[k] !== undefined);
  if (key !== undefined) throw refused(`endpoint ${name}'s ${key}`);
  const alerts = (endpoint.alerts as Record<string, unknown>[] | undefined) ?? [];
  if (alerts.some((alert) => alert["provider-override"] !== undefined)) {
    throw refused(`endpoint ${name}'s alert provider-override`);
  }
  const redirected = pointAtStandIn(endpoint, ports);
  return options.interval === undefined
    ? redirected
    : { ...redirected, interval: options.interval };
}

function pointAtStandIn(endpoint: Record<string, unknown>, ports: StandIns) {
  const name = String(endpoint.name);
  const url = String(endpoint.url);
  // Gatus's own order: a dns block makes it a DNS endpoint whatever the url (endpoint.go, Type).
  if (endpoint.dns !== undefined) return { ...endpoint, url: `127.0.0.1:${ports.dnsPort}` };
  if (/^https?:\/\//.test(url)) {
    return {
      ...endpoint,
      url: url.replace(/^https?:\/\/[^/]+/, `https://127.0.0.1:${ports.httpsPort}`),
    };
  }
  throw refused(`endpoint ${name} (${url.split("://")[0] ?? url})`);
}

function refused(what: string): Error {
  return new Error(
    `no loopback stand-in for ${what}: give it one in tests/health-check/loopback-config.ts, ` +
      "or leave it out of the test's copy with the reason, so the test never reaches the internet",
  );
}
