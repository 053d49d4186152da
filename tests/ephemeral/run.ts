import type { DockerHost } from "../../ephemeral/docker-host";
import type { GitRunner } from "../../ephemeral/image-tag";
import { runEphemeralProgram } from "../engine/programs";
import type { Graph, RunProgramOptions } from "../engine/run-program";
import { VALID_CONTRACT } from "../helpers/contract-fixture";
import {
  COMMIT,
  cleanGit,
  TEST_ORGANIZATION,
  TEST_PERSISTENT_STACK,
  TEST_STACK,
  testConfig,
  type ConfigOverrides,
} from "../helpers/test-stacks";

export { COMMIT, cleanGit };

export interface RunEphemeralOptions extends Partial<
  Pick<RunProgramOptions, "world" | "stacks" | "stack">
> {
  git?: GitRunner;
  /** Default: a Docker daemon, logged in to the registry. */
  docker?: Partial<DockerHost>;
}

/** Runs the ephemeral program under mocks: test config plus overrides, a valid persistent stack. */
export function runEphemeral(
  configOverrides: ConfigOverrides = {},
  options: RunEphemeralOptions = {},
): Promise<Graph> {
  return runEphemeralProgram({
    stack: options.stack ?? TEST_STACK,
    organization: TEST_ORGANIZATION,
    config: testConfig("ephemeral", configOverrides),
    stacks: options.stacks ?? { [TEST_PERSISTENT_STACK]: { ...VALID_CONTRACT } },
    world: options.world,
    git: options.git ?? cleanGit,
    ...(options.docker ? { docker: options.docker } : {}),
  });
}
