import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEphemeralConfig } from "../../ephemeral/config";
import { EPHEMERAL_PROJECT } from "../../persistent/config";
import { REPO_ROOT, exampleConfig, projectName } from "../engine/example-config";
import { projectKeys } from "../../persistent/lib/stack-config";

describe("ephemeral project files", () => {
  it("Pulumi.yaml names the project whose Deployments subjects persistent trusts", () => {
    expect(projectName("ephemeral")).toBe(EPHEMERAL_PROJECT);
  });

  it("index.ts only hands the program to Pulumi", () => {
    const source = readFileSync(path.join(REPO_ROOT, "ephemeral", "index.ts"), "utf8");
    const code = source.split("\n").filter((l) => l.trim() !== "" && !l.trim().startsWith("//"));
    expect(code).toEqual([
      'import { createEphemeral } from "./program";',
      "export = () => createEphemeral();",
    ]);
  });

  it("the example configuration is valid", () => {
    const example = exampleConfig("ephemeral");
    const raw = projectKeys(example, EPHEMERAL_PROJECT);
    expect(() =>
      parseEphemeralConfig(raw, {
        stack: "dev",
        organization: "acme",
        region: String(example["aws:region"]),
      }),
    ).not.toThrow();
  });
});
