// Dashboard protection in the real Gatus (the version image/Dockerfile pins), on loopback: the
// image's config.yaml and security.yaml, read the two ways a task can (loopback-config.ts sends
// every probe to a stand-in). What it proves about Gatus v5.36.0: with GATUS_CONFIG_PATH at the
// directory the files merge and security.basic guards the statuses API but not /health
// (api/api.go); at the file, as the image's ENV says, security.yaml is not read (off by
// default); and the directory without a login stops Gatus at start (ErrInvalidSecurityConfig),
// which is why the block cannot sit in config.yaml switched off.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GATUS_CONFIG_FILE, loadGatusConfig } from "../../ephemeral/gatus-config";
import { basicAuthorization } from "../../ephemeral/health-check/basic-auth";
import { STATUSES_PATH } from "../../ephemeral/health-check/http-probe";
import { DASHBOARD_SECRETS } from "../../persistent/gatus-variables";
import { DASHBOARD_LOGIN } from "../helpers/dashboard-login";
import { gatusBinary } from "../helpers/gatus-build";
import { freePort, type GatusProcess, startGatus, waitForResults } from "../helpers/gatus-process";
import { goTool } from "../helpers/go-tools";
import { loopbackCli } from "./loopback-cli";
import { loopbackConfig } from "./loopback-config";
import {
  type Certificate,
  type DnsStandIn,
  type HttpsStandIn,
  loopbackCertificate,
  startDnsStandIn,
  startHttpsStandIn,
} from "./loopback-stand-ins";

const HOSTNAME = "status.gatus.test";
const ENDPOINTS = loadGatusConfig().endpoints.length;
const SECURITY_YAML = readFileSync(
  path.join(path.dirname(GATUS_CONFIG_FILE), "security.yaml"),
  "utf8",
);
const [USERNAME_VARIABLE, HASH_VARIABLE] = DASHBOARD_SECRETS.map((s) => s.variable);
/** What ECS would pass from the persistent stack's two SecureStrings. */
const LOGIN_ENV = {
  [USERNAME_VARIABLE ?? ""]: DASHBOARD_LOGIN.username,
  [HASH_VARIABLE ?? ""]: DASHBOARD_LOGIN.passwordBcryptBase64,
};
const AUTHORIZATION = basicAuthorization(DASHBOARD_LOGIN);

const binary = gatusBinary();
const skip = binary.skip ?? goTool().skip;

