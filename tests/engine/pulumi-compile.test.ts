import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "./example-config";

/**
 * `pulumi up` does not use this repository's tsconfig.json: Pulumi's nodejs runtime registers
 * ts-node from the project directory with its own defaults (target ES2020, module and
 * resolution nodenext, not strict) unless that directory has a tsconfig.json, whose raw
 * compilerOptions then override the defaults (@pulumi/pulumi cmd/run/run.js). `npm run
 * typecheck` would not notice code that only compiles with the root options, so each
 * project's entry point is compiled here exactly the way Pulumi compiles it.
 */
function compileLikePulumi(projectDir: string): string[] {
  const dir = path.join(REPO_ROOT, projectDir);
  const tsconfig = path.join(dir, "tsconfig.json");
  let projectOptions: ts.CompilerOptions = {};
  let rawOptions: Record<string, unknown> = {};
  if (existsSync(tsconfig)) {
    const parsed = ts.getParsedCommandLineOfConfigFile(
      tsconfig,
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
    );
    projectOptions = parsed?.options ?? {};
    const text = ts.parseConfigFileTextToJson(tsconfig, readFileSync(tsconfig, "utf8"));
    rawOptions =
      (text.config as { compilerOptions?: Record<string, unknown> } | undefined)?.compilerOptions ??
      {};
  }
  const pulumiDefaults = ts.convertCompilerOptionsFromJson(
    {
      target: "ES2020",
      module: "nodenext",
      moduleResolution: "nodenext",
      sourceMap: true,
      ...rawOptions,
    },
    dir,
  ).options;
  const program = ts.createProgram([path.join(dir, "index.ts")], {
    ...projectOptions,
    ...pulumiDefaults,
    noEmit: true,
  });
  return ts
    .getPreEmitDiagnostics(program)
    .map(
      (d) => `${d.file?.fileName ?? ""}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`,
    );
}

describe("the programs compile the way `pulumi up` compiles them", () => {
  it.each(["persistent", "ephemeral"])(
    "%s/index.ts compiles under Pulumi's ts-node defaults",
    (projectDir) => {
      expect(compileLikePulumi(projectDir)).toEqual([]);
    },
    120_000,
  );
});
