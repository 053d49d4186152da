// The static half of `npm test`: typecheck, ESLint and Prettier in one pass. `tsc` and
// typescript-eslint would each build the same TypeScript program from tsconfig.json (most of
// their time); here one program serves both, and Prettier runs beside them in a child process.
// Also type-checks the two Pulumi programs the way `pulumi up` compiles them, reusing that
// program's parsed files (tests/engine/pulumi-compile.ts).
import { spawn } from "node:child_process";
import * as path from "node:path";
import { ESLint } from "eslint";
import * as ts from "typescript";
import { REPO_ROOT } from "../engine/example-config";
import { compileLikePulumi } from "../engine/pulumi-compile";

export interface CheckResult {
  name: string;
  /** Empty when the check passed; otherwise what to show, with how to fix it. */
  problems: string;
}

function prettierCheck(): Promise<CheckResult> {
  return new Promise((resolve) => {
    const prettier = require.resolve("prettier/bin/prettier.cjs");
    const child = spawn(process.execPath, [prettier, "--check", "."], {
      cwd: REPO_ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("close", (code) =>
      resolve({
        name: "Prettier (npm run format fixes it)",
        problems: code === 0 ? "" : output,
      }),
    );
  });
}

function rootProgram(): { program: ts.Program; result: CheckResult } {
  const file = path.join(REPO_ROOT, "tsconfig.json");
  const config = ts.readConfigFile(file, (f) => ts.sys.readFile(f));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, REPO_ROOT, undefined, file);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  const diagnostics = [...parsed.errors, ...ts.getPreEmitDiagnostics(program)];
  const problems = ts.formatDiagnosticsWithColorAndContext(diagnostics, {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => REPO_ROOT,
    getNewLine: () => "\n",
  });
  return { program, result: { name: "typecheck (npm run typecheck)", problems } };
}

async function lint(program: ts.Program): Promise<CheckResult> {
  const eslint = new ESLint({
    cwd: REPO_ROOT,
    overrideConfig: { languageOptions: { parserOptions: { programs: [program] } } },
  });
  const results = await eslint.lintFiles(["."]);
  const clean = results.every((r) => r.errorCount === 0 && r.warningCount === 0);
  const formatter = await eslint.loadFormatter("stylish");
  return { name: "ESLint (npx eslint .)", problems: clean ? "" : await formatter.format(results) };
}

function pulumiCompile(program: ts.Program): CheckResult {
  const problems = compileLikePulumi(["persistent", "ephemeral"], { reuse: program });
  return {
    name: "the programs as `pulumi up` compiles them (tests/engine/pulumi-compile.ts)",
    problems: problems.join("\n"),
  };
}

export async function staticChecks(): Promise<CheckResult[]> {
  const prettier = prettierCheck();
  const { program, result: typecheck } = rootProgram();
  const eslint = await lint(program);
  return [typecheck, pulumiCompile(program), eslint, await prettier];
}

/** Prints the failed checks; returns whether all passed. */
export function report(results: CheckResult[]): boolean {
  const failed = results.filter((r) => r.problems !== "");
  for (const r of failed) console.error(`\n✗ ${r.name}:\n${r.problems.trimEnd()}\n`);
  if (failed.length === 0) console.log(`✓ ${results.map((r) => r.name.split(" (")[0]).join(", ")}`);
  return failed.length === 0;
}
