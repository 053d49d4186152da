/**
 * The rollout-time budget: how long a deploy takes, computed from the ephemeral configuration
 * (and the program's own constants) next to the same formula on AWS's defaults. Lesson 9 of
 * the Terraform original: a 300 s deregistration delay slowed every deploy by minutes.
 *
 * Worst case, rolling deploy with minimumHealthyPercent 100 / maximumPercent 200 (start the new
 * task, then stop the old one):
 *
 *   handover = checks + graceExcess + ecsPoll + deregistration + stopTimeout
 *     checks      = interval × healthyThreshold + timeout   (first check can wait a full interval)
 *     graceExcess = max(0, grace − checks)   (ECS ignores *unhealthy* results during the grace
 *                   period; counted only where it outlasts the checks, to stay a worst case)
 *   up to steady  = pulumiOverhead + taskStart + handover + steadyStatePoll
 *
 * With the SQLite history (minimumHealthyPercent 0 / maximumPercent 100) the old task stops
 * first, and nobody answers until the new one is healthy:
 *
 *   outage = ecsPoll + deregistration + stopTimeout + taskStart + checks + graceExcess
 *   up to steady  = pulumiOverhead + outage + steadyStatePoll
 */
import {
  SPOT_RECLAIM_WARNING_SECONDS,
  type Capacity,
  type EphemeralConfig,
} from "../../ephemeral/config";
import { HEALTHY_THRESHOLD, healthCheckTimeout } from "../../ephemeral/load-balancer";
import { containerDefinition, deploymentPercents } from "../../ephemeral/service";
import type { Graph } from "../engine/run-program";
import { asArray, jsonInput, numeric, ofType, pick } from "./graph-query";
import { duration, table } from "./markdown";

export interface RolloutSettings {
  healthCheckIntervalSeconds: number;
  healthyThreshold: number;
  healthCheckTimeoutSeconds: number;
  healthCheckGracePeriodSeconds: number;
  deregistrationDelaySeconds: number;
  /** Seconds ECS waits after SIGTERM before SIGKILL. */
  stopTimeoutSeconds: number;
  /** The old task stops before the new one starts (storage sqlite): each deploy is an outage. */
  stopFirst: boolean;
}

/**
 * What AWS gives you when you set nothing: target group interval 30 s, healthy threshold 5,
 * timeout 5 s, deregistration delay 300 s; ECS service no grace period; Fargate stopTimeout 30 s.
 */
export const AWS_DEFAULT_ROLLOUT: RolloutSettings = {
  healthCheckIntervalSeconds: 30,
  healthyThreshold: 5,
  healthCheckTimeoutSeconds: 5,
  healthCheckGracePeriodSeconds: 0,
  deregistrationDelaySeconds: 300,
  stopTimeoutSeconds: 30,
  stopFirst: false,
};

/**
 * Estimates, not measurements (no account was available to time them); see
 * /work/shared/reference/security.md §6.1.
 */
export const ROLLOUT_CONSTANTS = {
  /** Fargate capacity, ENI attachment, image pull and Gatus start (≈ 30–60 s; the upper end). */
  taskStartSeconds: 60,
  /** ECS noticing the new target is healthy and starting to drain the old one. */
  ecsPollSeconds: 15,
  /** Pulumi's wait for steady state polling the service (the AWS CLI waiter polls every 15 s). */
  steadyStatePollSeconds: 15,
  /** Pulumi engine start, refresh of the stack's resources, new task definition, UpdateService. */
  pulumiOverheadSeconds: 30,
} as const;

export type RolloutConstants = { [K in keyof typeof ROLLOUT_CONSTANTS]: number };

/**
 * The settings the ephemeral program deploys for a configuration; `history` is whether the
 * persistent stack keeps Gatus's history on EFS (its contract's `history`).
 */
