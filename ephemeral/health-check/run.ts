// Orchestrates the three checks under one deadline and returns a typed verdict; printing,
// exit codes and the job summary are the CLI's business.
import type { ECSClient } from "@aws-sdk/client-ecs";
import type { BasicCredentials } from "./basic-auth";
import { type Clock, createDeadline, type Deadline, systemClock } from "./clock";
import type { EndpointReport, Expectations } from "./endpoint-results";
import { checkGatusResults, waitForGatusUp } from "./http-probe";
import { waitForRollout } from "./ecs-rollout";
import type { Backoff, PollResult } from "./poll";

export interface HealthCheckArgs {
  /** Base URL of the deployment (stack output `url`). */
  url: string;
  cluster: string;
  service: string;
  /** The task definition this update created (stack output). */
  taskDefinitionArn: string;
  ecs: ECSClient;
  /** One budget for all checks together. */
  deadlineMs: number;
  requestTimeoutMs: number;
  /** Which Gatus endpoints must succeed (the own group; upstreams on request). */
  expect: Expectations;
  /** The dashboard's login when Gatus security protects the statuses API. */
  credentials?: BasicCredentials;
  /** @default systemClock */
  clock?: Clock;
  /** HTTP retry backoff. @default DEFAULT_BACKOFF */
  backoff?: Backoff;
  /** @default 5000 */
  ecsPollMs?: number;
  fetch?: typeof fetch;
}

/**
 * The checks, in the order they run (the CLI's --help lists them from here). ECS first: once
 * the primary deployment has COMPLETED on our task definition and no older deployment is
 * ACTIVE, the old task is gone, so the HTTP checks that follow can only be answered by the new
 * one. In the opposite order the old task could pass them.
 */
export const CHECKS = [
  { id: "ecs-rollout", title: "ECS rollout completed on this update's task definition" },
  { id: "http-health", title: "`GET /health` reports UP" },
  {
    id: "gatus-results",
    title:
      "Every own-group endpoint's newest Gatus result is a success (`/api/v1/endpoints/statuses`)",
  },
] as const;

export type CheckId = (typeof CHECKS)[number]["id"];

export interface CheckReport {
  id: CheckId;
  title: string;
  status: "passed" | "failed" | "skipped";
  /** What was observed, or why it failed / was skipped. */
  detail: string;
  attempts: number;
  elapsedMs: number;
}

export interface HealthCheckResult {
  ok: boolean;
  checks: CheckReport[];
  /** One line naming the failed check and why; set iff `ok` is false. */
  reason?: string;
  elapsedMs: number;
  deadlineMs: number;
  target: Pick<HealthCheckArgs, "url" | "cluster" | "service" | "taskDefinitionArn">;
  /** Who decides: the own group, and whether upstreams must succeed too. */
  decides: Pick<Expectations, "ownGroup" | "requireUpstreams">;
  /** Every Gatus endpoint as last seen; empty when the results check did not get that far. */
  endpoints: EndpointReport[];
}

interface Step {
  id: CheckId;
  title: string;
  run: (deadline: Deadline) => Promise<PollResult & { endpoints?: EndpointReport[] }>;
}

export async function runHealthCheck(args: HealthCheckArgs): Promise<HealthCheckResult> {
  const deadline = createDeadline(args.deadlineMs, args.clock ?? systemClock);
  const http = {
    baseUrl: args.url,
    requestTimeoutMs: args.requestTimeoutMs,
    backoff: args.backoff,
    fetch: args.fetch,
  };
  const runners: Record<CheckId, Step["run"]> = {
    "ecs-rollout": (d) =>
      waitForRollout({
        ecs: args.ecs,
        cluster: args.cluster,
        service: args.service,
        expectedTaskDefinitionArn: args.taskDefinitionArn,
        deadline: d,
        pollMs: args.ecsPollMs,
      }),
    "http-health": (d) => waitForGatusUp({ ...http, deadline: d }),
    "gatus-results": (d) =>
      checkGatusResults({
        ...http,
        deadline: d,
        expect: args.expect,
        credentials: args.credentials,
      }),
  };
  const steps: Step[] = CHECKS.map((check) => ({ ...check, run: runners[check.id] }));

  const checks: CheckReport[] = [];
  let endpoints: EndpointReport[] = [];
  let failed: CheckReport | undefined;
  for (const step of steps) {
    if (failed) {
      checks.push({
        id: step.id,
        title: step.title,
        status: "skipped",
        detail: `not run: "${failed.title}" failed`,
        attempts: 0,
        elapsedMs: 0,
      });
      continue;
    }
    const outcome = await step.run(deadline);
    endpoints = outcome.endpoints ?? endpoints;
    const report: CheckReport = {
      id: step.id,
      title: step.title,
      status: outcome.ok ? "passed" : "failed",
      detail: outcome.detail,
      attempts: outcome.attempts,
      elapsedMs: outcome.elapsedMs,
    };
    checks.push(report);
    if (!outcome.ok) failed = report;
  }

  return {
    ok: failed === undefined,
    checks,
    ...(failed ? { reason: `${failed.id}: ${failed.detail}` } : {}),
    elapsedMs: deadline.elapsedMs(),
    deadlineMs: args.deadlineMs,
    target: {
      url: args.url,
      cluster: args.cluster,
      service: args.service,
      taskDefinitionArn: args.taskDefinitionArn,
    },
    decides: { ownGroup: args.expect.ownGroup, requireUpstreams: args.expect.requireUpstreams },
    endpoints,
  };
}
