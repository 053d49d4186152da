import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");

/** The documented example configuration of a project (`<project>/Pulumi.example.yaml`). */
export function exampleConfig(projectDir: "persistent" | "ephemeral"): Record<string, unknown> {
  const file = path.join(REPO_ROOT, projectDir, "Pulumi.example.yaml");
  const parsed = parse(readFileSync(file, "utf8")) as { config?: Record<string, unknown> };
  if (!parsed.config) throw new Error(`${file} has no config: section`);
  return parsed.config;
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

/** The example configuration with some keys replaced or removed. */
export function exampleConfigWith(
  projectDir: "persistent" | "ephemeral",
  overrides: Record<string, string | undefined>,
): Record<string, unknown> {
  return withOverrides(exampleConfig(projectDir), overrides);
}

/** The project name declared in `<projectDir>/Pulumi.yaml`. */
export function projectName(projectDir: string): string {
  const parsed = parse(readFileSync(path.join(REPO_ROOT, projectDir, "Pulumi.yaml"), "utf8")) as {
    name?: string;
  };
  if (!parsed.name) throw new Error(`${projectDir}/Pulumi.yaml has no name`);
  return parsed.name;
}
