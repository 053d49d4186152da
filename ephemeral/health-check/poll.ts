// One polling loop for every check, so "exponential backoff, capped, never past the
// deadline, remember why the last attempt failed" is written (and tested) once.
import { type Deadline, formatSeconds } from "./clock";

export interface Backoff {
  /** Pause after the first failed attempt. */
  initialMs: number;
  /** Upper bound for any pause. */
  maxMs: number;
  /** Growth per attempt. @default 2 */
  factor?: number;
}

/** 1 s → 2 s → 4 s → 8 s → 15 s → 15 s …: quick when the service is nearly up, gentle on a slow rollout. */
export const DEFAULT_BACKOFF: Backoff = { initialMs: 1_000, maxMs: 15_000, factor: 2 };

/** The pause after the `retry`-th failed attempt (0-based), before deadline truncation. */
export function backoffDelayMs(backoff: Backoff, retry: number): number {
  return Math.min(backoff.maxMs, backoff.initialMs * (backoff.factor ?? 2) ** retry);
}

/** What one attempt learned: finished, not yet (try again), or never (stop now). */
export type AttemptOutcome =
  | { kind: "done"; detail: string }
  | { kind: "retry"; reason: string }
  | { kind: "fatal"; reason: string };

export interface PollResult {
  ok: boolean;
  /** On success what was observed; on failure why it failed. */
  detail: string;
  attempts: number;
  elapsedMs: number;
}

export interface PollArgs {
  deadline: Deadline;
  backoff: Backoff;
  /** For the timeout message: "... while waiting for <waitingFor>". */
  waitingFor: string;
  /** One attempt; `budgetMs` is the time left, which the attempt must not exceed. */
  attempt: (budgetMs: number) => Promise<AttemptOutcome>;
  /**
   * No attempt starts with less time than this left: it could only time out, and its
   * "no response within 2 ms" would replace the informative reason of the attempt before.
   * @default 100
   */
  minAttemptMs?: number;
}

export async function pollUntil(args: PollArgs): Promise<PollResult> {
  const { deadline, backoff } = args;
  const minAttemptMs = args.minAttemptMs ?? 100;
  const startedAt = deadline.clock.now();
  const result = (ok: boolean, detail: string): PollResult => ({
    ok,
    detail,
    attempts,
    elapsedMs: deadline.clock.now() - startedAt,
  });
  let attempts = 0;
  let lastReason: string | undefined;
  for (;;) {
    const budgetMs = deadline.remainingMs();
    if (budgetMs < minAttemptMs) {
      await waitOut(deadline);
      break;
    }
    attempts += 1;
    const outcome = await args.attempt(budgetMs);
    if (outcome.kind === "done") return result(true, outcome.detail);
    if (outcome.kind === "fatal") return result(false, outcome.reason);
    lastReason = outcome.reason;
    const pauseMs = backoffDelayMs(backoff, attempts - 1);
    if (deadline.remainingMs() - pauseMs < minAttemptMs) {
      // No useful attempt fits after this pause: fail at the deadline, never past it.
      await waitOut(deadline);
      break;
    }
    await deadline.clock.sleep(pauseMs);
  }
  const tries = attempts === 1 ? "1 attempt" : `${attempts} attempts`;
  return result(
    false,
    `deadline of ${formatSeconds(deadline.budgetMs)} s passed while waiting for ${args.waitingFor} ` +
      `(${tries}; last: ${lastReason ?? "no time was left for an attempt"})`,
  );
}

async function waitOut(deadline: Deadline): Promise<void> {
  const leftMs = deadline.remainingMs();
  if (leftMs > 0) await deadline.clock.sleep(leftMs);
}
