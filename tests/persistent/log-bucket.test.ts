import { beforeAll, describe, expect, it } from "vitest";
import {
  ELB_LOG_SERVICE,
  LOG_DELIVERY_SERVICE,
  elbLogPrincipal,
  logBucketName,
  logBucketPolicy,
} from "../../persistent/log-delivery";
import type { Graph } from "../engine/run-program";
import { jsonInput, one } from "../helpers/graph";
import { runPersistent } from "./run";

const ACCOUNT = "123456789012";
const BUCKET_ARN = "arn:aws:s3:::aws-waf-logs-gatus-dev-1a2b3c4d";
type Statement = {
  Sid: string;
  Effect: string;
  Principal: unknown;
  Action: unknown;
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
};
const statementsFor = (region: string) =>
  logBucketPolicy({ partition: "aws", region, accountId: ACCOUNT, bucketArn: BUCKET_ARN })
    .Statement as Statement[];
const sid = (region: string, id: string) => statementsFor(region).find((s) => s.Sid === id);

describe("the log bucket's name", () => {
  it("starts with aws-waf-logs- (WAF logs to nothing else) and fits S3's 63 characters at the longest prefix", () => {
    const name = logBucketName("a".repeat(24), ACCOUNT, "ap-southeast-2");
    expect(name).toMatch(/^aws-waf-logs-a{24}-[0-9a-f]{8}$/);
    expect(name.length).toBeLessThanOrEqual(63);
  });

  it("differs between accounts and regions (bucket names are global), and is stable", () => {
    const a = logBucketName("gatus-dev", ACCOUNT, "eu-west-2");
    expect(logBucketName("gatus-dev", ACCOUNT, "eu-west-2")).toBe(a);
    expect(logBucketName("gatus-dev", "210987654321", "eu-west-2")).not.toBe(a);
    expect(logBucketName("gatus-dev", ACCOUNT, "eu-west-1")).not.toBe(a);
  });
});

describe("who may write ALB access logs: the regional ELB account, or the service principal in newer regions", () => {
  it.each([
    ["us-east-1", { AWS: "arn:aws:iam::127311923021:root" }],
    ["eu-west-2", { AWS: "arn:aws:iam::652711504416:root" }],
    ["ap-southeast-3", { AWS: "arn:aws:iam::589379963580:root" }],
    // Regions opened from August 2022 have no ELB account: Zurich, Hyderabad, Melbourne, Calgary.
    ["eu-central-2", { Service: ELB_LOG_SERVICE }],
    ["ap-south-2", { Service: ELB_LOG_SERVICE }],
    ["ap-southeast-4", { Service: ELB_LOG_SERVICE }],
    ["ca-west-1", { Service: ELB_LOG_SERVICE }],
  ])("%s → %o", (region, principal) => {
    expect(elbLogPrincipal("aws", region)).toEqual(principal);
    expect(sid(region, "AlbAccessLogsWrite")?.Principal).toEqual(principal);
  });
});

describe("the log bucket's policy", () => {
  it("denies every request that is not TLS", () => {
    expect(sid("eu-west-2", "DenyInsecureTransport")).toEqual({
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: [BUCKET_ARN, `${BUCKET_ARN}/*`],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
  });

  it("gives each delivery its own prefix, and only for this account's objects", () => {
    expect(sid("eu-west-2", "AlbAccessLogsWrite")?.Resource).toBe(
      `${BUCKET_ARN}/alb-access-logs/AWSLogs/${ACCOUNT}/*`,
    );
    expect(sid("eu-west-2", "VpcFlowLogsWrite")?.Resource).toBe(
      `${BUCKET_ARN}/vpc-flow-logs/AWSLogs/${ACCOUNT}/*`,
    );
    expect(sid("eu-west-2", "WafLogsWrite")?.Resource).toBe(
      `${BUCKET_ARN}/AWSLogs/${ACCOUNT}/WAFLogs/*`,
    );
  });

  it("lets log delivery act only for this account's log sources (aws:SourceAccount and aws:SourceArn)", () => {
    for (const id of ["LogDeliveryAclCheck", "VpcFlowLogsWrite", "WafLogsWrite"]) {
      const s = sid("eu-west-2", id);
      expect(s?.Principal).toEqual({ Service: LOG_DELIVERY_SERVICE });
      expect(s?.Condition?.StringEquals?.["aws:SourceAccount"]).toBe(ACCOUNT);
      expect(s?.Condition?.ArnLike?.["aws:SourceArn"]).toBe(`arn:aws:logs:eu-west-2:${ACCOUNT}:*`);
    }
  });

  it("allows nothing to any principal but the delivery services (no Allow to *)", () => {
    const allows = statementsFor("eu-west-2").filter((s) => s.Effect === "Allow");
    for (const s of allows) expect(s.Principal).not.toBe("*");
    expect(allows.flatMap((s) => [s.Action].flat())).not.toContain("s3:DeleteObject");
  });
});

describe("the log bucket in the persistent program", () => {
  let graph: Graph;
  beforeAll(async () => {
    graph = await runPersistent({ "gatus-persistent:logExpiryDays": "30" });
  });

  it("is protected, so it outlives everything ephemeral and survives a careless destroy", () => {
    const bucket = one(graph, "aws:s3/bucket:Bucket");
    expect(bucket.protect).toBe(true);
    expect(bucket.inputs.forceDestroy).toBe(false);
    expect(String(bucket.inputs.bucket)).toMatch(/^aws-waf-logs-gatus-dev-[0-9a-f]{8}$/);
  });

  it("is SSE-S3 encrypted (the only encryption ALB access logs support), private and owner-enforced", () => {
    expect(
      one(
        graph,
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      ).inputs.rules,
    ).toEqual([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]);
    expect(
      one(graph, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").inputs,
    ).toMatchObject({
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    expect(
      one(graph, "aws:s3/bucketOwnershipControls:BucketOwnershipControls").inputs.rule,
    ).toEqual({
      objectOwnership: "BucketOwnerEnforced",
    });
  });

  it("is versioned, and expires logs after logExpiryDays", () => {
    expect(
      one(graph, "aws:s3/bucketVersioning:BucketVersioning").inputs.versioningConfiguration,
    ).toEqual({
      status: "Enabled",
    });
    const [rule] = one(graph, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration")
      .inputs.rules as {
      expiration: { days: number };
      noncurrentVersionExpiration: { noncurrentDays: number };
    }[];
    expect(rule?.expiration.days).toBe(30);
    expect(rule?.noncurrentVersionExpiration.noncurrentDays).toBe(30);
  });

  it("carries the policy logBucketPolicy builds for the stack's account and region, and the contract names it", () => {
    const bucket = one(graph, "aws:s3/bucket:Bucket");
    const policy = jsonInput<{ Statement: Statement[] }>(
      one(graph, "aws:s3/bucketPolicy:BucketPolicy"),
      "policy",
    );
    expect(policy.Statement.map((s) => s.Sid)).toEqual([
      "DenyInsecureTransport",
      "AlbAccessLogsWrite",
      "LogDeliveryAclCheck",
      "VpcFlowLogsWrite",
      "WafLogsWrite",
    ]);
    expect(graph.outputs.logBucketName).toBe(bucket.inputs.bucket);
    expect(graph.outputs.logBucketArn).toBe(`arn:aws:s3:::${String(bucket.inputs.bucket)}`);
  });
});
