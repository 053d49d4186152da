import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { exampleConfig, projectName } from "./example-config";
import { graphJson, resourceTable } from "./render";
import { runProgram, type Graph, type RunProgramOptions } from "./run-program";

/** The organization the example stacks run under (as `pulumi.getOrganization()` reports it). */
export const EXAMPLE_ORGANIZATION = "acme";
export const EXAMPLE_STACK = "dev";

export interface SynthResult {
  graphs: Graph[];
  files: string[];
}

/** Runs the persistent program with its example config under the mock engine. */
export async function synthPersistent(): Promise<Graph> {
  return runProgram({
    project: projectName("persistent"),
    stack: EXAMPLE_STACK,
    organization: EXAMPLE_ORGANIZATION,
    config: exampleConfig("persistent"),
    program: async () => (await import("../../persistent/program")).createPersistent(),
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
    program: async () => (await import("../../ephemeral/program")).createEphemeral(),
    ...options,
  });
}

/** Runs every program, writes `<out>/<project>.json`, returns the graphs. */
export async function synth(outDir: string): Promise<SynthResult> {
  mkdirSync(outDir, { recursive: true });
  const persistent = await synthPersistent();
  const graphs = [persistent, await synthEphemeral(persistent.outputs)];
  const files = graphs.map((graph) => {
    const file = path.join(outDir, `${graph.project.replace(/^gatus-/, "")}.json`);
    writeFileSync(file, `${JSON.stringify(graphJson(graph), null, 2)}\n`);
    return file;
  });
  return { graphs, files };
}

export { resourceTable };
