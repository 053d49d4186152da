import { describe, expect, it } from "vitest";
import { WAIVER_TAG_PREFIX as PACK_WAIVER_PREFIX } from "../policy/rules/trails";
import { AUDIT_TRAILS, WAIVER_TAG_PREFIX } from "../../ephemeral/audit-trails-config";
import { VALID_CONTRACT } from "../helpers/contract-fixture";
import { one, ofType } from "../helpers/graph";
import { runEphemeral } from "./run";

const BUCKET_ARN = VALID_CONTRACT.logBucketArn;
const off = (trails: Record<string, string>) => ({
  "gatus-ephemeral:auditTrailsOff": JSON.stringify(trails),
});
const REASON = "short-lived load test stack";

describe("audit trails, on by default", () => {
  it("the ALB writes access logs under its own prefix of the persistent log bucket", async () => {
    const alb = one(await runEphemeral(), "aws:lb/loadBalancer:LoadBalancer").inputs;
    expect(alb.accessLogs).toEqual({
      enabled: true,
      bucket: VALID_CONTRACT.logBucketName,
      prefix: "alb-access-logs",
    });
  });

  it("the VPC's flow log records all traffic straight to S3 (no IAM role), under its prefix", async () => {
    const graph = await runEphemeral();
    const flowLog = one(graph, "aws:ec2/flowLog:FlowLog").inputs;
    expect(flowLog).toMatchObject({
      trafficType: "ALL",
      logDestinationType: "s3",
      logDestination: `${BUCKET_ARN}/vpc-flow-logs`,
    });
    expect(flowLog.iamRoleArn).toBeUndefined();
    expect(String(flowLog.vpcId)).toMatch(/^vpc-/);
  });

  it("the VPC's default security group is adopted with no rules at all", async () => {
    const sg = one(await runEphemeral(), "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup");
    expect(sg.inputs).toMatchObject({ ingress: [], egress: [] });
    expect(String(sg.inputs.vpcId)).toMatch(/^vpc-/);
  });

  it("WAF logs to the aws-waf-logs- bucket with the authorization and cookie headers redacted", async () => {
    const graph = await runEphemeral();
    const logging = one(
      graph,
      "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
    ).inputs;
    expect(logging.logDestinationConfigs).toEqual([BUCKET_ARN]);
    expect(BUCKET_ARN).toMatch(/^arn:aws:s3:::aws-waf-logs-/);
    expect(logging.redactedFields).toEqual([
      { singleHeader: { name: "authorization" } },
      { singleHeader: { name: "cookie" } },
    ]);
    expect(String(logging.resourceArn)).toContain(":regional/webacl/");
  });

  it("no waiver tag anywhere when every trail is on", async () => {
    const graph = await runEphemeral();
    const tagged = graph.resources.filter((r) =>
      Object.keys((r.inputs.tags as Record<string, string> | undefined) ?? {}).some((k) =>
        k.startsWith(WAIVER_TAG_PREFIX),
      ),
    );
    expect(tagged).toEqual([]);
  });
});

describe("audit trails turned off by config, each with its reason", () => {
  it("the program's waiver tag is the one the policy pack reads", () => {
    expect(WAIVER_TAG_PREFIX).toBe(PACK_WAIVER_PREFIX);
  });

  it.each([
    ["albAccessLogs", "aws:lb/loadBalancer:LoadBalancer", undefined],
    ["vpcFlowLogs", "awsx:ec2:Vpc", "aws:ec2/flowLog:FlowLog"],
    ["defaultSecurityGroup", "awsx:ec2:Vpc", "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"],
    [
      "wafLogging",
      "aws:wafv2/webAcl:WebAcl",
      "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
    ],
  ] as const)(
    "%s off: %s carries the reason, the trail is gone",
    async (trail, taggedType, gone) => {
      const graph = await runEphemeral(off({ [trail]: REASON }));
      const tags = one(graph, taggedType).inputs.tags as Record<string, string>;
      expect(tags[`${WAIVER_TAG_PREFIX}${AUDIT_TRAILS[trail]}`]).toBe(REASON);
      if (gone) expect(ofType(graph, gone)).toEqual([]);
      else expect(one(graph, taggedType).inputs.accessLogs).toMatchObject({ enabled: false });
    },
  );

  it("turning one trail off leaves the others on", async () => {
    const graph = await runEphemeral(off({ wafLogging: REASON }));
    expect(ofType(graph, "aws:ec2/flowLog:FlowLog")).toHaveLength(1);
    expect(ofType(graph, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup")).toHaveLength(1);
    expect(one(graph, "aws:lb/loadBalancer:LoadBalancer").inputs.accessLogs).toMatchObject({
      enabled: true,
    });
  });

  it("a trail turned off without a reason is refused, naming the trail and the fix", async () => {
    await expect(runEphemeral(off({ vpcFlowLogs: "" }))).rejects.toThrow(
      /auditTrailsOff\.vpcFlowLogs: .*needs a reason .*Fix: pulumi config set --path 'auditTrailsOff\.vpcFlowLogs'/,
    );
  });

  it("an unknown trail is refused with the list of trails", async () => {
    await expect(runEphemeral(off({ accessLogs: REASON }))).rejects.toThrow(
      /unknown trail "accessLogs"; the trails are albAccessLogs, vpcFlowLogs, wafLogging, defaultSecurityGroup/,
    );
  });
});
