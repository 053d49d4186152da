import { DescribeServicesCommand, ECSClient } from "@aws-sdk/client-ecs";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Expectations } from "../../ephemeral/health-check/endpoint-results";
import { HEALTH_PATH, STATUSES_PATH } from "../../ephemeral/health-check/http-probe";
import { runHealthCheck } from "../../ephemeral/health-check/run";
import { loadGatusConfig } from "../../ephemeral/gatus-config";
import { closeAllServers, gatus, json, startServer, timed } from "./helpers";
import { CLUSTER, COMPLETED, IN_PROGRESS, NEW_TD, ROLLED_BACK, SERVICE } from "./fixtures";
import { ALL_GREEN, type Health, statuses } from "./gatus-fixtures";

const ecsMock = mockClient(ECSClient);
const ecs = new ECSClient({ region: "eu-west-1" });

beforeEach(() => {
  ecsMock.reset();
});
afterEach(closeAllServers);

const EXPECT: Expectations = {
  ownGroup: "this-deployment",
  endpoints: loadGatusConfig().endpoints,
  requireUpstreams: false,
};

function args(url: string, deadlineMs = 2_000, expect = EXPECT) {
  return {
    expect,
    url,
    cluster: CLUSTER,
    service: SERVICE,
    taskDefinitionArn: NEW_TD,
    ecs,
    deadlineMs,
    requestTimeoutMs: 200,
    backoff: { initialMs: 10, maxMs: 40 },
    ecsPollMs: 20,
  };
}

describe("runHealthCheck", () => {
  it("passes when the rollout completed, /health is UP and Gatus has results", async () => {
    ecsMock.on(DescribeServicesCommand).resolves(COMPLETED);
    const server = await startServer(gatus());
    const result = await runHealthCheck(args(server.baseUrl));
    expect(result.ok).toBe(true);
    expect(result.reason).toBeUndefined();
    expect(result.checks.map((c) => [c.id, c.status])).toEqual([
      ["ecs-rollout", "passed"],
      ["http-health", "passed"],
      ["gatus-results", "passed"],
    ]);
    expect(result.target).toEqual({
      url: server.baseUrl,
      cluster: CLUSTER,
      service: SERVICE,
      taskDefinitionArn: NEW_TD,
    });
  });

  it("fails a rolled-back deploy without asking the URL the old task still serves", async () => {
    ecsMock.on(DescribeServicesCommand).resolves(ROLLED_BACK);
    const server = await startServer(gatus());
    const result = await runHealthCheck(args(server.baseUrl));
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(/^ecs-rollout: rolled back/);
    expect(result.checks.map((c) => c.status)).toEqual(["failed", "skipped", "skipped"]);
    expect(server.hits(HEALTH_PATH) + server.hits(STATUSES_PATH)).toBe(0);
  });

  it("probes HTTP only after ECS reports the rollout complete", async () => {
    ecsMock
      .on(DescribeServicesCommand)
      .resolvesOnce(IN_PROGRESS)
      .resolvesOnce(IN_PROGRESS)
      .resolves(COMPLETED);
    const server = await startServer(gatus());
    const result = await runHealthCheck(args(server.baseUrl));
    expect(result.ok).toBe(true);
    expect(result.checks[0]).toMatchObject({ id: "ecs-rollout", attempts: 3 });
    expect(server.hits(HEALTH_PATH)).toBe(1);
  });

  it("shares one deadline across the checks", async () => {
    ecsMock
      .on(DescribeServicesCommand)
      .resolvesOnce(IN_PROGRESS)
      .resolvesOnce(IN_PROGRESS)
      .resolves(COMPLETED);
    const server = await startServer((_req, res) => json(res, 503, "down"));
    const { value: result, ms } = await timed(() => runHealthCheck(args(server.baseUrl, 900)));
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(/^http-health: deadline of 0\.9 s passed .*HTTP 503/);
    expect(result.checks.map((c) => c.status)).toEqual(["passed", "failed", "skipped"]);
    expect(result.checks[2]?.detail).toBe('not run: "`GET /health` reports UP" failed');
    expect(ms).toBeLessThanOrEqual(900 + 600);
  });
});

describe("runHealthCheck judges Gatus's own results (upstream-shaped answers)", () => {
  const red = (...ids: string[]) => ({
    ...ALL_GREEN,
    ...Object.fromEntries(ids.map((id): [string, Health] => [id, "red"])),
  });
  const { "this-deployment/dns": _dns, ...dnsMissing } = ALL_GREEN;

  it.each<[string, Record<string, Health>, boolean, RegExp]>([
    ["all green", ALL_GREEN, true, /^all 2 "this-deployment" endpoint\(s\) succeeded/],
    [
      "all red",
      red(...Object.keys(ALL_GREEN)),
      false,
      /last: this-deployment\/website: newest result failed .*; this-deployment\/dns: newest result failed/,
    ],
    [
      "the own group red while the upstreams are green",
      red("this-deployment/website"),
      false,
      /last: this-deployment\/website: newest result failed/,
    ],
    [
      "no results ever",
      {},
      false,
      /last: this-deployment\/website: no result yet; this-deployment\/dns: no result yet\)$/,
    ],
    ["one own endpoint missing", dnsMissing, false, /last: this-deployment\/dns: no result yet\)$/],
    [
      "only upstreams red (reported, not required)",
      red("upstreams/github", "upstreams/pulumi-cloud"),
      true,
      /reported only, not succeeding: upstreams\/github, upstreams\/pulumi-cloud$/,
    ],
  ])("%s → ok %s", async (_name, endpoints, ok, detail) => {
    ecsMock.on(DescribeServicesCommand).resolves(COMPLETED);
    const server = await startServer(gatus(() => statuses(endpoints)));
    // A passing run returns at once; a failing one waits out the deadline, so keep that short.
    const result = await runHealthCheck(args(server.baseUrl, ok ? 5_000 : 900));
    expect(result.ok).toBe(ok);
    const check = result.checks.find((c) => c.id === "gatus-results");
    expect(check?.status).toBe(ok ? "passed" : "failed");
    expect(check?.detail).toMatch(detail);
    if (!ok) expect(result.reason).toMatch(/^gatus-results: deadline of 0\.9 s passed/);
    expect(result.endpoints).toHaveLength(Object.keys(ALL_GREEN).length);
  });

  it("fails a red upstream when upstreams are required", async () => {
    ecsMock.on(DescribeServicesCommand).resolves(COMPLETED);
    const server = await startServer(gatus(() => statuses(red("upstreams/github"))));
    const result = await runHealthCheck(
      args(server.baseUrl, 900, { ...EXPECT, requireUpstreams: true }),
    );
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(/last: upstreams\/github: newest result failed/);
    expect(result.decides).toEqual({ ownGroup: "this-deployment", requireUpstreams: true });
  });

  it("fails with /health down and never reads the results", async () => {
    ecsMock.on(DescribeServicesCommand).resolves(COMPLETED);
    const server = await startServer((req, res) =>
      req.url === "/health" ? json(res, 503, "down") : gatus()(req, res, 1),
    );
    const result = await runHealthCheck(args(server.baseUrl, 900));
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(/^http-health: .*last: HTTP 503/);
    expect(result.checks.map((c) => c.status)).toEqual(["passed", "failed", "skipped"]);
    expect(server.hits(STATUSES_PATH)).toBe(0);
    expect(result.endpoints).toEqual([]);
  });
});
