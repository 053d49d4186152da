import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { README_END, README_START, embeddedDiagram } from "../report/readme";
import { REPO_ROOT } from "./example-config";
import { updateReadme } from "./synth";

/** `npm run synth` exactly as a user runs it, with no cloud credentials in the environment. */
function runSynthCli(args: string[]) {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(AWS_|PULUMI_)/.test(k)),
  );
  return spawnSync("npm", ["run", "-s", "synth", "--", ...args], {
    cwd: REPO_ROOT,
    env,
    encoding: "utf8",
    timeout: 120_000,
  });
}

describe("npm run synth", () => {
  // A directory that did not exist: nothing from an earlier run can satisfy the assertions.
  const out = path.join(mkdtempSync(path.join(tmpdir(), "synth-")), "fresh");
  const result = runSynthCli(["--out", out, "--uptime", "8h x 5d"]);

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

  it("writes both graphs, report.md and architecture.mmd, and prints the report's summary", () => {
    expect(readdirSync(out).sort()).toEqual([
      "architecture.mmd",
      "ephemeral.json",
      "persistent.json",
      "report.md",
    ]);
    const report = readFileSync(path.join(out, "report.md"), "utf8");
    for (const heading of [
      "## 1. Resources by concern",
      "## 2. Contract (persistent → ephemeral)",
      "## 3. Deploy role permissions",
      "## 4. Policy results",
      "## 5. Rollout-time budget",
      "## 6. Monthly cost estimate",
      "## 7. Architecture",
    ])
      expect(report).toContain(heading);
    // --uptime reached the report's teardown column.
    expect(report).toContain("| Teardown 8h x 5d |");
    const diagram = readFileSync(path.join(out, "architecture.mmd"), "utf8");
    expect(diagram.startsWith("flowchart LR\n")).toBe(true);
    expect(report).toContain(`\`\`\`mermaid\n${diagram}\`\`\``);
    expect(result.stdout).toMatch(/summary \(.*report\.md\):\n {2}resources: gatus-persistent \d+/);
    expect(result.stdout).toMatch(/^ {2}rollout \(worst case\): .+$/m);
    expect(result.stdout).toMatch(
      /^ {2}cost eu-west-2: \$\d+\.\d\d\/month always on, \$\d+\.\d\d with teardown 8h x 5d/m,
    );
    for (const file of ["persistent.json", "ephemeral.json", "report.md", "architecture.mmd"])
      expect(result.stdout).toContain(`wrote ${path.relative(REPO_ROOT, path.join(out, file))}`);
  });

  it("updateReadme (--update-readme) rewrites only the block between the markers", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "readme-")), "README.md");
    const diagram = readFileSync(path.join(out, "architecture.mmd"), "utf8");
    const before = `# Title\n\n${README_START}\nstale\n${README_END}\n\n## Next\n`;
    writeFileSync(file, before);
    expect(updateReadme(diagram, file)).toBe(true);
    const after = readFileSync(file, "utf8");
    expect(embeddedDiagram(after)).toBe(diagram);
    expect(after.startsWith(`# Title\n\n${README_START}\n`)).toBe(true);
    expect(after.endsWith(`${README_END}\n\n## Next\n`)).toBe(true);
    expect(updateReadme(diagram, file)).toBe(false);
  });

  it("rejects a malformed --uptime or an unknown argument with one clear line", () => {
    const uptime = runSynthCli(["--uptime", "all day"]);
    expect(uptime.status).toBe(1);
    expect(uptime.stderr.trim()).toBe(
      '--uptime "all day" is not a schedule; give hours a day and days a week, e.g. --uptime "12h x 5d" (1-24 h, 1-7 d)',
    );
    const unknown = runSynthCli(["--outdir", "x"]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr.trim()).toBe(
      'unknown argument "--outdir"; usage: npm run synth [-- --out DIR] [--uptime "12h x 5d"] [--update-readme]',
    );
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
