import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import * as path from "node:path";

/**
 * Which test files need a process of their own. Pulumi's mock engine keeps its state on
 * `global` (mocks, config, the stack resource), so every test file that runs a program under
 * it gets a fresh worker; the others share workers and skip re-importing the same modules,
 * which is most of their cost. A file runs a program when its imports, followed through
 * relative paths (static and dynamic), reach the one module that installs the mocks.
 */

export const ENGINE_MODULE = "tests/engine/run-program.ts";

// Static imports and re-exports (`import type` is erased, so it loads nothing), side-effect
// imports and dynamic `import()`, of relative paths.
const STATIC =
  /\b(?:import|export)\s+(type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?["'](\.{1,2}\/[^"']+)["']/g;
const DYNAMIC = /\bimport\s*\(\s*["'](\.{1,2}\/[^"']+)["']/g;

function relativeImports(source: string): string[] {
  return [
    ...[...source.matchAll(STATIC)].filter((m) => m[1] === undefined).map((m) => m[2] ?? ""),
    ...[...source.matchAll(DYNAMIC)].map((m) => m[1] ?? ""),
  ];
}

function resolveImport(fromFile: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(fromFile), specifier).replace(/\.js$/, "");
  return [`${base}.ts`, path.join(base, "index.ts"), base].find(
    (candidate) => existsSync(candidate) && statSync(candidate).isFile(),
  );
}

/** Every file a module reaches through relative imports, itself included. */
export function importClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const specifier of relativeImports(readFileSync(file, "utf8"))) {
    const target = resolveImport(file, specifier);
    if (target !== undefined) importClosure(target, seen);
  }
  return seen;
}

/** All `*.test.ts` files under `tests/`, relative to the repository root. */
export function testFiles(root: string): string[] {
  return readdirSync(path.join(root, "tests"), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".test.ts"))
    .map((file) => path.join("tests", file))
    .sort();
}

/** The test files (relative to `root`) that run a Pulumi program under the mock engine. */
export function filesUsingMockEngine(root: string): string[] {
  const engine = path.join(root, ENGINE_MODULE);
  return testFiles(root).filter((file) => importClosure(path.join(root, file)).has(engine));
}
