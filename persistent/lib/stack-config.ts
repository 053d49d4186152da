import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";

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
}

/**
 * Validates a project's stack configuration in one pass and throws ONE error listing every
 * problem (key, what was given, what is allowed, how to fix it). Unknown keys are reported
 * too: a misspelt key would otherwise silently fall back to its default.
 */
export function parseStackConfig<S extends z.ZodObject>(args: ParseStackConfigArgs<S>): z.infer<S> {
  const problems: string[] = [];
  const known = new Set(Object.keys(args.schema.shape));
  for (const key of Object.keys(args.raw).sort()) {
    if (!known.has(key)) {
      problems.push(
        `${key}: unknown key (known keys: ${[...known].sort().join(", ")}). ` +
          `Fix: pulumi config rm ${key}, or correct its spelling.`,
      );
    }
  }
  const parsed = args.schema.safeParse(args.raw);
  if (parsed.success && problems.length === 0) return parsed.data;
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path.map(String).join(".") || "(config)";
      const topKey = String(issue.path[0] ?? "");
      const given = topKey in args.raw ? `got ${JSON.stringify(args.raw[topKey])}` : "not set";
      const fix = (args.fixes as Record<string, string>)[topKey];
      problems.push(`${key}: ${given}; ${issue.message}.${fix ? ` Fix: ${fix}` : ""}`);
    }
  }
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  throw new ConfigError(
    `Stack configuration for ${args.project} (stack "${args.stack}") has ${count}:\n` +
      problems.map((p) => `  - ${p}`).join("\n"),
  );
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
    .regex(/^-?\d+$/, { message: "must be a whole number" })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { message: `must be at least ${min}` })
        .max(max, { message: `must be at most ${max}` }),
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

/** Adds the provider's `aws:region` to a project's checks, so a missing region is one more line of the same message. */
export function requiringRegion<S extends z.ZodObject>(schema: S, region: string | undefined): S {
  return schema.superRefine(
    (_, ctx) => {
      if (region === undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["aws:region"],
          message: "is required. Fix: pulumi config set aws:region eu-west-2",
        });
      } else if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) {
        ctx.addIssue({
          code: "custom",
          path: ["aws:region"],
          message: `"${region}" is not an AWS region such as eu-west-2`,
        });
      }
    },
    { when: () => true },
  );
}

/** The first line of an error's message, for "cannot read X (reason)" messages. */
export function reasonOf(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const firstLine = message.split("\n")[0]?.trim() ?? "";
  return firstLine === "" ? "no reason given" : firstLine;
}
