/**
 * Starts the pack the way the Pulumi CLI does and talks to it over gRPC, as the engine does.
 *
 * `pulumi preview --policy-pack <dir>` asks the nodejs language host to run
 * `node <require.resolve("@pulumi/pulumi/cmd/run-policy-pack") from <dir>> <engine> <dir>`
 * with the working directory set to <dir> (pulumi/pulumi sdk/nodejs/cmd/pulumi-language-nodejs,
 * RunPlugin). That runner registers ts-node, requires the directory (index.ts), and the
 * PolicyPack prints the port of its analyzer server. Running it in a child process (never
 * importing pack/index.ts here) proves the directory needs nothing the CLI does not provide.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as pb from "@pulumi/pulumi/proto/analyzer_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as f from "./fixtures/resources";
import { albHttpIngress, taskHttpIngressFromWorld } from "./fixtures/graphs";
import { rules } from "./rules/all";
import type { PolicyResource } from "./types";

const PACK_DIR = path.join(__dirname, "pack");
const RUNNER = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [PACK_DIR] });
// The runner's first argument is the engine address; nothing in the pack dials it.
const UNUSED_ENGINE = "127.0.0.1:1";
const LEVELS: Record<number, string> = {
  [pb.EnforcementLevel.ADVISORY]: "advisory",
  [pb.EnforcementLevel.MANDATORY]: "mandatory",
};

let child: ChildProcess | undefined;
let client: AnalyzerClient;

/** Resolves with the port the pack prints, or rejects with its stderr if it exits first. */
function startPack(): Promise<string> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [RUNNER, UNUSED_ENGINE, PACK_DIR], {
      cwd: PACK_DIR,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child = proc;
    let stdout = "";
    let stderr = "";
    proc.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const port = /^(\d+)\s*$/m.exec(stdout)?.[1];
      if (port !== undefined) resolve(port);
    });
    proc.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    proc.on("exit", (code) =>
      reject(new Error(`policy pack exited (${code}):\n${stderr}${stdout}`)),
    );
  });
}

/** Promisifies one unary call: `rpc<T>((cb) => client.method(request, cb))`. */
function rpc<T>(
  invoke: (callback: (err: grpc.ServiceError | null, res: T) => void) => unknown,
): Promise<T> {
  return new Promise((resolve, reject) => {
    invoke((err, res) => (err ? reject(err) : resolve(res)));
  });
}

const urn = (r: PolicyResource) => `urn:pulumi:prod::ephemeral::${r.type}::${r.name}`;

function analyzeRequest(r: PolicyResource): pb.AnalyzeRequest {
  const request = new pb.AnalyzeRequest();
  request.setType(r.type);
  request.setName(r.name);
  request.setUrn(urn(r));
  request.setProperties(Struct.fromJavaScript(JSON.parse(JSON.stringify(r.inputs)) as never));
  request.setOptions(new pb.AnalyzerResourceOptions()); // the engine always sends options
  return request;
}

async function analyze(
  r: PolicyResource,
): Promise<{ policy: string; level: string; message: string }[]> {
  const response = await rpc<pb.AnalyzeResponse>((cb) => client.analyze(analyzeRequest(r), cb));
  return response.getDiagnosticsList().map((d) => ({
    policy: d.getPolicyname(),
    level: LEVELS[d.getEnforcementlevel()] ?? String(d.getEnforcementlevel()),
    message: d.getMessage(),
  }));
}

beforeAll(async () => {
  const port = await startPack();
  client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
}, 120_000);

afterAll(() => {
  client?.close();
  child?.kill();
});

describe("the pack as the Pulumi CLI runs it (run-policy-pack + gRPC)", () => {
  it("serves gatus-policies with every rule at its level", async () => {
    const info = await rpc<pb.AnalyzerInfo>((cb) => client.getAnalyzerInfo(new Empty(), cb));
    expect(info.getName()).toBe("gatus-policies");
    expect(info.getVersion()).toBe("0.1.0");
    const levels = Object.fromEntries(
      info.getPoliciesList().map((p) => [p.getName(), LEVELS[p.getEnforcementlevel()]]),
    );
    expect(levels).toEqual(Object.fromEntries(rules.map((r) => [r.id, r.level])));
  });

  it("reports a non-compliant ECR repository as mandatory violations", async () => {
    const bad = f.repository({
      imageTagMutability: "MUTABLE",
      imageScanningConfiguration: undefined,
    });
    const found = await analyze(bad);
    expect(found.map((d) => [d.policy, d.level])).toEqual([
      ["ecr-scan-on-push", "mandatory"],
      ["ecr-immutable-tags", "mandatory"],
    ]);
    expect(found[1]?.message).toContain('Repository "gatus" has imageTagMutability "MUTABLE"');
  });

  it("accepts a compliant task definition (JSON container definitions)", async () => {
    expect(await analyze(f.taskDefinition())).toEqual([]);
  });

  it("honours the ALB port-80 exception and flags the task security group", async () => {
    expect(await analyze(albHttpIngress)).toEqual([]);
    expect((await analyze(taskHttpIngressFromWorld)).map((d) => d.policy)).toEqual([
      "sg-no-http-from-world",
    ]);
  });

  it("runs graph rules as stack policies, reported against the resource's URN", async () => {
    const request = new pb.AnalyzeStackRequest();
    const alb = f.loadBalancer();
    request.setResourcesList(
      [alb, f.repository(), f.lifecyclePolicy("gatus")].map((r) => {
        const resource = new pb.AnalyzerResource();
        resource.setType(r.type);
        resource.setName(r.name);
        resource.setUrn(urn(r));
        resource.setProperties(Struct.fromJavaScript({ ...r.inputs, ...r.outputs } as never));
        resource.setOptions(new pb.AnalyzerResourceOptions());
        return resource;
      }),
    );
    const response = await rpc<pb.AnalyzeResponse>((cb) => client.analyzeStack(request, cb));
    expect(response.getDiagnosticsList().map((d) => [d.getPolicyname(), d.getUrn()])).toEqual([
      ["elb-alb-waf-associated", urn(alb)],
    ]);
  });
});
