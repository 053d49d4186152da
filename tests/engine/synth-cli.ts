// `npm run synth [-- --out DIR] [--uptime "12h x 5d"] [--update-readme]`: runs the programs
// offline with their example config, prints a table of the resources and the report's summary,
// and writes the graphs as JSON, `report.md` and `architecture.mmd`. `--update-readme` also
// embeds the diagram in README.md. No AWS or Pulumi credentials needed.
import * as path from "node:path";
import { parseUptime, type UptimeSchedule } from "../report/schedule";
import { REPO_ROOT } from "./example-config";

interface CliOptions {
  out: string;
  schedule?: UptimeSchedule;
  updateReadme: boolean;
}

const USAGE = 'usage: npm run synth [-- --out DIR] [--uptime "12h x 5d"] [--update-readme]';

function valueOf(argv: string[], i: number, flag: string, example: string): string {
  const value = argv[i + 1];
  if (value === undefined || value.startsWith("--")) throw new Error(`${flag} needs ${example}`);
  return value;
}

function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = { out: path.join(REPO_ROOT, "synth"), updateReadme: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--out") {
      options.out = path.resolve(
        valueOf(argv, i++, "--out", "a directory, e.g. npm run synth -- --out /tmp/synth"),
      );
    } else if (arg === "--uptime") {
      options.schedule = parseUptime(
        valueOf(argv, i++, "--uptime", 'a schedule, e.g. npm run synth -- --uptime "12h x 5d"'),
      );
    } else if (arg === "--update-readme") {
      options.updateReadme = true;
    } else {
      throw new Error(`unknown argument "${arg}"; ${USAGE}`);
    }
  }
  return options;
}

const relative = (file: string) => path.relative(process.cwd(), file) || file;

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  // Loaded after the arguments are checked, so a typo fails in a moment.
  const { README_PATH, resourceTable, synth, updateReadme } = await import("./synth.js");
  const { graphs, files, report } = await synth(
    options.out,
    options.schedule ? { schedule: options.schedule } : {},
  );
  for (const graph of graphs) console.log(`${resourceTable(graph)}\n`);
  console.log(`summary (${relative(path.join(options.out, "report.md"))}):`);
  for (const line of report.summary) console.log(`  ${line}`);
  console.log("");
  for (const file of files) console.log(`wrote ${relative(file)}`);
  if (options.updateReadme) {
    const changed = updateReadme(report.diagram);
    console.log(
      `${relative(README_PATH)}: architecture diagram ${changed ? "updated" : "already current"}`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