export function rolloutSettingsFromConfig(
  config: EphemeralConfig,
  history = false,
): RolloutSettings {
  const container = containerDefinition({
    containerPort: config.containerPort,
    runtime: { environment: [], secrets: [], history: undefined },
    region: config.region,
    image: "",
    logGroup: "",
  });
  return {
    healthCheckIntervalSeconds: config.healthCheckIntervalSeconds,
    healthyThreshold: HEALTHY_THRESHOLD,
    healthCheckTimeoutSeconds: healthCheckTimeout(config.healthCheckIntervalSeconds),
    healthCheckGracePeriodSeconds: config.healthCheckGracePeriodSeconds,
    deregistrationDelaySeconds: config.deregistrationDelaySeconds,
    stopTimeoutSeconds: container.stopTimeout,
    stopFirst: stopsFirst(deploymentPercents({ history: history ? HISTORY : undefined })),
  };
}

// Only whether there is a history matters to the rollout, not which file system.
const HISTORY = { fileSystemId: "fs-0", accessPointId: "fsap-0" };

const stopsFirst = (percents: { deploymentMaximumPercent?: unknown }) =>
  percents.deploymentMaximumPercent === 100;

/**
 * The settings a recorded ephemeral graph deploys, read from its target group, service and task
 * definition (for comparing two commits' graphs without their configs).
 */
export function rolloutSettingsFromGraph(ephemeral: Graph): RolloutSettings {
  const tg = ofType(ephemeral, "aws:lb/targetGroup:TargetGroup")[0]?.inputs ?? {};
  const service = ofType(ephemeral, "aws:ecs/service:Service")[0]?.inputs ?? {};
  const task = ofType(ephemeral, "aws:ecs/taskDefinition:TaskDefinition")[0];
  const health = (tg.healthCheck ?? {}) as Record<string, unknown>;
  const containers = asArray(task ? jsonInput(task, "containerDefinitions") : undefined);
  return {
    healthCheckIntervalSeconds: numeric(
      health.interval,
      AWS_DEFAULT_ROLLOUT.healthCheckIntervalSeconds,
    ),
    healthyThreshold: numeric(health.healthyThreshold, AWS_DEFAULT_ROLLOUT.healthyThreshold),
    healthCheckTimeoutSeconds: numeric(
      health.timeout,
      AWS_DEFAULT_ROLLOUT.healthCheckTimeoutSeconds,
    ),
    healthCheckGracePeriodSeconds: numeric(
      service.healthCheckGracePeriodSeconds,
      AWS_DEFAULT_ROLLOUT.healthCheckGracePeriodSeconds,
    ),
    deregistrationDelaySeconds: numeric(
      tg.deregistrationDelay,
      AWS_DEFAULT_ROLLOUT.deregistrationDelaySeconds,
    ),
    stopTimeoutSeconds: numeric(
      pick(containers[0], "stopTimeout"),
      AWS_DEFAULT_ROLLOUT.stopTimeoutSeconds,
    ),
    stopFirst: stopsFirst(service),
  };
}

export interface RolloutTerm {
  id:
    | "checks"
    | "graceExcess"
    | "ecsPoll"
    | "deregistration"
    | "stopTimeout"
    | "pulumiOverhead"
    | "taskStart"
    | "steadyStatePoll";
  label: string;
  /** The formula with this configuration's numbers in it. */
  formula: string;
  seconds: number;
}

export interface RolloutBudget {
  settings: RolloutSettings;
  /**
   * (a) Start first: new task answering /health → old task gone (two tasks run meanwhile).
   * Stop first: old task draining → new task healthy (nobody answers: an outage).
   */
  handover: { terms: RolloutTerm[]; seconds: number };
  /** (b) `pulumi up` starts → service at steady state, excluding the image build. */
  upToSteadyState: { terms: RolloutTerm[]; seconds: number };
}

const total = (terms: RolloutTerm[]) => terms.reduce((s, t) => s + t.seconds, 0);

