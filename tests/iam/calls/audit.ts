/**
 * The audit trails' calls (ephemeral) and the log bucket's reads (persistent refresh).
 * - Flow log to S3: ec2:CreateFlowLogs is authorised on the new flow log (with its tags) and on
 *   the VPC; the S3 destination makes CloudWatch Logs set up a vended-log delivery with the
 *   caller's logs:CreateLogDelivery (AWS VPC User Guide, "Create a flow log that publishes to
 *   Amazon S3") and read the bucket policy.
 * - Default security group: the provider finds the group, tags it only if tags are configured
 *   (none here), then revokes every rule; delete is a no-op (vpc_default_security_group.go).
 * - WAF logging: wafv2:PutLoggingConfiguration on the web ACL with the destination as
 *   wafv2:LogDestinationResource, plus the vended-log delivery (AWS WAF Developer Guide,
 *   "Sending web ACL traffic logs to an Amazon S3 bucket").
 */
import { resolve } from "../stack-model";
import {
  anywhere,
  creating,
  on,
  retagging,
  sources,
  type CallTable,
  type Phase,
  type ProviderCall,
} from "./types";

/** The bucket a delivery writes to, from `arn:aws:s3:::bucket[/prefix]`. */
const bucketOf = (destination: unknown) => String(destination).split("/")[0] ?? "";
const onBucket = (phase: Phase, action: string, bucketArn: string): ProviderCall => ({
  phase,
  action,
  resource: bucketArn,
});

/** Ephemeral resource types of the audit trails. */
export const AUDIT_CALLS: readonly CallTable[] = [
  {
    type: "aws:ec2/flowLog:FlowLog",
    sources: sources("ec2/vpc_flow_log.go", "ec2/aws_flow_log.json"),
    calls: (flowLog, stack) => {
      const vpc = resolve(stack, flowLog.inputs.vpcId, "the flow log's VPC");
      const bucket = bucketOf(flowLog.inputs.logDestination);
      return [
        creating("ec2:CreateFlowLogs", flowLog),
        on("create", "ec2:CreateFlowLogs", vpc),
        creating("ec2:CreateTags", flowLog, { "ec2:CreateAction": "CreateFlowLogs" }),
        anywhere("create", "logs:CreateLogDelivery"),
        onBucket("create", "s3:GetBucketPolicy", bucket),
        anywhere("read", "ec2:DescribeFlowLogs"),
        ...retagging("ec2:CreateTags", "ec2:DeleteTags", flowLog),
        on("delete", "ec2:DeleteFlowLogs", flowLog),
        anywhere("delete", "logs:DeleteLogDelivery"),
      ];
    },
  },
  {
    type: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    sources: sources("ec2/vpc_default_security_group.go", "ec2/aws_default_security_group.json"),
    // The group stays as AWS made it, untagged: the program gives it a provider without
    // default tags, so the provider never calls ec2:CreateTags on it.
    calls: (sg) => {
      const untagged = { ...sg, tags: {} };
      return [
        anywhere("create", "ec2:DescribeSecurityGroups"),
        on("create", "ec2:RevokeSecurityGroupIngress", untagged),
        on("create", "ec2:RevokeSecurityGroupEgress", untagged),
        anywhere("read", "ec2:DescribeSecurityGroups"),
        on("update", "ec2:RevokeSecurityGroupIngress", untagged),
        on("update", "ec2:RevokeSecurityGroupEgress", untagged),
      ];
    },
  },
  {
    type: "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
    sources: sources(
      "wafv2/web_acl_logging_configuration.go",
      "wafv2/aws_wafv2_web_acl_logging_configuration.json",
    ),
    calls: (logging, stack) => {
      const acl = resolve(stack, logging.inputs.resourceArn, "the logged web ACL");
      const [destination] = logging.inputs.logDestinationConfigs as string[];
      const put = (phase: Phase) =>
        on(phase, "wafv2:PutLoggingConfiguration", acl, {
          keys: { "wafv2:LogDestinationResource": String(destination) },
        });
      return [
        put("create"),
        anywhere("create", "logs:CreateLogDelivery"),
        onBucket("create", "s3:GetBucketPolicy", bucketOf(destination)),
        on("read", "wafv2:GetLoggingConfiguration", acl),
        put("update"),
        on("delete", "wafv2:DeleteLoggingConfiguration", acl),
        anywhere("delete", "logs:DeleteLogDelivery"),
      ];
    },
  },
];

const reads =
  (...actions: string[]): CallTable["calls"] =>
  (r) =>
    actions.map((action) => on("read", action, r));

/** The persistent log bucket and its configuration resources, read side only. */
export const LOG_BUCKET_CALLS: readonly CallTable[] = [
  {
    type: "aws:s3/bucket:Bucket",
    sources: sources("s3/bucket.go", "s3/aws_s3_bucket.json"),
    calls: reads(
      "s3:ListBucket",
      "s3:GetBucketPolicy",
      "s3:GetBucketAcl",
      "s3:GetBucketCORS",
      "s3:GetBucketWebsite",
      "s3:GetBucketVersioning",
      "s3:GetAccelerateConfiguration",
      "s3:GetBucketRequestPayment",
      "s3:GetBucketLogging",
      "s3:GetLifecycleConfiguration",
      "s3:GetReplicationConfiguration",
      "s3:GetEncryptionConfiguration",
      "s3:GetBucketObjectLockConfiguration",
      "s3:GetBucketTagging",
    ),
  },
  {
    type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    sources: sources(
      "s3/bucket_public_access_block.go",
      "s3/aws_s3_bucket_public_access_block.json",
    ),
    calls: reads("s3:GetBucketPublicAccessBlock"),
  },
  {
    type: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    sources: sources("s3/bucket_ownership_controls.go", "s3/aws_s3_bucket_ownership_controls.json"),
    calls: reads("s3:GetBucketOwnershipControls"),
  },
  {
    type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    sources: sources(
      "s3/bucket_server_side_encryption_configuration.go",
      "s3/aws_s3_bucket_server_side_encryption_configuration.json",
    ),
    calls: reads("s3:GetEncryptionConfiguration"),
  },
  {
    type: "aws:s3/bucketVersioning:BucketVersioning",
    sources: sources("s3/bucket_versioning.go", "s3/aws_s3_bucket_versioning.json"),
    calls: reads("s3:GetBucketVersioning"),
  },
  {
    type: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    sources: sources(
      "s3/bucket_lifecycle_configuration.go",
      "s3/aws_s3_bucket_lifecycle_configuration.json",
    ),
    calls: reads("s3:GetLifecycleConfiguration"),
  },
  {
    type: "aws:s3/bucketPolicy:BucketPolicy",
    sources: sources("s3/bucket_policy.go", "s3/aws_s3_bucket_policy.json"),
    calls: reads("s3:GetBucketPolicy"),
  },
];
