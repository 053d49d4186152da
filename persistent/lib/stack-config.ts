import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { awsRegionProblem } from "./aws-region";
import { closest } from "./suggest";
import { plainErrorMap } from "./zod-messages";

/**
 * Raised when a stack's configuration is invalid. It is a `pulumi.RunError`, so the CLI prints
 * the message alone, without a stack trace from deep inside the SDK.
 */
export class ConfigError extends pulumi.RunError {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/** How to fix each key, shown next to the problem. */
export type FixHints<K extends string> = Record<K, string>;

export interface ParseStackConfigArgs<S extends z.ZodObject> {
  project: string;
  stack: string;
  schema: S;
  /** Config values without the `<project>:` prefix, as Pulumi stores them (strings). */
  raw: Record<string, string>;
  /** One `pulumi config set ...` style fix per key. */
  fixes: FixHints<keyof z.infer<S> & string>;
  /** The provider's `aws:region` (undefined when not set), checked in the same pass. */
  region: string | undefined;
  /** Keys that no longer exist → why, and where the setting lives now. */
  retired?: Readonly<Record<string, string>>;
  /** Problems found outside the stack config (a file the program reads), in the same message. */
  problems?: readonly string[];
  /**
   * Keys that hold credentials: their values are never repeated in a message, and each must be
   * stored encrypted (`pulumi config set --secret`), which `storedAsSecret` tells.
   */
  secrets?: { keys: readonly string[]; storedAsSecret: (key: string) => boolean };
}

const REGION_KEY = "aws:region";
const REGION_FIX = "pulumi config set aws:region <region> (e.g. eu-west-2)";

/**
 * The part of a config value a nested problem is about (`auditTrailsOff.vpcFlowLogs`), so the
 * message quotes what is wrong rather than the whole object. Pulumi hands object values over as
 * JSON text; anything that cannot be followed is quoted whole.
 */
function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const segment of path) {
    if (typeof current === "string") {
      try {
        current = JSON.parse(current) as unknown;
      } catch {
        return value;
      }
    }
    if (typeof current !== "object" || current === null || !(String(segment) in current))
      return value;
    current = (current as Record<string, unknown>)[String(segment)];
  }
  return current;
}

/**
 * Validates a project's stack configuration in one pass and throws ONE error listing every
 * problem (key, what was given, what is allowed, how to fix it). Unknown keys are reported
 * too: a misspelt key would otherwise silently fall back to its default.
 */
export function parseStackConfig<S extends z.ZodObject>(args: ParseStackConfigArgs<S>): z.infer<S> {
  const known = Object.keys(args.schema.shape).sort();
  const retired = args.retired ?? {};
  const problems = Object.keys(args.raw)
    .filter((key) => !known.includes(key))
    .sort()
    .map((key) =>
      key in retired
        ? `${key}: no longer a setting; ${retired[key]}. Fix: pulumi config rm ${key}`
        : unknownKeyProblem(key, known),
    );
  const fixes: Record<string, string> = args.fixes;
  const secretKeys = new Set(args.secrets?.keys ?? []);
  const givenOf = (path: readonly PropertyKey[]): string => {
    const key = String(path[0] ?? "");
    if (key in args.raw && secretKeys.has(key)) return "got a value (a secret, not shown)";
    if (key in args.raw) return `got ${JSON.stringify(valueAt(args.raw[key], path.slice(1)))}`;
    const fallback = defaultOf(args.schema.shape[key]);
    return fallback === undefined ? "not set" : `not set (default ${fallback})`;
  };
  const parsed = args.schema.safeParse(args.raw, { error: plainErrorMap });
  for (const issue of parsed.error?.issues ?? []) {
    const topKey = String(issue.path[0] ?? "");
    const key = issue.path.map(String).join(".") || "(config)";
    problems.push(problemLine(key, givenOf(issue.path), issue.message, fixes[topKey]));
  }
  for (const key of [...secretKeys].filter((k) => k in args.raw).sort()) {
    if (args.secrets?.storedAsSecret(key) === false) {
      problems.push(
        `${key}: stored in plain text in the stack's configuration; it is a credential and must be encrypted. Fix: pulumi config set --secret ${key} <value>`,
      );
    }
  }
  const region = regionProblem(args.region);
  if (region !== undefined) problems.push(region);
  problems.push(...(args.problems ?? []));
  if (parsed.success && problems.length === 0) return parsed.data;
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  throw new ConfigError(
    `Stack configuration for ${args.project} (stack "${args.stack}") has ${count}:\n` +
      problems.map((p) => `  - ${p}`).join("\n"),
  );
}

