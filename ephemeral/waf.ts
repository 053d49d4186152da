import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface WafArgs {
  namePrefix: string;
  loadBalancerArn: pulumi.Input<string>;
  /** Requests per client IP per 5 minutes before blocking. */
  rateLimit: number;
  /** Extra tags for the web ACL (an audit-trail waiver). */
  tags?: Record<string, string>;
}

/** AWS managed rule groups: generic OWASP-style protection and known exploit payloads (Log4j etc.). */
export const MANAGED_RULE_GROUPS = [
  "AWSManagedRulesCommonRuleSet",
  "AWSManagedRulesKnownBadInputsRuleSet",
] as const;

const visibility = (metricName: string) => ({
  cloudwatchMetricsEnabled: true,
  sampledRequestsEnabled: true,
  metricName,
});

/** A regional web ACL on the ALB: a per-IP rate limit, then the AWS managed rule groups. */
export class Waf extends pulumi.ComponentResource {
  readonly webAcl: aws.wafv2.WebAcl;

  constructor(name: string, args: WafArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gatus:ephemeral:Waf", name, {}, opts);
    const aclName = `${args.namePrefix}-waf`;
    this.webAcl = new aws.wafv2.WebAcl(
      "gatus",
      {
        name: aclName,
        scope: "REGIONAL",
        defaultAction: { allow: {} },
        ...(args.tags && Object.keys(args.tags).length > 0 ? { tags: args.tags } : {}),
        visibilityConfig: visibility(aclName),
        rules: [
          {
            name: "rate-limit",
            priority: 0,
            action: { block: {} },
            statement: {
              rateBasedStatement: {
                limit: args.rateLimit,
                aggregateKeyType: "IP",
                evaluationWindowSec: 300,
              },
            },
            visibilityConfig: visibility(`${aclName}-rate-limit`),
          },
          ...MANAGED_RULE_GROUPS.map((group, i) => ({
            name: group,
            priority: i + 1,
            overrideAction: { none: {} },
            statement: { managedRuleGroupStatement: { vendorName: "AWS", name: group } },
            visibilityConfig: visibility(`${aclName}-${group}`),
          })),
        ],
      },
      { parent: this },
    );
    new aws.wafv2.WebAclAssociation(
      "gatus",
      { resourceArn: args.loadBalancerArn, webAclArn: this.webAcl.arn },
      { parent: this },
    );
    this.registerOutputs({ webAclArn: this.webAcl.arn });
  }
}
