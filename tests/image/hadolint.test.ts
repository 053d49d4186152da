import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../engine/example-config";
import { pythonTool } from "../helpers/python-tools";

// hadolint over image/Dockerfile, next to the repository's own Dockerfile rules
// (dockerfile.test.ts): each finding fixed, or ignored inline with the reason above it.
const DOCKERFILE = path.join(REPO_ROOT, "image", "Dockerfile");

function hadolint(bin: string, file: string): string[] {
  let out: string;
  try {
    out = execFileSync(bin, ["--format", "json", "--no-color", file], { encoding: "utf8" });
  } catch (error) {
    out = (error as { stdout?: string }).stdout ?? "";
    if (!out) throw error;
  }
  return (JSON.parse(out) as { line: number; code: string; level: string }[]).map(
    (f) => `line ${f.line}: ${f.code} (${f.level})`,
  );
}

const tool = pythonTool("hadolint");

describe.skipIf(tool.skip !== undefined)(
  `hadolint over image/Dockerfile${tool.skip ? ` (skipped: ${tool.skip})` : ""}`,
  () => {
    const bin = tool.path ?? "";

    it("has no findings", () => {
      expect(hadolint(bin, DOCKERFILE)).toEqual([]);
    });

    it("every inline ignore says why on the lines above it", () => {
      const lines = readFileSync(DOCKERFILE, "utf8").split("\n");
      const ignores = lines.flatMap((l, i) => (/^# hadolint ignore=/.test(l) ? [i] : []));
      for (const i of ignores) {
        const reason = lines[i - 1] ?? "";
        expect(reason, `line ${i + 1}`).toMatch(/^# .*\S/);
        expect(reason).not.toMatch(/^# hadolint/);
      }
    });

    it("catches an unpinned base image (the check can fail)", () => {
      const copy = path.join(mkdtempSync(path.join(tmpdir(), "hadolint-")), "Dockerfile");
      writeFileSync(copy, "FROM alpine\nRUN apk add curl\n");
      expect(hadolint(bin, copy)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/DL3006|DL3007/),
          expect.stringMatching(/DL3018/),
        ]),
      );
    });
  },
);
