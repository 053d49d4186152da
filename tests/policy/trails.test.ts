/**
 * Audit trails turned off by config: the finding becomes a declared exception carrying the
 * reason the stack gave, and only for the rule and the resource the waiver names.
 */
import { describe, expect, it } from "vitest";
import { evaluate } from "./exceptions";
import { fromEngineResource } from "./pack/policies";
import * as f from "./fixtures/resources";
import * as t from "./fixtures/trails";
import {
  vpcDefaultSecurityGroupClosed,
  vpcFlowLogsEnabled,
  WAIVER_TAG_PREFIX,
} from "./rules/trails";
import { violationsOf } from "./exceptions";

const waived = (ruleId: string, reason: string) => ({ [`${WAIVER_TAG_PREFIX}${ruleId}`]: reason });

describe("audit trails turned off by config", () => {
  it("a VPC without flow logs, waived with a reason, is excepted with that reason", () => {
    const reason = "dev stack: no incident review needed";
    const report = evaluate([
      t.vpc(waived("vpc-flow-logs-enabled", reason)),
      t.defaultSecurityGroup(),
    ]);
    expect(report.mandatory).toEqual([]);
    expect(report.excepted).toEqual([
      expect.objectContaining({
        ruleId: "vpc-flow-logs-enabled",
        control: "FSBP EC2.6 / CKV2_AWS_11",
        reason: expect.stringContaining(`"${reason}"`),
      }),
    ]);
  });

  it("the same VPC without the waiver is a mandatory finding", () => {
    const report = evaluate([t.vpc(), t.defaultSecurityGroup()]);
    expect(report.mandatory.map((m) => m.ruleId)).toEqual(["vpc-flow-logs-enabled"]);
  });

  it("a waiver for one rule does not excuse another", () => {
    const report = evaluate([t.vpc(waived("vpc-flow-logs-enabled", "cost")), t.flowLog()]);
    expect(report.mandatory.map((m) => m.ruleId)).toEqual(["vpc-default-security-group-closed"]);
  });

  it("an empty waiver is no waiver", () => {
    const report = evaluate([
      t.vpc(waived("vpc-flow-logs-enabled", "  ")),
      t.defaultSecurityGroup(),
    ]);
    expect(report.mandatory.map((m) => m.ruleId)).toEqual(["vpc-flow-logs-enabled"]);
  });

  it.each([
    [
      "elb-alb-access-logs-enabled",
      [f.loadBalancer({ tags: waived("elb-alb-access-logs-enabled", "no S3") })],
    ],
    ["waf-web-acl-logging-enabled", [t.webAcl(waived("waf-web-acl-logging-enabled", "no S3"))]],
  ])("%s: waived on its own resource, excepted with the reason", (ruleId, graph) => {
    const report = evaluate(graph);
    expect(report.mandatory.filter((m) => m.ruleId === ruleId)).toEqual([]);
    expect(report.excepted.map((e) => [e.ruleId, e.reason])).toEqual([
      [ruleId, expect.stringContaining('"no S3"')],
    ]);
  });

  it("a default security group with rules is a finding even when the VPC waives the rule", () => {
    const open = t.defaultSecurityGroup({
      ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }],
    });
    const report = evaluate([
      t.vpc(waived("vpc-default-security-group-closed", "x")),
      open,
      t.flowLog(),
    ]);
    expect(report.mandatory.map((m) => [m.ruleId, m.resourceName])).toEqual([
      ["vpc-default-security-group-closed", "default-security-group"],
    ]);
  });
});

describe("VPC rules in CrossGuard: the awsx component answers for its aws.ec2.Vpc child", () => {
  const engine = (type: string, name: string, props: Record<string, unknown>, parent?: string) =>
    fromEngineResource({
      type,
      name,
      urn: `urn:pulumi:dev::gatus-ephemeral::${type}::${name}`,
      props,
      dependencies: [],
      propertyDependencies: {},
      ...(parent ? { parent: { urn: parent } } : {}),
    } as unknown as Parameters<typeof fromEngineResource>[0]);
  const component = engine("awsx:ec2:Vpc", "vpc", { vpcId: t.VPC_ID });
  const child = engine("aws:ec2/vpc:Vpc", "vpc", { cidrBlock: "10.0.0.0/16" }, component.urn);

  it("a child VPC is not judged on its own", () => {
    const graph = [component, child, t.flowLog(), t.defaultSecurityGroup()];
    expect(violationsOf(vpcFlowLogsEnabled, graph)).toEqual([]);
    expect(violationsOf(vpcDefaultSecurityGroupClosed, graph)).toEqual([]);
  });

  it("a plain VPC with no parent component is judged", () => {
    const orphan = engine("aws:ec2/vpc:Vpc", "other", { cidrBlock: "10.1.0.0/16" });
    expect(violationsOf(vpcFlowLogsEnabled, [orphan]).map((v) => v.resource.name)).toEqual([
      "other",
    ]);
  });
});
