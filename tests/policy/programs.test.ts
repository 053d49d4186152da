/**
 * The rules over both programs' real resource graphs, recorded by the shared offline engine
 * (tests/engine) with the example config: what `pulumi preview --policy-pack` would report,
 * without credentials.
 */
import { describe, expect, it } from "vitest";
import type { Graph } from "../engine/run-program";
import { testGraphs } from "../report/test-graphs";
import { evaluate } from "./exceptions";

const summary = (graph: Graph) => {
  const report = evaluate(graph.resources);
  return {
    mandatory: report.mandatory.map((f) => `${f.ruleId}: ${f.message}`),
    advisory: report.advisory.map((f) => f.ruleId),
    excepted: report.excepted.map((f) => [f.ruleId, f.resourceType]).sort(),
  };
};

describe("policy rules over the programs' mocked graphs", () => {
  it("persistent: no findings", async () => {
    const { persistent } = await testGraphs();
    expect(summary(persistent)).toEqual({ mandatory: [], advisory: [], excepted: [] });
  });

  it("ephemeral (egress nat): no mandatory or advisory findings, only the three declared exceptions", async () => {
    const { ephemeral } = await testGraphs();
    expect(summary(ephemeral)).toEqual({
      mandatory: [],
      advisory: [],
      excepted: [
        ["ecs-cluster-container-insights", "aws:ecs/cluster:Cluster"],
        ["elb-listener-uses-https", "aws:lb/listener:Listener"],
        ["sg-no-http-from-world", "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"],
      ],
    });
  });

  it("ephemeral with containerInsights and Fargate Spot: ECS.12 passes, nothing else changes", async () => {
    const { ephemeral } = await testGraphs({
      ephemeral: {
        "gatus-ephemeral:containerInsights": "true",
        "gatus-ephemeral:capacity": "spot",
      },
    });
    expect(summary(ephemeral)).toEqual({
      mandatory: [],
      advisory: [],
      excepted: [
        ["elb-listener-uses-https", "aws:lb/listener:Listener"],
        ["sg-no-http-from-world", "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"],
      ],
    });
  });

  it("ephemeral (egress public): the public IP is an advisory finding, not a mandatory one", async () => {
    const { ephemeral } = await testGraphs({ ephemeral: { "gatus-ephemeral:egress": "public" } });
    const result = summary(ephemeral);
    expect(result.mandatory).toEqual([]);
    expect(result.advisory).toEqual(["ecs-service-public-ip-acknowledged"]);
  });

  it("ephemeral with every audit trail turned off: each control is a declared exception with the reason given", async () => {
    const reason = "throwaway load test stack";
    const off = {
      albAccessLogs: reason,
      vpcFlowLogs: reason,
      wafLogging: reason,
      defaultSecurityGroup: reason,
    };
    const { ephemeral } = await testGraphs({
      ephemeral: { "gatus-ephemeral:auditTrailsOff": JSON.stringify(off) },
    });
    const report = evaluate(ephemeral.resources);
    expect(report.mandatory).toEqual([]);
    const trails = report.excepted.filter(
      (e) =>
        ![
          "elb-listener-uses-https",
          "sg-no-http-from-world",
          "ecs-cluster-container-insights",
        ].includes(e.ruleId),
    );
    expect(trails.map((e) => [e.ruleId, e.resourceType]).sort()).toEqual([
      ["elb-alb-access-logs-enabled", "aws:lb/loadBalancer:LoadBalancer"],
      ["vpc-default-security-group-closed", "awsx:ec2:Vpc"],
      ["vpc-flow-logs-enabled", "awsx:ec2:Vpc"],
      ["waf-web-acl-logging-enabled", "aws:wafv2/webAcl:WebAcl"],
    ]);
    for (const e of trails) expect(e.reason).toContain(`"${reason}"`);
  });
});
