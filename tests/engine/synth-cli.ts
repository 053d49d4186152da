// `npm run synth [-- options]`: runs both programs offline under Pulumi's mock engine, with the
// documented example config or your own stack config files, prints the resources and the
// report's summary, and writes the graphs, report.md and architecture.mmd. `--help` lists the
// options. No AWS or Pulumi credentials, no Docker, no git needed.
import * as path from "node:path";
import { parseUptime, type UptimeSchedule } from "../report/schedule";
import { REPO_ROOT, exampleConfigFile, projectName } from "./example-config";
import { readStackConfigFile } from "./stack-config-file";
import type { SynthInput } from "./synth";

export const HELP = `usage: npm run synth [-- options]

Runs persistent/ and then ephemeral/ under Pulumi's mock engine, offline, and writes what they
would create: the resource graphs (persistent.json, ephemeral.json), a report (report.md:
resources, contract, deploy-role permissions, policy results, rollout budget, monthly cost) and
an architecture diagram (architecture.mmd). Needs no AWS account, Pulumi login, Docker or git.

Options:
  --persistent-config FILE  the persistent stack's config, a Pulumi.<stack>.yaml
                            (default: persistent/Pulumi.example.yaml)
  --ephemeral-config FILE   the ephemeral stack's config, a Pulumi.<stack>.yaml
                            (default: ephemeral/Pulumi.example.yaml)
  --stack NAME              the stack name of both projects (default: from each file's name,
                            Pulumi.<stack>.yaml; "dev" for the example files)
  --org NAME                the Pulumi organization (default: the persistent config's
                            pulumiOrganization, else "organization", a DIY backend's)
  --out DIR                 where to write (default: synth/); replaced as a whole, and only
                            if it holds nothing but synth's own files
  --uptime "12h x 5d"       hours a day and days a week the ephemeral stack is up, for the
                            cost report's teardown column (default: "12h x 5d")
  --compare DIR             also write digest.md: what changed against an earlier synth output
                            in DIR (resources, role permissions, policy, cost, rollout,
                            contract, diagram); CI compares a pull request with its base
  --update-readme           also refresh README.md's generated blocks (architecture diagram,
                            cost figures); only with the example config
  -h, --help                show this help

Examples:
  npm run synth
  npm run synth -- --persistent-config persistent/Pulumi.prod.yaml \\
                   --ephemeral-config ephemeral/Pulumi.prod.yaml --org acme
`;

export interface CliOptions {
  help: boolean;
  persistentConfig: string | undefined;
  ephemeralConfig: string | undefined;
  stack: string | undefined;
  org: string | undefined;
  out: string;
  compare: string | undefined;
  schedule: UptimeSchedule | undefined;
  updateReadme: boolean;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(`${message}\nRun npm run synth -- --help for every option.`);
    this.name = "UsageError";
  }
}

const FLAGS_WITH_VALUE = {
  "--persistent-config": "a file, e.g. --persistent-config persistent/Pulumi.prod.yaml",
  "--ephemeral-config": "a file, e.g. --ephemeral-config ephemeral/Pulumi.prod.yaml",
  "--stack": "a stack name, e.g. --stack prod",
  "--org": "an organization, e.g. --org acme",
  "--out": "a directory, e.g. --out /tmp/synth",
  "--uptime": 'a schedule, e.g. --uptime "12h x 5d"',
  "--compare": "a directory an earlier synth wrote, e.g. --compare /tmp/base",
} as const;

