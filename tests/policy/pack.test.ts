import * as fs from "node:fs";
import * as path from "node:path";
import type {
  ReportViolation,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";
import * as proxyModule from "@pulumi/policy/proxy";
import { describe, expect, it, vi } from "vitest";
import { parse } from "yaml";
import { resourceArgs, stackArgs, urnOf } from "./crossguard-args";
import { albHttpIngress, ephemeralGraph, taskHttpIngressFromWorld } from "./fixtures/graphs";
import { cases } from "./fixtures/cases";
import * as f from "./fixtures/resources";
import { buildPolicies } from "./pack/policies";
import { rules } from "./rules/all";

const PACK_DIR = path.join(__dirname, "pack");
const policies = buildPolicies();
const byName = new Map(policies.map((p) => [p.name, p]));

const resourcePolicy = (id: string) => byName.get(id) as ResourceValidationPolicy;
const stackPolicy = (id: string) => byName.get(id) as StackValidationPolicy;

/** Runs a resource policy the way the engine does, collecting what it reports. */
async function runResource(
  policy: ResourceValidationPolicy,
  ...args: Parameters<typeof resourceArgs>
) {
  const report = vi.fn<ReportViolation>();
  const validations = [policy.validateResource ?? []].flat();
  for (const validate of validations) await validate(resourceArgs(...args), report);
  return report;
}

async function runStack(policy: StackValidationPolicy, ...args: Parameters<typeof stackArgs>) {
  const report = vi.fn<ReportViolation>();
  await policy.validateStack(stackArgs(...args), report);
  return report;
}

describe("pack directory (what `pulumi preview --policy-pack tests/policy/pack` loads)", () => {
  it("PulumiPolicy.yaml declares the nodejs runtime and a description", () => {
    const project = parse(
      fs.readFileSync(path.join(PACK_DIR, "PulumiPolicy.yaml"), "utf8"),
    ) as Record<string, unknown>;
    expect(project.runtime).toBe("nodejs");
    expect(typeof project.description).toBe("string");
    expect(String(project.description).length).toBeGreaterThan(20);
  });

  it("package.json has the version PolicyPack reads at start-up, and stays CommonJS", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")) as Record<
      string,
      unknown
    >;
    expect(pkg.name).toBe("gatus-policies");
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.type).toBeUndefined();
    // No "main": Node then resolves the directory to index.ts once the CLI has registered ts-node.
    expect(pkg.main).toBeUndefined();
    expect(fs.existsSync(path.join(PACK_DIR, "index.ts"))).toBe(true);
  });

  it("index.ts constructs the pack named gatus-policies from buildPolicies()", () => {
    const source = fs.readFileSync(path.join(PACK_DIR, "index.ts"), "utf8");
    expect(source).toMatch(/import \{ buildPolicies \} from "\.\/policies"/);
    expect(source).toMatch(/new PolicyPack\("gatus-policies", \{ policies: buildPolicies\(\) \}\)/);
    expect(source.match(/new PolicyPack\(/g)).toHaveLength(1);
  });
});

describe("buildPolicies registers every rule at its level", () => {
  it("one policy per rule, named by the rule id", () => {
    expect(policies.map((p) => p.name)).toEqual(rules.map((r) => r.id));
  });

  it.each(rules.map((r) => [r.id, r.level, r] as const))("%s is %s", (id, level, rule) => {
    const policy = byName.get(id);
    expect(policy?.enforcementLevel).toBe(level);
    expect(policy?.description).toContain(rule.description);
    expect(policy?.description).toContain(rule.control);
    if (rule.kind === "graph") expect(policy).toHaveProperty("validateStack");
    else expect(policy).toHaveProperty("validateResource");
  });
});

const resourceRules = rules.filter((r) => r.kind === "resource");
const graphRules = rules.filter((r) => r.kind === "graph");