export function rolloutBudget(
  settings: RolloutSettings,
  constants: RolloutConstants = ROLLOUT_CONSTANTS,
): RolloutBudget {
  const s = settings;
  const checks = s.healthCheckIntervalSeconds * s.healthyThreshold + s.healthCheckTimeoutSeconds;
  const handover: RolloutTerm[] = [
    {
      id: "checks",
      label: "health checks until healthy",
      formula: `interval × healthy threshold + timeout = ${s.healthCheckIntervalSeconds} × ${s.healthyThreshold} + ${s.healthCheckTimeoutSeconds}`,
      seconds: checks,
    },
    {
      id: "graceExcess",
      label: "grace period beyond the checks",
      formula: `max(0, grace − checks) = max(0, ${s.healthCheckGracePeriodSeconds} − ${checks})`,
      seconds: Math.max(0, s.healthCheckGracePeriodSeconds - checks),
    },
    {
      id: "ecsPoll",
      label: "ECS reacts, starts draining the old task",
      formula: "constant (estimate)",
      seconds: constants.ecsPollSeconds,
    },
    {
      id: "deregistration",
      label: "deregistration delay (draining)",
      formula: `deregistrationDelay = ${s.deregistrationDelaySeconds}`,
      seconds: s.deregistrationDelaySeconds,
    },
    {
      id: "stopTimeout",
      label: "old task stops (SIGTERM → SIGKILL at worst)",
      formula: `stopTimeout = ${s.stopTimeoutSeconds}`,
      seconds: s.stopTimeoutSeconds,
    },
  ];
  const taskStart: RolloutTerm = {
    id: "taskStart",
    label: "new task starts (capacity, ENI, image pull)",
    formula: "constant (estimate)",
    seconds: constants.taskStartSeconds,
  };
  const [checksTerm, graceTerm, ...stopping] = handover as [
    RolloutTerm,
    RolloutTerm,
    ...RolloutTerm[],
  ];
  // Stop first: the old task drains and stops, then the new one starts and gets healthy.
  const order = s.stopFirst ? [...stopping, taskStart, checksTerm, graceTerm] : handover;
  const handoverSeconds = total(order);
  const upToSteadyState: RolloutTerm[] = [
    {
      id: "pulumiOverhead",
      label: "pulumi up: refresh, new task definition, UpdateService",
      formula: "constant (estimate)",
      seconds: constants.pulumiOverheadSeconds,
    },
    ...(s.stopFirst ? [] : [taskStart]),
    ...order,
    {
      id: "steadyStatePoll",
      label: "Pulumi sees steady state",
      formula: "constant (estimate)",
      seconds: constants.steadyStatePollSeconds,
    },
  ];
  return {
    settings,
    handover: { terms: order, seconds: handoverSeconds },
    upToSteadyState: { terms: upToSteadyState, seconds: total(upToSteadyState) },
  };
}

/**
 * How long Gatus is down when Fargate Spot reclaims its one task (capacity spot). The warning
 * comes as SIGTERM (AWS knowledge center, "fargate-spot-termination-notice"), on which Gatus
 * stops serving at once (TwiN/gatus main.go: SIGTERM → stop → controller.Shutdown), so the
 * 2 minutes buy nothing; ECS starts a replacement at the warning (maximumPercent 200 allows
 * it), which serves once it passes the health checks. Worst case while Spot capacity is
 * available; without it, ECS retries until it is.
 */
export function spotReclaimOutage(
  settings: RolloutSettings,
  constants: RolloutConstants = ROLLOUT_CONSTANTS,
): { terms: RolloutTerm[]; seconds: number } {
  const s = settings;
  const terms: RolloutTerm[] = [
    {
      id: "ecsPoll",
      label: "ECS reacts to the reclaim, starts a replacement",
      formula: "constant (estimate)",
      seconds: constants.ecsPollSeconds,
    },
    {
      id: "taskStart",
      label: "replacement starts (Spot capacity, ENI, image pull)",
      formula: "constant (estimate)",
      seconds: constants.taskStartSeconds,
    },
    {
      id: "checks",
      label: "health checks until healthy",
      formula: `interval × healthy threshold + timeout = ${s.healthCheckIntervalSeconds} × ${s.healthyThreshold} + ${s.healthCheckTimeoutSeconds}`,
      seconds: s.healthCheckIntervalSeconds * s.healthyThreshold + s.healthCheckTimeoutSeconds,
    },
  ];
  return { terms, seconds: total(terms) };
}

