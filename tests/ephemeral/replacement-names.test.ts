// Lesson 15 (tests/helpers/replacements.ts): for every setting that reaches the ephemeral
// program, this runs it with another value and checks each named resource against its type's
// replacement-forcing inputs: if one changed, the name changed too, or AWS or Pulumi generates it.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { EPHEMERAL_CONFIG_KEYS } from "../../ephemeral/config";
import type { Graph } from "../engine/run-program";
import { FULL_CONTRACT } from "../helpers/contract-fixture";
import { EPHEMERAL_NAMED_TYPES as TYPES } from "../helpers/named-types";
import { replacedBySetting, replacements, unlistedNamedTypes } from "../helpers/replacements";
import { TEST_PERSISTENT_STACK, type ConfigOverrides } from "../helpers/test-stacks";
import { runEphemeral } from "./run";

// image/config.yaml's web.port is the container port: a setting too, though in a file.
const gatus = vi.hoisted(() => ({ port: undefined as number | undefined }));
vi.mock("../../ephemeral/gatus-config", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../ephemeral/gatus-config")>();
  return {
    ...actual,
    readGatusConfig: (...args: Parameters<typeof actual.readGatusConfig>) => {
      const read = actual.readGatusConfig(...args);
      return read.ok && gatus.port !== undefined
        ? { ...read, config: { ...read.config, port: gatus.port } }
        : read;
    },
  };
});

const OTHER_PERSISTENT_STACK = "acme/gatus-persistent/other";
const key = (k: string) => `gatus-ephemeral:${k}`;

/** Another valid value for every setting (cpu and memory move together: Fargate pairs them). */
const VARIANTS: Record<(typeof EPHEMERAL_CONFIG_KEYS)[number] | "web.port", ConfigOverrides> = {
  persistentStack: { [key("persistentStack")]: OTHER_PERSISTENT_STACK },
  egress: { [key("egress")]: "public" },
  desiredCount: { [key("desiredCount")]: "0" },
  cpu: { [key("cpu")]: "512", [key("memory")]: "1024" },
  memory: { [key("memory")]: "1024" },
  cpuArchitecture: { [key("cpuArchitecture")]: "X86_64" },
  deregistrationDelaySeconds: { [key("deregistrationDelaySeconds")]: "30" },
  healthCheckIntervalSeconds: { [key("healthCheckIntervalSeconds")]: "10" },
  healthCheckGracePeriodSeconds: { [key("healthCheckGracePeriodSeconds")]: "30" },
  wafRateLimit: { [key("wafRateLimit")]: "300" },
  imageTag: { [key("imageTag")]: "v2" },
  httpRedirect: { [key("httpRedirect")]: "false" },
  vpcCidr: { [key("vpcCidr")]: "10.42.0.0/16" },
  containerInsights: { [key("containerInsights")]: "true" },
  capacity: { [key("capacity")]: "spot" },
  auditTrailsOff: {
    [key("auditTrailsOff")]: JSON.stringify({
      albAccessLogs: "load test stack torn down within the hour",
      vpcFlowLogs: "load test stack torn down within the hour",
      wafLogging: "load test stack torn down within the hour",
      defaultSecurityGroup: "load test stack torn down within the hour",
    }),
  },
  "web.port": {},
};
type Setting = keyof typeof VARIANTS;

/** The named resources each change replaces; every other change replaces none. */
const EXPECTED_REPLACEMENTS: Partial<Record<Setting, string[]>> = {
  cpu: ["aws:ecs/taskDefinition:TaskDefinition gatus"],
  memory: ["aws:ecs/taskDefinition:TaskDefinition gatus"],
  cpuArchitecture: ["aws:ecs/taskDefinition:TaskDefinition gatus"],
  imageTag: ["aws:ecs/taskDefinition:TaskDefinition gatus"],
  vpcCidr: [
    "aws:ec2/securityGroup:SecurityGroup alb",
    "aws:ec2/securityGroup:SecurityGroup efs",
    "aws:ec2/securityGroup:SecurityGroup task",
    "aws:lb/loadBalancer:LoadBalancer alb",
    "aws:lb/targetGroup:TargetGroup gatus",
  ],
  "web.port": [
    "aws:ecs/taskDefinition:TaskDefinition gatus",
    "aws:lb/targetGroup:TargetGroup gatus",
  ],
};

let base: Graph;
const variants = new Map<Setting, Graph>();
beforeAll(async () => {
  const stacks = {
    // Every option of the persistent stack on (alerting, history), so every named resource is seen.
    [TEST_PERSISTENT_STACK]: { ...FULL_CONTRACT },
    [OTHER_PERSISTENT_STACK]: { ...FULL_CONTRACT },
  };
  base = await runEphemeral({}, { stacks });
  for (const setting of Object.keys(VARIANTS) as Setting[]) {
    gatus.port = setting === "web.port" ? 9090 : undefined;
    variants.set(setting, await runEphemeral(VARIANTS[setting], { stacks }));
  }
  gatus.port = undefined;
}, 120_000);

describe("replacements never collide with the names they replace", () => {
  it("tries another value for every config key, and for image/config.yaml's web.port", () => {
    expect(Object.keys(VARIANTS).sort()).toEqual([...EPHEMERAL_CONFIG_KEYS, "web.port"].sort());
  });

  it("knows what replaces every named resource type the program creates (named-types.ts)", () => {
    expect(unlistedNamedTypes([base, ...variants.values()], TYPES)).toEqual({
      unlisted: [],
      unused: [],
    });
  });

  it.each(Object.keys(VARIANTS) as Setting[])(
    "another %s replaces a named resource only under a new or generated name",
    (setting) => {
      expect(replacements(base, variants.get(setting)!, TYPES).colliding).toEqual([]);
    },
  );

  it("sees the replacements each change causes (the test would pass vacuously otherwise)", () => {
    const seen = replacedBySetting(base, variants, TYPES);
    expect(seen).toEqual(EXPECTED_REPLACEMENTS);
  });

  it("fails on a fixed name that a replacement-forcing change keeps", () => {
    const vpcCidr = variants.get("vpcCidr")!;
    const withFixedName = (g: Graph): Graph => ({
      ...g,
      resources: g.resources.map((r) =>
        r.type === "aws:lb/targetGroup:TargetGroup"
          ? { ...r, inputs: { ...r.inputs, name: "gatus-dev-tg" } }
          : r,
      ),
    });
    expect(replacements(withFixedName(base), withFixedName(vpcCidr), TYPES).colliding).toContain(
      "aws:lb/targetGroup:TargetGroup gatus: vpcId changed, name did not",
    );
  });
});
