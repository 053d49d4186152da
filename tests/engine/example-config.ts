import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { readStackConfigFile } from "./stack-config-file";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");

/** The documented example stack config file of a project (`<project>/Pulumi.example.yaml`). */
export const exampleConfigFile = (projectDir: "persistent" | "ephemeral") =>
  path.join(REPO_ROOT, projectDir, "Pulumi.example.yaml");

/**
 * The documented example configuration of a project. Only what is about the example itself
 * uses it (synth's defaults, the README's generated blocks, "the example is valid"); every
 * other test runs the programs with tests/helpers/test-stacks.ts, so a fork can edit the
 * example without breaking tests.
 */
export function exampleConfig(projectDir: "persistent" | "ephemeral"): Record<string, unknown> {
  return readStackConfigFile(exampleConfigFile(projectDir), projectName(projectDir)).config;
}

/** A stack config with some keys replaced (a string) or removed (undefined). */
export function withOverrides(
  base: Record<string, unknown>,
  overrides: Record<string, string | undefined>,
): Record<string, unknown> {
  const config: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete config[key];
    else config[key] = value;
  }
  return config;
}

/** The project name declared in `<projectDir>/Pulumi.yaml`. */
export function projectName(projectDir: string): string {
  const parsed = parse(readFileSync(path.join(REPO_ROOT, projectDir, "Pulumi.yaml"), "utf8")) as {
    name?: string;
  };
  if (!parsed.name) throw new Error(`${projectDir}/Pulumi.yaml has no name`);
  return parsed.name;
}
