import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DescribeServicesCommand, ECSClient } from "@aws-sdk/client-ecs";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OPTIONS, USAGE } from "../../ephemeral/health-check/options";
import { type CliDeps, EXIT, HELP, main } from "../../ephemeral/health-check/cli";
import { CHECKS } from "../../ephemeral/health-check/run";
import { closeAllServers, gatus, startServer } from "./helpers";
import { CLUSTER, COMPLETED, NEW_TD, ROLLED_BACK, SERVICE } from "./fixtures";
import { ALL_GREEN, statuses } from "./gatus-fixtures";

const ecsMock = mockClient(ECSClient);

beforeEach(() => {
  ecsMock.reset();
});
afterEach(closeAllServers);

function capture(): CliDeps & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (line) => out.push(line),
    stderr: (line) => err.push(line),
    backoff: { initialMs: 10, maxMs: 40 },
    ecsPollMs: 20,
  };
}

const VALID = [
  "--url",
  "https://status.example.com",
  "--cluster",
  CLUSTER,
  "--service",
  SERVICE,
  "--task-definition-arn",
  NEW_TD,
];

function withFlag(flag: string, value: string): string[] {
  const args = [...VALID];
  const at = args.indexOf(flag);
  if (at >= 0) args[at + 1] = value;
  else args.push(flag, value);
  return args;
}

function summaryFile(): string {
  return join(mkdtempSync(join(tmpdir(), "health-cli-")), "summary.md");
}

