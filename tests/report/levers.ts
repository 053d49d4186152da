/**
 * Cost levers: configuration choices and what switching each would change for the configured
 * stack, priced by re-estimating the same footprint with that one choice flipped. The README
 * cites these figures rather than typing its own.
 */
import { estimateCost, type CostEstimate, type EstimateOptions } from "./cost";
import type { EphemeralFootprint, Footprint } from "./footprint";

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
];

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
