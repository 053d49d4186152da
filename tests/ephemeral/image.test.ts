import { describe, expect, it } from "vitest";
import { imageUrn } from "../../ephemeral/image-resource";
import { resolveImageTag, type GitRunner } from "../../ephemeral/image-tag";
import { ConfigError } from "../../persistent/lib/stack-config";
import { VALID_CONTRACT } from "../helpers/contract-fixture";
import { jsonInput, ofType, one } from "../helpers/graph";
import { COMMIT, cleanGit, runEphemeral } from "./run";

const EXISTING_DIGEST = `sha256:${"a".repeat(64)}`;
const imageOf = (graph: Awaited<ReturnType<typeof runEphemeral>>) =>
  jsonInput<{ image: string }[]>(
    one(graph, "aws:ecs/taskDefinition:TaskDefinition"),
    "containerDefinitions",
  )[0]!.image;

const dirtyGit =
  (status: string): GitRunner =>
  (args) =>
    args[0] === "rev-parse" ? `${COMMIT}\n` : status;

describe("the Gatus image", () => {
  it("reuses the digest of a tag that already exists in ECR and builds nothing", async () => {
    const graph = await runEphemeral(
      {},
      { world: { images: { [VALID_CONTRACT.ecrRepositoryName]: { [COMMIT]: EXISTING_DIGEST } } } },
    );
    expect(ofType(graph, "docker:index/image:Image")).toEqual([]);
    expect(imageOf(graph)).toBe(`${VALID_CONTRACT.ecrRepositoryUrl}@${EXISTING_DIGEST}`);
    expect(graph.invokes).not.toContain("aws:ecr/getAuthorizationToken:getAuthorizationToken");
  });

  it("builds a new tag for the task's architecture and pushes it with Docker's own login", async () => {
    const graph = await runEphemeral();
    const build = one(graph, "docker:index/image:Image").inputs;
    expect(build).toMatchObject({
      imageName: `${VALID_CONTRACT.ecrRepositoryUrl}:${COMMIT}`,
      build: { platform: "linux/arm64", builderVersion: "BuilderBuildKit" },
      // The registry host only: no token, username or password is ever a resource input.
      registry: { server: "123456789012.dkr.ecr.eu-west-2.amazonaws.com" },
      skipPush: false,
    });
    expect(graph.invokes).not.toContain("aws:ecr/getAuthorizationToken:getAuthorizationToken");
    // CD pushes the image with `pulumi up --target <this URN>` before the update that serves it.
    // The mock engine writes the root stack into a top-level resource's URN; the real engine
    // leaves it out (pulumi/pulumi sdk/go/common/resource/urn/urn.go, New: parentType !=
    // RootStackType), and the workflow must spell the real one.
    const mockUrn = one(graph, "docker:index/image:Image").urn;
    expect(mockUrn).toBe(
      "urn:pulumi:dev::gatus-ephemeral::pulumi:pulumi:Stack$docker:index/image:Image::gatus",
    );
    expect(mockUrn.replace("pulumi:pulumi:Stack$", "")).toBe(imageUrn("dev", "gatus-ephemeral"));
    expect(String((build.build as { context: string }).context)).toMatch(/\/image$/);
    expect(imageOf(graph)).toMatch(
      new RegExp(`^${VALID_CONTRACT.ecrRepositoryUrl.replace(/\./g, "\\.")}@sha256:[0-9a-f]{64}$`),
    );
  });

  it("builds for linux/amd64 when the task runs on X86_64", async () => {
    const graph = await runEphemeral({ "gatus-ephemeral:cpuArchitecture": "X86_64" });
    expect(one(graph, "docker:index/image:Image").inputs.build).toMatchObject({
      platform: "linux/amd64",
    });
    expect(
      one(graph, "aws:ecs/taskDefinition:TaskDefinition").inputs.runtimePlatform,
    ).toMatchObject({ cpuArchitecture: "X86_64" });
  });

  it("a dirty build context never pushes under the clean commit's tag", async () => {
    const graph = await runEphemeral({}, { git: dirtyGit(" M image/config.yaml\n") });
    const imageName = String(one(graph, "docker:index/image:Image").inputs.imageName);
    expect(imageName).toMatch(new RegExp(`:${COMMIT}-dirty-[0-9a-f]{12}$`));
    expect(graph.outputs.imageTag).toBe(imageName.split(":").pop());
  });

  it("without a Docker daemon, reuses an existing tag but refuses a new one before creating anything", async () => {
    const world = { images: { [VALID_CONTRACT.ecrRepositoryName]: { [COMMIT]: EXISTING_DIGEST } } };
    const noDaemon = { daemonReachable: () => false };
    const reused = await runEphemeral({}, { world, docker: noDaemon });
    expect(imageOf(reused)).toBe(`${VALID_CONTRACT.ecrRepositoryUrl}@${EXISTING_DIGEST}`);

    await expect(runEphemeral({}, { docker: noDaemon })).rejects.toThrow(
      `Image tag "${COMMIT}" is not in ${VALID_CONTRACT.ecrRepositoryUrl} and no Docker daemon is reachable here to build it.`,
    );
  });

  it("a build without a Docker login to the registry stops before creating anything, with the login command", async () => {
    const registry = "123456789012.dkr.ecr.eu-west-2.amazonaws.com";
    const asked: string[] = [];
    const loggedOut = {
      loggedInTo: (host: string) => {
        asked.push(host);
        return false;
      },
    };
    await expect(runEphemeral({}, { docker: loggedOut })).rejects.toThrow(
      `Docker has no credentials for it (nothing for it in ~/.docker/config.json). Fix: aws ecr get-login-password --region eu-west-2 | docker login --username AWS --password-stdin ${registry}`,
    );
    expect(asked).toEqual([registry]);
  });

  it("uses the configured tag instead of git when imageTag is set", async () => {
    const failingGit: GitRunner = () => {
      throw new Error("git must not be called");
    };
    const graph = await runEphemeral({ "gatus-ephemeral:imageTag": "v1.2.3" }, { git: failingGit });
    expect(one(graph, "docker:index/image:Image").inputs.imageName).toBe(
      `${VALID_CONTRACT.ecrRepositoryUrl}:v1.2.3`,
    );
  });
});

describe("image tag resolution", () => {
  it("is the commit SHA on a clean tree", () => {
    expect(resolveImageTag(undefined, cleanGit)).toBe(COMMIT);
  });

  it("differs for different dirty changes and is stable for the same ones", () => {
    const a = resolveImageTag(undefined, dirtyGit(" M image/config.yaml"));
    const b = resolveImageTag(undefined, dirtyGit("?? image/extra.yaml"));
    expect(a).not.toBe(b);
    expect(resolveImageTag(undefined, dirtyGit(" M image/config.yaml"))).toBe(a);
  });

  it("asks for imageTag when git cannot tell the commit", () => {
    const noGit: GitRunner = () => {
      throw new Error("fatal: not a git repository");
    };
    expect(() => resolveImageTag(undefined, noGit)).toThrow(ConfigError);
    expect(() => resolveImageTag(undefined, noGit)).toThrow(
      /imageTag: not set.*not a git repository.*pulumi config set imageTag/,
    );
  });

  it("runs git on the build context only", () => {
    const calls: string[][] = [];
    resolveImageTag(undefined, (args) => {
      calls.push(args);
      return args[0] === "rev-parse" ? COMMIT : "";
    });
    expect(calls).toEqual([
      ["rev-parse", "HEAD"],
      ["status", "--porcelain", "--untracked-files=all", "--", "."],
    ]);
  });
});
