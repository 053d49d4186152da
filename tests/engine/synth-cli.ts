// `npm run synth [-- --out DIR]`: runs the programs offline with their example config, prints
// a table of the resources and writes the graphs as JSON. No AWS or Pulumi credentials needed.
import * as path from "node:path";
import { REPO_ROOT } from "./example-config";
import { resourceTable, synth } from "./synth";

function outDir(argv: string[]): string {
  const i = argv.indexOf("--out");
  if (i === -1) return path.join(REPO_ROOT, "synth");
  const dir = argv[i + 1];
  if (dir === undefined || dir.startsWith("--"))
    throw new Error("--out needs a directory, e.g. npm run synth -- --out /tmp/synth");
  return path.resolve(dir);
}

async function main(): Promise<void> {
  const { graphs, files } = await synth(outDir(process.argv.slice(2)));
  for (const graph of graphs) console.log(`${resourceTable(graph)}\n`);
  for (const file of files) console.log(`wrote ${path.relative(process.cwd(), file) || file}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
