/**
 * When the ephemeral stack is up. The persistent stack never goes down; the ephemeral one may
 * be destroyed every night and re-created in the morning (the teardown workflow), so its
 * hourly items cost only for the hours it exists.
 */

/** AWS prices monthly items on 730 hours (365 × 24 / 12). */
export const HOURS_PER_MONTH = 730;
const HOURS_PER_WEEK = 168;

export interface UptimeSchedule {
  /** Hours the stack exists on a day it is up. */
  hoursPerDay: number;
  /** Days a week it is up. */
  daysPerWeek: number;
}

export const ALWAYS_ON: UptimeSchedule = { hoursPerDay: 24, daysPerWeek: 7 };
/** Up 12 hours on weekdays: the default teardown schedule the report compares against. */
export const DEFAULT_TEARDOWN: UptimeSchedule = { hoursPerDay: 12, daysPerWeek: 5 };

export class UptimeError extends Error {
  constructor(given: string) {
    super(
      `--uptime "${given}" is not a schedule; give hours a day and days a week, e.g. --uptime "12h x 5d" (1-24 h, 1-7 d)`,
    );
    this.name = "UptimeError";
  }
}

/** Parses `12h x 5d` (also `12hx5d`, `12h×5d`, `8.5h x 7d`). */
export function parseUptime(text: string): UptimeSchedule {
  const match = /^\s*(\d+(?:\.\d+)?)\s*h\s*[x×*]\s*(\d)\s*d\s*$/i.exec(text);
  const hoursPerDay = Number(match?.[1]);
  const daysPerWeek = Number(match?.[2]);
  if (
    !match ||
    !(hoursPerDay > 0 && hoursPerDay <= 24) ||
    !Number.isInteger(daysPerWeek) ||
    daysPerWeek < 1 ||
    daysPerWeek > 7
  ) {
    throw new UptimeError(text);
  }
  return { hoursPerDay, daysPerWeek };
}

/** Hours a month the stack exists: h/day × d/week × (730 / 168) weeks a month. */
export function monthlyHours(schedule: UptimeSchedule): number {
  return (schedule.hoursPerDay * schedule.daysPerWeek * HOURS_PER_MONTH) / HOURS_PER_WEEK;
}

export function describeUptime(schedule: UptimeSchedule): string {
  return `${schedule.hoursPerDay}h x ${schedule.daysPerWeek}d`;
}
