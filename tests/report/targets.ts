/**
 * Cost targets (issue 14): for the configured stack, always on, Fargate Spot must bring the
 * monthly total to at most $50 with public egress and $85 with the NAT gateway, and the teardown
 * schedule must cost far less. Checked against the report's own priced combinations of the
 * levers, never against typed-in figures, so a price or footprint change that breaks a target
 * fails a test and shows in the report.
 */
import type { LeverCombination } from "./levers";
import { table, usd } from "./markdown";
import { describeUptime, type UptimeSchedule } from "./schedule";

export interface CostTarget {
  /** The levers the target sets (config key → value); every other lever stays as configured. */
  settings: Readonly<Record<string, string>>;
  /** Monthly USD, both stacks, always on. */
  maxAlwaysOn: number;
}

/** "Far lower" on the teardown schedule: at most this share of the always-on total. */
export const MAX_TEARDOWN_SHARE = 0.5;

export const COST_TARGETS: readonly CostTarget[] = [
  { settings: { egress: "public", capacity: "spot" }, maxAlwaysOn: 50 },
  { settings: { egress: "nat", capacity: "spot" }, maxAlwaysOn: 85 },
];

export interface TargetResult {
  target: CostTarget;
  /** The priced combination the target is about. */
  combination: LeverCombination;
  /** `partial`: the region lacks prices for some items, so the total cannot be judged. */
  status: "met" | "missed" | "partial";
  /** What misses the target; empty when it is met. */
  misses: string[];
}

const describeSettings = (settings: Readonly<Record<string, string>>) =>
  Object.entries(settings)
    .map(([key, value]) => `\`${key}: ${value}\``)
    .join(" + ");

/** Each target against the configured stack with the target's levers set. */
export function checkTargets(
  combinations: readonly LeverCombination[],
  targets: readonly CostTarget[] = COST_TARGETS,
): TargetResult[] {
  const configured = combinations.find((c) => c.configured);
  if (!configured) throw new Error("no configured combination among the levers' combinations");
  return targets.map((target) => {
    const wanted = { ...configured.settings, ...target.settings };
    const combination = combinations.find((c) =>
      Object.entries(wanted).every(([key, value]) => c.settings[key] === value),
    );
    if (!combination) {
      throw new Error(`no combination of the levers has ${describeSettings(target.settings)}`);
    }
    const { alwaysOn, scheduled, complete } = combination;
    const misses = [
      ...(alwaysOn <= target.maxAlwaysOn
        ? []
        : [`always on ${usd(alwaysOn)} is over ${usd(target.maxAlwaysOn)}`]),
      ...(scheduled <= MAX_TEARDOWN_SHARE * alwaysOn
        ? []
        : [`the teardown schedule's ${usd(scheduled)} is over half of ${usd(alwaysOn)}`]),
    ];
    const status = !complete ? "partial" : misses.length === 0 ? "met" : "missed";
    return { target, combination, status, misses };
  });
}

/** The targets table of the cost section. */
export function targetsTable(results: readonly TargetResult[], schedule: UptimeSchedule): string {
  return table(
    ["Target", "Always on", "Limit", `Teardown ${describeUptime(schedule)}`, "Result"],
    results.map(({ target, combination, status, misses }) => [
      describeSettings(target.settings),
      usd(combination.alwaysOn),
      `≤ ${usd(target.maxAlwaysOn)}`,
      usd(combination.scheduled),
      status === "met"
        ? `met (${usd(target.maxAlwaysOn - combination.alwaysOn)} to spare)`
        : status === "partial"
          ? "unknown: some items are unpriced in this region"
          : `**missed**: ${misses.join("; ")}`,
    ]),
  );
}
