// Splits argv into option values. Written out rather than left to util.parseArgs, whose
// strict mode refuses any value that starts with "-" ("--deadline-seconds -5": "argument is
// ambiguous"), so the value never reached the check that can say what is wrong with it. Here
// a value may start with one dash; a following "--option" means the value is missing.
import { closest } from "../../persistent/lib/suggest";
import { type FlagName, OPTIONS, type OptionName } from "./options";

export interface Tokens {
  values: Map<OptionName, string>;
  /** Flags given (options that take no value), --help aside. */
  flags: Set<FlagName>;
  help: boolean;
  problems: string[];
  /** Options already reported (no value, given twice): "not set" would only repeat it. */
  flawed: Set<OptionName>;
}

/** The values of argv's options, whether --help was asked for, and what is wrong with argv. */
export function readTokens(argv: readonly string[]): Tokens {
  const tokens: Tokens = {
    values: new Map(),
    flags: new Set(),
    help: false,
    problems: [],
    flawed: new Set(),
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    const token = optionToken(arg);
    if (token === undefined) {
      tokens.problems.push(
        `${JSON.stringify(arg)}: unexpected positional argument; every value follows its option (see --help)`,
      );
      continue;
    }
    const { option, inline } = token;
    if (option === undefined) {
      tokens.problems.push(unknownOption(token.flag));
      // Its value, if it has one, is part of the same mistake, not a positional argument.
      if (inline === undefined && isValue(argv[i + 1])) i++;
      continue;
    }
    if (!("value" in option)) {
      if (inline !== undefined) {
        tokens.problems.push(`--${option.name}: got ${JSON.stringify(inline)}; takes no value`);
      } else if (option.name === "help") {
        tokens.help = true;
      } else {
        tokens.flags.add(option.name);
      }
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      if (!isValue(next)) {
        tokens.problems.push(
          `--${option.name}: no value given; use --${option.name} <${option.value}>`,
        );
        tokens.flawed.add(option.name);
        continue;
      }
      value = next;
      i++;
    }
    const earlier = tokens.values.get(option.name);
    if (earlier !== undefined) {
      tokens.problems.push(
        `--${option.name}: given twice (${JSON.stringify(earlier)} and ${JSON.stringify(value)}); give it once`,
      );
      tokens.flawed.add(option.name);
      continue;
    }
    tokens.values.set(option.name, value);
  }
  return tokens;
}

/** Whether `arg` can be the value of the option before it: anything but another option. */
function isValue(arg: string | undefined): arg is string {
  return arg !== undefined && !arg.startsWith("--") && optionToken(arg)?.option === undefined;
}

/** `--name`, `--name=value` or `-x`; undefined for anything else (a positional argument). */
function optionToken(
  arg: string,
): { flag: string; option: (typeof OPTIONS)[number] | undefined; inline?: string } | undefined {
  const long = /^--([^=]+)(?:=(.*))?$/s.exec(arg);
  if (long) {
    const name = long[1] ?? "";
    const option = OPTIONS.find((o) => o.name === name);
    return { flag: `--${name}`, option, ...(long[2] === undefined ? {} : { inline: long[2] }) };
  }
  const short = /^-([A-Za-z])$/.exec(arg);
  if (short) {
    const option = OPTIONS.find((o) => "short" in o && o.short === short[1]);
    return { flag: arg, option };
  }
  return undefined;
}

function unknownOption(flag: string): string {
  const names = OPTIONS.map((o) => `--${o.name}`);
  const near = closest(flag, names);
  return near.length > 0
    ? `${flag}: unknown option; did you mean ${near.join(" or ")}?`
    : `${flag}: unknown option; the options are ${names.join(", ")} (see --help)`;
}
