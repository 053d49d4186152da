import type { GitRunner } from "../../ephemeral/image-tag";
import { exampleConfigWith } from "../engine/example-config";
import { runProgram, type Graph, type RunProgramOptions } from "../engine/run-program";
import { EXAMPLE_ORGANIZATION, EXAMPLE_STACK, examplePersistentStackName } from "../engine/synth";
import { VALID_CONTRACT } from "../helpers/contract-fixture";

export const COMMIT = "0123456789abcdef0123456789abcdef01234567";
export const cleanGit: GitRunner = (args) => (args[0] === "rev-parse" ? `${COMMIT}\n` : "");

export interface RunEphemeralOptions extends Partial<
  Pick<RunProgramOptions, "world" | "stacks" | "stack">
> {
  git?: GitRunner;
  /** Default: a Docker daemon is available. */
  dockerAvailable?: boolean;
}

/** Runs the ephemeral program under mocks: example config plus overrides, a valid persistent stack. */
export function runEphemeral(
  configOverrides: Record<string, string | undefined> = {},
  options: RunEphemeralOptions = {},
): Promise<Graph> {
  const config = exampleConfigWith("ephemeral", configOverrides);
  return runProgram({
    project: "gatus-ephemeral",
    stack: options.stack ?? EXAMPLE_STACK,
    organization: EXAMPLE_ORGANIZATION,
    config,
    stacks: options.stacks ?? { [examplePersistentStackName()]: { ...VALID_CONTRACT } },
    world: options.world,
    program: async () =>
      (await import("../../ephemeral/program.js")).createEphemeral({
        git: options.git ?? cleanGit,
        dockerAvailable: () => options.dockerAvailable ?? true,
      }),
  });
}
