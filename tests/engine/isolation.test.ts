import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "./example-config";
import { filesUsingMockEngine, testFiles } from "./isolation.mjs";

describe("which test files get a worker of their own", () => {
  const engineFiles = filesUsingMockEngine(REPO_ROOT);

  it("every file that runs a program under the mock engine, through any import chain", () => {
    expect(engineFiles).toContain("tests/persistent/program.test.ts"); // via tests/persistent/run.ts
    expect(engineFiles).toContain("tests/report/cost.test.ts"); // via the synth engine
    expect(engineFiles).not.toContain("tests/policy/rules.test.ts");
    expect(engineFiles.length).toBeLessThan(testFiles(REPO_ROOT).length);
  });

  it("follows dynamic and multi-line imports and .js specifiers, not type-only imports", () => {
    const root = mkdtempSync(path.join(tmpdir(), "isolation-"));
    mkdirSync(path.join(root, "tests", "engine"), { recursive: true });
    writeFileSync(path.join(root, "tests", "engine", "run-program.ts"), "export {};\n");
    writeFileSync(
      path.join(root, "tests", "helper.ts"),
      'export const run = () => import("./engine/run-program.js");\n',
    );
    writeFileSync(path.join(root, "tests", "a.test.ts"), 'import { run } from "./helper";\n');
    writeFileSync(path.join(root, "tests", "b.test.ts"), 'import { z } from "zod";\n');
    writeFileSync(
      path.join(root, "tests", "c.test.ts"),
      'import type { Graph } from "./engine/run-program";\nimport {\n  x,\n} from "./helper";\n',
    );
    writeFileSync(
      path.join(root, "tests", "d.test.ts"),
      'import type { Graph } from "./engine/run-program";\n',
    );
    expect(filesUsingMockEngine(root)).toEqual(["tests/a.test.ts", "tests/c.test.ts"]);
  });
});