describe.skipIf(skip !== undefined)(
  `dashboard protection in the real Gatus${skip ? ` (skipped: ${skip})` : ""}`,
  () => {
    const stops: (() => Promise<void>)[] = [];
    let certificate: Certificate;
    let dns: DnsStandIn;
    let site: HttpsStandIn;
    let guarded: GatusProcess;
    let configFile: string;

    function configOn(port: number): string {
      return loopbackConfig(readFileSync(GATUS_CONFIG_FILE, "utf8"), {
        gatusPort: port,
        httpsPort: site.port,
        dnsPort: dns.port,
      });
    }

    /** Gatus with config.yaml and security.yaml side by side, read as `configPath` says. */
    async function gatus(
      configPath: "file" | "directory",
      env: Record<string, string>,
    ): Promise<GatusProcess> {
      const port = await freePort();
      const started = await startGatus({
        binary: binary.path ?? "",
        config: configOn(port),
        besideConfig: { "security.yaml": SECURITY_YAML },
        configPath,
        port,
        env: {
          GATUS_HOSTNAME: HOSTNAME,
          SSL_CERT_FILE: certificate.certFile,
          GATUS_LOG_LEVEL: "WARN",
          ...env,
        },
      });
      stops.push(started.stop);
      return started;
    }

    beforeAll(async () => {
      certificate = loopbackCertificate();
      dns = await startDnsStandIn();
      site = await startHttpsStandIn(certificate, "up");
      stops.push(dns.close, site.close);
      guarded = await gatus("directory", LOGIN_ENV);
      await waitForResults(guarded, ENDPOINTS, 15_000, { authorization: AUTHORIZATION });
      configFile = path.join(mkdtempSync(path.join(tmpdir(), "gatus-sec-")), "config.yaml");
      writeFileSync(configFile, readFileSync(GATUS_CONFIG_FILE, "utf8"));
    }, 60_000);

    afterAll(async () => {
      for (const stop of stops.reverse()) await stop();
    });

    const cli = (target: GatusProcess, env: Record<string, string>) =>
      loopbackCli({ url: target.baseUrl, gatusConfig: configFile, deadlineSeconds: "5", env });

    it("answers the statuses API only with the login (401 without), and /health to anyone", async () => {
      const statuses = `${guarded.baseUrl}${STATUSES_PATH}`;
      expect((await fetch(statuses)).status).toBe(401);
      expect((await fetch(statuses, { headers: { authorization: AUTHORIZATION } })).status).toBe(
        200,
      );
      expect(await (await fetch(`${guarded.baseUrl}/health`)).json()).toEqual({ status: "UP" });
    });

    it("passes the health check given the login in its environment", async () => {
      const run = cli(guarded, {
        GATUS_DASHBOARD_USERNAME: DASHBOARD_LOGIN.username,
        GATUS_DASHBOARD_PASSWORD: DASHBOARD_LOGIN.password,
      });
      expect(await run.run(), run.err.join("\n") + guarded.log()).toBe(0);
      expect(run.out[0]).toMatch(/^health check passed: /);
    });

    it("fails the health check without the login, saying what to set", async () => {
      const run = cli(guarded, {});
      expect(await run.run()).toBe(1);
      expect(run.err).toEqual([
        expect.stringContaining(
          "gatus-results: HTTP 401 from /api/v1/endpoints/statuses: the dashboard is protected: set GATUS_DASHBOARD_USERNAME and GATUS_DASHBOARD_PASSWORD",
        ),
      ]);
    });

    it("fails the health check with a wrong password, without repeating it", async () => {
      const run = cli(guarded, {
        GATUS_DASHBOARD_USERNAME: DASHBOARD_LOGIN.username,
        GATUS_DASHBOARD_PASSWORD: "wrong-s3cr3t",
      });
      expect(await run.run()).toBe(1);
      expect(run.err[0]).toContain("the dashboard refused the login in GATUS_DASHBOARD_USERNAME");
      expect([...run.err, ...run.out].join("\n")).not.toContain("wrong-s3cr3t");
    });

    it("accepts htpasswd's $2y$ hashes, as the README's command makes them", async () => {
      const hash = Buffer.from(DASHBOARD_LOGIN.passwordBcryptBase64, "base64").toString();
      const y = await gatus("directory", {
        ...LOGIN_ENV,
        [HASH_VARIABLE ?? ""]: Buffer.from(hash.replace(/^\$2a\$/, "$2y$")).toString("base64"),
      });
      const statuses = `${y.baseUrl}${STATUSES_PATH}`;
      expect((await fetch(statuses, { headers: { authorization: AUTHORIZATION } })).status).toBe(
        200,
      );
      const wrong = basicAuthorization({ ...DASHBOARD_LOGIN, password: "hunter3" });
      expect((await fetch(statuses, { headers: { authorization: wrong } })).status).toBe(401);
    });

    it("reads config.yaml alone at the image's default path: off by default", async () => {
      const open = await gatus("file", {});
      expect((await fetch(`${open.baseUrl}${STATUSES_PATH}`)).status).toBe(200);
    });

    it("refuses to start on the directory without a login: the block cannot sit there switched off", async () => {
      const error = await gatus("directory", {}).catch((e: unknown) => e);
      expect(String(error)).toMatch(/Gatus exited .* before it was ready/);
      expect(String(error)).toContain("invalid security configuration");
    });
  },
);
