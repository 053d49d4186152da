// Probes Gatus over HTTP the way a user reaches it (through the ALB, WAF and DNS):
// first the liveness endpoint, then proof that this deployment's own monitors succeed.
import { type BasicCredentials, basicAuthorization, unauthorizedReason } from "./basic-auth";
import type { Deadline } from "./clock";
import { type EndpointReport, type Expectations, judgeEndpoints } from "./endpoint-results";
import {
  type AttemptOutcome,
  type Backoff,
  DEFAULT_BACKOFF,
  type PollResult,
  pollUntil,
} from "./poll";

export interface HttpProbeArgs {
  /** Base URL without a trailing slash, e.g. the stack output `url` (`https://status.example.com`). */
  baseUrl: string;
  /** Per-request limit; also capped by the time left before the deadline. */
  requestTimeoutMs: number;
  deadline: Deadline;
  /** @default DEFAULT_BACKOFF (1 s doubling to 15 s) */
  backoff?: Backoff;
  /** Injectable for tests; defaults to Node's global fetch. */
  fetch?: typeof fetch;
}

export const HEALTH_PATH = "/health";
export const STATUSES_PATH = "/api/v1/endpoints/statuses";
/**
 * Only each endpoint's newest result: page and pageSize page the results inside every endpoint,
 * never the list of endpoints (Gatus v5.36.0 api/util.go, storage/store/memory/util.go).
 */
export const NEWEST_RESULT_ONLY = "?page=1&pageSize=1";

export type HttpAnswer =
  | { kind: "json"; status: number; statusText: string; body: unknown }
  | { kind: "not-json"; status: number; statusText: string; snippet: string }
  | { kind: "error"; reason: string };

/** `GET <baseUrl>/health` until it answers 200 `{"status":"UP"}`. */
export function waitForGatusUp(args: HttpProbeArgs): Promise<PollResult> {
  const url = joinUrl(args.baseUrl, HEALTH_PATH);
  return pollUntil({
    deadline: args.deadline,
    backoff: args.backoff ?? DEFAULT_BACKOFF,
    waitingFor: `${url} to report {"status":"UP"}`,
    attempt: async (budgetMs) =>
      judgeHealth(await getJson(url, Math.min(args.requestTimeoutMs, budgetMs), args.fetch)),
  });
}

export interface GatusResultsArgs extends HttpProbeArgs {
  expect: Expectations;
  /** Sent as basic auth to the statuses URL only (/health is public in Gatus). */
  credentials?: BasicCredentials;
}

export interface GatusResults extends PollResult {
  /** Every endpoint as the last answer showed it (empty when no answer could be judged). */
  endpoints: EndpointReport[];
}

/**
 * `GET <baseUrl>/api/v1/endpoints/statuses` until every endpoint of the own group has a
 * successful newest result. Polled: right after a rollout the first self-probe often ran before
 * the load balancer sent traffic to the new task, and Gatus caches this answer for 10 s.
 */
export async function checkGatusResults(args: GatusResultsArgs): Promise<GatusResults> {
  const url = joinUrl(args.baseUrl, STATUSES_PATH) + NEWEST_RESULT_ONLY;
  const authorization =
    args.credentials === undefined ? undefined : basicAuthorization(args.credentials);
  let endpoints: EndpointReport[] = [];
  const result = await pollUntil({
    deadline: args.deadline,
    backoff: args.backoff ?? DEFAULT_BACKOFF,
    waitingFor: `${url} to report success for every "${args.expect.ownGroup}" endpoint${args.expect.requireUpstreams ? " and every upstream" : ""}`,
    attempt: async (budgetMs) => {
      const answer = await getJson(
        url,
        Math.min(args.requestTimeoutMs, budgetMs),
        args.fetch,
        authorization,
      );
      if (answer.kind === "json" && answer.status === 200) {
        const judged = judgeEndpoints(answer.body, args.expect);
        endpoints = judged.endpoints;
        return judged.outcome;
      }
      return statusesProblem(answer, authorization !== undefined);
    },
  });
  return { ...result, endpoints };
}

export function judgeHealth(answer: HttpAnswer): AttemptOutcome {
  if (answer.kind === "error") return { kind: "retry", reason: answer.reason };
  if (answer.status !== 200) return { kind: "retry", reason: describeStatus(answer) };
  if (answer.kind === "not-json") {
    return { kind: "retry", reason: `HTTP 200 but the body is not JSON: ${answer.snippet}` };
  }
  const status = isRecord(answer.body) ? answer.body.status : undefined;
  if (status === "UP") return { kind: "done", detail: 'HTTP 200 {"status":"UP"}' };
  return {
    kind: "retry",
    reason:
      status === undefined
        ? `HTTP 200 but the JSON has no "status": ${truncate(JSON.stringify(answer.body))}`
        : `HTTP 200 but status is ${truncate(JSON.stringify(status))}, not "UP"`,
  };
}

/** A statuses answer with no endpoints to judge: an error, another status code, not JSON. */
function statusesProblem(answer: HttpAnswer, sentCredentials: boolean): AttemptOutcome {
  if (answer.kind === "error") return { kind: "retry", reason: answer.reason };
  if (answer.status === 401) {
    // Waiting cannot fix credentials, so fail now rather than at the deadline.
    return {
      kind: "fatal",
      reason: `HTTP 401 from ${STATUSES_PATH}: ${unauthorizedReason(sentCredentials)}`,
    };
  }
  if (answer.status !== 200) return { kind: "retry", reason: describeStatus(answer) };
  const body = answer.kind === "not-json" ? answer.snippet : "(unexpected)";
  return { kind: "retry", reason: `HTTP 200 but the body is not JSON: ${body}` };
}

/**
 * One GET whose whole lifetime (connect, headers and body) is bounded by `timeoutMs`:
 * an ALB that accepts the connection but never answers must not eat the deadline.
 */
async function getJson(
  url: string,
  timeoutMs: number,
  fetchImpl: typeof fetch = fetch,
  authorization?: string,
): Promise<HttpAnswer> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetchImpl(url, {
      signal: controller.signal,
      // no-cache: a CDN or proxy in front must not answer for a task that is gone.
      headers: {
        accept: "application/json",
        "cache-control": "no-cache",
        ...(authorization === undefined ? {} : { authorization }),
      },
      // The login goes to this URL only: a redirect is reported (as its status), not followed.
      ...(authorization === undefined ? {} : { redirect: "manual" as const }),
    });
    const text = await response.text();
    const { status, statusText } = response;
    try {
      return { kind: "json", status, statusText, body: JSON.parse(text) as unknown };
    } catch {
      return { kind: "not-json", status, statusText, snippet: snippet(text) };
    }
  } catch (error) {
    if (controller.signal.aborted) {
      return { kind: "error", reason: `no complete response within ${Math.round(timeoutMs)} ms` };
    }
    return { kind: "error", reason: `request failed: ${describeFetchError(error)}` };
  } finally {
    clearTimeout(timer);
  }
}

function describeStatus(answer: { status: number; statusText: string }): string {
  return `HTTP ${answer.status}${answer.statusText ? ` ${answer.statusText}` : ""}`;
}

/** Node's fetch hides the useful part ("connect ECONNREFUSED …") in `cause`. */
function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  return cause instanceof Error ? cause.message : error.message;
}

function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, "")}${path}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Bodies end up in logs and the job summary: one line, short. */
function truncate(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > 80 ? `${oneLine.slice(0, 80)}…` : oneLine;
}

function snippet(text: string): string {
  const short = truncate(text);
  return short === "" ? "(empty body)" : JSON.stringify(short);
}
