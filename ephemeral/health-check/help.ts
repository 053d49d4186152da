// The text of `health-check --help`, rendered from the constants the code itself runs on
// (options, checks, exit codes), so the help cannot describe a command that no longer exists.
import type { OptionSpec } from "./options";

export interface HelpArgs {
  usage: string;
  options: readonly OptionSpec[];
  /** In the order they run. */
  checks: readonly { id: string; title: string }[];
  exitCodes: readonly { code: number; meaning: string }[];
  environment: readonly { name: string; use: string }[];
}

export function renderHelp(args: HelpArgs): string {
  const options = args.options.map((o): [string, string] => {
    const flag = `${o.short === undefined ? "" : `-${o.short}, `}--${o.name}`;
    const left = o.value === undefined ? flag : `${flag} <${o.value}>`;
    const notes = [o.required === true ? "Required." : "", o.description + "."];
    if (o.default !== undefined) notes.push(`Default: ${o.default}.`);
    return [left, notes.filter((n) => n !== "").join(" ")];
  });
  return [
    "Confirms that the update `pulumi up` just applied is what serves users and works: ECS runs " +
      "this update's task definition, Gatus answers through the load balancer, and the newest " +
      "result of every endpoint in the deployment's own Gatus group is a success (upstreams are " +
      "reported, and decide only with --require-upstreams).",
    args.usage,
    ["Options:", ...table(options)].join("\n"),
    [
      "Checks, in this order (one deadline for all; a failed check skips the ones after it):",
      ...table(args.checks.map((c, i): [string, string] => [`${i + 1}. ${c.id}`, c.title])),
    ].join("\n"),
    [
      "Exit codes:",
      ...table(args.exitCodes.map((e): [string, string] => [String(e.code), e.meaning])),
    ].join("\n"),
    ["Environment:", ...table(args.environment.map((e): [string, string] => [e.name, e.use]))].join(
      "\n",
    ),
  ].join("\n\n");
}

/** Two columns, the left one padded to its widest cell. */
function table(rows: [string, string][]): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
}
