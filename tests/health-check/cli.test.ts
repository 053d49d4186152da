import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DescribeServicesCommand, ECSClient } from "@aws-sdk/client-ecs";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { USAGE } from "../../ephemeral/health-check/args";
import { type CliDeps, main } from "../../ephemeral/health-check/cli";
import { closeAllServers, gatus, startServer } from "./helpers";
import { CLUSTER, COMPLETED, NEW_TD, ROLLED_BACK, SERVICE } from "./fixtures";

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
    ["no arguments", [], {}, /--url is required.*; --cluster is required; --service is required/],
    ["a flag without a value", ["--url"], {}, /argument missing/],
    ["an unknown flag", [...VALID, "--force"], {}, /Unknown option '--force'/],
    ["a positional argument", [...VALID, "extra"], {}, /positional argument/i],
    [
      "plain http to a public host",
      withFlag("--url", "http://status.example.com"),
      {},
      /must use https/,
    ],
    ["a URL with a query", withFlag("--url", "https://x.example.com/?a=1"), {}, /query/],
    ["not a URL", withFlag("--url", "status.example.com"), {}, /is not a URL/],
    [
      "a bad task definition ARN",
      withFlag("--task-definition-arn", "gatus:42"),
      {},
      /is not a task definition ARN/,
    ],
    [
      "a bad cluster name",
      withFlag("--cluster", "my cluster"),
      {},
      /--cluster "my cluster" is not/,
    ],
    ["a zero deadline", withFlag("--deadline-seconds", "0"), {}, /--deadline-seconds "0" must be/],
    [
      "a non-numeric timeout",
      withFlag("--request-timeout-seconds", "5s"),
      {},
      /--request-timeout-seconds "5s"/,
    ],
    [
      "a timeout above the deadline",
      [...withFlag("--deadline-seconds", "10"), "--request-timeout-seconds", "20"],
      {},
      /must not exceed --deadline-seconds/,
    ],
    [
      "a region that is not one",
      withFlag("--region", "Ireland"),
      {},
      /--region "Ireland" is not an AWS region/,
    ],
    [
      "AWS_REGION elsewhere than the task definition",
      VALID,
      { AWS_REGION: "us-east-1" },
      /AWS_REGION is us-east-1 but the task definition is in eu-west-1/,
    ],
  ])("exits 2 with a one-line message for %s", async (_name, argv, env, message) => {
    const io = capture();
    expect(await main(argv, env, io)).toBe(2);
    expect(io.err).toHaveLength(2);
    expect(io.err[0]).toMatch(/^health-check: /);
    expect(io.err[0]).toMatch(message);
    expect(io.err[0]).not.toContain("\n");
    expect(io.err[1]).toBe(USAGE);
    expect(io.out).toEqual([]);
    expect(ecsMock.calls()).toHaveLength(0);
  });

  it("prints the usage and exits 0 for --help", async () => {
    const io = capture();
    expect(await main(["--help"], {}, io)).toBe(0);
    expect(io.out).toEqual([USAGE]);
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
    expect(md).toMatch(/\| ✅ \| Gatus produces results .* 1 of 1 endpoint\(s\) have results \|/);
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

  it("fails with exit 1 at the deadline when /health never comes up", async () => {
    ecsMock.on(DescribeServicesCommand).resolves(COMPLETED);
    const server = await startServer((_req, res) => {
      res.writeHead(502).end();
    });
    const io = capture();
    const argv = withFlag("--url", server.baseUrl).concat([
      "--deadline-seconds",
      "0.3",
      "--request-timeout-seconds",
      "0.1",
    ]);
    expect(await main(argv, { GITHUB_ACTIONS: "true" }, io)).toBe(1);
    expect(io.err).toHaveLength(1);
    expect(io.err[0]).toMatch(
      /^::error title=Health check::health check failed: http-health: deadline of 0\.3 s passed .*last: HTTP 502 Bad Gateway\)$/,
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
    expect(child.stderr).toContain("health-check: Option '--cluster <value>' argument missing");
    expect(child.stderr).toContain(USAGE);
  });
});
