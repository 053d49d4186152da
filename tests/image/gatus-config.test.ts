import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";
import {
  ALERTING_SECRETS,
  CONFIG_PATH_VARIABLE,
  DASHBOARD_SECRETS,
  GATUS_VARIABLES,
  STORAGE_VARIABLES,
} from "../../persistent/gatus-variables";
import { GATUS_PORT } from "./dockerfile-rules/runtime";

const configPath = path.join(__dirname, "..", "..", "image", "config.yaml");
const configText = readFileSync(configPath, "utf8");
const securityText = readFileSync(
  path.join(__dirname, "..", "..", "image", "security.yaml"),
  "utf8",
);

/**
 * The variables the ECS task definition sets for the config files; nothing else may be
 * substituted. GATUS_CONFIG_PATH is Gatus's own (it picks the files), never in them.
 */
const ALLOWED_VARIABLES: readonly string[] = Object.keys(GATUS_VARIABLES).filter(
  (name) => name !== CONFIG_PATH_VARIABLE,
);
const OWN_HOST = "${GATUS_HOSTNAME}";
const FIVE_MINUTES = 300;
const GATUS_DEFAULT_INTERVAL = "60s";

// Lenient on purpose: missing fields are reported by the tests below, with the endpoint named,
// rather than by one opaque parse error.
const endpointSchema = z.looseObject({
  name: z.string().optional(),
  group: z.string().optional(),
  url: z.string().optional(),
  interval: z.string().optional(),
  conditions: z.array(z.string()).optional(),
  dns: z.looseObject({ "query-name": z.string(), "query-type": z.string() }).optional(),
  alerts: z.array(z.looseObject({ type: z.string() })).optional(),
});
type Endpoint = z.infer<typeof endpointSchema>;

const configSchema = z.looseObject({
  web: z.looseObject({ port: z.unknown() }).optional(),
  storage: z.looseObject({ type: z.string().optional(), path: z.string().optional() }).optional(),
  alerting: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  ui: z.looseObject({ title: z.string().optional() }).optional(),
  endpoints: z.array(endpointSchema),
});

const rawConfig: unknown = parse(configText);
const config = configSchema.parse(rawConfig);
const endpoints = config.endpoints;

// ---- helpers (pure, each tested below so the assertions that use them can fail) ----------

/** Seconds in a Go duration such as "90s", "5m" or "1h30m"; NaN if it is not one. */
function durationSeconds(duration: string): number {
  const unitSeconds: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001 };
  const parts = [...duration.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join("") !== duration) return NaN;
  return parts.reduce(
    (total, [, value, unit]) => total + Number(value) * (unitSeconds[unit ?? ""] ?? NaN),
    0,
  );
}

function intervalSeconds(endpoint: Endpoint): number {
  return durationSeconds(endpoint.interval ?? GATUS_DEFAULT_INTERVAL);
}

/**
 * Variables os.ExpandEnv would substitute: `${NAME}` and `$NAME`. Gatus turns `$$` into a
 * literal dollar first, so those are not variables.
 */
