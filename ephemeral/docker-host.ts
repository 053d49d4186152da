import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import * as path from "node:path";

/**
 * What the image build needs from the machine it runs on: a Docker daemon, and credentials for
 * the registry. Docker logs in outside Pulumi (`aws-actions/amazon-ecr-login` in CI, the ECR
 * credential helper or `aws ecr get-login-password | docker login` locally): a registry token
 * passed as a resource input would differ on every run and break `pulumi up --plan`.
 */
export interface DockerHost {
  /** Whether a Docker daemon answers (the client alone cannot build). */
  daemonReachable(): boolean;
  /** Whether Docker has credentials for a registry host (its config file lists them). */
  loggedInTo(registry: string): boolean;
}

/** `123456789012.dkr.ecr.eu-west-2.amazonaws.com/gatus-dev` → the registry host. */
export const registryHost = (repositoryUrl: string) => repositoryUrl.split("/")[0] ?? repositoryUrl;

interface DockerConfig {
  auths?: Record<string, unknown>;
  credHelpers?: Record<string, string>;
}

/**
 * Reads Docker's client config (`$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`).
 * `docker login` records the registry under `auths` (even when a credential store holds the
 * secret); the ECR credential helper is named per registry under `credHelpers`.
 */
export function dockerConfigHasCredentials(
  registry: string,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): boolean {
  const file = path.join(env.DOCKER_CONFIG ?? path.join(home, ".docker"), "config.json");
  let config: DockerConfig;
  try {
    config = JSON.parse(readFileSync(file, "utf8")) as DockerConfig;
  } catch {
    return false;
  }
  const keys = [registry, `https://${registry}`];
  return keys.some(
    (key) => config.auths?.[key] !== undefined || config.credHelpers?.[key] !== undefined,
  );
}

export const localDocker: DockerHost = {
  daemonReachable() {
    try {
      execFileSync("docker", ["info", "--format", "{{.ServerVersion}}"], {
        stdio: "ignore",
        timeout: 15_000,
      });
      return true;
    } catch {
      return false;
    }
  },
  loggedInTo: (registry) => dockerConfigHasCredentials(registry),
};
