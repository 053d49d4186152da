import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import {
  readStackReadme,
  STACK_README_FILE,
  StackReadmeError,
} from "../../persistent/lib/stack-readme";
import {
  otherPlaceholders,
  outputReferences,
  resolveReference,
  unresolvedReferences,
} from "../helpers/stack-readme";

const scratch = () => mkdtempSync(path.join(tmpdir(), "stack-readme-"));

describe("reading a project's stack README", () => {
  it("returns Pulumi.README.md from the given project directory, unchanged", () => {
    const dir = scratch();
    writeFileSync(path.join(dir, STACK_README_FILE), "# Stack\n\n${outputs.url}\n");
    expect(readStackReadme(dir)).toBe("# Stack\n\n${outputs.url}\n");
  });

  it("a missing file fails with an error that names the file, what it is for and the fix", () => {
    const dir = scratch();
    const file = path.join(dir, STACK_README_FILE);
    const error = (() => {
      try {
        return readStackReadme(dir);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(StackReadmeError);
    expect((error as Error).message).toBe(
      `Cannot read the stack README template ${file} (ENOENT: no such file or directory, open '${file}'). The program exports it as the \`readme\` output, which Pulumi Cloud shows on the stack's README tab. Fix: restore it with \`git checkout -- ${file}\`, or create it.`,
    );
  });
});

describe("output references in a stack README (test helpers)", () => {
  const outputs = { url: "https://x", consoleUrls: { ecsService: "https://e" }, ns: ["a", "b"] };

  it("finds every ${outputs...} reference, and placeholders that are not one", () => {
    const markdown = "[${outputs.url}](${outputs.consoleUrls.ecsService}) ${outputs.ns[1]} ${HOME}";
    expect(outputReferences(markdown)).toEqual(["url", "consoleUrls.ecsService", "ns[1]"]);
    expect(otherPlaceholders(markdown)).toEqual(["${HOME}"]);
  });

  it.each([
    ["url", "https://x"],
    ["consoleUrls.ecsService", "https://e"],
    ["ns[1]", "b"],
    ["consoleUrls.renamed", undefined],
    ["ns[2]", undefined],
    ["url.length.x", undefined],
    ["consoleUrls..ecsService", undefined],
    ["", undefined],
  ])("%s resolves to %j", (reference, expected) => {
    expect(resolveReference(outputs, reference)).toBe(expected);
  });

  it("a renamed output leaves its references unresolved", () => {
    const markdown = "${outputs.url} ${outputs.consoleUrls.ecsService} ${outputs.ns[0]}";
    const { consoleUrls: _, ...renamed } = outputs;
    expect(unresolvedReferences(markdown, { ...renamed, links: outputs.consoleUrls })).toEqual([
      "consoleUrls.ecsService",
    ]);
  });
});