describe("health-check CLI arguments", () => {
  it.each<[string, string[], Record<string, string>, RegExp]>([
    [
      "no arguments",
      [],
      {},
      /--url: not set; is required .*\. --cluster: not set; is required .*\. --service: not set; is required/,
    ],
    [
      "a flag without a value",
      ["--url"],
      {},
      /^health-check: --url: no value given; use --url <https:\/\/host>/,
    ],
    [
      "a flag followed by another flag instead of its value",
      ["--cluster", ...VALID.slice(2)],
      {},
      /--cluster: no value given; use --cluster <name\|arn>/,
    ],
    [
      "an unknown flag",
      [...VALID, "--force"],
      {},
      /--force: unknown option; the options are --url, --cluster, /,
    ],
    [
      "a misspelt flag",
      [...VALID, "--deadline-secs", "60"],
      {},
      /--deadline-secs: unknown option; did you mean --deadline-seconds\?$/,
    ],
    ["a positional argument", [...VALID, "extra"], {}, /"extra": unexpected positional argument/],
    ["a flag given twice", [...VALID, "--cluster", "other"], {}, /--cluster: given twice/],
    [
      "plain http to a public host",
      withFlag("--url", "http://status.example.com"),
      {},
      /--url: got "http:\/\/status\.example\.com"; must use https:\/\//,
    ],
    ["a URL with a query", withFlag("--url", "https://x.example.com/?a=1"), {}, /query/],
    [
      "not a URL",
      withFlag("--url", "status.example.com"),
      {},
      /--url: got "status\.example\.com"; must be an absolute URL/,
    ],
    [
      "a URL value that starts with a dash",
      withFlag("--url", "-x"),
      {},
      /--url: got "-x"; must be an absolute URL/,
    ],
    [
      "a bad task definition ARN",
      withFlag("--task-definition-arn", "gatus:42"),
      {},
      /--task-definition-arn: got "gatus:42"; must be a task definition ARN/,
    ],
    [
      "a bad cluster name",
      withFlag("--cluster", "my cluster"),
      {},
      /--cluster: got "my cluster"; must be an ECS cluster name or ARN/,
    ],
    [
      "a zero deadline",
      withFlag("--deadline-seconds", "0"),
      {},
      /--deadline-seconds: got "0"; must be a number of seconds greater than 0 and at most 3600/,
    ],
    [
      "a negative deadline",
      withFlag("--deadline-seconds", "-5"),
      {},
      /^health-check: --deadline-seconds: got "-5"; must be a number of seconds greater than 0 and at most 3600\.$/,
    ],
    [
      "a negative deadline written with =",
      [...VALID, "--deadline-seconds=-5"],
      {},
      /--deadline-seconds: got "-5"; must be a number of seconds greater than 0/,
    ],
    [
      "a negative timeout",
      withFlag("--request-timeout-seconds", "-0.5"),
      {},
      /--request-timeout-seconds: got "-0\.5"; must be a number of seconds greater than 0 and at most 300/,
    ],
    [
      "a dash-prefixed word as a number",
      withFlag("--deadline-seconds", "-fast"),
      {},
      /--deadline-seconds: got "-fast"; must be a number of seconds/,
    ],
    [
      "a non-numeric timeout",
      withFlag("--request-timeout-seconds", "5s"),
      {},
      /--request-timeout-seconds: got "5s"; must be a number of seconds/,
    ],
    [
      "a number in another notation",
      withFlag("--deadline-seconds", "1e3"),
      {},
      /--deadline-seconds: got "1e3"; must be a number of seconds/,
    ],
    [
      "a timeout above the deadline",
      [...withFlag("--deadline-seconds", "10"), "--request-timeout-seconds", "20"],
      {},
      /--request-timeout-seconds: got "20"; must not exceed --deadline-seconds \(10\)/,
    ],
    [
      "a region that is not one",
      withFlag("--region", "Ireland"),
      {},
      /--region: got "Ireland"; not a known AWS region/,
    ],
    [
      "a region that is nearly one",
      withFlag("--region", "eu-west"),
      {},
      /--region: got "eu-west"; not a known AWS region \(did you mean eu-west-1, eu-west-2, eu-west-3\?\)/,
    ],
    [
      "a --group no endpoint is in",
      withFlag("--group", "this-deploymnet"),
      {},
      /--group: got "this-deploymnet"; image\/config\.yaml has no enabled endpoint in it \(its groups: "this-deployment", "upstreams"\)/,
    ],
    [
      "a Gatus config that cannot be read",
      withFlag("--gatus-config", "/nonexistent/config.yaml"),
      {},
      /--gatus-config: cannot read "\/nonexistent\/config\.yaml" \(ENOENT.*\); must be the Gatus config the image was built from/,
    ],
    [
      "a value given to --require-upstreams",
      [...VALID, "--require-upstreams=yes"],
      {},
      /--require-upstreams: got "yes"; takes no value/,
    ],
    [
      "a dashboard username without its password",
      VALID,
      { GATUS_DASHBOARD_USERNAME: "ops" },
      /GATUS_DASHBOARD_PASSWORD: not set; GATUS_DASHBOARD_USERNAME and GATUS_DASHBOARD_PASSWORD go together/,
    ],
    [
      "a dashboard password without its username",
      VALID,
      { GATUS_DASHBOARD_PASSWORD: "s3cr3t" },
      /GATUS_DASHBOARD_USERNAME: not set; .* go together \(the dashboard's login\)\.$/,
    ],
    [
      "a colon in the dashboard username",
      VALID,
      { GATUS_DASHBOARD_USERNAME: "ops:x", GATUS_DASHBOARD_PASSWORD: "s3cr3t" },
      /GATUS_DASHBOARD_USERNAME: must not contain ":" \(RFC 7617\)/,
    ],
    [
      "AWS_REGION elsewhere than the task definition",
      VALID,
      { AWS_REGION: "us-east-1" },
      /AWS_REGION: got "us-east-1"; the task definition is in eu-west-1/,
    ],
  ])("exits 2 with a one-line message for %s", async (_name, argv, env, message) => {
    const io = capture();
    expect(await main(argv, env, io)).toBe(2);
    expect(io.err).toHaveLength(2);
    expect(io.err[0]).toMatch(/^health-check: /);
    expect(io.err[0]).toMatch(message);
    expect(io.err[0]).not.toMatch(/ambiguous|ERR_PARSE_ARGS|Did you forget/);
    expect(io.err[0]).not.toContain("\n");
    expect(io.err[1]).toBe(USAGE);
    expect(io.out).toEqual([]);
    expect(ecsMock.calls()).toHaveLength(0);
  });

  it.each([["--help"], ["-h"], [...VALID, "--deadline-seconds", "-5", "--help"]])(
    "prints the help and exits 0 for %j",
    async (...argv) => {
      const io = capture();
      expect(await main(argv, {}, io)).toBe(0);
      expect(io.out).toEqual([HELP]);
      expect(io.err).toEqual([]);
    },
  );
});

describe("health-check CLI and the Gatus config", () => {
  const config = (yaml: string) => () => yaml;

  it("without --group, cannot tell the own group of a config with no ${GATUS_HOSTNAME} endpoint", async () => {
    const io = { ...capture(), readText: config("endpoints:\n  - name: a\n    url: https://a\n") };
    expect(await main(VALID, {}, io)).toBe(2);
    expect(io.err[0]).toBe(
      "health-check: --group: not set, and in image/config.yaml no endpoint probes ${GATUS_HOSTNAME}, so its group cannot be told; give --group <name>.",
    );
  });

  it("refuses a config Gatus would not run, naming the problem", async () => {
    const io = { ...capture(), readText: config("web:\n  port: 80\n") };
    expect(await main(VALID, {}, io)).toBe(2);
    expect(io.err[0]).toMatch(
      /^health-check: --gatus-config: image\/config\.yaml is not a config Gatus would run: web\.port: got 80; .*; endpoints: not set/,
    );
  });

  it("reads the config given with --gatus-config, and --group picks its group", async () => {
    ecsMock.on(DescribeServicesCommand).resolves(COMPLETED);
    const server = await startServer(gatus());
    const read: string[] = [];
    const io = {
      ...capture(),
      readText: (file: string) => {
        read.push(file);
        return "endpoints:\n  - name: github\n    group: upstreams\n    url: https://x\n";
      },
    };
    const argv = withFlag("--url", server.baseUrl).concat([
      "--gatus-config",
      "other.yaml",
      "--group",
      "upstreams",
    ]);
    expect(await main(argv, {}, io)).toBe(0);
    expect(read).toEqual(["other.yaml"]);
    expect(io.out[0]).toMatch(/^health check passed/);
  });
});

describe("health-check --help", () => {
  const sections = HELP.split("\n\n");
  const section = (heading: string): string => {
    const found = sections.find((s) => s.startsWith(`${heading}`));
    if (found === undefined) throw new Error(`the help has no section "${heading}":\n${HELP}`);
    return found;
  };

  it("starts with the usage line the error output shows", () => {
    expect(HELP).toContain(USAGE);
  });

  it.each(OPTIONS.map((o) => [o.name, o] as const))("documents the option --%s", (name, option) => {
    const line = section("Options:")
      .split("\n")
      .find((l) => new RegExp(`^ {2}(-\\w, )?--${name}\\b`).test(l));
    expect(line).toBeDefined();
    if ("value" in option) expect(line).toContain(`--${name} <${option.value}>`);
    expect(line).toContain(option.description);
  });

  it("lists the checks in the order they run, by id and title", () => {
    const lines = section("Checks").split("\n").slice(1);
    expect(lines).toHaveLength(CHECKS.length);
    CHECKS.forEach((check, i) => {
      expect(lines[i]).toMatch(new RegExp(`^ {2}${i + 1}\\. ${check.id} +`));
      expect(lines[i]).toContain(check.title);
    });
  });

  it("lists every exit code the CLI returns, from the constant it returns them from", () => {
    const lines = section("Exit codes:").split("\n").slice(1);
    expect(lines.map((l) => l.trim().split(/\s+/)[0])).toEqual(
      Object.values(EXIT).map((code) => String(code)),
    );
  });

  it("names every environment variable the health check reads", () => {
    const dir = join(__dirname, "../../ephemeral/health-check");
    const read = new Set<string>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
      const source = readFileSync(join(dir, file), "utf8");
      for (const m of source.matchAll(
        /\benv(?:\.([A-Z][A-Z0-9_]*)|\[\s*"([A-Z][A-Z0-9_]*)"\s*\])/g,
      ))
        read.add(m[1] ?? m[2] ?? "");
    }
    expect([...read].sort()).toEqual([
      "AWS_DEFAULT_REGION",
      "AWS_REGION",
      "GATUS_DASHBOARD_PASSWORD",
      "GATUS_DASHBOARD_USERNAME",
      "GITHUB_ACTIONS",
      "GITHUB_STEP_SUMMARY",
    ]);
    const environment = section("Environment:");
    for (const name of read) expect(environment).toMatch(new RegExp(`^ {2}${name} +\\S`, "m"));
  });
});

