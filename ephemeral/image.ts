import * as aws from "@pulumi/aws";
import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import * as path from "node:path";
import { ConfigError } from "../persistent/lib/stack-config";
import type { CpuArchitecture } from "./config";
import { localDocker, registryHost, type DockerHost } from "./docker-host";
import { IMAGE_RESOURCE_NAME } from "./image-resource";
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
  dockerHost: DockerHost = localDocker,
): Promise<GatusImage> {
  const platform = platformOf(args.architecture);
  const existing = await existingDigest(args.repositoryName, args.tag, opts);
  if (existing !== undefined) {
    return { ref: pulumi.output(`${args.repositoryUrl}@${existing}`), built: false, platform };
  }
  const registry = registryHost(args.repositoryUrl);
  // Fail before the first resource rather than after the VPC and ALB are up (a scheduled
  // re-create on a runner without Docker, for a commit CD never pushed). A preview builds nothing.
  if (!pulumi.runtime.isDryRun()) assertCanPush(args, registry, dockerHost);
  const image = new docker.Image(
    IMAGE_RESOURCE_NAME,
    {
      imageName: `${args.repositoryUrl}:${args.tag}`,
      build: {
        context: IMAGE_DIR,
        dockerfile: path.join(IMAGE_DIR, "Dockerfile"),
        platform,
        builderVersion: "BuilderBuildKit",
      },
      // Only the server: Docker's own login supplies the credentials. A token here would be a
      // new input on every run (and differ between the preview role and the deploy role).
      registry: { server: registry },
      skipPush: false,
    },
    // Deleting this resource must never delete the pushed image: other stacks or a re-create use it.
    { ...opts, retainOnDelete: true },
  );
  return { ref: image.repoDigest, built: true, platform };
}

function assertCanPush(args: GatusImageArgs, registry: string, dockerHost: DockerHost): void {
  if (!dockerHost.daemonReachable()) {
    throw new ConfigError(
      `Image tag "${args.tag}" is not in ${args.repositoryUrl} and no Docker daemon is reachable here to build it. ` +
        "Fix: deploy this commit through CD (it builds and pushes the image), or pulumi config set imageTag <a tag that exists in the repository>.",
    );
  }
  if (!dockerHost.loggedInTo(registry)) {
    const region = /\.ecr\.([a-z0-9-]+)\.amazonaws\.com/.exec(registry)?.[1] ?? "<region>";
    throw new ConfigError(
      `Image tag "${args.tag}" must be pushed to ${registry}, but Docker has no credentials for it (nothing for it in ~/.docker/config.json). ` +
        `Fix: aws ecr get-login-password --region ${region} | docker login --username AWS --password-stdin ${registry} ` +
        "(the login lasts 12 hours), or configure the Amazon ECR credential helper for that registry.",
    );
  }
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
