import { readFileSync } from "node:fs";
import * as path from "node:path";
import { expect, it } from "vitest";
import { STACK_README_FILE } from "../../persistent/lib/stack-readme";
import { REPO_ROOT } from "../engine/example-config";
import type { Graph } from "../engine/run-program";

/** A project's stack README template, as committed. */
export function stackReadme(projectDir: "persistent" | "ephemeral"): string {
  return readFileSync(path.join(REPO_ROOT, projectDir, STACK_README_FILE), "utf8");
}

/** Every `${outputs.<reference>}` in a template, e.g. `url`, `consoleUrls.ecsService`, `nameServers[0]`. */
export function outputReferences(markdown: string): string[] {
  return [...markdown.matchAll(/\$\{outputs\.([^}]*)\}/g)].map((m) => m[1] ?? "");
}

/** Every `${...}` that is not an output reference: Pulumi Cloud documents no meaning for them. */
export function otherPlaceholders(markdown: string): string[] {
  return [...markdown.matchAll(/\$\{(?!outputs\.)[^}]*\}/g)].map((m) => m[0]);
}

/**
 * What a reference resolves to in a stack's outputs, the way Pulumi Cloud reads it (property
 * names and array indexes); undefined when any step is missing or the reference is malformed.
 */
export function resolveReference(outputs: Record<string, unknown>, reference: string): unknown {
  const steps = [...reference.matchAll(/(?:^|\.)([A-Za-z_$][\w$]*)|\[(\d+)\]/g)];
  if (steps.length === 0 || steps.map((m) => m[0]).join("") !== reference) return undefined;
  let value: unknown = outputs;
  for (const [, property, index] of steps) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[property ?? String(index)];
  }
  return value;
}

/** The references in a template that resolve to nothing (undefined, null or "") in the outputs. */
export function unresolvedReferences(markdown: string, outputs: Record<string, unknown>): string[] {
  return outputReferences(markdown).filter((reference) => {
    const value = resolveReference(outputs, reference);
    return value === undefined || value === null || value === "";
  });
}

/** The rules every project's stack README obeys, as tests against the program's graph. */
export function stackReadmeRules(projectDir: "persistent" | "ephemeral", graph: () => Graph): void {
  it(`the readme output is ${projectDir}/${STACK_README_FILE}, verbatim`, () => {
    expect(graph().outputs.readme).toBe(stackReadme(projectDir));
  });

  it("every ${outputs...} the README references is an output the program exports", () => {
    expect(outputReferences(stackReadme(projectDir)).length).toBeGreaterThan(10);
    expect(unresolvedReferences(stackReadme(projectDir), graph().outputs)).toEqual([]);
  });

  it("the README has no ${...} placeholder other than output references", () => {
    expect(otherPlaceholders(stackReadme(projectDir))).toEqual([]);
  });
}
