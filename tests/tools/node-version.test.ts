import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../engine/example-config";
import { loadRepo } from "../workflows/workflows";

// One Node.js for everyone: package.json's engines is the floor, .nvmrc the version CI and
// contributors run (actions/setup-node and nvm read it), and .ci/env.sh installs that major
// wherever the system Node.js is below the floor.
const read = (file: string) => readFileSync(path.join(REPO_ROOT, file), "utf8");
const major = (version: string) => Number(/^v?(\d+)/.exec(version.trim())?.[1]);

const engines = (JSON.parse(read("package.json")) as { engines: { node: string } }).engines.node;
const floor = Number(/^>=\s*(\d+)$/.exec(engines)?.[1]);
const envScript = read(".ci/env.sh");
const shellVar = (name: string) => new RegExp(`^${name}="?([\\d.]+)"?`, "m").exec(envScript)?.[1];

describe("Node.js version", () => {
  it("package.json requires Node.js >= 22 as a plain floor", () => {
    expect(engines).toMatch(/^>=\s*\d+$/);
    expect(floor).toBeGreaterThanOrEqual(22);
  });

  it(".nvmrc names a major at or above the floor", () => {
    expect(major(read(".nvmrc"))).toBeGreaterThanOrEqual(floor);
  });

  it(".ci/env.sh installs the .nvmrc major and switches below the engines floor", () => {
    expect(shellVar("GATUS_NODE_MIN_MAJOR")).toBe(String(floor));
    expect(major(shellVar("GATUS_NODE_VERSION") ?? "")).toBe(major(read(".nvmrc")));
  });

  it("the tests themselves run on a Node.js that satisfies engines", () => {
    expect(major(process.versions.node)).toBeGreaterThanOrEqual(floor);
  });

  it("the workflows set up Node.js only through the setup action, from .nvmrc", () => {
    const repo = loadRepo();
    const setupNode = repo.setup.doc.runs.steps.filter((s) =>
      s.uses?.startsWith("actions/setup-node@"),
    );
    expect(setupNode.map((s) => s.with?.["node-version-file"])).toEqual([".nvmrc"]);
    expect(setupNode.map((s) => s.with?.["node-version"])).toEqual([undefined]);
    for (const wf of repo.workflows)
      expect(wf.text, wf.file).not.toMatch(/actions\/setup-node@|node-version/);
  });
});
