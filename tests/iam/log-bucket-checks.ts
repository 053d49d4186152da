/**
 * The log bucket's policy (persistent/log-delivery.ts), simulated with the deliveries it must
 * admit and the requests it must refuse: each delivery service writes only under its own prefix,
 * only for this account's resources, and nobody gets in over plain HTTP.
 */
import type { Graph } from "../engine/run-program";
import { ofType } from "../helpers/graph";
import {
  ELB_LOG_ACCOUNTS,
  ELB_LOG_SERVICE,
  LOG_DELIVERY_SERVICE,
} from "../../persistent/log-delivery";
import { rolePolicies } from "./emitted";
import type { PolicyDocument } from "./policy-checks";
import type { ResourcePolicyCheck } from "./resource-policy-checks";
import type { Caller } from "./simulate";

const OTHER_ACCOUNT = "210987654321";
const nobody: PolicyDocument[] = [];

export function logBucketChecks(
  persistent: Graph,
  prefix: string,
  accountId: string,
  region: string,
): ResourcePolicyCheck[] {
  const [bucketPolicy] = ofType(persistent, "aws:s3/bucketPolicy:BucketPolicy");
  const bucketArn = persistent.outputs.logBucketArn;
  if (!bucketPolicy || typeof bucketArn !== "string") return [];
  const policy = JSON.parse(String(bucketPolicy.inputs.policy)) as PolicyDocument;
  const elbAccount = ELB_LOG_ACCOUNTS[region];
  // Cross-account, the ELB account's own policies must allow the write too: AWS's account is
  // modelled as letting its log writer put anywhere, so the bucket policy alone decides.
  const elb: Caller = elbAccount
    ? {
        principal: `arn:aws:iam::${elbAccount}:root`,
        policies: [
          {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "s3:PutObject", Resource: "*" }],
          },
        ],
      }
    : { principal: ELB_LOG_SERVICE, policies: nobody };
  const delivery: Caller = { principal: LOG_DELIVERY_SERVICE, policies: nobody };
  const put = (key: string, keys: Record<string, string> = {}) => ({
    phase: "update" as const,
    action: "s3:PutObject",
    resource: `${bucketArn}/${key}`,
    keys: { "aws:SecureTransport": "true", ...keys },
    resourcePolicy: policy,
  });
  const vended = (source = accountId) => ({
    "aws:SourceAccount": source,
    "aws:SourceArn": `arn:aws:logs:${region}:${source}:*`,
    "s3:x-amz-acl": "bucket-owner-full-control",
  });
  const check = (
    what: string,
    expected: ResourcePolicyCheck["expected"],
    caller: Caller,
    call: ResourcePolicyCheck["call"],
  ): ResourcePolicyCheck => ({ what, expected, caller, call });
  const alb = `alb-access-logs/AWSLogs/${accountId}/elasticloadbalancing/${region}/2026/01/01/x.log.gz`;
  const flow = `vpc-flow-logs/AWSLogs/${accountId}/vpcflowlogs/${region}/2026/01/01/x.log.gz`;
  const waf = `AWSLogs/${accountId}/WAFLogs/${region}/${prefix}-waf/2026/01/01/00/00/x.log.gz`;
  const deploy: Caller = {
    principal: `arn:aws:iam::${accountId}:role/${prefix}-deploy`,
    policies: rolePolicies(persistent, `${prefix}-deploy`),
  };
  return [
    check("ELB delivers ALB access logs under alb-access-logs/", "Allowed", elb, put(alb)),
    check("ELB writes under the flow-log prefix", "Denied", elb, put(flow)),
    check(
      "log delivery writes VPC flow logs under vpc-flow-logs/",
      "Allowed",
      delivery,
      put(flow, vended()),
    ),
    check(
      "log delivery writes WAF logs under AWSLogs/<account>/WAFLogs/",
      "Allowed",
      delivery,
      put(waf, vended()),
    ),
    check("log delivery writes under the ALB prefix", "Denied", delivery, put(alb, vended())),
    check(
      "log delivery writes flow logs of another account",
      "Denied",
      delivery,
      put(`vpc-flow-logs/AWSLogs/${OTHER_ACCOUNT}/x.log.gz`, vended(OTHER_ACCOUNT)),
    ),
    check("ELB delivers over plain HTTP", "Denied", elb, {
      ...put(alb),
      keys: { "aws:SecureTransport": "false" },
    }),
    check("the deploy role deletes a log", "Denied", deploy, {
      phase: "delete",
      action: "s3:DeleteObject",
      resource: `${bucketArn}/${flow}`,
      keys: { "aws:SecureTransport": "true" },
      resourcePolicy: policy,
    }),
    check("the deploy role rewrites the bucket policy", "Denied", deploy, {
      phase: "update",
      action: "s3:PutBucketPolicy",
      resource: bucketArn,
      keys: { "aws:SecureTransport": "true" },
      resourcePolicy: policy,
    }),
  ];
}
