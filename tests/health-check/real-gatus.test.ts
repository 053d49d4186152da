// The health-check CLI against the real Gatus, built from the version image/Dockerfile pins and
// run with image/config.yaml on 127.0.0.1. Every probe goes to a loopback stand-in (see
// loopback-config.ts); ECS is stubbed. That Gatus starts at all also proves it loads our config.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GATUS_CONFIG_FILE, loadGatusConfig } from "../../ephemeral/gatus-config";
import { freePort, type GatusProcess, startGatus, waitForResults } from "../helpers/gatus-process";
import { gatusBinary } from "../helpers/gatus-build";
import { goTool } from "../helpers/go-tools";
import { loopbackCli } from "./loopback-cli";
import { loopbackConfig } from "./loopback-config";
import {
  type DnsStandIn,
  type HttpsStandIn,
  loopbackCertificate,
  startDnsStandIn,
  startHttpsStandIn,
} from "./loopback-stand-ins";

/** What ${GATUS_HOSTNAME} becomes: a reserved name (RFC 2606) only the DNS stand-in answers. */
const HOSTNAME = "status.gatus.test";
const ENDPOINTS = loadGatusConfig().endpoints.length;

const binary = gatusBinary();
// Go also makes the stand-in's certificate, even when the binary is already built.
const skip = binary.skip ?? goTool().skip;

describe.skipIf(skip !== undefined)(
  `health-check CLI against the real Gatus${skip ? ` (skipped: ${skip})` : ""}`,
  () => {
    const stops: (() => Promise<void>)[] = [];
    let dns: DnsStandIn;
    let healthySite: HttpsStandIn;
    let healthy: GatusProcess;
    let failing: GatusProcess;
    let configFile: string;

    /** Gatus with image/config.yaml, its probes sent to `site` and the DNS stand-in. */
    async function gatusProbing(site: HttpsStandIn, certFile: string): Promise<GatusProcess> {
      const port = await freePort();
      const config = loopbackConfig(readFileSync(GATUS_CONFIG_FILE, "utf8"), {
        gatusPort: port,
        httpsPort: site.port,
        dnsPort: dns.port,
      });
      configFile = path.join(mkdtempSync(path.join(tmpdir(), "gatus-cli-")), "config.yaml");
      writeFileSync(configFile, config);
      const gatus = await startGatus({
        binary: binary.path ?? "",
        config,
        port,
        env: { GATUS_HOSTNAME: HOSTNAME, SSL_CERT_FILE: certFile, GATUS_LOG_LEVEL: "WARN" },
      });
      stops.push(gatus.stop);
      await waitForResults(gatus, ENDPOINTS);
      return gatus;
    }

    beforeAll(async () => {
      const certificate = loopbackCertificate();
      dns = await startDnsStandIn();
      healthySite = await startHttpsStandIn(certificate, "up");
      const downSite = await startHttpsStandIn(certificate, "down");
      stops.push(dns.close, healthySite.close, downSite.close);
      [healthy, failing] = await Promise.all([
        gatusProbing(healthySite, certificate.certFile),
        gatusProbing(downSite, certificate.certFile),
      ]);
    }, 60_000);

    afterAll(async () => {
      for (const stop of stops.reverse()) await stop();
    });

    function cli(gatus: GatusProcess, deadlineSeconds: string) {
      const summaryFile = path.join(mkdtempSync(path.join(tmpdir(), "gatus-cli-")), "summary.md");
      const run = loopbackCli({
        url: gatus.baseUrl,
        gatusConfig: configFile,
        deadlineSeconds,
        extraArgs: ["--summary-file", summaryFile],
      });
      return { ...run, summary: () => readFileSync(summaryFile, "utf8") };
    }

    it("passes when every endpoint is green, having probed only the loopback stand-ins", async () => {
      const run = cli(healthy, "5");
      expect(await run.run(), run.err.join("\n") + healthy.log()).toBe(0);
      expect(run.out[0]).toMatch(/^health check passed: http:\/\/127\.0\.0\.1:\d+ runs /);
      const summary = run.summary();
      for (const id of [
        "this-deployment/website",
        "this-deployment/dns",
        "upstreams/github",
        "upstreams/pulumi-cloud",
        "upstreams/aws-health-dashboard",
      ]) {
        expect(summary).toMatch(new RegExp(`\\| ✅ \\| \`${id}\` \\| (yes|no) \\| success at 20`));
      }
      // ${GATUS_HOSTNAME} was substituted, and the DNS check went over UDP to the stand-in.
      expect(dns.questions).toContain(`${HOSTNAME}. 1`);
      expect(healthySite.hits("/health")).toBeGreaterThanOrEqual(1);
      expect(healthySite.hits("/api/v2/status.json")).toBeGreaterThanOrEqual(2);
      expect(healthySite.hits("/health/status")).toBeGreaterThanOrEqual(1);
    });

    // Gatus writes the values it saw into failed conditions: "[STATUS] (503) == 200".
    it("fails when the site's own endpoint fails, although the upstreams are green", async () => {
      const run = cli(failing, "1");
      expect(await run.run()).toBe(1);
      expect(run.err).toHaveLength(1);
      expect(run.err[0]).toMatch(
        /^health check failed: gatus-results: deadline of 1\.0 s passed .*last: this-deployment\/website: newest result failed at \S+ \(\[STATUS\] \(503\) == 200 failed, \[BODY\]\.status \(DOWN\) == UP failed\)\)$/,
      );
      expect(run.summary()).toContain("| ✅ | `upstreams/github` | no | success at ");
    });

    it("fails when Gatus is stopped", async () => {
      await healthy.stop();
      const run = cli(healthy, "0.5");
      expect(await run.run()).toBe(1);
      expect(run.err[0]).toMatch(
        /^health check failed: http-health: deadline of 0\.5 s passed .*last: request failed: .*ECONNREFUSED 127\.0\.0\.1/,
      );
    });
  },
);