export function parseArgs(argv: string[], cwd = process.cwd()): CliOptions {
  const options: CliOptions = {
    help: false,
    persistentConfig: undefined,
    ephemeralConfig: undefined,
    stack: undefined,
    org: undefined,
    out: path.join(REPO_ROOT, "synth"),
    compare: undefined,
    schedule: undefined,
    updateReadme: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "-h" || arg === "--help") {
      options.help = true;
      continue;
    }
    if (arg === "--update-readme") {
      options.updateReadme = true;
      continue;
    }
    if (!(arg in FLAGS_WITH_VALUE)) throw new UsageError(`unknown argument "${arg}"`);
    const flag = arg as keyof typeof FLAGS_WITH_VALUE;
    const value = argv[++i];
    if (value === undefined || value === "" || value.startsWith("--")) {
      throw new UsageError(`${flag} needs ${FLAGS_WITH_VALUE[flag]}`);
    }
    if (flag === "--persistent-config") options.persistentConfig = path.resolve(cwd, value);
    else if (flag === "--ephemeral-config") options.ephemeralConfig = path.resolve(cwd, value);
    else if (flag === "--stack") options.stack = value;
    else if (flag === "--org") options.org = value;
    else if (flag === "--out") options.out = path.resolve(cwd, value);
    else if (flag === "--compare") options.compare = path.resolve(cwd, value);
    else options.schedule = parseUptime(value);
  }
  if (options.updateReadme && (options.persistentConfig || options.ephemeralConfig)) {
    throw new UsageError(
      "--update-readme embeds the example's figures in README.md; run it without --persistent-config and --ephemeral-config",
    );
  }
  return options;
}

const EXAMPLE_STACK = "dev";
const DIY_ORGANIZATION = "organization";
/** A file as the report names it: relative inside the repository, absolute outside. */
const shown = (file: string) => {
  const relative = path.relative(REPO_ROOT, file);
  return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
};

/** The synthesis input the options stand for: files read, stack names and organization settled. */
export function inputFrom(options: CliOptions): SynthInput {
  const read = (projectDir: "persistent" | "ephemeral", given: string | undefined) => {
    const file = given ?? exampleConfigFile(projectDir);
    const { config, stack } = readStackConfigFile(file, projectName(projectDir));
    const fromFileName = given === undefined ? EXAMPLE_STACK : stack;
    const name = options.stack ?? fromFileName;
    if (name === undefined) {
      throw new UsageError(
        `${shown(file)} is not named Pulumi.<stack>.yaml, so its stack name is unknown; give --stack NAME`,
      );
    }
    return { stack: name, config, source: shown(file) };
  };
  const persistent = read("persistent", options.persistentConfig);
  const ephemeral = read("ephemeral", options.ephemeralConfig);
  const configuredOrg = persistent.config[`${projectName("persistent")}:pulumiOrganization`];
  return {
    organization:
      options.org ?? (typeof configuredOrg === "string" ? configuredOrg : DIY_ORGANIZATION),
    persistent,
    ephemeral,
    ...(options.schedule ? { schedule: options.schedule } : {}),
  };
}

const relative = (file: string) => path.relative(process.cwd(), file) || file;

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(HELP);
    return;
  }
  const input = inputFrom(options);
  // Loaded after the arguments and files are checked, so a typo fails in a moment.
  const { README_PATH, resourceTable, synthesize, updateReadme } = await import("./synth.js");
  const { writeOutputs } = await import("./synth-output.js");
  const { readSynthGraphs } = await import("./graph-json.js");
  // Read the base first: it may be the very directory this run replaces.
  const base = options.compare === undefined ? undefined : readSynthGraphs(options.compare);
  const result = await synthesize(input);
  const files: Record<string, string> = { ...result.files };
  if (base !== undefined) {
    const { digestMarkdown, digestOf } = await import("../report/digest.js");
    files["digest.md"] = digestMarkdown(digestOf(base, result, input.schedule));
  }
  for (const graph of [result.persistent, result.ephemeral])
    console.log(`${resourceTable(graph)}\n`);
  console.log(`summary (${relative(path.join(options.out, "report.md"))}):`);
  for (const line of result.report.summary) console.log(`  ${line}`);
  console.log("");
  if (files["digest.md"] !== undefined) console.log(`${files["digest.md"]}\n`);
  for (const file of writeOutputs(options.out, files)) console.log(`wrote ${relative(file)}`);
  if (options.updateReadme) {
    const changed = updateReadme(result.report);
    console.log(
      `${relative(README_PATH)}: generated blocks ${changed ? "updated" : "already current"}`,
    );
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
