// image/config.yaml's alerting and storage in the real Gatus, on loopback (loopback-config.ts):
// an alert reaches a webhook when this deployment's own endpoint fails, providers whose
// variable is unset are ignored without breaking anything, and with sqlite the history
// survives a restart, as it survives a deploy on EFS.
import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GATUS_CONFIG_FILE, loadGatusConfig } from "../../ephemeral/gatus-config";
import { ALERTING_SECRETS, STORAGE_VARIABLES } from "../../persistent/gatus-variables";
import { gatusBinary } from "../helpers/gatus-build";
import { freePort, type GatusProcess, startGatus, waitForResults } from "../helpers/gatus-process";
import { goTool } from "../helpers/go-tools";
import { loopbackConfig, type LoopbackOptions, WEBHOOK_PROVIDERS } from "./loopback-config";
import {
  type Certificate,
  type DnsStandIn,
  type HttpsStandIn,
  loopbackCertificate,
  startDnsStandIn,
  startHttpsStandIn,
  startWebhookStandIn,
  type WebhookStandIn,
} from "./loopback-stand-ins";

const HOSTNAME = "status.gatus.test";
const ENDPOINTS = loadGatusConfig().endpoints.length;
const variableOf = (provider: string) => {
  const secret = ALERTING_SECRETS.find((s) => s.provider === provider);
  if (!secret) throw new Error(`no alerting secret for ${provider}`);
  return secret.variable;
};

const binary = gatusBinary();
const skip = binary.skip ?? goTool().skip;

/** Resolves when `ready()` holds, polling every 100 ms; fails with Gatus's log after `ms`. */
async function eventually(ready: () => boolean, gatus: GatusProcess, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > until) throw new Error(`not within ${ms} ms; Gatus logged:\n${gatus.log()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.skipIf(skip !== undefined)(
  `image/config.yaml's alerting and storage in the real Gatus${skip ? ` (skipped: ${skip})` : ""}`,
  () => {
    const stops: (() => Promise<void>)[] = [];
    let certificate: Certificate;
    let dns: DnsStandIn;
    let healthySite: HttpsStandIn;
    let downSite: HttpsStandIn;

    /** Gatus with image/config.yaml on loopback, probing `site`, with extra variables. */
    async function gatus(
      site: HttpsStandIn,
      env: Record<string, string>,
      options: LoopbackOptions = {},
    ): Promise<GatusProcess> {
      const port = await freePort();
      const config = loopbackConfig(
        readFileSync(GATUS_CONFIG_FILE, "utf8"),
        { gatusPort: port, httpsPort: site.port, dnsPort: dns.port },
        options,
      );
      const process = await startGatus({
        binary: binary.path ?? "",
        config,
        port,
        env: { GATUS_HOSTNAME: HOSTNAME, SSL_CERT_FILE: certificate.certFile, ...env },
      });
      stops.push(process.stop);
      return process;
    }

    beforeAll(async () => {
      certificate = loopbackCertificate();
      dns = await startDnsStandIn();
      healthySite = await startHttpsStandIn(certificate, "up");
      downSite = await startHttpsStandIn(certificate, "down");
      stops.push(dns.close, healthySite.close, downSite.close);
    }, 60_000);

    afterAll(async () => {
      for (const stop of stops.reverse()) await stop();
    });

    describe("alerting", () => {
      let webhook: WebhookStandIn;
      let failing: GatusProcess;

      beforeAll(async () => {
        webhook = await startWebhookStandIn();
        stops.push(webhook.close);
        // Every second, so the alerts' three failures in a row take seconds, not minutes.
        failing = await gatus(
          downSite,
          {
            [variableOf("slack")]: `${webhook.baseUrl}/slack`,
            [variableOf("teams-workflows")]: `${webhook.baseUrl}/teams`,
          },
          { interval: "1s" },
        );
      }, 30_000);

      it("covers both webhook providers the copy keeps", () => {
        expect(Object.keys(WEBHOOK_PROVIDERS).sort()).toEqual(["slack", "teams-workflows"]);
      });

      it("posts to the Slack webhook when this deployment's own endpoint fails three times in a row", async () => {
        await eventually(() => webhook.calls.some((c) => c.path === "/slack"), failing, 20_000);
        const call = webhook.calls.find((c) => c.path === "/slack");
        expect(call?.contentType).toBe("application/json");
        const body = JSON.parse(call?.body ?? "{}") as {
          attachments: { text: string; fields: { value: string }[] }[];
        };
        expect(body.attachments[0]?.text).toBe(
          "An alert for *this-deployment/website* has been triggered due to having failed 3 time(s) in a row:\n> Gatus on ECS Fargate: an endpoint of this deployment is failing",
        );
        expect(body.attachments[0]?.fields[0]?.value).toContain(":x: - `[STATUS] (503) == 200`");
      });

      it("posts the same alert to the Teams Workflows webhook", async () => {
        await eventually(() => webhook.calls.some((c) => c.path === "/teams"), failing, 20_000);
        const body = webhook.calls.find((c) => c.path === "/teams")?.body ?? "";
        expect(body).toContain(
          "An alert for **this-deployment/website** has been triggered due to having failed 3 time(s) in a row.",
        );
      });

      it("alerts only for this deployment's endpoints, and skips the alerts of absent providers", async () => {
        const alerted = webhook.calls.map((c) => /An alert for \*+([^*]+)\*+/.exec(c.body)?.[1]);
        expect(new Set(alerted)).toEqual(new Set(["this-deployment/website"]));
        // PagerDuty and SES are not in the loopback copy: their alerts are skipped, not fatal.
        // Gatus logs each skip after the webhook posts before it returned: wait for the line.
        for (const type of ["pagerduty", "aws-ses"]) {
          const skipped = `Not sending alert of type=${type} endpoint with key=this-deployment_website despite being TRIGGERED`;
          await eventually(() => failing.log().includes(skipped), failing, 10_000);
          expect(failing.log()).toContain(skipped);
        }
      });
    });

    it("starts with every alerting variable unset: nothing configured is nothing sent, not an error", async () => {
      const quiet = await gatus(healthySite, {});
      await waitForResults(quiet, ENDPOINTS);
      const log = quiet.log();
      for (const provider of Object.keys(WEBHOOK_PROVIDERS)) {
        expect(log).toContain(`Ignoring provider=${provider} due to error=webhook-url not set`);
      }
      expect(log).toMatch(/configuredProviders=\[\]/);
      await quiet.stop();
    });

    it("keeps its history in SQLite across a restart (storage: sqlite, as on EFS)", async () => {
      const database = path.join(mkdtempSync(path.join(tmpdir(), "gatus-sqlite-")), "gatus.db");
      const env = { [STORAGE_VARIABLES.type]: "sqlite", [STORAGE_VARIABLES.path]: database };
      const first = await gatus(healthySite, env);
      await waitForResults(first, ENDPOINTS);
      await first.stop();
      expect(existsSync(database)).toBe(true);
      expect(statSync(database).size).toBeGreaterThan(0);

      const restartedAt = Date.now();
      const second = await gatus(healthySite, env);
      const response = await fetch(
        `${second.baseUrl}/api/v1/endpoints/this-deployment_website/statuses?page=1&pageSize=50`,
      );
      const status = (await response.json()) as { results: { timestamp: string }[] };
      const before = status.results.filter((r) => Date.parse(r.timestamp) < restartedAt);
      expect(before.length, second.log()).toBeGreaterThan(0);
      await second.stop();
    });
  },
);
