// Lesson 15: a fixed physical name plus a change that forces replacement collides with the
// resource being replaced (DuplicateTargetGroupName, InvalidGroup.Duplicate), because Pulumi
// creates the replacement first. For every setting that reaches the program, this runs it with
// another value and checks each named resource against its type's replacement-forcing inputs
// (named-types.ts): if one changed, the name changed too, or AWS or Pulumi generates it.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { EPHEMERAL_CONFIG_KEYS } from "../../ephemeral/config";
import type { Graph, RecordedResource } from "../engine/run-program";
import { VALID_CONTRACT } from "../helpers/contract-fixture";
import { TEST_PERSISTENT_STACK, type ConfigOverrides } from "../helpers/test-stacks";
import { NAMED_TYPES } from "./named-types";
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
  logRetentionDays: { [key("logRetentionDays")]: "90" },
  deregistrationDelaySeconds: { [key("deregistrationDelaySeconds")]: "30" },
  healthCheckIntervalSeconds: { [key("healthCheckIntervalSeconds")]: "10" },
  healthCheckGracePeriodSeconds: { [key("healthCheckGracePeriodSeconds")]: "30" },
  wafRateLimit: { [key("wafRateLimit")]: "300" },
  imageTag: { [key("imageTag")]: "v2" },
  httpRedirect: { [key("httpRedirect")]: "false" },
  vpcCidr: { [key("vpcCidr")]: "10.42.0.0/16" },
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
    "aws:ec2/securityGroup:SecurityGroup task",
    "aws:lb/loadBalancer:LoadBalancer alb",
    "aws:lb/targetGroup:TargetGroup gatus",
  ],
  "web.port": [
    "aws:ecs/taskDefinition:TaskDefinition gatus",
    "aws:lb/targetGroup:TargetGroup gatus",
  ],
};

const label = (r: RecordedResource) => `${r.type} ${r.name}`;
const at = (inputs: Record<string, unknown>, path: string): unknown =>
  path
    .split(".")
    .reduce<unknown>(
      (v, k) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[k] : v),
      inputs,
    );
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
/** It is given a name, or its type is one that has one (an auto-named one shows no input). */
const isNamed = (r: RecordedResource) =>
  r.custom &&
  !r.type.startsWith("pulumi:") &&
  (["name", "namePrefix", "family"].some((k) => r.inputs[k] !== undefined) ||
    NAMED_TYPES[r.type] !== undefined);
/** AWS (namePrefix) or Pulumi (no name at all) picks a fresh name for each replacement. */
const isGenerated = (r: RecordedResource) => r.inputs.name === undefined;

/** The named resources of `before` that `after` replaces, and those it replaces under a name still in use. */
function replacements(before: Graph, after: Graph) {
  const next = new Map(after.resources.map((r) => [r.urn, r]));
  const replaced: RecordedResource[] = [];
  const colliding: string[] = [];
  for (const old of before.resources.filter(isNamed)) {
    const now = next.get(old.urn);
    const type = NAMED_TYPES[old.type];
    if (now === undefined || type === undefined) continue;
    const forcing = type.replacedBy.filter((p) => !same(at(old.inputs, p), at(now.inputs, p)));
    const revision = type.unique === "revisions";
    if (forcing.length === 0 && !(revision && !same(old.inputs, now.inputs))) continue;
    replaced.push(old);
    if (type.unique === "revisions" || isGenerated(now)) continue;
    const unique = type.unique;
    const identity = (r: RecordedResource) => unique.map((p) => at(r.inputs, p));
    if (same(identity(old), identity(now))) {
      colliding.push(`${label(old)}: ${forcing.join(", ")} changed, ${unique.join(", ")} did not`);
    }
  }
  return { replaced, colliding };
}

let base: Graph;
const variants = new Map<Setting, Graph>();
beforeAll(async () => {
  const stacks = {
    [TEST_PERSISTENT_STACK]: { ...VALID_CONTRACT },
    [OTHER_PERSISTENT_STACK]: { ...VALID_CONTRACT },
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
    const types = new Set(
      [base, ...variants.values()].flatMap((g) => g.resources.filter(isNamed).map((r) => r.type)),
    );
    expect([...types].filter((t) => NAMED_TYPES[t] === undefined)).toEqual([]);
    expect(Object.keys(NAMED_TYPES).filter((t) => !types.has(t))).toEqual([]);
  });

  it.each(Object.keys(VARIANTS) as Setting[])(
    "another %s replaces a named resource only under a new or generated name",
    (setting) => {
      expect(replacements(base, variants.get(setting)!).colliding).toEqual([]);
    },
  );

  it("sees the replacements each change causes (the test would pass vacuously otherwise)", () => {
    const seen = Object.fromEntries(
      [...variants].flatMap(([setting, graph]) => {
        const replaced = replacements(base, graph).replaced.map(label).sort();
        return replaced.length > 0 ? [[setting, replaced]] : [];
      }),
    );
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
    expect(replacements(withFixedName(base), withFixedName(vpcCidr)).colliding).toContain(
      "aws:lb/targetGroup:TargetGroup gatus: vpcId changed, name did not",
    );
  });
});
