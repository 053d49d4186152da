import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_TEARDOWN } from "../report/schedule";
import { clone, loadRepo, parseWorkflow, type Repo } from "../workflows/workflows";
import {
  CONTROL_EXAMPLE_FILE,
  CONTROL_PROJECT_FILE,
  loadControlProject,
  resourcesOf,
  TYPES,
  type ControlProject,
} from "./control-project";
import { cronProblems, weeklyFirings, weeklyUptimeHours } from "./cron";
import { owners, scheduleCrons } from "./ownership";

describe("cron validator", () => {
  it.each([
    "0 20 * * *",
    "0 7 * * 1-5",
    "*/15 * * * *",
    "0 0-23/6 * * *",
    "5,35 8 1 1 0",
    "0 0 * * 7",
    "59 23 31 12 6",
  ])("accepts %s", (cron) => {
    expect(cronProblems(cron)).toEqual([]);
  });

  it.each([
    ["", /is empty/],
    ["   ", /is empty/],
    ["0 20 * *", /has 4 field\(s\), expected 5/],
    ["0 0 20 * * *", /has 6 field\(s\)/],
    ["60 20 * * *", /minute "60": 60 is outside 0-59/],
    ["0 24 * * *", /hour "24": 24 is outside 0-23/],
    ["0 0 0 * *", /day of month "0": 0 is outside 1-31/],
    ["0 0 * 13 *", /month "13": 13 is outside 1-12/],
    ["0 0 * * 8", /day of week "8": 8 is outside 0-7/],
    ["0 7 * * 5-1", /day of week "5-1": the range runs backwards/],
    ["*/0 * * * *", /minute "\*\/0": a step of 0 never advances/],
    ["5/10 * * * *", /a step needs \* or a range before it/],
    ["0 7 * * MON-FRI", /day of week "MON-FRI": must be/],
    ["0 7 * JAN *", /month "JAN": must be/],
    ["@daily", /has 1 field\(s\)/],
    ["0 7 ? * 1", /day of month "\?": must be/],
    ["0 7 L * *", /day of month "L": must be/],
    ["0 7,, * * *", /hour "": must be/],
  ])("rejects %j", (cron, problem) => {
    expect(cronProblems(cron).join("; ")).toMatch(problem);
  });

  it("reports every bad field, not just the first", () => {
    expect(cronProblems("61 25 * * *")).toHaveLength(2);
  });
});

describe("weekly schedule model", () => {
  it("places firings in minutes of the week from Sunday 00:00 UTC; 7 is Sunday too", () => {
    expect([...weeklyFirings("30 1 * * 0")]).toEqual([90]);
    expect([...weeklyFirings("30 1 * * 7")]).toEqual([90]);
    expect(weeklyFirings("0 7 * * 1-5").size).toBe(5);
  });

  it("refuses schedules that do not repeat weekly instead of mis-modelling them", () => {
    expect(() => weeklyFirings("0 7 1 * *")).toThrow(/not a weekly schedule/);
    expect(() => weeklyFirings("0 7 * * 9")).toThrow(/invalid cron/);
  });

  it("counts the hours a create/destroy pair keeps a stack up", () => {
    expect(weeklyUptimeHours("0 7 * * *", "0 19 * * *")).toBe(7 * 12);
    expect(weeklyUptimeHours("0 7 * * 1-5", "0 20 * * *")).toBe(5 * 13);
    // Destroy before create on the same day: up overnight instead; the model does not assume.
    expect(weeklyUptimeHours("0 20 * * *", "0 7 * * *")).toBe(7 * 11);
  });
});

