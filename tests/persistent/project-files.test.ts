import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { PERSISTENT_PROJECT, parsePersistentConfig } from "../../persistent/config";
import { REPO_ROOT, exampleConfig, projectName } from "../engine/example-config";
import { projectKeys } from "../../persistent/lib/stack-config";

describe("persistent project files", () => {
  it("Pulumi.yaml names the project the code trusts and references", () => {
    expect(projectName("persistent")).toBe(PERSISTENT_PROJECT);
  });

  it("index.ts only hands the program to Pulumi", () => {
    const source = readFileSync(path.join(REPO_ROOT, "persistent", "index.ts"), "utf8");
    const code = source.split("\n").filter((l) => l.trim() !== "" && !l.trim().startsWith("//"));
    expect(code).toEqual([
      'import { createPersistent } from "./program";',
      "export = createPersistent;",
    ]);
  });

  it("the example configuration is valid", () => {
    const example = exampleConfig("persistent");
    const raw = projectKeys(example, PERSISTENT_PROJECT);
    const region = String(example["aws:region"]);
    expect(() => parsePersistentConfig(raw, { stack: "example", region })).not.toThrow();
  });
});
