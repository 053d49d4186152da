/**
 * A deliberately strict validator for the 5-field cron expressions Pulumi Deployments schedules
 * take ("standard 5-field cron syntax (MIN HOUR DOM MON DOW) ... evaluated in UTC": the
 * `scheduleCron` description of pulumiservice's api/deployments:ScheduledDeployment). It accepts
 * numbers, `*`, ranges, steps and lists only: no month or weekday names, no `@daily` macros, no
 * seconds field, no `?`/`L`/`W`. What passes here is valid in every standard cron dialect, so a
 * typo fails `vitest` instead of `pulumi up` (or, worse, a schedule that never fires).
 */

export interface CronField {
  name: "minute" | "hour" | "day of month" | "month" | "day of week";
  min: number;
  max: number;
}

export const CRON_FIELDS: readonly CronField[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12 },
  // 0 and 7 both mean Sunday, as in Vixie cron.
  { name: "day of week", min: 0, max: 7 },
];

/** Every problem with the expression, each naming the field and the offending part; [] if valid. */
export function cronProblems(expression: string): string[] {
  const fields = expression.trim().split(/\s+/);
  if (expression.trim() === "") return ["is empty (a schedule needs a 5-field cron expression)"];
  if (fields.length !== CRON_FIELDS.length) {
    return [
      `has ${fields.length} field(s), expected 5 (minute hour day-of-month month day-of-week): "${expression}"`,
    ];
  }
  return fields.flatMap((text, i) => fieldProblems(text, CRON_FIELDS[i] as CronField));
}

function fieldProblems(text: string, field: CronField): string[] {
  return text.split(",").flatMap((part) => {
    const problem = partProblem(part, field);
    return problem === undefined ? [] : [`${field.name} "${part}": ${problem}`];
  });
}

function partProblem(part: string, field: CronField): string | undefined {
  const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
  if (!match) return `must be *, N, N-M, */S or N-M/S with numbers ${field.min}-${field.max}`;
  const [, base, from, to, step] = match;
  const inRange = (n: number) => n >= field.min && n <= field.max;
  if (from !== undefined && !inRange(Number(from)))
    return `${from} is outside ${field.min}-${field.max}`;
  if (to !== undefined && !inRange(Number(to))) return `${to} is outside ${field.min}-${field.max}`;
  if (from !== undefined && to !== undefined && Number(from) > Number(to))
    return `the range runs backwards`;
  if (step !== undefined && Number(step) === 0) return "a step of 0 never advances";
  if (step !== undefined && base !== "*" && to === undefined)
    return "a step needs * or a range before it";
  return undefined;
}

/** The values a valid field matches, e.g. "1-5" for day of week → {1,2,3,4,5}. */
export function expandField(text: string, field: CronField): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(",")) {
    const [range = "*", stepText] = part.split("/");
    const step = stepText === undefined ? 1 : Number(stepText);
    const [from, to] =
      range === "*"
        ? [field.min, field.max]
        : range.includes("-")
          ? range.split("-").map(Number)
          : [Number(range), Number(range)];
    for (let v = from ?? field.min; v <= (to ?? field.max); v += step) values.add(v);
  }
  if (field.name === "day of week" && values.delete(7)) values.add(0);
  return values;
}

const MINUTES_PER_WEEK = 7 * 24 * 60;

/**
 * The minutes of a week (0 = Sunday 00:00 UTC) at which a weekly cron fires. Only expressions
 * whose day-of-month and month are `*` repeat weekly; anything else is rejected, because cron ORs
 * a restricted day-of-month with a restricted day-of-week and a weekly model would mislead.
 */
export function weeklyFirings(expression: string): Set<number> {
  const problems = cronProblems(expression);
  if (problems.length > 0) throw new Error(`invalid cron "${expression}": ${problems.join("; ")}`);
  const [minute, hour, dom, month, dow] = expression.trim().split(/\s+/) as [
    string,
    string,
    string,
    string,
    string,
  ];
  if (dom !== "*" || month !== "*") {
    throw new Error(`"${expression}" is not a weekly schedule (day of month and month must be *)`);
  }
  const [minuteField, hourField, , , dowField] = CRON_FIELDS as [
    CronField,
    CronField,
    CronField,
    CronField,
    CronField,
  ];
  const firings = new Set<number>();
  for (const d of expandField(dow, dowField))
    for (const h of expandField(hour, hourField))
      for (const m of expandField(minute, minuteField)) firings.add(d * 1440 + h * 60 + m);
  return firings;
}

/**
 * Hours per week a stack is up when `create` brings it up and `destroy` takes it down, both
 * weekly crons (UTC). Simulated over two weeks so the state at the start of the measured week is
 * what the schedules left behind, not a guess.
 */
export function weeklyUptimeHours(createCron: string, destroyCron: string): number {
  const create = weeklyFirings(createCron);
  const destroy = weeklyFirings(destroyCron);
  let up = false;
  let upMinutes = 0;
  for (let t = 0; t < 2 * MINUTES_PER_WEEK; t++) {
    const minuteOfWeek = t % MINUTES_PER_WEEK;
    if (destroy.has(minuteOfWeek)) up = false;
    if (create.has(minuteOfWeek)) up = true;
    if (t >= MINUTES_PER_WEEK && up) upMinutes++;
  }
  return upMinutes / 60;
}
