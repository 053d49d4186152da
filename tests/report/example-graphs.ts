/**
 * The example stacks under the mock engine, with config overrides: what the report tests feed
 * the report functions. Run them one after another (the mock engine is process-global).
 */
import type { EphemeralConfig } from "../../ephemeral/config";
import { exampleConfig, withOverrides } from "../engine/example-config";
import type { Graph } from "../engine/run-program";
import {
  EXAMPLE_ORGANIZATION,
  EXAMPLE_STACK,
  synthEphemeral,
  synthPersistent,
} from "../engine/synth";
import { ephemeralConfigOf } from "./ephemeral-config";

export interface ExampleGraphs {
  persistent: Graph;
  ephemeral: Graph;
  ephemeralConfig: EphemeralConfig;
}

/** `"project:key" → value` overrides; undefined removes the key. */
export type ConfigOverrides = Record<string, string | undefined>;

export interface ExampleOverrides {
  persistent?: ConfigOverrides;
  ephemeral?: ConfigOverrides;
  /** Both stacks' aws:region (and the mocked account's). */
  region?: string;
  /** Reuse this persistent graph instead of running the program again. */
  persistentGraph?: Graph;
}

export async function exampleGraphs(overrides: ExampleOverrides = {}): Promise<ExampleGraphs> {
  const region = overrides.region ? { "aws:region": overrides.region } : {};
  const world = overrides.region ? { world: { region: overrides.region } } : {};
  const persistentConfig = withOverrides(exampleConfig("persistent"), {
    ...region,
    ...overrides.persistent,
  });
  const ephemeralConfig = withOverrides(exampleConfig("ephemeral"), {
    ...region,
    ...overrides.ephemeral,
  });
  const persistent =
    overrides.persistentGraph ?? (await synthPersistent({ config: persistentConfig, ...world }));
  const ephemeral = await synthEphemeral(persistent.outputs, { config: ephemeralConfig, ...world });
  return {
    persistent,
    ephemeral,
    ephemeralConfig: ephemeralConfigOf(ephemeralConfig, {
      stack: EXAMPLE_STACK,
      organization: EXAMPLE_ORGANIZATION,
    }),
  };
}
