import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
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

  it.each([
    [
      "alerting, which would call a provider",
      "alerting:\n  slack: {}\n",
      /the top-level section alerting/,
    ],
    [
      "an endpoint's client settings (proxy, DNS resolver)",
      "  - name: x\n    url: https://a\n    client:\n      dns-resolver: tcp://8.8.8.8:53\n",
      /endpoint x's client/,
    ],
    ["a TCP endpoint", "  - name: t\n    url: tcp://db.example.com:5432\n", /endpoint t \(tcp\)/],
    ["an ICMP endpoint", "  - name: p\n    url: icmp://example.com\n", /endpoint p \(icmp\)/],
  ])("refuses %s, which it has no stand-in for", (_name, yaml, what) => {
    // Endpoint items continue the file's endpoints list; a section starts a new top-level key.
    const text = `${original}${yaml}`;
    expect(() => loopbackConfig(text, PORTS)).toThrow(what);
    expect(() => loopbackConfig(text, PORTS)).toThrow(/so the test never reaches the internet$/);
  });
});
