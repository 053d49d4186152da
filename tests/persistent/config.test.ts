import { describe, expect, it } from "vitest";
import * as runtimeConfig from "@pulumi/pulumi/runtime/config";
import { GATUS_USER } from "../../ephemeral/service";
import { isConfigSecret } from "../../persistent/lib/config-secrets";
import { parsePersistentConfig } from "../../persistent/config";
import { imageUser, readImageUser } from "../../persistent/image-user";
import { ConfigError } from "../../persistent/lib/stack-config";

const valid = {
  zoneName: "example.com",
  githubRepository: "acme/gatus-fargate",
};

function problemsOf(
  raw: Record<string, string>,
  stack = "dev",
  storedAsSecret: (key: string) => boolean = () => true,
): string {
  try {
    parsePersistentConfig(raw, { stack, region: "eu-west-2", storedAsSecret });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error("expected the configuration to be rejected");
}

describe("persistent configuration", () => {
  it("accepts the minimal configuration and fills in documented defaults", () => {
    const config = parsePersistentConfig(valid, { stack: "dev", region: "eu-west-2" });
    expect(config).toMatchObject({
      hostname: "status.example.com",
      defaultBranch: "main",
      deployEnvironment: "production",
      teardownEnvironment: "teardown",
      ecrKeepImages: 30,
      logRetentionDays: 30,
      namePrefix: "gatus",
      resourcePrefix: "gatus-dev",
      ephemeralStack: "dev",
    });
    expect(config.pulumiOrganization).toBeUndefined();
    expect(config.alertEmail).toBeUndefined();
  });

  it.each([
    [
      "a domain that is not a DNS name",
      { zoneName: "Example_.com" },
      "zoneName",
      "pulumi config set zoneName",
    ],
    [
      "a repository that is not OWNER/REPO",
      { githubRepository: "gatus" },
      "githubRepository",
      'must be "OWNER/REPO"',
    ],
    [
      "a hostname outside the zone",
      { hostname: "status.other.org" },
      "hostname",
      'must be inside the zone "example.com"',
    ],
    [
      "a non-numeric repository id",
      { githubOwnerId: "1", githubRepositoryId: "abc" },
      "githubRepositoryId",
      "numeric",
    ],
    [
      "an owner id without a repository id",
      { githubOwnerId: "1" },
      "githubRepositoryId",
      "both or neither",
    ],
    [
      "an image count that is not a number",
      { ecrKeepImages: "ten" },
      "ecrKeepImages",
      "whole number",
    ],
    ["an image count of zero", { ecrKeepImages: "0" }, "ecrKeepImages", "at least 1"],
    [
      "a retention CloudWatch does not offer",
      { logRetentionDays: "45" },
      "logRetentionDays",
      "retention periods",
    ],
    ["a malformed alert email", { alertEmail: "oncall" }, "alertEmail", "email address"],
    [
      "a malformed OIDC provider ARN",
      { existingGithubOidcProviderArn: "arn:aws:iam::1:oidc-provider/x" },
      "existingGithubOidcProviderArn",
      "GitHub OIDC provider",
    ],
    [
      "the same environment for deploy and teardown",
      { teardownEnvironment: "production" },
      "teardownEnvironment",
      "must differ",
    ],
    [
      "an upper-case Pulumi organization",
      { pulumiOrganization: "Acme" },
      "pulumiOrganization",
      "lower case",
    ],
    [
      "an adopted Pulumi provider without an organization",
      {
        existingPulumiOidcProviderArn:
          "arn:aws:iam::123456789012:oidc-provider/api.pulumi.com/oidc",
      },
      "existingPulumiOidcProviderArn",
      "pulumiOrganization",
    ],
    ["a misspelt key", { hostnme: "status.example.com" }, "hostnme", "unknown key"],
  ])("rejects %s, naming the key and the fix", (_, override, key, hint) => {
    const message = problemsOf({ ...valid, ...override });
    expect(message).toContain(
      'Stack configuration for gatus-persistent (stack "dev") has 1 problem:',
    );
    expect(message).toContain(`  - ${key}: `);
    expect(message).toContain(hint);
    expect(message).toMatch(/Fix: /);
  });

  it("rejects a name prefix that would make load balancer names too long", () => {
    const message = problemsOf({ ...valid, namePrefix: "platformgatus" }, "production-eu");
    expect(message).toContain("namePrefix");
    expect(message).toContain("limits load balancer names to 32");
  });

  it.each([
    ["ends in a hyphen (an invalid ECR name)", "gatus-", "dev", "single hyphens"],
    ["doubles a hyphen (an invalid ECR name)", "ga--tus", "dev", "single hyphens"],
    [
      "makes security group names start with sg-",
      "sg",
      "dev",
      '"sg-dev" (namePrefix-stack) must not start with "sg-"',
    ],
    [
      "makes the load balancer's name start with internal-",
      "internal",
      "dev",
      'must not start with "internal-"',
    ],
    [
      "meets a stack name ending in a hyphen",
      "gatus",
      "dev-",
      '"gatus-dev-" (namePrefix-stack) must be lower-case letters and digits joined by single hyphens',
    ],
  ])("rejects a name prefix that %s, under namePrefix", (_, namePrefix, stack, hint) => {
    const message = problemsOf({ ...valid, namePrefix }, stack);
    expect(message).toContain("has 1 problem:");
    expect(message).toContain("  - namePrefix: ");
    expect(message).toContain(hint);
    expect(message).toContain("Fix: pulumi config set namePrefix gatus");
  });

  it("lists every problem of a configuration in one message", () => {
    const message = problemsOf({
      zoneName: "nope",
      githubRepository: "x",
      ecrKeepImages: "-3",
      tyop: "1",
    });
    expect(message).toContain("has 4 problems:");
    for (const key of ["zoneName", "githubRepository", "ecrKeepImages", "tyop"])
      expect(message).toContain(`  - ${key}: `);
    expect(message.split("\n")).toHaveLength(5);
  });

  it("reports a missing aws:region as not set, with the command that sets it", () => {
    expect(() => parsePersistentConfig(valid, { stack: "dev", region: undefined })).toThrow(
      /has 1 problem:\n {2}- aws:region: not set; is required\. Fix: pulumi config set aws:region <region> \(e\.g\. eu-west-2\)$/,
    );
  });

  it.each([
    [
      "eu-west",
      'aws:region: got "eu-west"; not a known AWS region (did you mean eu-west-1, eu-west-2, eu-west-3?). Fix: pulumi config set aws:region <region> (e.g. eu-west-2)',
    ],
    [
      "eu-west-2a",
      'aws:region: got "eu-west-2a"; not a known AWS region (did you mean eu-west-2?)',
    ],
    ["London", 'aws:region: got "London"; not a known AWS region; the regions @pulumi/aws knows: '],
  ])("reports the malformed aws:region %j as given, never as not set", (region, line) => {
    const message = (() => {
      try {
        parsePersistentConfig(valid, { stack: "dev", region });
      } catch (err) {
        return (err as Error).message;
      }
      throw new Error("expected the region to be rejected");
    })();
    expect(message).toContain("has 1 problem:");
    expect(message).toContain(`  - ${line}`);
    expect(message).not.toContain("not set");
  });

  it.each([
    ["zoneNmae", "zoneName"],
    ["hostnme", "hostname"],
    ["GithubRepository", "githubRepository"],
    ["ecrKeepImage", "ecrKeepImages"],
    ["alertemail", "alertEmail"],
  ])("suggests the key %s probably meant (%s)", (typo, meant) => {
    const message = problemsOf({ ...valid, [typo]: "x" });
    expect(message).toContain(
      `  - ${typo}: unknown key; did you mean ${meant}? Fix: pulumi config rm ${typo}, then pulumi config set ${meant} <value>`,
    );
    expect(message).not.toContain("known keys:");
  });

  it("lists the known keys when no key is close to the unknown one", () => {
    const message = problemsOf({ ...valid, tyop: "1" });
    expect(message).toContain(
      "  - tyop: unknown key (known keys: alertEmail, dashboardPasswordBcryptBase64, dashboardUsername, defaultBranch, ",
    );
    expect(message).toContain("Fix: pulumi config rm tyop, or correct its spelling.");
    expect(message).not.toContain("did you mean");
  });

  it("reports a missing required key as not set", () => {
    const message = problemsOf({ zoneName: "example.com" });
    expect(message).toContain("githubRepository: not set");
    expect(message).toContain("Fix: pulumi config set githubRepository acme/gatus-fargate");
  });
});

describe("Gatus alerting and storage settings", () => {
  const parse = (raw: Record<string, string>, storedAsSecret?: (key: string) => boolean) =>
    parsePersistentConfig(
      { ...valid, ...raw },
      { stack: "dev", region: "eu-west-2", ...(storedAsSecret ? { storedAsSecret } : {}) },
    );

  it("keeps history in memory unless storage sqlite is chosen", () => {
    expect(parse({}).storage).toBe("memory");
    expect(parse({ storage: "sqlite" }).storage).toBe("sqlite");
  });

  it("reads the alert e-mail recipients as a comma-separated list", () => {
    expect(
      parse({ gatusAlertEmail: "oncall@example.com, sre@example.com" }).gatusAlertEmail,
    ).toEqual(["oncall@example.com", "sre@example.com"]);
  });

  it("accepts a credential stored as a secret and refuses the same value in plain text", () => {
    const url = "https://hooks.slack.com/services/T0/B0/XXXX";
    expect(parse({ slackWebhookUrl: url }, () => true).slackWebhookUrl).toBe(url);
    const message = problemsOf({ ...valid, slackWebhookUrl: url }, "dev", () => false);
    expect(message).toContain(
      "slackWebhookUrl: stored in plain text in the stack's configuration; it is a credential and must be encrypted. Fix: pulumi config set --secret slackWebhookUrl <value>",
    );
    expect(message).not.toContain(url);
  });

  it("refuses a PagerDuty key Gatus would silently ignore (not 32 characters)", () => {
    expect(problemsOf({ ...valid, pagerdutyIntegrationKey: "abc" })).toContain(
      "pagerdutyIntegrationKey: got a value (a secret, not shown); must be a PagerDuty Events API v2 integration key: exactly 32 letters and digits (Gatus ignores any other).",
    );
  });
});

describe("telling secret config values from plain ones", () => {
  it("uses the Pulumi SDK's isConfigSecret, which an SDK upgrade must keep", () => {
    const sdk = runtimeConfig as unknown as Record<string, unknown>;
    expect(typeof sdk.isConfigSecret).toBe("function");
    expect(isConfigSecret("gatus-persistent:surely-not-set")).toBe(false);
  });
});

describe("the image's user, read from image/Dockerfile", () => {
  it("is the final stage's numeric USER", () => {
    expect(imageUser("FROM a AS build\nUSER 1000:1000\nFROM scratch\nUSER 65532:65532\n")).toEqual({
      uid: 65532,
      gid: 65532,
    });
    expect(readImageUser()).toEqual({ uid: 65532, gid: 65532 });
  });

  it.each(["USER nobody\n", "USER 65532\n", "FROM scratch\n"])(
    "refuses %j: the access point needs a numeric uid and gid",
    (dockerfile) => {
      expect(() => imageUser(dockerfile)).toThrow(/must be numeric "uid:gid"/);
    },
  );

  it("is the user the task definition runs Gatus as", () => {
    const { uid, gid } = readImageUser();
    expect(GATUS_USER).toBe(`${uid}:${gid}`);
  });
});
