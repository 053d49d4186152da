import { execFileSync } from "node:child_process";
import { mkdtempSync, cpSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../engine/example-config";
import { pythonTool } from "../helpers/python-tools";

// zizmor, the GitHub Actions security auditor, over .github/ (workflows, the setup action,
// Dependabot). Offline: the audits that need GitHub's API (impostor commits, known-vulnerable
// action versions) cannot run here; Dependabot and the SHA pins cover that ground instead.
// Accepted findings live in .github/zizmor.yml, each with its reason.

interface Finding {
  ident: string;
  determinations: { severity: string };
  locations: {
    symbolic: { key: { Local?: { verbatim_path?: string } } };
    concrete?: { location?: { start_point?: { row: number } } };
  }[];
}

function zizmor(bin: string, dir: string): string[] {
  let out: string;
  try {
    out = execFileSync(bin, ["--offline", "--format", "json", "--persona", "pedantic", dir], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    // zizmor exits non-zero when it reports findings; its JSON is on stdout either way.
    out = (error as { stdout?: string }).stdout ?? "";
    if (!out) throw error;
  }
  return (JSON.parse(out) as Finding[]).map((f) => {
    const where = f.locations[0];
    const file = path.basename(where?.symbolic.key.Local?.verbatim_path ?? "?");
    const line = (where?.concrete?.location?.start_point?.row ?? -1) + 1;
    return `${f.ident} (${f.determinations.severity}) in ${file}:${line}`;
  });
}

const tool = pythonTool("zizmor");

describe.skipIf(tool.skip !== undefined)(
  `zizmor over .github/${tool.skip ? ` (skipped: ${tool.skip})` : ""}`,
  () => {
    const bin = tool.path ?? "";

    it("finds nothing, even with the pedantic persona", () => {
      expect(zizmor(bin, path.join(REPO_ROOT, ".github"))).toEqual([]);
    });

    it("catches a workflow that interpolates untrusted input into a script (the check can fail)", () => {
      const copy = path.join(mkdtempSync(path.join(tmpdir(), "zizmor-")), ".github");
      cpSync(path.join(REPO_ROOT, ".github"), copy, { recursive: true });
      const file = path.join(copy, "workflows", "preview.yml");
      writeFileSync(
        file,
        readFileSync(file, "utf8").replace(
          'echo "::notice title=Pulumi preview skipped::${message}"',
          'echo "::notice::${{ github.event.pull_request.title }}"',
        ),
      );
      expect(zizmor(bin, copy).join("\n")).toMatch(/template-injection \(\w+\) in .*preview\.yml/);
    });
  },
);
