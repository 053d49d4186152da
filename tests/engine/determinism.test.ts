/**
 * The class of failure behind "violates plan: properties changed" (an ECR token as an image
 * input): each program runs twice under the mock engine with everything that legitimately
 * differs between a preview and an update varied (caller identity and tokens, AWS credentials in
 * the environment, the clock, the order in which the engine answers) and every resource input,
 * secrets by plaintext, must be identical.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  COMMIT,
  cleanGit,
  TEST_ORGANIZATION,
  TEST_PERSISTENT_STACK,
  TEST_STACK,
  testConfig,
} from "../helpers/test-stacks";
import { inputDifferences, seeded } from "./determinism";
import { runEphemeralProgram, runPersistentProgram } from "./programs";
import { runProgram, type Graph } from "./run-program";

interface Variation {
  session: string;
  now: string;
  credentials: Record<string, string>;
  seed: number;
}

const PREVIEW: Variation = {
  session: "gatus-dev-preview",
  now: "2026-01-01T00:00:00Z",
  credentials: { AWS_ACCESS_KEY_ID: "ASIAPREVIEW", AWS_SESSION_TOKEN: "preview-token" },
  seed: 1,
};
const DEPLOY: Variation = {
  session: "gatus-dev-deploy",
  now: "2026-12-31T23:59:59Z",
  credentials: { AWS_ACCESS_KEY_ID: "ASIADEPLOY", AWS_SESSION_TOKEN: "deploy-token" },
  seed: 99,
};

/** Runs `run` as the given caller, at the given time, with a shuffled answer order. */
async function varied(v: Variation, run: (options: VariedOptions) => Promise<Graph>) {
  vi.useFakeTimers({ toFake: ["Date"], now: new Date(v.now) });
  for (const [k, value] of Object.entries(v.credentials)) vi.stubEnv(k, value);
  const random = seeded(v.seed);
  return run({
    world: { session: v.session },
    keepSecrets: true,
    beforeAnswer: () => new Promise((resolve) => setTimeout(resolve, random() * 4)),
  });
}

type VariedOptions = Pick<
  Parameters<typeof runProgram>[0],
  "world" | "keepSecrets" | "beforeAnswer"
>;

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

const persistent = (o: VariedOptions) =>
  runPersistentProgram({
    stack: TEST_STACK,
    organization: TEST_ORGANIZATION,
    config: testConfig("persistent"),
    ...o,
  });

const ephemeral = (outputs: Record<string, unknown>) => (o: VariedOptions) =>
  runEphemeralProgram({
    stack: TEST_STACK,
    organization: TEST_ORGANIZATION,
    config: testConfig("ephemeral"),
    stacks: { [TEST_PERSISTENT_STACK]: outputs },
    git: cleanGit,
    ...o,
  });

describe("no resource input changes between a preview and an update of the same commit", () => {
  it("persistent: identical inputs as the preview role and as the deploy role", async () => {
    const a = await varied(PREVIEW, persistent);
    const b = await varied(DEPLOY, persistent);
    expect(a.resources.length).toBeGreaterThan(20);
    expect(inputDifferences(a, b)).toEqual([]);
  });

  it("ephemeral, building the commit's image: identical inputs, registry credentials included", async () => {
    const { outputs } = await varied(PREVIEW, persistent);
    const a = await varied(PREVIEW, ephemeral(outputs));
    const b = await varied(DEPLOY, ephemeral(outputs));
    const image = a.resources.find((r) => r.type === "docker:index/image:Image");
    expect(image?.inputs.imageName).toMatch(new RegExp(`:${COMMIT}$`));
    expect(inputDifferences(a, b)).toEqual([]);
  });

  it("catches a registry token passed as an input (the bug this test exists for)", async () => {
    const tokenAsInput = (o: VariedOptions) =>
      runProgram({
        project: "gatus-ephemeral",
        stack: TEST_STACK,
        organization: TEST_ORGANIZATION,
        config: { "aws:region": "eu-west-2" },
        ...o,
        program: async () => {
          const aws = await import("@pulumi/aws");
          const docker = await import("@pulumi/docker");
          const pulumi = await import("@pulumi/pulumi");
          const token = aws.ecr.getAuthorizationTokenOutput({});
          new docker.Image("gatus", {
            imageName: "registry.example/gatus:1",
            registry: {
              server: "registry.example",
              username: token.userName,
              password: pulumi.secret(token.password),
            },
          });
          return {};
        },
      });
    const a = await varied(PREVIEW, tokenAsInput);
    const b = await varied(DEPLOY, tokenAsInput);
    expect(inputDifferences(a, b)).toEqual([
      expect.stringMatching(
        /docker:index\/image:Image::gatus: registry\.secret\.password "token-\w+" → "token-\w+"/,
      ),
    ]);
  });

  it("reports a resource registered in one run only, and a changed nested input", () => {
    const graph = (inputs: Record<string, unknown>, urns = ["u1"]): Graph => ({
      project: "p",
      stack: "s",
      outputs: {},
      invokes: [],
      resources: urns.map((urn) => ({
        type: "t",
        name: urn,
        parent: null,
        urn,
        protect: false,
        custom: true,
        inputs,
      })),
    });
    expect(inputDifferences(graph({ a: { b: 1 } }), graph({ a: { b: 2 } }))).toEqual([
      "u1: a.b 1 → 2",
    ]);
    expect(inputDifferences(graph({}), graph({}, ["u1", "u2"]))).toEqual([
      "u2: registered in only one run",
    ]);
  });
});
