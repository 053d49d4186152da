import type { Graph, RunProgramOptions } from "../engine/run-program";
import { runPersistentProgram } from "../engine/programs";
import {
  TEST_ORGANIZATION,
  TEST_STACK,
  testConfig,
  type ConfigOverrides,
} from "../helpers/test-stacks";

/** Runs the persistent program under mocks with the test stack's config plus overrides. */
export function runPersistent(
  configOverrides: ConfigOverrides = {},
  options: Partial<
    Pick<RunProgramOptions, "world" | "overrideState" | "stack" | "secretKeys" | "keepSecrets">
  > = {},
): Promise<Graph> {
  return runPersistentProgram({
    stack: options.stack ?? TEST_STACK,
    organization: TEST_ORGANIZATION,
    config: testConfig("persistent", configOverrides),
    world: options.world,
    overrideState: options.overrideState,
    ...(options.secretKeys ? { secretKeys: options.secretKeys } : {}),
    ...(options.keepSecrets ? { keepSecrets: options.keepSecrets } : {}),
  });
}
