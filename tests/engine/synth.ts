import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { embedDiagram } from "../report/readme";
import type { Report } from "../report/report";
import type { UptimeSchedule } from "../report/schedule";
import { REPO_ROOT, exampleConfig, projectName } from "./example-config";
import { graphJson, resourceTable } from "./render";
import { runProgram, type Graph, type RunProgramOptions } from "./run-program";

/** The organization the example stacks run under (as `pulumi.getOrganization()` reports it). */
export const EXAMPLE_ORGANIZATION = "acme";
export const EXAMPLE_STACK = "dev";

export interface SynthResult {
  graphs: Graph[];
  /** The JSON graphs, `report.md` and `architecture.mmd`, in that order. */
  files: string[];
  report: Report;
}

export interface SynthOptions {
  /** When the ephemeral stack is up, for the report's teardown cost column (default 12h x 5d). */
  schedule?: UptimeSchedule;
}

export const README_PATH = path.join(REPO_ROOT, "README.md");

/** Runs the persistent program with its example config (or `options.config`) under the mock engine. */
export async function synthPersistent(options: Partial<RunProgramOptions> = {}): Promise<Graph> {
  return runProgram({
    project: projectName("persistent"),
    stack: EXAMPLE_STACK,
    organization: EXAMPLE_ORGANIZATION,
    config: exampleConfig("persistent"),
    program: async () => (await import("../../persistent/program.js")).createPersistent(),
    ...options,
  });
}

/** The stack name ephemeral's default StackReference resolves to for the example stacks. */
export function examplePersistentStackName(): string {
  return `${EXAMPLE_ORGANIZATION}/${projectName("persistent")}/${EXAMPLE_STACK}`;
}

/**
 * Runs the ephemeral program with its example config; its StackReference reads the given
 * persistent outputs exactly as it would read the real stack's.
 */
export async function synthEphemeral(
  persistentOutputs: Record<string, unknown>,
  options: Partial<RunProgramOptions> = {},
): Promise<Graph> {
  return runProgram({
    project: projectName("ephemeral"),
    stack: EXAMPLE_STACK,
    organization: EXAMPLE_ORGANIZATION,
    config: exampleConfig("ephemeral"),
    stacks: { [examplePersistentStackName()]: persistentOutputs },
    // Synthesis shows the build path without building anything, so no Docker daemon is needed.
    program: async () =>
      (await import("../../ephemeral/program.js")).createEphemeral({ dockerAvailable: () => true }),
    ...options,
  });
}

/**
 * Runs every program with the example config and writes `<out>/<project>.json`, the report
 * (`<out>/report.md`) and the architecture diagram (`<out>/architecture.mmd`).
 */
export async function synth(outDir: string, options: SynthOptions = {}): Promise<SynthResult> {
  mkdirSync(outDir, { recursive: true });
  const persistent = await synthPersistent();
  const ephemeral = await synthEphemeral(persistent.outputs);
  const graphs = [persistent, ephemeral];
  const files = graphs.map((graph) => {
    const file = path.join(outDir, `${graph.project.replace(/^gatus-/, "")}.json`);
    writeFileSync(file, `${JSON.stringify(graphJson(graph), null, 2)}\n`);
    return file;
  });
  // Loaded here, not at the top: the tests that only need the example stacks skip it.
  const { buildReport } = await import("../report/report.js");
  const { ephemeralConfigOf } = await import("../report/ephemeral-config.js");
  const report = buildReport({
    persistent,
    ephemeral,
    ephemeralConfig: ephemeralConfigOf(exampleConfig("ephemeral"), {
      stack: EXAMPLE_STACK,
      organization: EXAMPLE_ORGANIZATION,
    }),
    ...(options.schedule ? { schedule: options.schedule } : {}),
  });
  const reportFile = path.join(outDir, "report.md");
  const diagramFile = path.join(outDir, "architecture.mmd");
  writeFileSync(reportFile, report.markdown);
  writeFileSync(diagramFile, report.diagram);
  return { graphs, files: [...files, reportFile, diagramFile], report };
}

/**
 * Puts the diagram into a README between its architecture markers, touching nothing else.
 * Returns whether the file changed.
 */
export function updateReadme(diagram: string, file = README_PATH): boolean {
  const before = readFileSync(file, "utf8");
  const after = embedDiagram(before, diagram);
  if (after === before) return false;
  writeFileSync(file, after);
  return true;
}

export { resourceTable };
