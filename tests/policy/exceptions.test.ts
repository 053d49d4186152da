import { describe, expect, it } from "vitest";
import { evaluate, exceptionFor, exceptions, isLoadBalancerName } from "./exceptions";
import {
  albHttpIngress,
  ephemeralGraph,
  persistentGraph,
  taskHttpIngressFromWorld,
} from "./fixtures/graphs";
import * as f from "./fixtures/resources";
import { rules } from "./rules/all";

describe("declared exceptions", () => {
  it.each(exceptions.map((e) => [e.ruleId, e.resourceType, e] as const))(
    "%s on %s refers to a rule that covers the type, and says why",
    (_ruleId, _type, exception) => {
      const rule = rules.find((r) => r.id === exception.ruleId);
      expect(rule).toBeDefined();
      expect(rule?.resourceTypes).toContain(exception.resourceType);
      expect(exception.reason.length).toBeGreaterThan(40);
    },
  );

  it("every exception is used by the compliant graphs (no stale exceptions)", () => {
    const excepted = evaluate([...persistentGraph, ...ephemeralGraph]).excepted;
    const used = new Set(excepted.map((e) => e.ruleId));
    // Waivers of audit trails apply only where a stack turned a trail off (tests/policy/trails.test.ts).
    const declared = exceptions.filter((e) => e.givenReason === undefined);
    expect([...new Set(declared.map((e) => e.ruleId))].every((id) => used.has(id))).toBe(true);
  });
});

describe("ALB security group: port 80 open to the internet is a deliberate exception", () => {
  it("lands in excepted with its reason, not in mandatory", () => {
    const report = evaluate([albHttpIngress]);
    expect(report.mandatory).toEqual([]);
    expect(report.excepted).toEqual([
      expect.objectContaining({
        ruleId: "sg-no-http-from-world",
        control: "CKV_AWS_260",
        resourceName: "alb-http",
        reason: expect.stringContaining("301 redirect to HTTPS"),
      }),
    ]);
  });

  it("the same port 80 open to the internet on the TASK security group is mandatory", () => {
    const report = evaluate([taskHttpIngressFromWorld]);
    expect(report.excepted).toEqual([]);
    expect(report.mandatory.map((m) => [m.ruleId, m.resourceName])).toEqual([
      ["sg-no-http-from-world", "task-http"],
    ]);
  });

  it("an ALB-named group opening a range that includes 80 is not excepted", () => {
    const wide = f.ingressRule("alb-http", { fromPort: 0, toPort: 1024 });
    expect(exceptionFor("sg-no-http-from-world", wide)).toBeUndefined();
    expect(evaluate([wide]).mandatory.map((m) => m.ruleId)).toEqual(
      expect.arrayContaining(["sg-no-http-from-world", "sg-no-high-risk-port-from-world"]),
    );
  });

  it("applies to inline ingress of an ALB security group too, but only for the port-80 rule", () => {
    const sg = f.securityGroup("gatus-alb-sg", {
      ingress: [
        { protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["0.0.0.0/0"] },
        { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] },
      ],
    });
    const report = evaluate([sg]);
    expect(report.excepted.map((e) => e.ruleId)).toEqual(["sg-no-http-from-world"]);
    expect(report.mandatory.map((m) => m.ruleId).sort()).toEqual([
      "sg-no-high-risk-port-from-world",
      "sg-unrestricted-ingress-only-80-443",
    ]);
  });

  it.each([
    ["alb", true],
    ["alb-http", true],
    ["gatus-alb-sg", true],
    ["albHttpIngress", true],
    ["gatus-lb-http", true],
    ["load-balancer-http", true],
    ["task-http", false],
    ["tasks", false],
    ["album-http", false],
    ["gatus-http", false],
  ])("logical name %s marks the load balancer: %s", (name, expected) => {
    expect(isLoadBalancerName(name)).toBe(expected);
  });
});

describe("HTTP redirect listener: ELB.18 is a deliberate exception", () => {
  it("the redirect-only HTTP listener lands in excepted with its reason", () => {
    const report = evaluate([f.httpListener()]);
    expect(report.mandatory).toEqual([]);
    expect(report.excepted).toEqual([
      expect.objectContaining({
        ruleId: "elb-listener-uses-https",
        control: "FSBP ELB.18 / CKV_AWS_378",
        reason: expect.stringContaining("301"),
      }),
    ]);
  });

  it("an HTTP listener that forwards is not excepted (and also fails ELB.1)", () => {
    const forwarding = f.httpListener({
      defaultActions: [{ type: "forward", targetGroupArn: "arn:tg" }],
    });
    const report = evaluate([forwarding]);
    expect(report.excepted).toEqual([]);
    expect(report.mandatory.map((m) => m.ruleId).sort()).toEqual([
      "elb-http-listener-redirects-to-https",
      "elb-listener-uses-https",
    ]);
  });
});

describe("Container Insights off: ECS.12 is a deliberate exception", () => {
  it("the program's cluster with containerInsights disabled lands in excepted with the user's reason", () => {
    const report = evaluate([f.cluster()]);
    expect(report.mandatory).toEqual([]);
    expect(report.excepted).toEqual([
      expect.objectContaining({
        ruleId: "ecs-cluster-container-insights",
        control: "FSBP ECS.12 / CKV_AWS_65",
        resourceName: "gatus",
        reason: expect.stringContaining("pulumi config set containerInsights true"),
      }),
    ]);
  });

  it("a cluster that leaves the setting unset (the account's default decides) is mandatory", () => {
    const report = evaluate([f.cluster({ settings: [] })]);
    expect(report.excepted).toEqual([]);
    expect(report.mandatory.map((m) => m.ruleId)).toEqual(["ecs-cluster-container-insights"]);
  });

  it("another cluster with it disabled is mandatory: the exception is for the program's own", () => {
    const report = evaluate([f.cluster({}, "batch")]);
    expect(report.excepted).toEqual([]);
    expect(report.mandatory.map((m) => m.resourceName)).toEqual(["batch"]);
  });

  it("enabled or enhanced passes without an exception", () => {
    for (const value of ["enabled", "enhanced"])
      expect(evaluate([f.cluster({ settings: [{ name: "containerInsights", value }] })])).toEqual({
        mandatory: [],
        advisory: [],
        excepted: [],
      });
  });
});

describe("compliant graphs of both programs", () => {
  it("persistent: no findings at all", () => {
    expect(evaluate(persistentGraph)).toEqual({ mandatory: [], advisory: [], excepted: [] });
  });

  it("ephemeral: no mandatory or advisory findings; exactly the three declared exceptions", () => {
    const report = evaluate(ephemeralGraph);
    expect(report.mandatory).toEqual([]);
    expect(report.advisory).toEqual([]);
    expect(report.excepted.map((e) => [e.ruleId, e.resourceName]).sort()).toEqual([
      ["ecs-cluster-container-insights", "gatus"],
      ["elb-listener-uses-https", "alb-http"],
      ["sg-no-http-from-world", "alb-http"],
    ]);
  });

  it("ephemeral in egress mode public: one advisory finding, still no mandatory one", () => {
    const publicService = f.service({
      networkConfiguration: {
        subnets: ["subnet-public-a"],
        securityGroups: ["sg-task"],
        assignPublicIp: true,
      },
      tags: { "gatus:egress": "public" },
    });
    const graph = ephemeralGraph.map((r) => (r.type === publicService.type ? publicService : r));
    const report = evaluate(graph);
    expect(report.mandatory).toEqual([]);
    expect(report.advisory.map((a) => a.ruleId)).toEqual(["ecs-service-public-ip-acknowledged"]);
  });
});
