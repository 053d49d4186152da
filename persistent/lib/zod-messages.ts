// Zod's own messages ("Invalid input: expected string, received undefined") name types and
// issue codes, not what a stack's config allows. Every schema key carries its own message;
// this map words whatever zod reports without one, so no key added later can leak zod's.
import type { z } from "zod";

/** Per-parse error map: lower precedence than a schema's own `message`, so it only fills gaps. */
export const plainErrorMap: z.core.$ZodErrorMap = (issue) => plainMessage(issue);

/** What is wrong and what is allowed, as the tail of "<key>: got "<value>"; <message>". */
export function plainMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "is required";
      if (issue.expected === "int") return "must be a whole number";
      return `must be ${withArticle(issue.expected)}`;
    case "too_small":
      return `must be ${issue.inclusive === false ? "more than" : "at least"} ${String(issue.minimum)}${unitOf(issue.origin)}`;
    case "too_big":
      return `must be ${issue.inclusive === false ? "less than" : "at most"} ${String(issue.maximum)}${unitOf(issue.origin)}`;
    case "invalid_value":
      return issue.values.length === 1
        ? `must be ${quote(issue.values[0])}`
        : `must be one of ${issue.values.map(quote).join(", ")}`;
    case "invalid_format":
      if (issue.format === "regex" && issue.pattern !== undefined)
        return `must match the pattern ${issue.pattern}`;
      return issue.format === "email"
        ? "must be an email address"
        : `must be a valid ${issue.format}`;
    case "not_multiple_of":
      return `must be a multiple of ${issue.divisor}`;
    case "unrecognized_keys":
      return `has unknown keys: ${issue.keys.join(", ")}`;
    default:
      return "is not an allowed value";
  }
}

function unitOf(origin: string): string {
  if (origin === "string") return " characters long";
  if (origin === "array" || origin === "set") return " items";
  return "";
}

function withArticle(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

function quote(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}