function referencedVariables(text: string): string[] {
  const withoutLiteralDollars = text.replaceAll("$$", "");
  const names = [
    ...withoutLiteralDollars.matchAll(/\$\{([^}]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g),
  ].map((match) => match[1] ?? match[2] ?? "");
  return [...new Set(names)].sort();
}

/** The host an HTTP endpoint probes, or undefined for DNS/TCP/ICMP-style addresses. */
function httpHost(endpoint: Endpoint): string | undefined {
  const url = (endpoint.url ?? "").replaceAll(OWN_HOST, "own-site.invalid");
  if (!/^https?:\/\//.test(url)) return undefined;
  return new URL(url).hostname;
}

function isOwnSite(endpoint: Endpoint): boolean {
  return (endpoint.url ?? "").includes(OWN_HOST) || endpoint.dns?.["query-name"] === OWN_HOST;
}

/** Endpoints that probe `host` more often than once per `minimumSeconds`. */
function probesTooOften(list: readonly Endpoint[], host: string, minimumSeconds: number): string[] {
  return list
    .filter((endpoint) => httpHost(endpoint) === host && intervalSeconds(endpoint) < minimumSeconds)
    .map(
      (endpoint) => `${endpoint.name ?? "(unnamed)"} every ${endpoint.interval ?? "60s (default)"}`,
    );
}

const SECRET_KEY =
  /password|passwd|token|secret|webhook-url|integration-key|api-key|private-key|client-secret/i;
const ONLY_A_VARIABLE = /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$|^\$[A-Za-z_][A-Za-z0-9_]*$/;

/** Paths of secret-like keys whose value is a literal rather than a `${VAR}` reference. */
function literalSecrets(node: unknown, at = ""): string[] {
  if (Array.isArray(node))
    return node.flatMap((item, index) => literalSecrets(item, `${at}[${index}]`));
  if (node === null || typeof node !== "object") return [];
  return Object.entries(node).flatMap(([key, value]) => {
    const here = at === "" ? key : `${at}.${key}`;
    const isLiteral =
      (typeof value === "string" && value !== "" && !ONLY_A_VARIABLE.test(value)) ||
      typeof value === "number";
    return SECRET_KEY.test(key) && isLiteral ? [here] : literalSecrets(value, here);
  });
}

/** The `[CERTIFICATE_EXPIRATION] > <duration>` threshold in seconds, if there is one. */
function certificateExpiryThreshold(conditions: readonly string[]): number | undefined {
  for (const condition of conditions) {
    const match = /^\[CERTIFICATE_EXPIRATION\]\s*>=?\s*(\S+)$/.exec(condition);
    if (match?.[1] !== undefined) return durationSeconds(match[1]);
  }
  return undefined;
}

// ---- the config ---------------------------------------------------------------------------

describe("image/config.yaml", () => {
  it(`serves on ${GATUS_PORT}, the port the image EXPOSEs and the ALB forwards to`, () => {
    expect(config.web?.port).toBe(GATUS_PORT);
  });

  it("takes storage type and path from the task definition (unset: memory, nothing written)", () => {
    expect(config.storage).toEqual({
      type: `\${${STORAGE_VARIABLES.type}}`,
      path: `\${${STORAGE_VARIABLES.path}}`,
    });
  });

  it("configures every secret-holding alert provider from its variable, and nothing else in it", () => {
    for (const secret of ALERTING_SECRETS) {
      const settings = Object.entries(config.alerting?.[secret.provider] ?? {}).filter(
        ([key]) => key !== "default-alert",
      );
      expect(settings, secret.provider).toEqual([[expect.any(String), `\${${secret.variable}}`]]);
    }
  });

  it("leaves the dashboard login to image/security.yaml, which Gatus reads only when protected", () => {
    expect(rawConfig).not.toHaveProperty("security");
    const security: unknown = parse(securityText);
    expect(security).toEqual({
      security: {
        basic: Object.fromEntries(
          DASHBOARD_SECRETS.map((s, i) => [
            ["username", "password-bcrypt-base64"][i],
            `\${${s.variable}}`,
          ]),
        ),
      },
    });
    // Double-quoted, like every substituted value: nothing the value holds can change the YAML.
    for (const s of DASHBOARD_SECRETS) expect(securityText).toContain(`"\${${s.variable}}"`);
  });

  it("alerts on the endpoints of this deployment through every configured provider", () => {
    const providers = Object.keys(config.alerting ?? {}).sort();
    for (const endpoint of endpoints.filter(isOwnSite)) {
      const types = (endpoint.alerts ?? []).map((a) => a.type).sort();
      expect(types, endpoint.name).toEqual(providers);
    }
  });

  it("alerts on no upstream: their incidents are theirs to fix, and the dashboard shows them", () => {
    const alerting = endpoints.filter((e) => !isOwnSite(e) && (e.alerts ?? []).length > 0);
    expect(alerting.map((e) => e.name)).toEqual([]);
  });

  it("gives the dashboard a title", () => {
    expect(config.ui?.title?.trim()).toBeTruthy();
  });

  it("defines endpoints", () => {
    expect(endpoints.length).toBeGreaterThan(0);
  });

  it.each(endpoints.map((endpoint, index) => [endpoint.name ?? `#${index}`, endpoint] as const))(
    "endpoint %s has a name, group, url, a valid interval and conditions",
    (_name, endpoint) => {
      expect(endpoint.name?.trim()).toBeTruthy();
      expect(endpoint.group?.trim()).toBeTruthy();
      expect(endpoint.url?.trim()).toBeTruthy();
      expect(endpoint.interval).toBeDefined();
      expect(intervalSeconds(endpoint)).toBeGreaterThan(0);
      expect(endpoint.conditions?.length ?? 0).toBeGreaterThan(0);
    },
  );

  it("every condition has the form `<value> <comparator> <value>` Gatus requires", () => {
    const malformed = endpoints
      .flatMap((endpoint) => endpoint.conditions ?? [])
      .filter((condition) => !/^\S.*\s(==|!=|<=|>=|<|>)\s\S.*$/.test(condition));
    expect(malformed).toEqual([]);
  });

  it("endpoint keys (group + name) are unique, or their histories would merge", () => {
    const keys = endpoints.map((endpoint) => `${endpoint.group ?? ""}_${endpoint.name ?? ""}`);
    expect(keys.length).toBe(new Set(keys).size);
  });

  it("substitutes only the variables the task definition sets (persistent/gatus-variables.ts), and uses each, with security.yaml", () => {
    const variables = referencedVariables(configText + securityText);
    expect(variables.filter((name) => !ALLOWED_VARIABLES.includes(name))).toEqual([]);
    expect([...ALLOWED_VARIABLES].sort()).toEqual(variables);
  });

  it("never probes api.github.com more often than every 5 minutes (60 requests/hour unauthenticated)", () => {
    expect(probesTooOften(endpoints, "api.github.com", FIVE_MINUTES)).toEqual([]);
  });

  it("polls third-party services no more often than every 5 minutes", () => {
    const tooOften = endpoints
      .filter((endpoint) => !isOwnSite(endpoint) && intervalSeconds(endpoint) < FIVE_MINUTES)
      .map((endpoint) => endpoint.name);
    expect(tooOften).toEqual([]);
  });

  it("has no secret-like key with a literal value (use ${VAR} from ECS secrets)", () => {
    expect(literalSecrets(rawConfig)).toEqual([]);
  });

  it("never uses icmp://, which needs privileges the non-root task does not have", () => {
    expect(endpoints.filter((endpoint) => endpoint.url?.startsWith("icmp://"))).toEqual([]);
  });

  it("checks the site's own /health over HTTPS, including certificate expiry", () => {
    const own = endpoints.find((endpoint) => endpoint.url === `https://${OWN_HOST}/health`);
    expect(own, "an endpoint for https://${GATUS_HOSTNAME}/health").toBeDefined();
    const conditions = own?.conditions ?? [];
    expect(conditions).toContain("[STATUS] == 200");
    expect(conditions).toContain("[BODY].status == UP");
    // ACM renews 60 days ahead: at least 10 days' warning when renewal has failed.
    expect(certificateExpiryThreshold(conditions)).toBeGreaterThanOrEqual(240 * 3600);
  });

  it("checks the site's own DNS: an A record for ${GATUS_HOSTNAME} that resolves", () => {
    const dns = endpoints.find((endpoint) => endpoint.dns?.["query-name"] === OWN_HOST);
    expect(dns, "a DNS endpoint querying ${GATUS_HOSTNAME}").toBeDefined();
    expect(dns?.dns?.["query-type"]).toBe("A");
    expect(dns?.conditions).toContain("[DNS_RCODE] == NOERROR");
    expect(dns?.conditions?.some((condition) => condition.startsWith("[BODY]"))).toBe(true);
  });
});

// ---- the helpers can fail -----------------------------------------------------------------

describe("config checks catch what they are meant to catch", () => {
  it.each([
    ["5m", 300],
    ["300s", 300],
    ["1h30m", 5400],
    ["500ms", 0.5],
  ])("reads the Go duration %s as %d seconds", (duration, seconds) => {
    expect(durationSeconds(duration)).toBe(seconds);
  });

  it.each(["", "5", "five minutes", "5x"])("rejects %j as a duration", (duration) => {
    expect(durationSeconds(duration)).toBeNaN();
  });

  it("finds every substituted variable, but not $$ literals", () => {
    expect(referencedVariables("a: ${GATUS_HOSTNAME}\nb: $HOME\nc: $${NOT_A_VAR}\nd: $$5")).toEqual(
      ["GATUS_HOSTNAME", "HOME"],
    );
  });

  it("flags api.github.com probed every 60s, explicitly or by default", () => {
    const probes: Endpoint[] = [
      { name: "explicit", url: "https://api.github.com/rate_limit", interval: "60s" },
      { name: "default", url: "https://api.github.com/zen" },
      { name: "polite", url: "https://api.github.com/meta", interval: "10m" },
    ];
    expect(probesTooOften(probes, "api.github.com", FIVE_MINUTES)).toEqual([
      "explicit every 60s",
      "default every 60s (default)",
    ]);
  });

  it("flags literal secrets but accepts ${VAR} references", () => {
    const sample = {
      alerting: {
        slack: { "webhook-url": "https://hooks.slack.com/services/T000/B000/XXXX" },
        pagerduty: { "integration-key": "${PAGERDUTY_KEY}" },
        telegram: { token: "${TELEGRAM_TOKEN}" },
      },
      security: { basic: { username: "admin", "password-bcrypt-base64": "JDJhJDEwJHRiMnRF" } },
    };
    expect(literalSecrets(sample)).toEqual([
      "alerting.slack.webhook-url",
      "security.basic.password-bcrypt-base64",
    ]);
  });

  it("reads the certificate-expiry threshold, or its absence", () => {
    expect(certificateExpiryThreshold(["[CERTIFICATE_EXPIRATION] > 240h"])).toBe(864_000);
    expect(certificateExpiryThreshold(["[CERTIFICATE_EXPIRATION] > 48h"])).toBeLessThan(240 * 3600);
    expect(certificateExpiryThreshold(["[STATUS] == 200"])).toBeUndefined();
  });
});