/** Part (c) of the section, for capacity spot: the outage a reclaim costs. */
function reclaimSection(settings: RolloutSettings): string[] {
  const outage = spotReclaimOutage(settings);
  const { deregistrationDelaySeconds: drain, stopTimeoutSeconds: stop } = settings;
  return [
    "",
    "**(c) Fargate Spot reclaims the task** (capacity spot). AWS warns 2 minutes ahead with " +
      "SIGTERM, on which Gatus stops, so with one task the site is down until a replacement " +
      "passes the health checks; deploys take as long as on-demand. Worst case while Spot " +
      "capacity is available; without it ECS keeps retrying, and the no-running-task alarm " +
      "fires after 3 minutes. The deployment circuit breaker and the health checks apply to " +
      "the replacement as to any new task.",
    "",
    `The 2-minute warning against the drain: the target group's deregistration delay (${drain} s) ` +
      `and the container's stop timeout (${stop} s) both fit in the ${SPOT_RECLAIM_WARNING_SECONDS} s ` +
      "AWS allows before the task is gone (config refuses a delay of 120 s or more with capacity " +
      "spot). AWS may leave a Spot task registered until it is STOPPED, and the delay does not " +
      "lengthen the outage: the replacement takes requests once healthy, whatever the old target's " +
      "drain.",
    "",
    table(
      ["Term", "This stack: formula", "This stack"],
      [
        ...outage.terms.map((t) => [t.label, t.formula, `${t.seconds} s`]),
        ["**total**", "", `**${duration(outage.seconds)}**`],
      ],
    ),
  ];
}

/**
 * The rollout section: both budgets, term by term, this stack next to AWS's defaults, and for
 * capacity spot the outage a reclaim costs.
 */
export function rolloutSection(
  ours: RolloutBudget,
  defaults: RolloutBudget,
  capacity: Capacity = "on-demand",
): string {
  const rows = (pick: (b: RolloutBudget) => RolloutTerm[]) =>
    pick(ours).map((term) => {
      const other = pick(defaults).find((t) => t.id === term.id);
      return [
        term.label,
        term.formula,
        `${term.seconds} s`,
        other ? `${other.formula} → ${other.seconds} s` : "",
      ];
    });
  const header = ["Term", "This stack: formula", "This stack", "AWS defaults"];
  const totalRow = (a: number, b: number) => [
    "**total**",
    "",
    `**${duration(a)}**`,
    `**${duration(b)}**`,
  ];
  const s = ours.settings;
  return [
    `Settings: health-check interval ${s.healthCheckIntervalSeconds} s, healthy threshold ${s.healthyThreshold}, ` +
      `timeout ${s.healthCheckTimeoutSeconds} s, grace period ${s.healthCheckGracePeriodSeconds} s, ` +
      `deregistration delay ${s.deregistrationDelaySeconds} s, stopTimeout ${s.stopTimeoutSeconds} s. ` +
      "AWS defaults: interval 30 s, threshold 5, timeout 5 s, no grace period, deregistration 300 s, stopTimeout 30 s. " +
      `Worst case, rolling deploy (${s.stopFirst ? "stop the old task first, then start the new one" : "start the new task first, then stop the old one"}). The constants are ` +
      "estimates (`ROLLOUT_CONSTANTS` in `tests/report/rollout.ts`), not measurements.",
    "",
    s.stopFirst
      ? "**(a) Old task draining → new task healthy: an outage on every deploy.** Storage sqlite: " +
        "two tasks must never write one SQLite file, so ECS stops the old task first " +
        "(minimumHealthyPercent 0, maximumPercent 100) and nobody answers meanwhile. The AWS-defaults " +
        "column is the start-first rollout."
      : "**(a) New task answering `/health` → old task gone.** Two Gatus tasks run meanwhile (with " +
        "in-memory storage: two dashboards, duplicate alerts).",
    "",
    table(header, [
      ...rows((b) => b.handover.terms),
      totalRow(ours.handover.seconds, defaults.handover.seconds),
    ]),
    "",
    "**(b) `pulumi up` starts → service at steady state**, excluding the image build (a re-deploy " +
      "of an existing tag builds nothing).",
    "",
    table(header, [
      ...rows((b) => b.upToSteadyState.terms),
      totalRow(ours.upToSteadyState.seconds, defaults.upToSteadyState.seconds),
    ]),
    ...(capacity === "spot" ? reclaimSection(ours.settings) : []),
  ].join("\n");
}
