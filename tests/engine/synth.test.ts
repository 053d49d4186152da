import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { GitRunner } from "../../ephemeral/image-tag";
import { CONTRACT_VERSION } from "../../persistent/contract";
import { one } from "../helpers/graph";
import { GOARCH_OF } from "../helpers/gatus-recipe";
import { cleanGit } from "../helpers/test-stacks";
import { gatusBinary } from "../helpers/gatus-build";
import { embeddedDiagram, readmeStaleness } from "../report/readme";
import { REPO_ROOT } from "./example-config";
import { HELP, inputFrom, parseArgs, UsageError } from "./synth-cli";
import {
  PLACEHOLDER_IMAGE_TAG,
  README_PATH,
  synthesize,
  updateReadme,
  type SynthResult,
} from "./synth";
import { writeOutputs } from "./synth-output";

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

const tmp = (prefix: string) => mkdtempSync(path.join(tmpdir(), prefix));

/** Writes a stack config file and returns its path. */
function stackFile(dir: string, name: string, config: Record<string, string>): string {
  const file = path.join(dir, name);
  mkdirSync(dir, { recursive: true });
  const lines = Object.entries(config).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`);
  writeFileSync(file, `config:\n${lines.join("\n")}\n`);
  return file;
}

/** A platform team's own stack: its domain, its repository, a region with no price table. */
function ownStack(dir: string, region = "ap-southeast-4") {
  return {
    persistent: stackFile(dir, "Pulumi.prod.yaml", {
      "aws:region": region,
      zoneName: "status-pages.acme.io",
      githubRepository: "acme/status",
    }),
    ephemeral: stackFile(path.join(dir, "eph"), "Pulumi.prod.yaml", {
      "aws:region": region,
      "gatus-ephemeral:egress": "public",
    }),
  };
}

describe("npm run synth, end to end", () => {
  // The report measures the example's ARM64 Gatus build: build it here, where a first build's
  // minutes meet no timeout, rather than inside the CLI run below.
  gatusBinary(GOARCH_OF.ARM64);
  // A directory that did not exist: nothing from an earlier run can satisfy the assertions.
  const out = path.join(tmp("synth-"), "fresh");
  const result = runSynthCli(["--out", out, "--uptime", "8h x 5d"]);

  it("succeeds with the example config, without AWS or Pulumi credentials, and prints the resources", () => {
    // Only a "skipped:" note may appear, where Go is missing outside CI (no image size then).
    expect(result.stderr.replace(/^skipped: .*\n/gm, "")).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/gatus-persistent \(stack dev\): \d+ resources/);
    expect(result.stdout).toMatch(/aws:ecr\/repository:Repository\s+gatus\s+protected\s+name=/);
  });

  it("writes both graphs, report.md and architecture.mmd, and prints the report's summary", () => {
    expect(readdirSync(out).sort()).toEqual([
      "architecture.mmd",
      "ephemeral.json",
      "persistent.json",
      "report.md",
    ]);
    const report = readFileSync(path.join(out, "report.md"), "utf8");
    expect(report).toContain("from `persistent/Pulumi.example.yaml` (stack `dev`)");
    expect(report).toContain("| Teardown 8h x 5d |"); // --uptime reached the report
    const diagram = readFileSync(path.join(out, "architecture.mmd"), "utf8");
    expect(report).toContain(`\`\`\`mermaid\n${diagram}\`\`\``);
    expect(result.stdout).toMatch(/summary \(.*report\.md\):\n {2}resources: gatus-persistent \d+/);
    expect(result.stdout).toMatch(/^ {2}cost \S+: \$\d+\.\d\d\/month always on, .* 8h x 5d/m);
    // The example's ARM64 image, measured where Go is at hand, next to the seed's 24 MB.
    expect(result.stdout).toMatch(
      gatusBinary(GOARCH_OF.ARM64).skip === undefined
        ? /^ {2}image size \(estimate\): Gatus v\S+ linux\/arm64 binary \d+\.\d MB .*\(the seed's headline: 24 MB\)$/m
        : /^ {2}image size: not measured: .*\(the seed's headline: 24 MB\)$/m,
    );
    for (const file of ["persistent.json", "ephemeral.json", "report.md", "architecture.mmd"])
      expect(result.stdout).toContain(`wrote ${path.relative(REPO_ROOT, path.join(out, file))}`);
  });

  it("writes each graph with type, name, parent, protect and resolved inputs", () => {
    const graph = JSON.parse(readFileSync(path.join(out, "persistent.json"), "utf8")) as {
      resources: Record<string, unknown>[];
      outputs: Record<string, unknown>;
    };
    for (const resource of graph.resources) {
      expect(Object.keys(resource).sort()).toEqual(["inputs", "name", "parent", "protect", "type"]);
    }
    expect(graph.outputs.contractVersion).toBe(CONTRACT_VERSION);
  });

  it("--help documents every option and exits 0; a bad argument is one line on stderr", () => {
    const help = runSynthCli(["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toBe(HELP);
    const bad = runSynthCli(["--outdir", "x"]);
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim()).toBe(
      'unknown argument "--outdir"\nRun npm run synth -- --help for every option.',
    );
  });

  it("a failed run leaves the previous output directory exactly as it was", () => {
    const dir = ownStack(tmp("bad-"));
    writeFileSync(
      dir.ephemeral,
      "config:\n  aws:region: eu-west-2\n  gatus-ephemeral:egress: sometimes\n",
    );
    const before = Object.fromEntries(
      readdirSync(out).map((f) => [f, readFileSync(path.join(out, f), "utf8")]),
    );
    const failed = runSynthCli([
      "--out",
      out,
      "--ephemeral-config",
      dir.ephemeral,
      "--stack",
      "dev",
    ]);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain("egress");
    const after = Object.fromEntries(
      readdirSync(out).map((f) => [f, readFileSync(path.join(out, f), "utf8")]),
    );
    expect(after).toEqual(before);
  });
});

