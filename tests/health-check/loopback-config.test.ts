import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { GATUS_CONFIG_FILE } from "../../ephemeral/gatus-config";
import { loopbackConfig } from "./loopback-config";

const PORTS = { gatusPort: 18080, httpsPort: 18443, dnsPort: 10053 };
const original = readFileSync(GATUS_CONFIG_FILE, "utf8");

interface Endpoint {
  name: string;
  group: string;
  url: string;
  conditions: string[];
  dns?: Record<string, string>;
}

describe("image/config.yaml pointed at loopback stand-ins", () => {
  const before = parse(original) as { endpoints: Endpoint[] };
  const after = parse(loopbackConfig(original, PORTS)) as {
    web: Record<string, unknown>;
    endpoints: Endpoint[];
  };

  it("makes Gatus listen on 127.0.0.1 only", () => {
    expect(after.web).toMatchObject({ address: "127.0.0.1", port: 18080 });
  });

  it("sends every probe of every endpoint to 127.0.0.1, nothing to the internet", () => {
    expect(after.endpoints.map((e) => e.url)).toEqual([
      "https://127.0.0.1:18443/health",
      "127.0.0.1:10053",
      "https://127.0.0.1:18443/api/v2/status.json",
      "https://127.0.0.1:18443/api/v2/status.json",
      "https://127.0.0.1:18443/health/status",
    ]);
  });

  it("keeps names, groups, conditions and the ${GATUS_HOSTNAME} query as written", () => {
    const unchanged = (list: Endpoint[]) =>
      list.map(({ name, group, conditions, dns }) => ({ name, group, conditions, dns }));
    expect(unchanged(after.endpoints)).toEqual(unchanged(before.endpoints));
    expect(after.endpoints[1]?.dns?.["query-name"]).toBe("${GATUS_HOSTNAME}");
  });

  it("keeps the webhook providers, reading their URL from the variable a test may set", () => {
    const alerting = (
      parse(loopbackConfig(original, PORTS)) as { alerting: Record<string, object> }
    ).alerting;
    expect(Object.keys(alerting).sort()).toEqual(["slack", "teams-workflows"]);
    expect(alerting.slack).toMatchObject({ "webhook-url": "${GATUS_SLACK_WEBHOOK_URL}" });
  });

  it("leaves out the providers with a fixed address outside (PagerDuty, SES), whatever the environment", () => {
    const text = loopbackConfig(original, PORTS);
    expect(text).not.toContain("pagerduty:");
    expect(text).not.toContain("aws-ses:");
  });

  it("keeps the endpoints' alerts, so the real Gatus alerts as deployed", () => {
    expect(after.endpoints[0]).toMatchObject({
      alerts: expect.arrayContaining([{ type: "slack" }]),
    });
  });

  it("sets every interval when a test asks for fast ones, and nothing else", () => {
    const fast = parse(loopbackConfig(original, PORTS, { interval: "1s" })) as {
      endpoints: (Endpoint & { interval: string })[];
    };
    expect(new Set(fast.endpoints.map((e) => e.interval))).toEqual(new Set(["1s"]));
    expect(fast.endpoints.map((e) => e.url)).toEqual(after.endpoints.map((e) => e.url));
  });

  it.each([
    [
      "an alert provider without a stand-in",
      "alerting:\n  discord:\n    webhook-url: ${X}\n",
      /the alert provider discord/,
    ],
    [
      "a webhook URL written in the file",
      "alerting:\n  slack:\n    webhook-url: https://hooks.slack.com/services/T/B/X\n",
      /the alert provider slack's webhook-url written in the file/,
    ],
    [
      "a database path written in the file",
      "storage:\n  type: sqlite\n  path: /var/lib/gatus/data.db\n",
      /a storage path written in the file/,
    ],
    [
      "an alert that overrides its provider's settings",
      "  - name: x\n    url: https://a\n    alerts:\n      - type: slack\n        provider-override:\n          webhook-url: https://b\n",
      /endpoint x's alert provider-override/,
    ],
    [
      "an endpoint's client settings (proxy, DNS resolver)",
      "  - name: x\n    url: https://a\n    client:\n      dns-resolver: tcp://8.8.8.8:53\n",
      /endpoint x's client/,
    ],
    ["a TCP endpoint", "  - name: t\n    url: tcp://db.example.com:5432\n", /endpoint t \(tcp\)/],
    ["an ICMP endpoint", "  - name: p\n    url: icmp://example.com\n", /endpoint p \(icmp\)/],
  ])("refuses %s, which it has no stand-in for", (_name, yaml, what) => {
    // Endpoint items continue the file's endpoints list; a section replaces the file's own.
    const text = yaml.startsWith("  - ")
      ? `${original}${yaml}`
      : stringify({ ...(parse(original) as object), ...(parse(yaml) as object) });
    expect(() => loopbackConfig(text, PORTS)).toThrow(what);
    expect(() => loopbackConfig(text, PORTS)).toThrow(/so the test never reaches the internet$/);
  });
});
