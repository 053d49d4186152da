import { describe, expect, it } from "vitest";
import { TEST_ORGANIZATION, TEST_STACK, testConfig } from "../helpers/test-stacks";
import { ephemeralConfigOf } from "./ephemeral-config";
import { duration } from "./markdown";
import {
  AWS_DEFAULT_ROLLOUT,
  ROLLOUT_CONSTANTS,
  rolloutBudget,
  rolloutSection,
  rolloutSettingsFromConfig,
  spotReclaimOutage,
  type RolloutBudget,
} from "./rollout";

/** The budget for the test stack's config with some keys changed (pure: no program run). */
function budgetWith(overrides: Record<string, string> = {}): RolloutBudget {
  const config = ephemeralConfigOf(testConfig("ephemeral", overrides), {
    stack: TEST_STACK,
    organization: TEST_ORGANIZATION,
  });
  return rolloutBudget(rolloutSettingsFromConfig(config));
}
const term = (b: RolloutBudget, id: string) => b.handover.terms.find((t) => t.id === id)?.seconds;
const { ecsPollSeconds, taskStartSeconds, steadyStatePollSeconds, pulumiOverheadSeconds } =
  ROLLOUT_CONSTANTS;

describe("rollout-time budget from the ephemeral configuration", () => {
  const example = budgetWith();

  it("test config: checks 5 × 2 + 4, grace inside the checks, 15 s draining, 10 s stop", () => {
    expect(example.settings).toEqual({
      healthCheckIntervalSeconds: 5,
      healthyThreshold: 2,
      healthCheckTimeoutSeconds: 4,
      healthCheckGracePeriodSeconds: 10,
      deregistrationDelaySeconds: 15,
      stopTimeoutSeconds: 10,
      stopFirst: false,
    });
    expect(term(example, "checks")).toBe(5 * 2 + 4);
    expect(term(example, "graceExcess")).toBe(0);
    expect(example.handover.seconds).toBe(14 + 0 + ecsPollSeconds + 15 + 10);
    expect(example.upToSteadyState.seconds).toBe(
      pulumiOverheadSeconds + taskStartSeconds + example.handover.seconds + steadyStatePollSeconds,
    );
  });

  it("storage sqlite stops the old task first: the handover becomes an outage that includes the task start", () => {
    const config = ephemeralConfigOf(testConfig("ephemeral"), {
      stack: TEST_STACK,
      organization: TEST_ORGANIZATION,
    });
    const sqlite = rolloutBudget(rolloutSettingsFromConfig(config, true));
    expect(sqlite.settings.stopFirst).toBe(true);
    expect(sqlite.handover.terms.map((t) => t.id)).toEqual([
      "ecsPoll",
      "deregistration",
      "stopTimeout",
      "taskStart",
      "checks",
      "graceExcess",
    ]);
    expect(sqlite.handover.seconds).toBe(example.handover.seconds + taskStartSeconds);
    // The same work in another order: the deploy is no slower, but nobody is served meanwhile.
    expect(sqlite.upToSteadyState.seconds).toBe(example.upToSteadyState.seconds);
    const text = rolloutSection(sqlite, rolloutBudget(AWS_DEFAULT_ROLLOUT));
    expect(text).toContain("an outage on every deploy");
    expect(text).toContain("minimumHealthyPercent 0, maximumPercent 100");
    expect(rolloutSection(example, rolloutBudget(AWS_DEFAULT_ROLLOUT))).not.toContain("outage");
  });

  it("AWS defaults: 30 × 5 + 5 s of checks and 300 s of draining", () => {
    const defaults = rolloutBudget(AWS_DEFAULT_ROLLOUT);
    expect(term(defaults, "checks")).toBe(155);
    expect(defaults.handover.seconds).toBe(155 + ecsPollSeconds + 300 + 30);
    expect(defaults.handover.seconds - example.handover.seconds).toBe(
      155 - 14 + (300 - 15) + (30 - 10),
    );
  });

  it("deregistrationDelaySeconds moves both budgets by exactly the difference", () => {
    const slower = budgetWith({ "gatus-ephemeral:deregistrationDelaySeconds": "45" });
    expect(term(slower, "deregistration")).toBe(45);
    expect(slower.handover.seconds - example.handover.seconds).toBe(30);
    expect(slower.upToSteadyState.seconds - example.upToSteadyState.seconds).toBe(30);
  });

  it("healthCheckIntervalSeconds scales the checks (interval × 2 + min(5, interval − 1))", () => {
    const ten = budgetWith({ "gatus-ephemeral:healthCheckIntervalSeconds": "10" });
    expect(ten.settings.healthCheckTimeoutSeconds).toBe(5);
    expect(term(ten, "checks")).toBe(10 * 2 + 5);
    expect(ten.handover.seconds - example.handover.seconds).toBe(25 - 14);
  });

  it("a grace period longer than the checks counts only beyond them", () => {
    const grace = budgetWith({ "gatus-ephemeral:healthCheckGracePeriodSeconds": "60" });
    expect(term(grace, "graceExcess")).toBe(60 - 14);
    expect(grace.handover.seconds - example.handover.seconds).toBe(46);
  });

  it("a Spot reclaim with one task: ECS reacts, starts a replacement, which serves once healthy", () => {
    const outage = spotReclaimOutage(example.settings);
    expect(outage.terms.map((t) => [t.id, t.seconds])).toEqual([
      ["ecsPoll", ecsPollSeconds],
      ["taskStart", taskStartSeconds],
      ["checks", 5 * 2 + 4],
    ]);
    expect(outage.seconds).toBe(ecsPollSeconds + taskStartSeconds + 14);
    const slower = spotReclaimOutage(
      budgetWith({ "gatus-ephemeral:healthCheckIntervalSeconds": "10" }).settings,
    );
    expect(slower.seconds - outage.seconds).toBe(25 - 14);
  });

  it("the section adds the reclaim outage for capacity spot only", () => {
    const defaults = rolloutBudget(AWS_DEFAULT_ROLLOUT);
    const reclaim = "**(c) Fargate Spot reclaims the task**";
    expect(rolloutSection(example, defaults)).not.toContain(reclaim);
    const text = rolloutSection(example, defaults, "spot");
    expect(text).toContain(reclaim);
    expect(text).toContain(
      `| **total** |  | **${duration(spotReclaimOutage(example.settings).seconds)}** |`,
    );
    expect(text).toMatch(/no-running-task alarm/);
    expect(text).toMatch(/circuit breaker and the health checks apply to the replacement/);
    expect(text).toContain(
      `deregistration delay (${example.settings.deregistrationDelaySeconds} s) and the container's stop timeout (${example.settings.stopTimeoutSeconds} s) both fit in the 120 s`,
    );
  });

  it("renders each term's formula next to the AWS defaults", () => {
    const text = rolloutSection(example, rolloutBudget(AWS_DEFAULT_ROLLOUT));
    expect(text).toContain(
      "| health checks until healthy | interval × healthy threshold + timeout = 5 × 2 + 4 | 14 s | interval × healthy threshold + timeout = 30 × 5 + 5 → 155 s |",
    );
    expect(text).toContain(
      "| deregistration delay (draining) | deregistrationDelay = 15 | 15 s | deregistrationDelay = 300 → 300 s |",
    );
    expect(text).toMatch(/\*\*\(a\) New task answering `\/health` → old task gone\.\*\*/);
    expect(text).toContain("| **total** |  | **54 s** | **8 min 20 s** |");
    expect(text).toContain("| **total** |  | **2 min 39 s** | **10 min 5 s** |");
  });
});