describe("synth options", () => {
  it("--help names every option the parser accepts", () => {
    const accepted = [
      "--persistent-config",
      "--ephemeral-config",
      "--stack",
      "--org",
      "--out",
      "--uptime",
      "--compare",
      "--update-readme",
      "--help",
    ];
    for (const flag of accepted) expect(HELP).toContain(flag);
    expect(parseArgs(["-h"]).help).toBe(true);
  });

  it.each([
    [["--out"], "--out needs a directory, e.g. --out /tmp/synth"],
    [["--stack", "--org", "x"], "--stack needs a stack name, e.g. --stack prod"],
    [["--uptime", "all day"], '--uptime "all day" is not a schedule'],
    [["--persistent-config", "p.yaml", "--update-readme"], "--update-readme embeds the example's"],
    [["--frobnicate"], 'unknown argument "--frobnicate"'],
  ])("rejects %j with a clear message", (args, message) => {
    expect(() => parseArgs(args)).toThrow(message);
  });

  it("names the stacks after Pulumi.<stack>.yaml and the organization after pulumiOrganization", () => {
    const dir = ownStack(tmp("own-"));
    const input = inputFrom(
      parseArgs(["--persistent-config", dir.persistent, "--ephemeral-config", dir.ephemeral]),
    );
    expect(input.persistent.stack).toBe("prod");
    expect(input.ephemeral.stack).toBe("prod");
    expect(input.organization).toBe("organization"); // no pulumiOrganization: a DIY backend's
    expect(input.persistent.config["gatus-persistent:zoneName"]).toBe("status-pages.acme.io");
    const overridden = inputFrom(
      parseArgs([
        "--persistent-config",
        dir.persistent,
        "--ephemeral-config",
        dir.ephemeral,
        "--stack",
        "qa",
        "--org",
        "acme",
      ]),
    );
    expect([
      overridden.persistent.stack,
      overridden.ephemeral.stack,
      overridden.organization,
    ]).toEqual(["qa", "qa", "acme"]);
  });

  it("asks for --stack when a file's name does not say its stack", () => {
    const dir = tmp("named-");
    const file = stackFile(dir, "my-settings.yaml", { "aws:region": "eu-west-2" });
    expect(() => inputFrom(parseArgs(["--persistent-config", file]))).toThrow(UsageError);
    expect(() => inputFrom(parseArgs(["--persistent-config", file]))).toThrow(
      "is not named Pulumi.<stack>.yaml, so its stack name is unknown; give --stack NAME",
    );
  });
});

describe("synthesising a platform team's own stack", () => {
  let own: SynthResult;
  beforeAll(async () => {
    const dir = ownStack(tmp("own-"));
    own = await synthesize({
      ...inputFrom(
        parseArgs(["--persistent-config", dir.persistent, "--ephemeral-config", dir.ephemeral]),
      ),
      git: cleanGit,
    });
  });

  it("runs their config: their zone, their stack name, their region", () => {
    const zone = one(own.persistent, "aws:route53/zone:Zone");
    expect(zone.inputs.name).toBe("status-pages.acme.io");
    expect(own.persistent.stack).toBe("prod");
    expect(own.ephemeral.outputs.awsRegion).toBe("ap-southeast-4");
    expect(own.ephemeral.outputs.egress).toBe("public");
  });

  it("in a region without a price table the report is partial, not a failure", () => {
    expect(own.report.cost.totals.all.unpriced).toBeGreaterThan(0);
    expect(own.report.summary.join("\n")).toContain("cost ap-southeast-4: partial estimate");
    expect(own.files["report.md"]).toContain("**Partial estimate:**");
  });

  it("refuses an ephemeral config that reads another persistent stack than the one given", async () => {
    const dir = ownStack(tmp("mismatch-"));
    const input = inputFrom(
      parseArgs(["--persistent-config", dir.persistent, "--ephemeral-config", dir.ephemeral]),
    );
    input.ephemeral.config["gatus-ephemeral:persistentStack"] =
      "organization/gatus-persistent/shared";
    await expect(synthesize({ ...input, git: cleanGit })).rejects.toThrow(
      'reads persistent stack "organization/gatus-persistent/shared", but the persistent config is for "organization/gatus-persistent/prod"',
    );
  });
});