describe("resource policies called with hand-built CrossGuard args", () => {
  it.each(resourceRules.map((r) => [r.id, r] as const))(
    "%s reports the failing fixture",
    async (id) => {
      const failing = cases[id]?.failing[0];
      if (failing === undefined) throw new Error(`no failing fixture for ${id}`);
      const report = await runResource(resourcePolicy(id), failing);
      expect(report).toHaveBeenCalled();
      expect(report.mock.calls[0]?.[0]).toContain(`"${failing.name}"`);
    },
  );

  it.each(resourceRules.map((r) => [r.id, r] as const))(
    "%s accepts the passing fixture",
    async (id) => {
      for (const passing of cases[id]?.passing ?? []) {
        expect(await runResource(resourcePolicy(id), passing)).not.toHaveBeenCalled();
      }
    },
  );

  it("ignores resources of other types", async () => {
    const report = await runResource(
      resourcePolicy("ecr-scan-on-push"),
      f.logGroup({ retentionInDays: undefined }),
    );
    expect(report).not.toHaveBeenCalled();
  });

  it("honours the ALB port-80 exception, and only for the ALB security group", async () => {
    const policy = resourcePolicy("sg-no-http-from-world");
    expect(await runResource(policy, albHttpIngress)).not.toHaveBeenCalled();
    expect(await runResource(policy, taskHttpIngressFromWorld)).toHaveBeenCalledTimes(1);
  });

  it("honours the redirect-listener exception for ELB.18", async () => {
    expect(
      await runResource(resourcePolicy("elb-listener-uses-https"), f.httpListener()),
    ).not.toHaveBeenCalled();
  });
});

describe("stack policies called with hand-built CrossGuard args", () => {
  it.each(graphRules.map((r) => [r.id, r] as const))(
    "%s reports the failing graph against the offending resource's URN",
    async (id) => {
      const failing = cases[id]?.failing ?? [];
      const report = await runStack(stackPolicy(id), failing);
      expect(report).toHaveBeenCalled();
      const urns = failing.map(urnOf);
      for (const [, urn] of report.mock.calls) expect(urns).toContain(urn);
    },
  );

  it.each(graphRules.map((r) => [r.id, r] as const))("%s accepts the passing graph", async (id) => {
    expect(await runStack(stackPolicy(id), cases[id]?.passing ?? [])).not.toHaveBeenCalled();
  });

  it("the whole compliant ephemeral graph passes every stack policy", async () => {
    for (const rule of graphRules) {
      expect(await runStack(stackPolicy(rule.id), ephemeralGraph)).not.toHaveBeenCalled();
    }
  });
});

// The engine hands policies a proxy that throws on values unknown during preview; it turns the
// throw into an advisory "can't run during preview" and checks again at `up`. @pulumi/policy's
// proxy module is internal (its .d.ts is stripped), hence the cast.
const proxy = proxyModule as unknown as {
  unknownCheckingProxy<T extends object>(o: T): T;
  unknownStringValue: string;
  UnknownValueError: new (...args: unknown[]) => Error;
};

describe("values unknown during preview", () => {
  it("a graph rule links the WAF association by dependency without reading the unknown ARN", async () => {
    const alb = f.loadBalancer({}, { outputs: {} });
    const association = f.wafAssociation(proxy.unknownStringValue);
    const report = await runStack(
      stackPolicy("elb-alb-waf-associated"),
      [alb, association],
      { [association.name]: [alb.name] },
      (r) => proxy.unknownCheckingProxy({ ...r.inputs }),
    );
    expect(report).not.toHaveBeenCalled();
  });

  it("a resource rule lets the engine's UnknownValueError through instead of guessing", async () => {
    const td = f.taskDefinition();
    const props = proxy.unknownCheckingProxy({
      ...td.inputs,
      containerDefinitions: proxy.unknownStringValue,
    });
    await expect(
      runResource(resourcePolicy("ecs-task-non-root-user"), td, props),
    ).rejects.toBeInstanceOf(proxy.UnknownValueError);
  });
});
