import { describe, expect, it } from "vitest";
import { parseEphemeralConfig } from "../../ephemeral/config";
import { readGatusConfig } from "../../ephemeral/gatus-config";
import { isValidFargateSize } from "../../ephemeral/fargate";
import { ConfigError } from "../../persistent/lib/stack-config";

const context: { stack: string; organization: string; region: string | undefined } = {
  stack: "dev",
  organization: "acme",
  region: "eu-west-2",
};

function problemsOf(raw: Record<string, string>, ctx = context): string {
  try {
    parseEphemeralConfig(raw, ctx);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error("expected the configuration to be rejected");
}

describe("ephemeral configuration", () => {
  it("needs nothing but a region and fills in documented defaults", () => {
    expect(parseEphemeralConfig({}, context)).toMatchObject({
      persistentStack: "acme/gatus-persistent/dev",
      egress: "nat",
      desiredCount: 1,
      cpu: 256,
      memory: 512,
      cpuArchitecture: "ARM64",
      containerPort: 8080,
      deregistrationDelaySeconds: 15,
      healthCheckIntervalSeconds: 5,
      healthCheckGracePeriodSeconds: 10,
      wafRateLimit: 1000,
      httpRedirect: true,
      containerInsights: false,
      capacity: "on-demand",
    });
  });

  it("on a DIY backend the default persistent stack uses the organization 'organization'", () => {
    expect(
      parseEphemeralConfig({}, { ...context, organization: "organization" }).persistentStack,
    ).toBe("organization/gatus-persistent/dev");
  });

  it.each([
    [
      "an invalid Fargate cpu/memory pair",
      { cpu: "256", memory: "4096" },
      "memory",
      "4096 MiB is not a Fargate size for cpu 256; it accepts 512, 1024, 2048 MiB",
    ],
    ["a CPU value Fargate does not offer", { cpu: "300" }, "cpu", "must be one of 256, 512, 1024"],
    [
      "more than one task with in-memory storage",
      { desiredCount: "2" },
      "desiredCount",
      "duplicate alerts",
    ],
    ["an unknown egress mode", { egress: "vpn" }, "egress", 'must be "nat" or "public"'],
    ["an unknown architecture", { cpuArchitecture: "arm64" }, "cpuArchitecture", "ARM64"],
    [
      "a non-numeric deregistration delay",
      { deregistrationDelaySeconds: "fast" },
      "deregistrationDelaySeconds",
      "whole number",
    ],
    [
      "a health-check interval below the ALB minimum",
      { healthCheckIntervalSeconds: "2" },
      "healthCheckIntervalSeconds",
      "at least 5",
    ],
    [
      "a grace period shorter than one interval",
      { healthCheckIntervalSeconds: "30", healthCheckGracePeriodSeconds: "10" },
      "healthCheckGracePeriodSeconds",
      "at least one health-check interval",
    ],
    ["the mutable tag latest", { imageTag: "latest" }, "imageTag", "immutable"],
    [
      "a malformed stack reference",
      { persistentStack: "a/b/c/d" },
      "persistentStack",
      "stack name",
    ],
    [
      "a boolean that is not true/false",
      { httpRedirect: "yes" },
      "httpRedirect",
      '"true" or "false"',
    ],
    ["a public CIDR", { vpcCidr: "8.8.0.0/16" }, "vpcCidr", "not a private (RFC 1918) range"],
    [
      "a Container Insights switch that is not true/false",
      { containerInsights: "on" },
      "containerInsights",
      '"true" or "false"',
    ],
    ["an unknown capacity", { capacity: "FARGATE_SPOT" }, "capacity", '"on-demand" or "spot"'],
    [
      "a Spot task drained for longer than its 2-minute reclaim warning",
      { capacity: "spot", deregistrationDelaySeconds: "120" },
      "deregistrationDelaySeconds",
      "Fargate Spot stops a reclaimed task 2 minutes after its warning",
    ],
    ["a misspelt key", { desiredcount: "1" }, "desiredcount", "unknown key"],
  ])("rejects %s in one readable message", (_, raw, key, hint) => {
    const message = problemsOf(raw);
    expect(message.split("\n")[0]).toBe(
      'Stack configuration for gatus-ephemeral (stack "dev") has 1 problem:',
    );
    expect(message).toContain(`  - ${key}: `);
    expect(message).toContain(hint);
  });

  it.each([
    ["10.300.0.0/16", "octet 300 is above 255"],
    ["192.0.0.0/16", "not a private (RFC 1918) range"],
    ["172.0.0.0/16", "not a private (RFC 1918) range"],
    ["172.32.0.0/16", "inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16"],
    ["10.0.0.1/16", "host bits are set; did you mean 10.0.0.0/16?"],
    ["10.1.2.0/22", "host bits are set; did you mean 10.1.0.0/22?"],
    ["10.0.0.0/8", "/8 is outside /16 to /22 (AWS allows a VPC /16 to /28"],
    [
      "10.0.0.0/23",
      "this program's 2 /24 subnets in each of 2 availability zones need /22 or larger",
    ],
    ["10.0.0.0", "must be an IPv4 CIDR block"],
  ])("rejects the VPC CIDR %s: %s", (vpcCidr, hint) => {
    const message = problemsOf({ vpcCidr });
    expect(message).toContain("has 1 problem:");
    expect(message).toContain(`  - vpcCidr: got ${JSON.stringify(vpcCidr)}; `);
    expect(message).toContain(hint);
    expect(message).toContain("Fix: pulumi config set vpcCidr 10.0.0.0/16");
  });

  it.each([
    "10.0.0.0/16",
    "10.42.0.0/16",
    "10.0.4.0/22",
    "172.16.0.0/16",
    "172.31.0.0/20",
    "192.168.0.0/16",
  ])("accepts the VPC CIDR %s", (vpcCidr) => {
    expect(parseEphemeralConfig({ vpcCidr }, context).vpcCidr).toBe(vpcCidr);
  });

  it("reports a region @pulumi/aws does not know as given, with the regions it probably meant", () => {
    expect(problemsOf({}, { ...context, region: "eu-west" })).toContain(
      '  - aws:region: got "eu-west"; not a known AWS region (did you mean eu-west-1, eu-west-2, eu-west-3?). Fix: pulumi config set aws:region <region> (e.g. eu-west-2)',
    );
  });

  it("suggests the key a misspelt one probably meant", () => {
    expect(problemsOf({ vpcCdir: "10.0.0.0/16" })).toContain(
      "  - vpcCdir: unknown key; did you mean vpcCidr? Fix: pulumi config rm vpcCdir, then pulumi config set vpcCidr <value>",
    );
  });

  it("requires aws:region", () => {
    expect(problemsOf({}, { ...context, region: undefined })).toContain(
      "aws:region: not set; is required. Fix: pulumi config set aws:region",
    );
  });

  it.each([
    ["on-demand", "300"],
    ["spot", "119"],
  ])("capacity %s accepts a deregistration delay of %s s", (capacity, delay) => {
    expect(
      parseEphemeralConfig({ capacity, deregistrationDelaySeconds: delay }, context),
    ).toMatchObject({ capacity, deregistrationDelaySeconds: Number(delay) });
  });

  it("turns Container Insights on with containerInsights true", () => {
    expect(parseEphemeralConfig({ containerInsights: "true" }, context).containerInsights).toBe(
      true,
    );
  });

  it("lists every problem at once", () => {
    const message = problemsOf({ cpu: "256", memory: "8192", desiredCount: "3", egress: "none" });
    expect(message).toContain("has 3 problems:");
  });
});

describe("the container port is Gatus's web.port, not a setting", () => {
  const gatusConfig = (yaml: string) => readGatusConfig(yaml, "image/config.yaml");

  it("comes from image/config.yaml, the port the image's Gatus listens on", () => {
    expect(parseEphemeralConfig({}, context).containerPort).toBe(8080);
    const other = gatusConfig("web:\n  port: 9090\nendpoints:\n  - name: a\n    url: https://a\n");
    expect(parseEphemeralConfig({}, { ...context, gatusConfig: other }).containerPort).toBe(9090);
  });

  it("refuses the old containerPort key, saying where the port comes from now", () => {
    expect(problemsOf({ containerPort: "9090" })).toContain(
      "  - containerPort: no longer a setting; the container port is web.port in image/config.yaml (8080 now), which the image, the load balancer and the security groups all follow. Fix: pulumi config rm containerPort",
    );
  });

  it("refuses the old logRetentionDays key, saying the persistent stack owns the logs now", () => {
    expect(problemsOf({ logRetentionDays: "30" })).toContain(
      "  - logRetentionDays: no longer a setting; the container log group and its retention belong to the persistent stack, so the logs survive a teardown; set gatus-persistent:logRetentionDays there. Fix: pulumi config rm logRetentionDays",
    );
  });

  it("reports a web.port the task could not serve on in the same one message", () => {
    const message = problemsOf({ egress: "vpn" }, {
      ...context,
      gatusConfig: gatusConfig("web:\n  port: 80\nendpoints: []\n"),
    } as typeof context);
    expect(message).toContain("has 3 problems:");
    expect(message).toContain('  - egress: got "vpn"');
    expect(message).toMatch(
      / {2}- image\/config\.yaml: web\.port: got 80; must be a literal whole number from 1024/,
    );
    expect(message).toMatch(
      / {2}- image\/config\.yaml: endpoints: not set; Gatus refuses to start/,
    );
  });
});

describe("Fargate sizes", () => {
  it.each([
    [256, 512, true],
    [256, 2048, true],
    [512, 4096, true],
    [1024, 8192, true],
    [4096, 30720, true],
    [8192, 20480, true],
    [256, 3072, false],
    [512, 512, false],
    [8192, 18432, false],
    [333, 1024, false],
  ])("cpu %i with %i MiB valid: %s", (cpu, memory, valid) => {
    expect(isValidFargateSize(cpu, memory)).toBe(valid);
  });
});