/** `<key>: <given>; <what is wrong and allowed>. Fix: <command>` */
function problemLine(key: string, given: string, message: string, fix: string | undefined): string {
  const sentence = /[.?!]$/.test(message) ? message : `${message}.`;
  return `${key}: ${given}; ${sentence}${fix ? ` Fix: ${fix}` : ""}`;
}

/** A region the installed @pulumi/aws does not know is reported as given, never as "not set". */
function regionProblem(region: string | undefined): string | undefined {
  if (region === undefined) return problemLine(REGION_KEY, "not set", "is required", REGION_FIX);
  const problem = awsRegionProblem(region);
  if (problem === undefined) return undefined;
  return problemLine(REGION_KEY, `got ${JSON.stringify(region)}`, problem, REGION_FIX);
}

function unknownKeyProblem(key: string, known: string[]): string {
  const near = closest(key, known);
  if (near.length === 1) {
    return `${key}: unknown key; did you mean ${near[0]}? Fix: pulumi config rm ${key}, then pulumi config set ${near[0]} <value>`;
  }
  if (near.length > 1) {
    return `${key}: unknown key; did you mean ${near.join(" or ")}? Fix: pulumi config rm ${key}, then set the key you meant`;
  }
  return `${key}: unknown key (known keys: ${known.join(", ")}). Fix: pulumi config rm ${key}, or correct its spelling.`;
}

/** The default a key's schema fills in, as shown to a person, if it has one. */
function defaultOf(schema: unknown): string | undefined {
  if (!(schema instanceof z.ZodDefault)) return undefined;
  const value: unknown = schema.def.defaultValue;
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/**
 * A project's keys of a stack config (`"<project>:<key>" → value`), without the prefix and as
 * the strings Pulumi stores (structured values JSON-encoded).
 */
export function projectKeys(
  config: Record<string, unknown>,
  project: string,
): Record<string, string> {
  const prefix = `${project}:`;
  const raw: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    if (key.startsWith(prefix))
      raw[key.slice(prefix.length)] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return raw;
}

/** Reads every `<project>:<key>` value of the current stack, without the prefix. */
export function readProjectConfig(project: string): Record<string, string> {
  return projectKeys(pulumi.runtime.allConfig(), project);
}

// Pulumi stores every config value as a string: these parse the common shapes strictly
// (no `z.coerce`, which would turn "" into 0 or "false" into true).

/** An integer within [min, max], given as a decimal string. */
export const intString = (min: number, max: number) =>
  z
    .string()
    .regex(/^-?\d+$/, { message: `must be a whole number from ${min} to ${max}` })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { message: `must be at least ${min} (a whole number from ${min} to ${max})` })
        .max(max, { message: `must be at most ${max} (a whole number from ${min} to ${max})` }),
    );

// CloudWatch Logs accepts only these retention periods (PutRetentionPolicy's retentionInDays).
const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
  3653,
] as const;

/** A CloudWatch Logs retention period in days. */
export const logRetentionDays = intString(1, 3653).refine(
  (d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d),
  { message: `must be one of CloudWatch's retention periods: ${LOG_RETENTION_DAYS.join(", ")}` },
);

/** `true` or `false`. */
export const boolString = z
  .enum(["true", "false"], { message: 'must be "true" or "false"' })
  .transform((v) => v === "true");

/** A fully qualified DNS name, lower-case, without a trailing dot. */
export const dnsName = z
  .string()
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
    message:
      'must be a lower-case DNS name such as "example.com" (letters, digits, hyphens, dots; no trailing dot)',
  });

/**
 * A string that `problemOf` accepts (returns undefined) or describes in plain words, for rules
 * a regular expression cannot state (or cannot explain).
 */
export const checkedString = (problemOf: (value: string) => string | undefined) =>
  z.string().superRefine((value, ctx) => {
    const problem = problemOf(value);
    if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
  });

/** The first line of an error's message, for "cannot read X (reason)" messages. */
export function reasonOf(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const firstLine = message.split("\n")[0]?.trim() ?? "";
  return firstLine === "" ? "no reason given" : firstLine;
}
