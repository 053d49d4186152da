/**
 * Cost levers: configuration choices and what switching each would change for the configured
 * stack, priced by re-estimating the same footprint with that one choice flipped (and every
 * combination of them). The README cites these figures rather than typing its own.
 */
import { estimateCost, type CostEstimate, type EstimateOptions } from "./cost";
import type { EphemeralFootprint, Footprint } from "./footprint";
import type { Price } from "./prices";

export interface CostLever {
  /** The config key, e.g. `egress`. */
  key: string;
  current: string;
  alternative: string;
  /** Monthly USD of the whole estimate after switching, minus before (negative: cheaper). */
  alwaysOnDelta: number;
  scheduledDelta: number;
  /** Whether both estimates priced every line; otherwise the delta is partial. */
  complete: boolean;
  /** What the alternative gives up, in one sentence. */
  tradeOff: string;
}

interface LeverSpec {
  key: string;
  current: (e: EphemeralFootprint) => string;
  alternative: (e: EphemeralFootprint) => string;
  /** The ephemeral footprint with the alternative chosen. */
  flip: (e: EphemeralFootprint) => EphemeralFootprint;
  tradeOff: (e: EphemeralFootprint) => string;
}

const LEVERS: LeverSpec[] = [
  {
    key: "egress",
    current: (e) => e.egress,
    alternative: (e) => (e.egress === "nat" ? "public" : "nat"),
    flip: (e) =>
      e.egress === "nat"
        ? { ...e, egress: "public", natGateways: 0, publicTaskIps: e.tasks.count }
        : { ...e, egress: "nat", natGateways: 1, publicTaskIps: 0 },
    tradeOff: (e) =>
      e.egress === "nat"
        ? "tasks get public IPs in public subnets (FSBP ECS.2, an acknowledged advisory); the task security group is the only barrier"
        : "tasks leave public IPs behind for private subnets behind one NAT gateway",
  },
  {
    key: "containerInsights",
    current: (e) => String(e.containerInsights),
    alternative: (e) => String(!e.containerInsights),
    flip: (e) => ({ ...e, containerInsights: !e.containerInsights }),
    tradeOff: (e) =>
      e.containerInsights
        ? "no per-task CPU, memory and network metrics; the no-running-task alarm reads the free AWS/ECS metric instead; FSBP ECS.12 fails (a declared exception)"
        : "per-task CPU, memory and network metrics and their dashboards; FSBP ECS.12 passes",
  },
  {
    key: "capacity",
    current: (e) => e.tasks.capacity,
    alternative: (e) => (e.tasks.capacity === "spot" ? "on-demand" : "spot"),
    flip: (e) => ({
      ...e,
      tasks: { ...e.tasks, capacity: e.tasks.capacity === "spot" ? "on-demand" : "spot" },
    }),
    tradeOff: (e) =>
      e.tasks.capacity === "spot"
        ? "no reclaims: the task runs until a deploy replaces it"
        : "AWS may reclaim the task with a 2-minute warning: with one task a short outage until a replacement passes the health checks (longer while Spot capacity is short); the circuit breaker, health checks and alarms still apply",
  },
];

/** One setting of every lever, priced. */
export interface LeverCombination {
  /** Config key → value, e.g. `{ egress: "public", capacity: "spot", ... }`. */
  settings: Record<string, string>;
  alwaysOn: number;
  scheduled: number;
  complete: boolean;
  /** The configured stack's own combination. */
  configured: boolean;
  /** The unit prices its estimate used (undefined where unpriced), for the sources table. */
  prices: Price[];
}

const complete = (estimate: CostEstimate) => estimate.totals.all.unpriced === 0;

/** Each lever's monthly effect on the configured stack's estimate. */
export function costLevers(footprint: Footprint, options: EstimateOptions = {}): CostLever[] {
  const before = estimateCost(footprint, options);
  return LEVERS.map((lever) => {
    const after = estimateCost(
      { ...footprint, ephemeral: lever.flip(footprint.ephemeral) },
      options,
    );
    return {
      key: lever.key,
      current: lever.current(footprint.ephemeral),
      alternative: lever.alternative(footprint.ephemeral),
      alwaysOnDelta: after.totals.all.alwaysOn - before.totals.all.alwaysOn,
      scheduledDelta: after.totals.all.scheduled - before.totals.all.scheduled,
      complete: complete(before) && complete(after),
      tradeOff: lever.tradeOff(footprint.ephemeral),
    };
  });
}

/**
 * Every combination of the levers (2 values each), cheapest first: the configured stack with
 * any set of them switched, so a reader sees what two changes together cost without adding
 * deltas up.
 */
export function leverCombinations(
  footprint: Footprint,
  options: EstimateOptions = {},
): LeverCombination[] {
  const combos = LEVERS.reduce<{ flipped: LeverSpec[] }[]>(
    (sets, lever) => sets.flatMap((set) => [set, { flipped: [...set.flipped, lever] }]),
    [{ flipped: [] }],
  );
  return combos
    .map(({ flipped }) => {
      const ephemeral = flipped.reduce((e, lever) => lever.flip(e), footprint.ephemeral);
      const estimate = estimateCost({ ...footprint, ephemeral }, options);
      return {
        settings: Object.fromEntries(LEVERS.map((l) => [l.key, l.current(ephemeral)])),
        alwaysOn: estimate.totals.all.alwaysOn,
        scheduled: estimate.totals.all.scheduled,
        complete: complete(estimate),
        configured: flipped.length === 0,
        prices: estimate.lines.map((l) => l.price),
      };
    })
    .sort((a, b) => a.alwaysOn - b.alwaysOn);
}
