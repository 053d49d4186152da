/**
 * Who may write to the log bucket, and where: the pure half of the log bucket (names, prefixes,
 * delivery principals and the bucket policy), so tests can read every rule without a program.
 */
import { createHash } from "node:crypto";
import { arn } from "./lib/arn";

/**
 * Key prefixes, one per trail. Services add `AWSLogs/<account>/...` after the prefix; WAF
 * takes no prefix of its own and writes `AWSLogs/<account>/WAFLogs/<region>/<web ACL>/...`
 * (AWS WAF Developer Guide, "Sending web ACL traffic logs to an Amazon S3 bucket").
 */
export const LOG_PREFIXES = {
  albAccessLogs: "alb-access-logs",
  vpcFlowLogs: "vpc-flow-logs",
} as const;

/**
 * ELB's log-delivery account per region, for the regions available before August 2022; newer
 * regions use the `logdelivery.elasticloadbalancing.amazonaws.com` service principal instead.
 * Sources: AWS, "Enable access logs for your Application Load Balancer", step 2 (bucket policy
 * for "Regions available before August 2022"); the same table as terraform-provider-aws
 * internal/service/elb/service_account_data_source.go (accountIDPerRegionMap).
 */
export const ELB_LOG_ACCOUNTS: Readonly<Record<string, string>> = {
  "us-east-1": "127311923021",
  "us-east-2": "033677994240",
  "us-west-1": "027434742980",
  "us-west-2": "797873946194",
  "af-south-1": "098369216593",
  "ap-east-1": "754344448648",
  "ap-southeast-3": "589379963580",
  "ap-south-1": "718504428378",
  "ap-northeast-3": "383597477331",
  "ap-northeast-2": "600734575887",
  "ap-southeast-1": "114774131450",
  "ap-southeast-2": "783225319266",
  "ap-northeast-1": "582318560864",
  "ca-central-1": "985666609251",
  "eu-central-1": "054676820928",
  "eu-west-1": "156460612806",
  "eu-west-2": "652711504416",
  "eu-south-1": "635631232127",
  "eu-west-3": "009996457667",
  "eu-north-1": "897822967062",
  "me-south-1": "076674570225",
  "sa-east-1": "507241528517",
  "us-gov-west-1": "048591011584",
  "us-gov-east-1": "190560391635",
  "cn-north-1": "638102146993",
  "cn-northwest-1": "037604701340",
};

/** The service principal ELB writes access logs as, in regions launched from August 2022. */
export const ELB_LOG_SERVICE = "logdelivery.elasticloadbalancing.amazonaws.com";
/** CloudWatch Logs' vended-log delivery: VPC flow logs and WAF logs to S3. */
export const LOG_DELIVERY_SERVICE = "delivery.logs.amazonaws.com";

/** The principal that writes ALB access logs in this region (see ELB_LOG_ACCOUNTS). */
export function elbLogPrincipal(
  partition: string,
  region: string,
): { AWS: string } | { Service: string } {
  const account = ELB_LOG_ACCOUNTS[region];
  return account === undefined
    ? { Service: ELB_LOG_SERVICE }
    : { AWS: `arn:${partition}:iam::${account}:root` };
}

/**
 * One bucket serves all three trails, so its name must start with `aws-waf-logs-` (the only
 * S3 destination WAF accepts). Bucket names are global: a short hash of account and region
 * keeps two accounts (or regions) with the same prefix from colliding. At most 13 + 24 + 1 + 8
 * = 46 characters, within S3's 63.
 */
export function logBucketName(resourcePrefix: string, accountId: string, region: string): string {
  const hash = createHash("sha256").update(`${accountId}/${region}`).digest("hex").slice(0, 8);
  return `aws-waf-logs-${resourcePrefix}-${hash}`;
}

export interface LogBucketPolicyArgs {
  partition: string;
  region: string;
  accountId: string;
  bucketArn: string;
}

/**
 * The bucket policy: TLS only for everyone, and each delivery service may put objects only under
 * its own prefix, for this account's resources. Flow logs and WAF logs arrive through the same
 * principal with the same conditions (AWS documents aws:SourceArn as the account's
 * `logs:` ARN for both), so their two statements differ only by prefix.
 */
export function logBucketPolicy(a: LogBucketPolicyArgs) {
  const logs = arn(a, "logs", "*");
  const fromThisAccount = {
    StringEquals: { "aws:SourceAccount": a.accountId },
    ArnLike: { "aws:SourceArn": logs },
  };
  const vendedWrite = (sid: string, key: string) => ({
    Sid: sid,
    Effect: "Allow",
    Principal: { Service: LOG_DELIVERY_SERVICE },
    Action: "s3:PutObject",
    Resource: `${a.bucketArn}/${key}`,
    Condition: {
      ...fromThisAccount,
      StringEquals: {
        ...fromThisAccount.StringEquals,
        "s3:x-amz-acl": "bucket-owner-full-control",
      },
    },
  });
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [a.bucketArn, `${a.bucketArn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
      {
        Sid: "AlbAccessLogsWrite",
        Effect: "Allow",
        Principal: elbLogPrincipal(a.partition, a.region),
        Action: "s3:PutObject",
        Resource: `${a.bucketArn}/${LOG_PREFIXES.albAccessLogs}/AWSLogs/${a.accountId}/*`,
      },
      {
        Sid: "LogDeliveryAclCheck",
        Effect: "Allow",
        Principal: { Service: LOG_DELIVERY_SERVICE },
        Action: ["s3:GetBucketAcl", "s3:ListBucket"],
        Resource: a.bucketArn,
        Condition: fromThisAccount,
      },
      vendedWrite("VpcFlowLogsWrite", `${LOG_PREFIXES.vpcFlowLogs}/AWSLogs/${a.accountId}/*`),
      vendedWrite("WafLogsWrite", `AWSLogs/${a.accountId}/WAFLogs/*`),
    ],
  };
}
