import { existsSync } from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { REPO_ROOT } from "./example-config";

/**
 * How `pulumi up` compiles a TypeScript project, reproduced from @pulumi/pulumi's
 * `cmd/run/run.js` and the ts-node 7.0.1 it vendors (no ts-node is installed here, so that is
 * the one it loads; the TypeScript is this repository's):
 *
 * 1. Pulumi reads the *raw* `compilerOptions` of `<project>/tsconfig.json` (no `extends`) and
 *    spreads them over its own defaults: target ES2020, module and moduleResolution nodenext.
 * 2. ts-node reads the same file (following `extends`), overlays step 1 and its own emit
 *    options, and type-checks every file it loads, reporting that file's syntactic and
 *    semantic diagnostics plus the options' diagnostics: never errors inside `.d.ts` files
 *    of dependencies, and never codes 6059, 18002 and 18003.
 */

const PULUMI_DEFAULTS = {
  target: "ES2020",
  module: "nodenext",
  moduleResolution: "nodenext",
  sourceMap: "true",
};
const TS_NODE_DEFAULTS = {
  sourceMap: true,
  inlineSourceMap: false,
  inlineSources: true,
  declaration: false,
  noEmit: false,
  outDir: "$$ts-node$$",
};
const TS_NODE_IGNORED_CODES = new Set([6059, 18002, 18003]);

/** The compiler options `pulumi up` type-checks `<projectDir>/index.ts` with. */
export function pulumiCompilerOptions(projectDir: string, root = REPO_ROOT): ts.CompilerOptions {
  const dir = path.join(root, projectDir);
  const tsconfig = path.join(dir, "tsconfig.json");
  let config: { compilerOptions?: Record<string, unknown> } = {};
  let raw: Record<string, unknown> = {};
  if (existsSync(tsconfig)) {
    const read = ts.readConfigFile(tsconfig, (f) => ts.sys.readFile(f));
    if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, " "));
    config = read.config as typeof config;
    raw = config.compilerOptions ?? {};
  }
  const merged = {
    ...config,
    compilerOptions: {
      ...config.compilerOptions,
      ...PULUMI_DEFAULTS,
      ...raw,
      ...TS_NODE_DEFAULTS,
    },
  };
  const parsed = ts.parseJsonConfigFileContent(
    merged,
    ts.sys,
    dir,
    undefined,
    existsSync(tsconfig) ? tsconfig : undefined,
  );
  return parsed.options;
}

/** The options `npm run typecheck` uses (the root tsconfig.json). */
export function typecheckCompilerOptions(): ts.CompilerOptions {
  const file = path.join(REPO_ROOT, "tsconfig.json");
  const read = ts.readConfigFile(file, (f) => ts.sys.readFile(f));
  return ts.parseJsonConfigFileContent(read.config, ts.sys, REPO_ROOT, undefined, file).options;
}

// Options that only shape emitted files or where tsc looks for its config; they cannot change
// whether a program type-checks.
const EMIT_ONLY = new Set([
  "configFilePath",
  "declaration",
  "inlineSourceMap",
  "inlineSources",
  "noEmit",
  "outDir",
  "sourceMap",
]);

/** The options minus those that cannot change whether a program type-checks. */
function checkingOptions(options: ts.CompilerOptions): Record<string, unknown> {
  return Object.fromEntries(Object.entries(options).filter(([key]) => !EMIT_ONLY.has(key)));
}

/** Options that differ between Pulumi's compile of a project and `npm run typecheck`. */
export function optionDifferences(projectDir: string): string[] {
  const pulumi = checkingOptions(pulumiCompilerOptions(projectDir));
  const root = checkingOptions(typecheckCompilerOptions());
  const keys = new Set([...Object.keys(pulumi), ...Object.keys(root)]);
  return [...keys]
    .filter((key) => JSON.stringify(pulumi[key]) !== JSON.stringify(root[key]))
    .sort()
    .map(
      (key) =>
        `${key}: pulumi up uses ${JSON.stringify(pulumi[key])}, npm run typecheck ${JSON.stringify(root[key])}`,
    );
}

// A parsed file depends only on these options, so under equal ones another program's parse of
// the same file is this program's parse too.
const PARSE_OPTIONS = ["target", "module", "moduleResolution", "moduleDetection", "jsx"] as const;
const sameParse = (a: ts.CompilerOptions, b: ts.CompilerOptions) =>
  PARSE_OPTIONS.every((key) => a[key] === b[key]);

/**
 * Type-checks the projects' entry points the way ts-node does under `pulumi up`: one program per
 * distinct set of options, diagnostics of the program's own files only. Returns them as
 * `file: message` lines (empty when everything compiles). `reuse`, a program already built
 * (the typecheck's), lets TypeScript reuse its parsed files instead of reading them again.
 */
export function compileLikePulumi(
  projectDirs: string[],
  { root = REPO_ROOT, reuse }: { root?: string; reuse?: ts.Program } = {},
): string[] {
  const byOptions = new Map<string, { options: ts.CompilerOptions; roots: string[] }>();
  for (const projectDir of projectDirs) {
    const options = pulumiCompilerOptions(projectDir, root);
    const key = JSON.stringify(checkingOptions(options));
    const group = byOptions.get(key) ?? { options, roots: [] };
    group.roots.push(path.join(root, projectDir, "index.ts"));
    byOptions.set(key, group);
  }
  const diagnostics: ts.Diagnostic[] = [];
  for (const { options, roots } of byOptions.values()) {
    const compilerOptions = { ...options, noEmit: true };
    const host = ts.createCompilerHost(compilerOptions);
    if (reuse && sameParse(reuse.getCompilerOptions(), compilerOptions)) {
      const parse = host.getSourceFile.bind(host);
      host.getSourceFile = (fileName, ...rest) =>
        reuse.getSourceFile(fileName) ?? parse(fileName, ...rest);
    }
    const program = ts.createProgram({ rootNames: roots, options: compilerOptions, host });
    diagnostics.push(...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics());
    for (const file of program.getSourceFiles()) {
      if (file.isDeclarationFile || file.fileName.includes("/node_modules/")) continue;
      diagnostics.push(
        ...program.getSyntacticDiagnostics(file),
        ...program.getSemanticDiagnostics(file),
      );
    }
  }
  return diagnostics
    .filter((d) => !TS_NODE_IGNORED_CODES.has(d.code))
    .map(
      (d) =>
        `${d.file ? path.relative(root, d.file.fileName) : "options"}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`,
    );
}
