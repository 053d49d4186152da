import { DescribeServicesCommand, ECSClient } from "@aws-sdk/client-ecs";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HEALTH_PATH, STATUSES_PATH } from "../../ephemeral/health-check/http-probe";
import { runHealthCheck } from "../../ephemeral/health-check/run";
import { closeAllServers, gatus, json, startServer, timed } from "./helpers";
import { CLUSTER, COMPLETED, IN_PROGRESS, NEW_TD, ROLLED_BACK, SERVICE } from "./fixtures";

const ecsMock = mockClient(ECSClient);
const ecs = new ECSClient({ region: "eu-west-1" });

beforeEach(() => {
  ecsMock.reset();
});
afterEach(closeAllServers);

function args(url: string, deadlineMs = 2_000) {
  return {
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
    const { value: result, ms } = await timed(() => runHealthCheck(args(server.baseUrl, 300)));
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(/^http-health: deadline of 0\.3 s passed .*HTTP 503/);
    expect(result.checks.map((c) => c.status)).toEqual(["passed", "failed", "skipped"]);
    expect(result.checks[2]?.detail).toBe('not run: "`GET /health` reports UP" failed');
    expect(ms).toBeLessThanOrEqual(300 + 250);
  });

  it("fails when Gatus never produces results", async () => {
    ecsMock.on(DescribeServicesCommand).resolves(COMPLETED);
    const server = await startServer(gatus(() => []));
    const result = await runHealthCheck(args(server.baseUrl, 200));
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(/^gatus-results: .*no endpoints listed yet/);
  });
});
