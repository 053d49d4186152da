import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { LOG_PREFIXES } from "../persistent/log-delivery";
import type { AuditTrailsOff } from "./audit-trails-config";

export interface AuditTrailsArgs {
  vpcId: pulumi.Input<string>;
  webAclArn: pulumi.Input<string>;
  /** The persistent log bucket (contract v2), named `aws-waf-logs-*` so WAF may log to it. */
  logBucketArn: string;
  /** Trails the config turned off, each with its reason. */
  off: AuditTrailsOff;
  /**
   * A provider without default tags, for the default security group: AWS creates it untagged,
   * and the deploy role may not tag an untagged group into the stack (persistent/permissions/audit.ts).
   */
  untaggedProvider: aws.Provider;
}

/** Request parts WAF must not write to the logs: credentials and session cookies. */
export const REDACTED_HEADERS = ["authorization", "cookie"] as const;

/**
 * The ALB's access-log setting. Turned off, it says `enabled: false` rather than leaving the
 * block out, so a stack that had the trail on really switches it off on the next update.
 */
export function albAccessLogs(off: AuditTrailsOff, logBucketName: string) {
  return {
    enabled: off.albAccessLogs === undefined,
    bucket: logBucketName,
    prefix: LOG_PREFIXES.albAccessLogs,
  };
}

/**
 * The audit trails beside the load balancer's own access logs: VPC flow logs and WAF logs to the
 * persistent log bucket, and the VPC's default security group stripped of every rule. Each is
 * left out when the config turns it off; the resource it concerns then carries a waiver tag.
 */
export class AuditTrails extends pulumi.ComponentResource {
  constructor(name: string, args: AuditTrailsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gatus:ephemeral:AuditTrails", name, {}, opts);
    const child = { parent: this };

    if (args.off.vpcFlowLogs === undefined) {
      // Straight to S3 (vended logs): no IAM role, no CloudWatch ingestion charge.
      new aws.ec2.FlowLog(
        "vpc",
        {
          vpcId: args.vpcId,
          trafficType: "ALL",
          logDestinationType: "s3",
          logDestination: `${args.logBucketArn}/${LOG_PREFIXES.vpcFlowLogs}`,
          maxAggregationInterval: 600,
        },
        child,
      );
    }
    if (args.off.defaultSecurityGroup === undefined) {
      // Adopts the group AWS made with the VPC and revokes its allow-all rules; explicit empty
      // lists so a rule added by hand later shows up as drift and is removed again.
      new aws.ec2.DefaultSecurityGroup(
        "default",
        { vpcId: args.vpcId, ingress: [], egress: [] },
        { parent: this, provider: args.untaggedProvider },
      );
    }
    if (args.off.wafLogging === undefined) {
      new aws.wafv2.WebAclLoggingConfiguration(
        "waf",
        {
          resourceArn: args.webAclArn,
          logDestinationConfigs: [args.logBucketArn],
          redactedFields: REDACTED_HEADERS.map((name) => ({ singleHeader: { name } })),
        },
        child,
      );
    }
    this.registerOutputs({});
  }
}
