import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ConfigError, parseStackConfig } from "../../persistent/lib/stack-config";

// A schema written without a single message of its own: whatever zod reports for it must
// still reach the user in plain words, so a key added later without `message:` cannot leak
// "Invalid input: expected string, received undefined".
const bare = z.object({
  required: z.string(),
  short: z.string().min(3),
  long: z.string().max(2),
  choice: z.enum(["a", "b"]),
  literal: z.literal("yes"),
  mail: z.email(),
  pattern: z.string().regex(/^x+$/),
  custom: z.string().refine((v) => v === "ok"),
  whole: z.string().transform(Number).pipe(z.number().int()),
  small: z.string().transform(Number).pipe(z.number().max(5)),
});

const fixes = Object.fromEntries(
  Object.keys(bare.shape).map((key) => [key, `pulumi config set ${key} <good value>`]),
) as Record<keyof typeof bare.shape, string>;

function problemsOf(raw: Record<string, string>): string[] {
  try {
    parseStackConfig({ project: "p", stack: "s", schema: bare, raw, fixes, region: "eu-west-2" });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message.split("\n").slice(1);
  }
  throw new Error("expected the configuration to be rejected");
}

describe("parseStackConfig", () => {
  const valid = {
    required: "x",
    short: "abc",
    long: "ab",
    choice: "a",
    literal: "yes",
    mail: "a@example.com",
    pattern: "xx",
    custom: "ok",
    whole: "2",
    small: "1",
  };

  it.each<[string, string | undefined, string]>([
    ["required", undefined, "required: not set; is required."],
    ["short", "ab", 'short: got "ab"; must be at least 3 characters long.'],
    ["long", "abc", 'long: got "abc"; must be at most 2 characters long.'],
    ["choice", "c", 'choice: got "c"; must be one of "a", "b".'],
    ["literal", "no", 'literal: got "no"; must be "yes".'],
    ["mail", "x", 'mail: got "x"; must be an email address.'],
    ["pattern", "y", 'pattern: got "y"; must match the pattern /^x+$/.'],
    ["custom", "no", 'custom: got "no"; is not an allowed value.'],
    ["whole", "1.5", 'whole: got "1.5"; must be a whole number.'],
    ["small", "6", 'small: got "6"; must be at most 5.'],
  ])("translates zod's issue for %s = %j into plain words", (key, value, line) => {
    const raw: Record<string, string> = { ...valid };
    if (value === undefined) delete raw[key];
    else raw[key] = value;
    expect(problemsOf(raw)).toEqual([`  - ${line} Fix: pulumi config set ${key} <good value>`]);
  });
});
