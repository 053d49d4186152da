import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { logBucketPolicy } from "./log-delivery";

export interface LogBucketArgs {
  /** From `logBucketName`: starts with `aws-waf-logs-`, unique per account and region. */
  bucketName: string;
  partition: string;
  region: string;
  accountId: string;
  /** Days before a log object expires (config `logExpiryDays`). */
  expiryDays: number;
}

/**
 * How long an overwritten or deleted log stays recoverable as a noncurrent version. Nothing
 * overwrites logs (every delivery writes a new key), so this only costs money after a deletion.
 */
export const NONCURRENT_RETENTION_DAYS = 30;

/**
 * The bucket the audit trails land in (ALB access logs, VPC flow logs, WAF logs). Persistent,
 * so a nightly teardown of ephemeral keeps the record of what happened before it; protected.
 *
 * - SSE-S3: the only encryption ALB access logs support ("Enable access logs for your
 *   Application Load Balancer", bucket requirements); flow logs and WAF accept it too.
 * - Versioned: a log deleted or overwritten by mistake (or by someone covering tracks) stays
 *   recoverable for NONCURRENT_RETENTION_DAYS. Object Lock was not chosen: it cannot be turned
 *   off and would make the bucket undeletable for the retention period.
 * - BucketOwnerEnforced: ACLs off, the account owns every object whoever delivered it.
 */
export class LogBucket extends pulumi.ComponentResource {
  readonly bucket: aws.s3.Bucket;

  constructor(name: string, args: LogBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gatus:persistent:LogBucket", name, {}, opts);
    const child = { parent: this };

    this.bucket = new aws.s3.Bucket(
      "logs",
      { bucket: args.bucketName, forceDestroy: false },
      { ...child, protect: true },
    );
    const bucket = this.bucket.id;
    new aws.s3.BucketPublicAccessBlock(
      "logs",
      {
        bucket,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
      child,
    );
    new aws.s3.BucketOwnershipControls(
      "logs",
      { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } },
      child,
    );
    new aws.s3.BucketServerSideEncryptionConfiguration(
      "logs",
      { bucket, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
      child,
    );
    const versioning = new aws.s3.BucketVersioning(
      "logs",
      { bucket, versioningConfiguration: { status: "Enabled" } },
      child,
    );
    new aws.s3.BucketLifecycleConfiguration(
      "logs",
      {
        bucket,
        rules: [
          {
            id: "expire-logs",
            status: "Enabled",
            filter: {},
            expiration: { days: args.expiryDays },
            noncurrentVersionExpiration: { noncurrentDays: NONCURRENT_RETENTION_DAYS },
            abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
          },
        ],
      },
      // S3 rejects noncurrent-version rules until versioning is on.
      { ...child, dependsOn: [versioning] },
    );
    new aws.s3.BucketPolicy(
      "logs",
      {
        bucket,
        policy: this.bucket.arn.apply((bucketArn) =>
          JSON.stringify(
            logBucketPolicy({
              partition: args.partition,
              region: args.region,
              accountId: args.accountId,
              bucketArn,
            }),
          ),
        ),
      },
      child,
    );
    this.registerOutputs({ bucketName: this.bucket.id, bucketArn: this.bucket.arn });
  }
}
