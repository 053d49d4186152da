/**
 * The test stacks under the mock engine, with config overrides: what the report tests feed the
 * report functions. Run them one after another (the mock engine is process-global).
 */
import type { EphemeralConfig } from "../../ephemeral/config";
import {
  PERSISTENT_PROJECT_NAME,
  qualifiedStackName,
  runEphemeralProgram,
  runPersistentProgram,
} from "../engine/programs";
import { exampleConfig, withOverrides } from "../engine/example-config";
import type { Graph } from "../engine/run-program";
import {
  cleanGit,
  TEST_ORGANIZATION,
  TEST_SOURCES,
  TEST_STACK,
  testConfig,
  type ConfigOverrides,
} from "../helpers/test-stacks";
import { ephemeralConfigOf } from "./ephemeral-config";
import type { ImageSize } from "./image-size";

export interface TestGraphs {
  persistent: Graph;
  ephemeral: Graph;
  ephemeralConfig: EphemeralConfig;
  /** How the report names where the config came from. */
  sources: { persistent: string; ephemeral: string };
  /** A fixed size: the real measurement (a Go build) is image-size.test.ts's business. */
  imageSize: ImageSize;
}

export interface TestGraphOverrides {
  persistent?: ConfigOverrides;
  ephemeral?: ConfigOverrides;
  /** Both stacks' aws:region (and so the mocked account's). */
  region?: string;
  /** Reuse this persistent graph instead of running the program again. */
  persistentGraph?: Graph;
  /**
   * Start from the documented example (`<project>/Pulumi.example.yaml`) instead of the test
   * stacks: only for what is about the example itself (its cost targets).
   */
  fromExample?: boolean;
}

export async function testGraphs(overrides: TestGraphOverrides = {}): Promise<TestGraphs> {
  const region = overrides.region ? { "aws:region": overrides.region } : {};
  const configOf = (project: "persistent" | "ephemeral", keys: ConfigOverrides = {}) =>
    overrides.fromExample
      ? withOverrides(exampleConfig(project), { ...region, ...keys })
      : testConfig(project, { ...region, ...keys });
  const persistentConfig = configOf("persistent", overrides.persistent);
  const ephemeralConfig = configOf("ephemeral", overrides.ephemeral);
  const run = { stack: TEST_STACK, organization: TEST_ORGANIZATION };
  const persistent =
    overrides.persistentGraph ?? (await runPersistentProgram({ ...run, config: persistentConfig }));
  const ephemeral = await runEphemeralProgram({
    ...run,
    config: ephemeralConfig,
    git: cleanGit,
    stacks: {
      [qualifiedStackName(TEST_ORGANIZATION, PERSISTENT_PROJECT_NAME, TEST_STACK)]:
        persistent.outputs,
    },
  });
  return {
    persistent,
    ephemeral,
    ephemeralConfig: ephemeralConfigOf(ephemeralConfig, run),
    sources: overrides.fromExample
      ? { persistent: "persistent/Pulumi.example.yaml", ephemeral: "ephemeral/Pulumi.example.yaml" }
      : TEST_SOURCES,
    imageSize: { kind: "not-measured", reason: "fixed for the report tests" },
  };
}
