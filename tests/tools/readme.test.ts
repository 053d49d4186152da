import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../engine/example-config";

const readme = readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
const ciRun = readFileSync(path.join(REPO_ROOT, ".ci", "run"), "utf8");
const SYNTH_COMMAND = "source .ci/env.sh && npm ci && npm run synth";
const TEST_COMMAND = "source .ci/env.sh && npm ci && npm test";

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
const anchor = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .trim()
    .replace(/\s/g, "-");

describe("LICENSE", () => {
  it("is the Apache License 2.0 that package.json names", () => {
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
      license: string;
    };
    const license = readFileSync(path.join(REPO_ROOT, "LICENSE"), "utf8");
    expect(pkg.license).toBe("Apache-2.0");
    expect(license).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
    expect(license).toContain("APPENDIX: How to apply the Apache License to your work.");
  });
});

describe("README", () => {
  it("gives the two fresh-machine commands on its first screen", () => {
    const firstScreen = readme.split("\n").slice(0, 30).join("\n");
    expect(firstScreen).toContain(SYNTH_COMMAND);
    expect(firstScreen).toContain(TEST_COMMAND);
  });

  it("its test command is what .ci/run runs: Node.js from .ci/env.sh, npm ci, npm test", () => {
    const steps = ciRun
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => /^(source|npm) /.test(l));
    expect(steps).toEqual([
      "source .ci/env.sh",
      "npm --version",
      "npm ci --no-audit --no-fund",
      "npm test",
    ]);
  });

  it("every in-page link points at a heading", () => {
    const headings = new Set(
      readme
        .split("\n")
        .filter((l) => /^#{1,6} /.test(l))
        .map((l) => anchor(l.replace(/^#+ /, ""))),
    );
    const links = [...readme.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1] ?? "");
    expect(links.length).toBeGreaterThan(5);
    expect(links.filter((l) => !headings.has(l))).toEqual([]);
    expect(anchor("Reference: setting up GitHub")).toBe("reference-setting-up-github");
  });
});
