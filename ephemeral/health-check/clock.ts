// Time is injected so tests can compress minutes of backoff into milliseconds while still
// talking to real HTTP servers. Production uses the monotonic clock, which NTP jumps on a
// CI runner cannot move backwards or forwards.
import { performance } from "node:perf_hooks";
import { setTimeout as sleepMs } from "node:timers/promises";

export interface Clock {
  /** Milliseconds on a monotonic scale; only differences are meaningful. */
  now(): number;
  /** Resolves after `ms` milliseconds. */
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => sleepMs(ms),
};

/** One overall time budget shared by every step of the health check. */
export interface Deadline {
  readonly clock: Clock;
  /** The whole budget, for messages ("within 600 s"). */
  readonly budgetMs: number;
  elapsedMs(): number;
  /** Time left, never negative. */
  remainingMs(): number;
}

export function createDeadline(budgetMs: number, clock: Clock = systemClock): Deadline {
  const startedAt = clock.now();
  return {
    clock,
    budgetMs,
    elapsedMs: () => clock.now() - startedAt,
    remainingMs: () => Math.max(0, startedAt + budgetMs - clock.now()),
  };
}

/** `1234` → `"1.2"`: seconds with one decimal, for humans. */
export function formatSeconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}
