import { describe, expect, it } from "vitest";
import { ALWAYS_ON, DEFAULT_TEARDOWN, describeUptime, monthlyHours, parseUptime } from "./schedule";

describe("uptime schedule", () => {
  it("parses hours a day × days a week in the usual spellings", () => {
    for (const text of ["12h x 5d", "12hx5d", "12h × 5d", " 12H X 5D ", "12h*5d"])
      expect(parseUptime(text)).toEqual({ hoursPerDay: 12, daysPerWeek: 5 });
    expect(parseUptime("8.5h x 7d")).toEqual({ hoursPerDay: 8.5, daysPerWeek: 7 });
  });

  it("turns a schedule into hours a month on AWS's 730-hour month", () => {
    expect(monthlyHours(ALWAYS_ON)).toBe(730);
    expect(monthlyHours(DEFAULT_TEARDOWN)).toBeCloseTo((60 * 730) / 168, 9);
    expect(describeUptime(DEFAULT_TEARDOWN)).toBe("12h x 5d");
  });

  it("refuses anything else with one line saying what it takes", () => {
    for (const text of ["", "12h", "25h x 5d", "0h x 5d", "12h x 8d", "12h x 0d", "always"]) {
      expect(() => parseUptime(text)).toThrow(
        `--uptime "${text}" is not a schedule; give hours a day and days a week, e.g. --uptime "12h x 5d" (1-24 h, 1-7 d)`,
      );
    }
  });
});