describe("synthesising the example outside a git checkout (a ZIP download)", () => {
  const noGit: GitRunner = () => {
    throw new Error("fatal: not a git repository (or any of the parent directories): .git");
  };
  let result: SynthResult;
  beforeAll(async () => {
    result = await synthesize({ ...inputFrom(parseArgs([])), git: noGit });
  });

  it("builds the image under a clearly named placeholder tag", () => {
    expect(result.imageTag).toMatchObject({ tag: PLACEHOLDER_IMAGE_TAG, source: "placeholder" });
    const image = one(result.ephemeral, "docker:index/image:Image");
    expect(image.inputs.imageName).toMatch(new RegExp(`:${PLACEHOLDER_IMAGE_TAG}$`));
  });

  it("the report and its summary say the tag is a placeholder, and why", () => {
    expect(result.files["report.md"]).toContain(
      `> **Image tag: placeholder.** \`${PLACEHOLDER_IMAGE_TAG}\` stands in for the git commit: the commit could not be read from git (fatal: not a git repository`,
    );
    expect(result.report.summary.at(-1)).toMatch(
      /^image tag: placeholder-no-git-checkout \(placeholder/,
    );
  });

  // The README's blocks hold nothing that depends on the commit, so this run serves for them.
  it("README.md embeds the example's diagram and cost figures (else run the update command)", () => {
    const stale = readmeStaleness(readFileSync(README_PATH, "utf8"), result.report);
    expect(stale, stale).toBeUndefined();
  });

  it("updateReadme (--update-readme) rewrites only the generated blocks", () => {
    const file = path.join(tmp("readme-"), "README.md");
    const before = `# Title\n\n<!-- architecture:start -->\nstale\n<!-- architecture:end -->\n\n<!-- cost:start -->\n<!-- cost:end -->\n\n## Next\n`;
    writeFileSync(file, before);
    expect(updateReadme(result.report, file)).toBe(true);
    const after = readFileSync(file, "utf8");
    expect(embeddedDiagram(after)).toBe(result.report.diagram);
    expect(after).toContain(result.report.readmeCost);
    expect(after.startsWith("# Title\n\n<!-- architecture:start -->\n")).toBe(true);
    expect(after.endsWith("<!-- cost:end -->\n\n## Next\n")).toBe(true);
    expect(updateReadme(result.report, file)).toBe(false);
  });
});

describe("writing the output directory", () => {
  const files = { "report.md": "new report\n", "architecture.mmd": "flowchart LR\n" };

  it("replaces an earlier output directory as a whole", () => {
    const out = path.join(tmp("out-"), "synth");
    mkdirSync(out);
    writeFileSync(path.join(out, "report.md"), "old report\n");
    writeFileSync(path.join(out, "persistent.json"), "{}\n");
    writeOutputs(out, files);
    expect(readdirSync(out).sort()).toEqual(["architecture.mmd", "report.md"]);
    expect(readFileSync(path.join(out, "report.md"), "utf8")).toBe("new report\n");
    expect(readdirSync(path.dirname(out))).toEqual(["synth"]); // no staging left behind
  });

  it("a failure while writing leaves the earlier output untouched", () => {
    const out = path.join(tmp("out-"), "synth");
    mkdirSync(out);
    writeFileSync(path.join(out, "report.md"), "old report\n");
    expect(() => writeOutputs(out, { "report.md": "new\n", "no/such/dir.json": "{}" })).toThrow();
    expect(readdirSync(out)).toEqual(["report.md"]);
    expect(readFileSync(path.join(out, "report.md"), "utf8")).toBe("old report\n");
    expect(readdirSync(path.dirname(out))).toEqual(["synth"]);
  });

  it("refuses a directory holding files synth did not write", () => {
    const out = tmp("home-");
    writeFileSync(path.join(out, ".bashrc"), "");
    expect(() => writeOutputs(out, files)).toThrow(
      `--out ${out} holds files synth did not write (.bashrc)`,
    );
    expect(existsSync(path.join(out, "report.md"))).toBe(false);
  });
});
