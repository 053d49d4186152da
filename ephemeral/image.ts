import * as aws from "@pulumi/aws";
import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { ConfigError } from "../persistent/lib/stack-config";
import type { CpuArchitecture } from "./config";
import { IMAGE_DIR } from "./image-tag";

export interface GatusImageArgs {
  repositoryName: string;
  repositoryUrl: string;
  tag: string;
  /** The task's CPU architecture: the image is built for exactly this platform. */
  architecture: CpuArchitecture;
}

export interface GatusImage {
  /** `<repository>@sha256:<digest>`: what the task definition runs. */
  ref: pulumi.Output<string>;
  /** True when this update builds and pushes; false when the tag already existed in ECR. */
  built: boolean;
  platform: string;
}

export const platformOf = (architecture: CpuArchitecture) =>
  architecture === "ARM64" ? "linux/arm64" : "linux/amd64";

/**
 * The Gatus image for this deployment. If the tag already exists in ECR, its digest is reused
 * and nothing is built: re-creating after a nightly teardown, re-running a deploy, or running
 * where no Docker daemon exists (Pulumi Deployments) all work. Otherwise `image/` is built for
 * the task's platform and pushed under the tag.
 */
export async function gatusImage(
  args: GatusImageArgs,
  opts: pulumi.CustomResourceOptions & { provider: aws.Provider },
  dockerAvailable: () => boolean = dockerDaemonReachable,
): Promise<GatusImage> {
  const platform = platformOf(args.architecture);
  const existing = await existingDigest(args.repositoryName, args.tag, opts);
  if (existing !== undefined) {
    return { ref: pulumi.output(`${args.repositoryUrl}@${existing}`), built: false, platform };
  }
  // Fail before the first resource rather than after the VPC and ALB are up (a scheduled
  // re-create on a runner without Docker, for a commit CD never pushed). A preview builds nothing.
  if (!pulumi.runtime.isDryRun() && !dockerAvailable()) {
    throw new ConfigError(
      `Image tag "${args.tag}" is not in ${args.repositoryUrl} and no Docker daemon is reachable here to build it. ` +
        "Fix: deploy this commit through CD (it builds and pushes the image), or pulumi config set imageTag <a tag that exists in the repository>.",
    );
  }
  const token = aws.ecr.getAuthorizationTokenOutput({}, { provider: opts.provider });
  const image = new docker.Image(
    "gatus",
    {
      imageName: `${args.repositoryUrl}:${args.tag}`,
      build: {
        context: IMAGE_DIR,
        dockerfile: path.join(IMAGE_DIR, "Dockerfile"),
        platform,
        builderVersion: "BuilderBuildKit",
      },
      registry: {
        server: args.repositoryUrl,
        username: token.userName,
        password: pulumi.secret(token.password),
      },
      skipPush: false,
    },
    // Deleting this resource must never delete the pushed image: other stacks or a re-create use it.
    { ...opts, retainOnDelete: true },
  );
  return { ref: image.repoDigest, built: true, platform };
}

// Lists the repository (bounded by its lifecycle policy) instead of looking the tag up, so a
// missing tag is an ordinary answer rather than an error message to pattern-match.
async function existingDigest(
  repositoryName: string,
  tag: string,
  opts: { provider: aws.Provider },
): Promise<string | undefined> {
  const { imageIds } = await aws.ecr.getImages({ repositoryName }, { provider: opts.provider });
  return imageIds.find((id) => id.imageTag === tag)?.imageDigest;
}

/** Whether a Docker daemon answers (the client alone is not enough to build). */
export function dockerDaemonReachable(): boolean {
  try {
    execFileSync("docker", ["info", "--format", "{{.ServerVersion}}"], {
      stdio: "ignore",
      timeout: 15_000,
    });
    return true;
  } catch {
    return false;
  }
}