describe("the schedules of the control project and the workflows", () => {
  const control = loadControlProject();
  const repo = loadRepo();
  const crons: [string, string][] = [
    ...resourcesOf(control, TYPES.schedule).map((s): [string, string] => [
      `Pulumi.yaml ${s.name}`,
      s.properties.scheduleCron ?? "",
    ]),
    ...resourcesOf(control, TYPES.drift).map((d): [string, string] => [
      `Pulumi.yaml ${d.name}`,
      d.properties.scheduleCron,
    ]),
    ...repo.workflows.flatMap((wf) =>
      scheduleCrons(wf).map((cron): [string, string] => [`${wf.file} (schedule)`, cron]),
    ),
  ];

  it("finds the morning re-create and the teardown, drift schedules", () => {
    expect(crons.map(([where]) => where).sort()).toEqual([
      "Pulumi.yaml ephemeralMorningCreate",
      "drift.yml (schedule)",
      "teardown.yml (schedule)",
    ]);
  });

  it.each(crons)("%s has a valid 5-field cron", (_where, cron) => {
    expect(cronProblems(cron)).toEqual([]);
  });

  it("the cron default declared in Pulumi.yaml is valid", () => {
    const defaults = Object.entries(control.doc.config).filter(([key]) => key.endsWith("Cron"));
    expect(defaults.map(([key]) => key)).toEqual(["createCron"]);
    for (const [key, declaration] of defaults) {
      expect(cronProblems(String(declaration.default)), key).toEqual([]);
    }
  });

  /** The two owners' crons (ownership.test.ts: one each) and the weekly uptime they give. */
  function uptime(r: Repo, c: ControlProject) {
    const cronOf = (operation: "nightlyDestroy" | "morningCreate") => {
      const found = owners(r, c).filter((o) => o.operation === operation);
      expect(found, operation).toHaveLength(1);
      expect(found[0]?.crons, operation).toHaveLength(1);
      return { where: found[0]?.where, cron: found[0]?.crons[0] ?? "" };
    };
    const destroy = cronOf("nightlyDestroy");
    const create = cronOf("morningCreate");
    return { destroy, create, hours: weeklyUptimeHours(create.cron, destroy.cron) };
  }

  it("teardown.yml's destroy and Pulumi.yaml's re-create keep the ephemeral stack up 12 h on each weekday, 60 of 168 hours a week", () => {
    const { destroy, create, hours } = uptime(repo, control);
    expect([destroy.where, create.where]).toEqual([
      "teardown.yml (schedule)",
      "Pulumi.yaml ephemeralMorningCreate",
    ]);
    expect(create.cron).toBe(control.doc.config.createCron?.default);
    // The README's cost estimate says "12h x 5d" (tests/report/schedule.ts DEFAULT_TEARDOWN).
    expect(hours).toBe(DEFAULT_TEARDOWN.hoursPerDay * DEFAULT_TEARDOWN.daysPerWeek);
    expect(hours).toBe(12 * 5);
    // Each weekday's create comes before that day's destroy: the stack is up by day, not by night.
    const day = 1440;
    for (const c of weeklyFirings(create.cron)) {
      const sameDayDestroy = [...weeklyFirings(destroy.cron)].find(
        (d) => Math.floor(d / day) === Math.floor(c / day),
      );
      expect(sameDayDestroy).toBeGreaterThan(c);
    }
  });

  it("notices when one side moves without the other", () => {
    // teardown.yml at 18:00: 10 h a weekday, no longer the README's "12h x 5d".
    const earlier = clone(repo);
    earlier.workflows = earlier.workflows.map((wf) =>
      wf.file === "teardown.yml"
        ? parseWorkflow(wf.file, wf.text.replace('cron: "0 20 * * *"', 'cron: "0 18 * * *"'))
        : wf,
    );
    expect(uptime(earlier, control).hours).toBe(10 * 5);
    // The re-create on every day of the week instead of weekdays.
    const daily = loadControlProject({
      project: readFileSync(CONTROL_PROJECT_FILE, "utf8"),
      stackConfig: `${readFileSync(CONTROL_EXAMPLE_FILE, "utf8")}  gatus-control:createCron: 0 8 * * *\n`,
    });
    expect(uptime(repo, daily).hours).toBe(12 * 7);
  });
});
