/**
 * The audit trails (ephemeral/audit-trails.ts, the ALB's access logs) and the persistent log
 * bucket they write to. Sources: AWS VPC User Guide "Create a flow log that publishes to Amazon
 * S3" (logs:CreateLogDelivery and logs:DeleteLogDelivery on "*"), AWS WAF Developer Guide
 * "Sending web ACL traffic logs to an Amazon S3 bucket" (wafv2:PutLoggingConfiguration,
 * logs:CreateLogDelivery, s3:GetBucketPolicy), terraform-provider-aws
 * internal/service/ec2/vpc_flow_log.go, vpc_default_security_group.go,
 * internal/service/wafv2/web_acl_logging_configuration.go, internal/service/s3/bucket*.go, and
 * Pike's mappings for the same resources.
 */
import { logBucketName } from "../log-delivery";
import { ephemeralNames } from "./names";
import {
  allOf,
  arn,
  keepsStackTag,
  ownedByStack,
  taggedForStack,
  unscopedReads,
  type Grant,
  type ManifestEntry,
  type ScopeContext,
} from "./types";
import { STACK_TAG_KEY } from "./stack-tag";

/** The log bucket's ARN: its name is derived from the stack's prefix, account and region. */
export const LOG_BUCKET = (s: ScopeContext) => [
  `arn:${s.partition}:s3:::${logBucketName(s.resourcePrefix, s.accountId, s.region)}`,
];
const FLOW_LOGS = (s: ScopeContext) => [arn(s, "ec2", "vpc-flow-log/*")];
const VPCS = (s: ScopeContext) => [arn(s, "ec2", "vpc/*")];
const SECURITY_GROUPS = (s: ScopeContext) => [arn(s, "ec2", "security-group/*")];
const WEB_ACL = (s: ScopeContext) => [
  arn(s, "wafv2", `regional/webacl/${ephemeralNames(s.resourcePrefix).webAcl}/*`),
];

/** Vended logs to S3: CloudWatch Logs sets up the delivery with the caller's permissions. */
const LOG_DELIVERY: Grant = {
  actions: ["logs:CreateLogDelivery", "logs:DeleteLogDelivery"],
  resources: () => ["*"],
  why: 'Vended-log delivery (flow logs and WAF logs to S3); CloudWatch Logs authorises these only on "*", as AWS documents.',
};

/**
 * The delivery reads the bucket policy to check that it already admits the service. It may also
 * write one, but the persistent policy already grants exactly what is needed, so the deploy role
 * gets no s3:PutBucketPolicy: it cannot widen who writes to the audit log.
 */
const READS_BUCKET_POLICY: Grant = { actions: ["s3:GetBucketPolicy"], resources: LOG_BUCKET };

/** Resource types of the ephemeral program's audit trails. */
export const AUDIT: readonly ManifestEntry[] = [
  {
    type: "aws:ec2/flowLog:FlowLog",
    read: [
      unscopedReads(
        ["ec2:DescribeFlowLogs"],
        'The provider reads the flow log back; EC2 authorises Describe calls only on "*".',
      ),
    ],
    write: [
      { actions: ["ec2:CreateFlowLogs"], resources: FLOW_LOGS, condition: taggedForStack },
      { actions: ["ec2:CreateFlowLogs"], resources: VPCS, condition: ownedByStack },
      {
        actions: ["ec2:CreateTags"],
        resources: FLOW_LOGS,
        condition: (s) =>
          allOf(taggedForStack(s), { StringEquals: { "ec2:CreateAction": "CreateFlowLogs" } }),
      },
      { actions: ["ec2:DeleteFlowLogs"], resources: FLOW_LOGS, condition: ownedByStack },
      {
        actions: ["ec2:CreateTags", "ec2:DeleteTags"],
        resources: FLOW_LOGS,
        condition: (s) => allOf(ownedByStack(s), keepsStackTag(s)),
      },
      LOG_DELIVERY,
      READS_BUCKET_POLICY,
    ],
  },
  {
    type: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    read: [
      unscopedReads(
        ["ec2:DescribeSecurityGroups"],
        'Finds the VPC\'s default group by name and VPC id; EC2 authorises Describe calls only on "*".',
      ),
    ],
    write: [
      // AWS creates the default group with the VPC, untagged, and the program leaves it so
      // (ephemeral/audit-trails.ts): tagging it would need a grant to tag ANY untagged group
      // into the stack, after which the role could delete it.
      {
        actions: ["ec2:RevokeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress"],
        resources: SECURITY_GROUPS,
        condition: () => ({ Null: { [`aws:ResourceTag/${STACK_TAG_KEY}`]: "true" } }),
        why: "The VPC's default security group is created by AWS without tags, so nothing scopes the revocation of its rules to this stack's VPC; it is limited to groups that carry no stack tag (never another stack's) and can only remove access, never grant it.",
      },
    ],
  },
  {
    type: "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
    read: [{ actions: ["wafv2:GetLoggingConfiguration"], resources: WEB_ACL }],
    write: [
      {
        actions: ["wafv2:PutLoggingConfiguration"],
        resources: WEB_ACL,
        // Only to the stack's own log bucket.
        condition: (s) => ({ ArnEquals: { "wafv2:LogDestinationResource": LOG_BUCKET(s) } }),
      },
      { actions: ["wafv2:DeleteLoggingConfiguration"], resources: WEB_ACL },
      LOG_DELIVERY,
      READS_BUCKET_POLICY,
    ],
  },
];

const bucketReads = (...actions: string[]): ManifestEntry["read"] => [
  { actions, resources: LOG_BUCKET },
];

/**
 * What a refresh of the persistent log bucket reads: bucket configuration only. No s3:GetObject:
 * the logs hold client addresses and request paths, and the preview role is assumable from pull
 * requests.
 */
export const LOG_BUCKET_READS: readonly ManifestEntry[] = [
  {
    type: "aws:s3/bucket:Bucket",
    read: bucketReads(
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
    write: [],
  },
  {
    type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    read: bucketReads("s3:GetBucketPublicAccessBlock"),
    write: [],
  },
  {
    type: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    read: bucketReads("s3:GetBucketOwnershipControls"),
    write: [],
  },
  {
    type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    read: bucketReads("s3:GetEncryptionConfiguration"),
    write: [],
  },
  {
    type: "aws:s3/bucketVersioning:BucketVersioning",
    read: bucketReads("s3:GetBucketVersioning"),
    write: [],
  },
  {
    type: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    read: bucketReads("s3:GetLifecycleConfiguration"),
    write: [],
  },
  {
    type: "aws:s3/bucketPolicy:BucketPolicy",
    read: bucketReads("s3:GetBucketPolicy"),
    write: [],
  },
];
