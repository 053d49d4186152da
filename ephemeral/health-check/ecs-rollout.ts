// Asks ECS, not the public URL, whether this update's task definition is what runs.
// The URL alone cannot tell: while a new task fails, or after the circuit breaker has
// rolled back, the old task keeps answering /health (lesson 6 of the Terraform original).
import {
  type DescribeServicesCommandOutput,
  DescribeServicesCommand,
  type Deployment,
  type ECSClient,
} from "@aws-sdk/client-ecs";
import type { Deadline } from "./clock";
import { type AttemptOutcome, type PollResult, pollUntil } from "./poll";

export interface RolloutArgs {
  ecs: ECSClient;
  /** Cluster name or ARN. */
  cluster: string;
  /** Service name or ARN. */
  service: string;
  /** The task definition this update created (stack output). */
  expectedTaskDefinitionArn: string;
  deadline: Deadline;
  /** Fixed interval between DescribeServices calls. @default 5000 */
  pollMs?: number;
  /** Limit for one DescribeServices call; also capped by the deadline. @default 10000 */
  requestTimeoutMs?: number;
}

/** SDK errors that waiting cannot fix: report them at once instead of at the deadline. */
const FATAL_ERRORS = new Set([
  "AccessDeniedException",
  "ClusterNotFoundException",
  "CredentialsProviderError",
  "InvalidParameterException",
  "UnrecognizedClientException",
]);

/** Polls DescribeServices until the rollout of the expected task definition has completed. */
export function waitForRollout(args: RolloutArgs): Promise<PollResult> {
  const pollMs = args.pollMs ?? 5_000;
  const requestTimeoutMs = args.requestTimeoutMs ?? 10_000;
  return pollUntil({
    deadline: args.deadline,
    backoff: { initialMs: pollMs, maxMs: pollMs },
    waitingFor: `ECS service ${args.service} to complete its rollout of ${shortTaskDefinition(args.expectedTaskDefinitionArn)}`,
    attempt: async (budgetMs) => {
      let output: DescribeServicesCommandOutput;
      try {
        output = await args.ecs.send(
          new DescribeServicesCommand({ cluster: args.cluster, services: [args.service] }),
          // AbortSignal.timeout insists on a whole number of milliseconds.
          { abortSignal: AbortSignal.timeout(Math.ceil(Math.min(requestTimeoutMs, budgetMs))) },
        );
      } catch (error) {
        return describeSdkError(error);
      }
      return judgeService(output, args);
    },
  });
}

/** The rollout verdict for one DescribeServices answer; pure, so every branch is testable. */
export function judgeService(
  output: Pick<DescribeServicesCommandOutput, "services" | "failures">,
  args: Pick<RolloutArgs, "cluster" | "service" | "expectedTaskDefinitionArn">,
): AttemptOutcome {
  const where = `service "${args.service}" in cluster "${args.cluster}"`;
  const failure = output.failures?.[0];
  if (failure) {
    return { kind: "fatal", reason: `ECS cannot find ${where} (${failure.reason ?? "no reason"})` };
  }
  const service = output.services?.[0];
  if (!service) return { kind: "fatal", reason: `ECS returned no ${where}` };
  if (service.status !== "ACTIVE") {
    return { kind: "fatal", reason: `${where} is ${service.status ?? "in an unknown state"}` };
  }

  const deployments = service.deployments ?? [];
  const primary = deployments.find((d) => d.status === "PRIMARY");
  if (!primary) return { kind: "retry", reason: `${where} reports no PRIMARY deployment` };

  const expected = args.expectedTaskDefinitionArn;
  if (primary.taskDefinition !== expected) {
    // The circuit breaker's rollback makes a new PRIMARY on the previous task definition;
    // the failed deployment (if still listed) carries the reason.
    const ours = deployments.find((d) => d.taskDefinition === expected);
    const why = ours?.rolloutStateReason ?? primary.rolloutStateReason;
    return {
      kind: "fatal",
      reason:
        `rolled back or superseded: the primary deployment runs ` +
        `${shortTaskDefinition(primary.taskDefinition)}, not ${shortTaskDefinition(expected)} ` +
        `created by this update${why ? ` (${why})` : ""}`,
    };
  }
  if (primary.rolloutState === "FAILED") {
    return {
      kind: "fatal",
      reason: `rollout of ${shortTaskDefinition(expected)} FAILED: ${primary.rolloutStateReason ?? "ECS gave no reason"}`,
    };
  }

  const running = primary.runningCount ?? 0;
  const desired = primary.desiredCount ?? 0;
  const others = deployments.filter((d) => d !== primary && d.status === "ACTIVE");
  const tasks = `${running}/${desired} task(s) running`;
  if (primary.rolloutState === "COMPLETED" && running >= desired && others.length === 0) {
    return { kind: "done", detail: `${shortTaskDefinition(expected)} COMPLETED, ${tasks}` };
  }
  return { kind: "retry", reason: describeProgress(primary, tasks, others.length) };
}

function describeProgress(primary: Deployment, tasks: string, olderActive: number): string {
  const parts = [
    `rollout ${primary.rolloutState ?? "state not reported (is the ECS deployment controller in use?)"}`,
    tasks,
  ];
  if ((primary.failedTasks ?? 0) > 0) parts.push(`${primary.failedTasks} task(s) failed so far`);
  if (olderActive > 0) parts.push(`${olderActive} older deployment(s) still draining`);
  return parts.join(", ");
}

function describeSdkError(error: unknown): AttemptOutcome {
  const name = error instanceof Error ? error.name : "Error";
  const message = error instanceof Error ? error.message : String(error);
  if (name === "AbortError" || name === "TimeoutError") {
    return { kind: "retry", reason: "DescribeServices timed out" };
  }
  const reason = `DescribeServices failed: ${name}: ${message}`;
  return { kind: FATAL_ERRORS.has(name) ? "fatal" : "retry", reason };
}

/** `arn:aws:ecs:…:task-definition/gatus:42` → `gatus:42`, which is what people recognise. */
export function shortTaskDefinition(arn: string | undefined): string {
  if (!arn) return "(no task definition)";
  return arn.slice(arn.lastIndexOf("/") + 1);
}