describe("health-check CLI runs", () => {
  it("passes against a healthy Gatus and a completed rollout, and writes the summary", async () => {
    ecsMock.on(DescribeServicesCommand).resolves(COMPLETED);
    const server = await startServer(gatus());
    const file = summaryFile();
    const io = capture();
    const regions: string[] = [];
    const code = await main(
      withFlag("--url", `${server.baseUrl}/`).concat(["--summary-file", file]),
      {},
      {
        ...io,
        createEcsClient: (region) => {
          regions.push(region);
          return new ECSClient({ region });
        },
      },
    );
    expect(code).toBe(0);
    expect(regions).toEqual(["eu-west-1"]); // taken from the task definition ARN
    expect(io.err).toEqual([]);
    expect(io.out).toHaveLength(1);
    expect(io.out[0]).toMatch(
      /^health check passed: http:\/\/127\.0\.0\.1:\d+ runs .*gatus-dev:42/,
    );
    const md = readFileSync(file, "utf8");
    expect(md).toContain("### Health check ✅ passed");
    expect(md).toContain("| | Check | Attempts | Time | Detail |");
    expect(md).toMatch(/\| ✅ \| ECS rollout .* \| 1 \| \d+\.\d s \| gatus-dev:42 COMPLETED/);
    expect(md).toMatch(/\| ✅ \| `GET \/health` reports UP \| 1 \|/);
    expect(md).toMatch(
      /\| ✅ \| Every own-group endpoint's newest Gatus result is a success .* \| all 2 "this-deployment" endpoint\(s\) succeeded/,
    );
    expect(md).toContain(
      "| ✅ | `this-deployment/website` | yes | success at 0001-01-01T00:00:00Z |",
    );
    expect(md).toContain("| ✅ | `upstreams/github` | no | success at 0001-01-01T00:00:00Z |");
    expect(md).toContain(`- Task definition: \`${NEW_TD}\``);
  });

  it("fails a rolled-back deploy with exit 1, one line on stderr and a red summary", async () => {
    ecsMock.on(DescribeServicesCommand).resolves(ROLLED_BACK);
    const server = await startServer(gatus());
    const file = summaryFile();
    const io = capture();
    const code = await main(withFlag("--url", server.baseUrl), { GITHUB_STEP_SUMMARY: file }, io);
    expect(code).toBe(1);
    expect(io.out).toEqual([]);
    expect(io.err).toHaveLength(1);
    expect(io.err[0]).toMatch(
      /^health check failed: ecs-rollout: rolled back or superseded: the primary deployment runs gatus-dev:41, not gatus-dev:42/,
    );
    const md = readFileSync(file, "utf8");
    expect(md).toContain("### Health check ❌ failed");
    expect(md).toMatch(/\| ❌ \| ECS rollout/);
    expect(md).toMatch(/\| ⏭️ \| `GET \/health` reports UP \| – \| – \|/);
    expect(md).toContain("- **Failure:** ecs-rollout: rolled back");
  });

  it("passes with a failing upstream, and says so on a second line", async () => {
    ecsMock.on(DescribeServicesCommand).resolves(COMPLETED);
    const server = await startServer(
      gatus(() => statuses({ ...ALL_GREEN, "upstreams/github": "red" })),
    );
    const io = capture();
    expect(await main(withFlag("--url", server.baseUrl), {}, io)).toBe(0);
    expect(io.out[1]).toBe(
      "not succeeding, reported only: upstreams/github (--require-upstreams makes them fail the check)",
    );
  });

  it("with --require-upstreams, fails on a failing upstream", async () => {
    ecsMock.on(DescribeServicesCommand).resolves(COMPLETED);
    const server = await startServer(
      gatus(() => statuses({ ...ALL_GREEN, "upstreams/github": "red" })),
    );
    const io = capture();
    const argv = withFlag("--url", server.baseUrl).concat([
      "--require-upstreams",
      "--deadline-seconds",
      "0.9",
      "--request-timeout-seconds",
      "0.3",
    ]);
    expect(await main(argv, {}, io)).toBe(1);
    expect(io.err[0]).toMatch(
      /^health check failed: gatus-results: deadline of 0\.9 s passed while waiting for .* to report success for every "this-deployment" endpoint and every upstream .*last: upstreams\/github: newest result failed/,
    );
  });

  it("fails with exit 1 at the deadline when /health never comes up", async () => {
    ecsMock.on(DescribeServicesCommand).resolves(COMPLETED);
    const server = await startServer((_req, res) => {
      res.writeHead(502).end();
    });
    const io = capture();
    const argv = withFlag("--url", server.baseUrl).concat([
      "--deadline-seconds",
      "0.9",
      "--request-timeout-seconds",
      "0.3",
    ]);
    expect(await main(argv, { GITHUB_ACTIONS: "true" }, io)).toBe(1);
    expect(io.err).toHaveLength(1);
    expect(io.err[0]).toMatch(
      /^::error title=Health check::health check failed: http-health: deadline of 0\.9 s passed .*last: HTTP 502 Bad Gateway\)$/,
    );
  });

  it("runs as a program: exit code 2 and the usage from a real process", () => {
    const cli = join(__dirname, "../../ephemeral/health-check/cli.ts");
    const child = spawnSync(process.execPath, ["--import", "tsx", cli, "--cluster"], {
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "" },
      timeout: 20_000,
    });
    expect(child.status).toBe(2);
    expect(child.stderr).toContain(
      "health-check: --cluster: no value given; use --cluster <name|arn>",
    );
    expect(child.stderr).toContain(USAGE);
  });
});
