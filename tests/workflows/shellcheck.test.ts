import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { pythonTool } from "../helpers/python-tools";
import { shellScripts, withoutExpressions, type ShellScript } from "./shell-scripts";
import { loadRepo } from "./workflows";

// The codes actionlint turns off for `run:` scripts, for the same reason: once `${{ ... }}`
// is replaced, ShellCheck sees constants and variables GitHub sets (SC2050, SC2154, SC2157,
// SC2194), and sourced files it cannot follow (SC1091).
const EXCLUDED = ["SC1091", "SC2050", "SC2154", "SC2157", "SC2194"];

interface Finding {
  line: number;
  code: number;
  level: string;
  message: string;
}

function shellcheck(bin: string, { shell, script }: ShellScript): string[] {
  let out: string;
  try {
    out = execFileSync(
      bin,
      [
        `--shell=${shell}`,
        "--format=json1",
        "--severity=style",
        `--exclude=${EXCLUDED.join(",")}`,
        "-",
      ],
      { input: script, encoding: "utf8" },
    );
  } catch (error) {
    // ShellCheck exits 1 when it has findings; its JSON is on stdout either way.
    out = (error as { stdout?: string }).stdout ?? "";
    if (!out) throw error;
  }
  const { comments } = JSON.parse(out) as { comments: Finding[] };
  return comments.map((c) => `line ${c.line}: SC${c.code} (${c.level}) ${c.message}`);
}

const tool = pythonTool("shellcheck");

describe.skipIf(tool.skip !== undefined)(
  `ShellCheck over every script the pipeline runs${tool.skip ? ` (skipped: ${tool.skip})` : ""}`,
  () => {
    const bin = tool.path ?? "";
    const scripts = shellScripts(loadRepo());

    it("finds the workflows' run: steps and the .ci/ scripts", () => {
      expect(scripts.filter((s) => s.where.startsWith(".ci/")).length).toBe(2);
      expect(scripts.filter((s) => s.where.includes(" job ")).length).toBeGreaterThanOrEqual(5);
    });

    it.each(scripts.map((s) => [s.where, s] as const))("%s has no findings", (_where, script) => {
      expect(shellcheck(bin, script)).toEqual([]);
    });

    it("catches an unquoted variable and a useless cd (the check can fail)", () => {
      const bad = { where: "bad", shell: "bash" as const, script: 'cd $DIR\nrm -rf "$X"/\n' };
      expect(shellcheck(bin, bad).map((f) => f.split(" ")[2])).toContain("SC2086");
    });

    it("reads ${{ }} as a plain word, as actionlint does", () => {
      expect(withoutExpressions('echo "${{ github.sha }}"')).toBe(`echo "${"_".repeat(17)}"`);
      const script = {
        where: "expr",
        shell: "bash" as const,
        script: withoutExpressions('test -n "${{ inputs.ref }}"'),
      };
      expect(shellcheck(bin, script)).toEqual([]);
    });
  },
);
