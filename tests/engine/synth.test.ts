import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "./example-config";

/** `npm run synth` exactly as a user runs it, with no cloud credentials in the environment. */
function runSynthCli(out: string) {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(AWS_|PULUMI_)/.test(k)),
  );
  return spawnSync("npm", ["run", "-s", "synth", "--", "--out", out], {
    cwd: REPO_ROOT,
    env,
    encoding: "utf8",
    timeout: 120_000,
  });
}

describe("npm run synth", () => {
  const out = mkdtempSync(path.join(tmpdir(), "synth-"));
  const result = runSynthCli(out);

  it("succeeds without AWS or Pulumi credentials and prints the resource table", () => {
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/gatus-persistent \(stack dev\): \d+ resources/);
    expect(result.stdout).toMatch(
      /aws:ecr\/repository:Repository\s+gatus\s+protected\s+name=gatus-dev imageTagMutability=IMMUTABLE/,
    );
  });

  it("writes synth/persistent.json with type, name, parent, protect and resolved inputs", () => {
    expect(readdirSync(out)).toContain("persistent.json");
    const graph = JSON.parse(readFileSync(path.join(out, "persistent.json"), "utf8")) as {
      project: string;
      stack: string;
      resources: {
        type: string;
        name: string;
        parent: string | null;
        protect: boolean;
        inputs: Record<string, unknown>;
      }[];
      outputs: Record<string, unknown>;
    };
    expect(graph).toMatchObject({ project: "gatus-persistent", stack: "dev" });
    for (const resource of graph.resources) {
      expect(Object.keys(resource).sort()).toEqual(["inputs", "name", "parent", "protect", "type"]);
    }
    const repo = graph.resources.find((r) => r.type === "aws:ecr/repository:Repository");
    expect(repo).toMatchObject({
      name: "gatus",
      protect: true,
      inputs: { imageTagMutability: "IMMUTABLE" },
    });
    expect(repo?.parent).toMatch(/gatus:persistent:Registry::registry$/);
    expect(graph.outputs.contractVersion).toBe(1);
  });

  it("rejects --out without a directory with one clear line", () => {
    const bad = spawnSync("npm", ["run", "-s", "synth", "--", "--out"], {
      cwd: REPO_ROOT,
      encoding: "utf8",
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim()).toBe(
      "--out needs a directory, e.g. npm run synth -- --out /tmp/synth",
    );
  });
});
