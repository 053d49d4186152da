import { EXAMPLE_ORGANIZATION, EXAMPLE_STACK } from "../engine/synth";
import { exampleConfigWith } from "../engine/example-config";
import { runProgram, type Graph, type RunProgramOptions } from "../engine/run-program";

/** Runs the persistent program under mocks with the example config plus overrides. */
export function runPersistent(
  configOverrides: Record<string, string | undefined> = {},
  options: Partial<Pick<RunProgramOptions, "world" | "overrideState" | "stack">> = {},
): Promise<Graph> {
  const config = exampleConfigWith("persistent", configOverrides);
  return runProgram({
    project: "gatus-persistent",
    stack: options.stack ?? EXAMPLE_STACK,
    organization: EXAMPLE_ORGANIZATION,
    config,
    world: options.world,
    overrideState: options.overrideState,
    program: async () => (await import("../../persistent/program.js")).createPersistent(),
  });
}
