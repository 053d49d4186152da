import { DescribeServicesCommand, ECSClient } from "@aws-sdk/client-ecs";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { createDeadline } from "../../ephemeral/health-check/clock";
import { waitForRollout } from "../../ephemeral/health-check/ecs-rollout";
import { virtualClock } from "./helpers";
import {
  awsError,
  CLUSTER,
  COMPLETED,
  deployment,
  IN_PROGRESS,
  NEW_TD,
  OLD_TD,
  ROLLED_BACK,
  SERVICE,
  serviceWith,
} from "./fixtures";

const ecsMock = mockClient(ECSClient);
const ecs = new ECSClient({ region: "eu-west-1" });

beforeEach(() => {
  ecsMock.reset();
});

/** Virtual time: a 10-minute deadline with 5 s polls runs in milliseconds. */
function rollout(deadlineMs = 600_000) {
  const clock = virtualClock();
  const run = waitForRollout({
    ecs,
    cluster: CLUSTER,
    service: SERVICE,
    expectedTaskDefinitionArn: NEW_TD,
    deadline: createDeadline(deadlineMs, clock),
    pollMs: 5_000,
  });
  return { clock, run };
}

describe("waitForRollout", () => {
  it("passes when the primary deployment completed on the expected task definition", async () => {
    ecsMock.on(DescribeServicesCommand).resolves(COMPLETED);
    const result = await rollout().run;
    expect(result).toMatchObject({
      ok: true,
      attempts: 1,
      detail: "gatus-dev:42 COMPLETED, 1/1 task(s) running",
    });
    expect(ecsMock.commandCalls(DescribeServicesCommand)[0]?.args[0].input).toEqual({
      cluster: CLUSTER,
      services: [SERVICE],
    });
  });

  it("fails at once when the circuit breaker rolled back to the old task definition", async () => {
    ecsMock.on(DescribeServicesCommand).resolves(ROLLED_BACK);
    const result = await rollout().run;
    expect(result.ok).toBe(false);
    expect(result.attempts).toBe(1);
    expect(result.detail).toContain("rolled back");
    expect(result.detail).toContain("runs gatus-dev:41, not gatus-dev:42");
    expect(result.detail).toContain("circuit breaker: tasks failed to start");
  });

  it("fails when the primary runs the old task definition even if that rollback COMPLETED", async () => {
    ecsMock
      .on(DescribeServicesCommand)
      .resolves(serviceWith([deployment({ taskDefinition: OLD_TD, rolloutState: "COMPLETED" })]));
    const result = await rollout().run;
    expect(result).toMatchObject({ ok: false, attempts: 1 });
    expect(result.detail).toMatch(/rolled back .*gatus-dev:41, not gatus-dev:42/);
  });

  it("fails at once when the rollout state is FAILED, quoting ECS's reason", async () => {
    ecsMock.on(DescribeServicesCommand).resolves(
      serviceWith([
        deployment({
          rolloutState: "FAILED",
          runningCount: 0,
          rolloutStateReason: "ECS deployment circuit breaker: tasks failed to start.",
        }),
      ]),
    );
    const result = await rollout().run;
    expect(result).toMatchObject({ ok: false, attempts: 1 });
    expect(result.detail).toBe(
      "rollout of gatus-dev:42 FAILED: ECS deployment circuit breaker: tasks failed to start.",
    );
  });

  it("keeps polling IN_PROGRESS, then passes when it COMPLETED", async () => {
    ecsMock
      .on(DescribeServicesCommand)
      .resolvesOnce(IN_PROGRESS)
      .resolvesOnce(IN_PROGRESS)
      .resolves(COMPLETED);
    const { clock, run } = rollout();
    const result = await run;
    expect(result).toMatchObject({ ok: true, attempts: 3 });
    expect(clock.sleeps).toEqual([5_000, 5_000]);
    expect(ecsMock.commandCalls(DescribeServicesCommand)).toHaveLength(3);
  });

  it("keeps polling while ECS says IN_PROGRESS even though every task already runs", async () => {
    ecsMock
      .on(DescribeServicesCommand)
      .resolvesOnce(serviceWith([deployment({ rolloutState: "IN_PROGRESS" })]))
      .resolves(COMPLETED);
    const result = await rollout().run;
    expect(result).toMatchObject({ ok: true, attempts: 2 });
  });

  it("waits for the old deployment to drain and for running to reach desired", async () => {
    ecsMock
      .on(DescribeServicesCommand)
      .resolvesOnce(
        serviceWith([
          deployment({}),
          deployment({ id: "ecs-svc/0", status: "ACTIVE", taskDefinition: OLD_TD }),
        ]),
      )
      .resolvesOnce(serviceWith([deployment({ desiredCount: 2, runningCount: 1 })]))
      .resolves(COMPLETED);
    const result = await rollout().run;
    expect(result).toMatchObject({ ok: true, attempts: 3 });
  });

  it("fails at the deadline when the rollout stays IN_PROGRESS", async () => {
    ecsMock.on(DescribeServicesCommand).resolves(IN_PROGRESS);
    const { clock, run } = rollout(60_000);
    const result = await run;
    expect(result.ok).toBe(false);
    expect(result.detail).toMatch(
      /^deadline of 60\.0 s passed while waiting for ECS service gatus-dev-svc .*gatus-dev:42 \(12 attempts; last: rollout IN_PROGRESS, 0\/1 task\(s\) running, 1 older deployment\(s\) still draining\)$/,
    );
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBe(60_000);
  });

  it.each([
    [
      "ECS reports it MISSING",
      { $metadata: {}, services: [], failures: [{ arn: SERVICE, reason: "MISSING" }] },
      /cannot find service "gatus-dev-svc" in cluster "gatus-dev" \(MISSING\)/,
    ],
    ["no service comes back", { $metadata: {}, services: [] }, /returned no service/],
    ["it is INACTIVE (deleted)", serviceWith([], "INACTIVE"), /is INACTIVE/],
  ])("fails at once when the service is not there: %s", async (_name, output, reason) => {
    ecsMock.on(DescribeServicesCommand).resolves(output);
    const result = await rollout().run;
    expect(result).toMatchObject({ ok: false, attempts: 1 });
    expect(result.detail).toMatch(reason);
  });

  it("retries throttling and other transient API errors", async () => {
    ecsMock
      .on(DescribeServicesCommand)
      .rejectsOnce(awsError("ThrottlingException", "Rate exceeded"))
      .resolves(COMPLETED);
    const result = await rollout().run;
    expect(result).toMatchObject({ ok: true, attempts: 2 });
  });

  it("fails at once on errors that waiting cannot fix", async () => {
    ecsMock
      .on(DescribeServicesCommand)
      .rejects(awsError("AccessDeniedException", "not authorized to perform ecs:DescribeServices"));
    const result = await rollout().run;
    expect(result).toMatchObject({ ok: false, attempts: 1 });
    expect(result.detail).toContain("AccessDeniedException: not authorized");
  });
});
