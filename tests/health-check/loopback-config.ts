// image/config.yaml made safe to run on a test machine: Gatus listens on 127.0.0.1, and every
// probe goes to a loopback stand-in instead of the internet. Names, groups, intervals and
// conditions stay as written, so the real Gatus loads and judges the real config. Anything
// this file cannot point at loopback is refused, so a new endpoint type or an alerting provider
// can never make the test reach out.
import { parse, stringify } from "yaml";

export interface StandIns {
  /** Port Gatus listens on (web.port). */
  gatusPort: number;
  /** HTTPS stand-in for every http(s):// endpoint (the site itself and the status pages). */
  httpsPort: number;
  /** UDP DNS stand-in for every DNS endpoint (Gatus's DNS client speaks UDP only). */
  dnsPort: number;
}

// Top-level sections that make Gatus talk to third parties (alerts, remote instances,
// connectivity checks, OIDC, SSH tunnels), or that hold probes this file cannot redirect.
const OUTBOUND_SECTIONS = [
  "alerting",
  "security",
  "remote",
  "connectivity",
  "tunneling",
  "suites",
  "external-endpoints",
];
// Endpoint keys that could send traffic elsewhere (alert providers; client proxy, DNS
// resolver, OAuth2 token URL, tunnel) or probe something other than the url.
const OUTBOUND_ENDPOINT_KEYS = ["alerts", "client", "ssh"];

/** The config text with web on 127.0.0.1 and every endpoint pointed at a stand-in. */
export function loopbackConfig(text: string, ports: StandIns): string {
  const config = parse(text) as Record<string, unknown>;
  for (const section of OUTBOUND_SECTIONS) {
    if (config[section] !== undefined) throw refused(`the top-level section ${section}`);
  }
  const endpoints = config.endpoints as Record<string, unknown>[];
  config.web = { ...(config.web as object), address: "127.0.0.1", port: ports.gatusPort };
  config.endpoints = endpoints.map((endpoint) => redirect(endpoint, ports));
  return stringify(config);
}

function redirect(endpoint: Record<string, unknown>, ports: StandIns): Record<string, unknown> {
  const name = String(endpoint.name);
  const key = OUTBOUND_ENDPOINT_KEYS.find((k) => endpoint[k] !== undefined);
  if (key !== undefined) throw refused(`endpoint ${name}'s ${key}`);
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
