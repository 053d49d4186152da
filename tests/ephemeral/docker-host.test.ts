import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { dockerConfigHasCredentials, registryHost } from "../../ephemeral/docker-host";

const REGISTRY = "123456789012.dkr.ecr.eu-west-2.amazonaws.com";

function home(config?: object): string {
  const dir = mkdtempSync(path.join(tmpdir(), "docker-home-"));
  if (config !== undefined) {
    mkdirSync(path.join(dir, ".docker"));
    writeFileSync(path.join(dir, ".docker", "config.json"), JSON.stringify(config));
  }
  return dir;
}

describe("Docker's registry login, read from its client config", () => {
  it("the registry host is the repository URL's first segment", () => {
    expect(registryHost(`${REGISTRY}/gatus-dev`)).toBe(REGISTRY);
  });

  it.each([
    ["docker login (auths)", { auths: { [REGISTRY]: {} } }, true],
    ["docker login with a URL key", { auths: { [`https://${REGISTRY}`]: {} } }, true],
    ["the ECR credential helper", { credHelpers: { [REGISTRY]: "ecr-login" } }, true],
    ["a login to another registry", { auths: { "ghcr.io": {} } }, false],
    ["an empty config", {}, false],
  ])("%s → %s", (_what, config, expected) => {
    expect(dockerConfigHasCredentials(REGISTRY, {}, home(config))).toBe(expected);
  });

  it("no config file, or an unreadable one, is no login", () => {
    expect(dockerConfigHasCredentials(REGISTRY, {}, home())).toBe(false);
    const broken = home();
    mkdirSync(path.join(broken, ".docker"));
    writeFileSync(path.join(broken, ".docker", "config.json"), "{not json");
    expect(dockerConfigHasCredentials(REGISTRY, {}, broken)).toBe(false);
  });

  it("DOCKER_CONFIG points at another directory, as the Docker CLI allows", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "docker-config-"));
    writeFileSync(path.join(dir, "config.json"), JSON.stringify({ auths: { [REGISTRY]: {} } }));
    expect(dockerConfigHasCredentials(REGISTRY, { DOCKER_CONFIG: dir }, home())).toBe(true);
  });
});
