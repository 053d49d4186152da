import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  GATUS_CONFIG_FILE,
  loadGatusConfig,
  ownGroupOf,
  readGatusConfig,
} from "../../ephemeral/gatus-config";

const endpoints = (yaml: string) => `web:\n  port: 8080\nendpoints:\n${yaml}`;

function problemsOf(text: string): string[] {
  const read = readGatusConfig(text, "config.yaml");
  if (read.ok) throw new Error("expected the Gatus config to be rejected");
  return read.problems;
}

describe("image/config.yaml as the deployment reads it", () => {
  it("gives web.port and every endpoint with its group, in file order", () => {
    const config = loadGatusConfig();
    expect(config.port).toBe(8080);
    expect(config.endpoints.map((e) => `${e.group}/${e.name}`)).toEqual([
      "this-deployment/website",
      "this-deployment/dns",
      "upstreams/github",
      "upstreams/pulumi-cloud",
      "upstreams/aws-health-dashboard",
    ]);
    expect(ownGroupOf(config)).toEqual({ group: "this-deployment" });
  });

  it("reads the file next to the Dockerfile, the one the image bakes in", () => {
    expect(GATUS_CONFIG_FILE.endsWith("image/config.yaml")).toBe(true);
    expect(readFileSync(GATUS_CONFIG_FILE, "utf8")).toContain("endpoints:");
  });

  it("falls back to Gatus's own default port 8080 when web.port is absent", () => {
    const read = readGatusConfig("endpoints:\n  - name: a\n    url: https://x\n", "c.yaml");
    expect(read.ok && read.config.port).toBe(8080);
  });

  it("skips disabled endpoints: Gatus never probes them, so they never report", () => {
    const read = readGatusConfig(
      endpoints(
        "  - name: a\n    group: g\n    url: https://a\n  - name: b\n    group: g\n    enabled: false\n    url: https://b\n",
      ),
      "c.yaml",
    );
    expect(read.ok && read.config.endpoints.map((e) => e.name)).toEqual(["a"]);
  });

  it.each([
    ["a port as a string", "web:\n  port: '8080'\nendpoints: []\n", /web\.port: got "8080"/],
    ["a privileged port", "web:\n  port: 80\nendpoints: []\n", /web\.port: got 80; must be/],
    ["a variable port", "web:\n  port: ${PORT}\nendpoints: []\n", /web\.port: got "\$\{PORT\}"/],
    ["no endpoints", "web:\n  port: 8080\n", /endpoints: not set; Gatus refuses to start/],
    ["an endpoint without a name", endpoints("  - url: https://a\n"), /endpoints\[0\]\.name: /],
    [
      "a name with a variable",
      endpoints("  - name: ${X}\n    url: https://a\n"),
      /endpoints\[0\]\.name: got "\$\{X\}"; must be literal/,
    ],
    ["not YAML", "web: [\n", /not valid YAML/],
  ])("rejects %s", (_name, text, problem) => {
    expect(problemsOf(text).join("\n")).toMatch(problem);
  });

  it("lists every problem at once", () => {
    expect(problemsOf("web:\n  port: 80\nendpoints:\n  - url: x\n")).toHaveLength(2);
  });
});

describe("the deployment's own group", () => {
  const config = (list: { name: string; group: string; probesOwnSite: boolean }[]) => ({
    port: 8080,
    endpoints: list,
  });

  it("is the group of the endpoints that probe ${GATUS_HOSTNAME}", () => {
    const read = readGatusConfig(
      endpoints(
        "  - name: site\n    group: mine\n    url: https://${GATUS_HOSTNAME}/health\n" +
          "  - name: dns\n    group: mine\n    url: 127.0.0.1\n    dns:\n      query-name: ${GATUS_HOSTNAME}\n      query-type: A\n" +
          "  - name: other\n    group: theirs\n    url: https://example.com\n",
      ),
      "c.yaml",
    );
    if (!read.ok) throw new Error(read.problems.join("; "));
    expect(read.config.endpoints.map((e) => e.probesOwnSite)).toEqual([true, true, false]);
    expect(ownGroupOf(read.config)).toEqual({ group: "mine" });
  });

  it("cannot be told when no endpoint probes ${GATUS_HOSTNAME}", () => {
    expect(ownGroupOf(config([{ name: "a", group: "g", probesOwnSite: false }]))).toEqual({
      problem: "no endpoint probes ${GATUS_HOSTNAME}, so its group cannot be told",
    });
  });

  it("cannot be told when those endpoints sit in several groups", () => {
    expect(
      ownGroupOf(
        config([
          { name: "a", group: "one", probesOwnSite: true },
          { name: "b", group: "two", probesOwnSite: true },
        ]),
      ),
    ).toEqual({
      problem: 'the endpoints that probe ${GATUS_HOSTNAME} are in several groups ("one", "two")',
    });
  });
});
