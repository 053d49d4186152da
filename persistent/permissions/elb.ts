/** The application load balancer, its listeners and rule, and the target group. */
import { EC2_READ } from "./ec2";
import { arn, type ManifestEntry, type ScopeContext } from "./types";

const elb = (s: ScopeContext, resource: string) => arn(s, "elasticloadbalancing", resource);
/** The stack's load balancers (also what the WAF association is authorised on). */
export const albArns = (s: ScopeContext) => [elb(s, `loadbalancer/app/${s.resourcePrefix}-*/*`)];
const targetGroupArns = (s: ScopeContext) => [elb(s, `targetgroup/${s.resourcePrefix}-*/*`)];
const listenerArns = (s: ScopeContext) => [elb(s, `listener/app/${s.resourcePrefix}-*/*/*`)];
const listenerRuleArns = (s: ScopeContext) => [
  elb(s, `listener-rule/app/${s.resourcePrefix}-*/*/*/*`),
];
const elbTagging = ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"];

const ELB_READ = [
  "elasticloadbalancing:DescribeLoadBalancers",
  "elasticloadbalancing:DescribeLoadBalancerAttributes",
  "elasticloadbalancing:DescribeListeners",
  "elasticloadbalancing:DescribeListenerAttributes",
  "elasticloadbalancing:DescribeListenerCertificates",
  "elasticloadbalancing:DescribeRules",
  "elasticloadbalancing:DescribeTargetGroups",
  "elasticloadbalancing:DescribeTargetGroupAttributes",
  "elasticloadbalancing:DescribeTargetHealth",
  "elasticloadbalancing:DescribeTags",
  "elasticloadbalancing:DescribeCapacityReservation",
];

/** Elastic Load Balancing v2 resource types the ephemeral program creates. */
export const ELB: readonly ManifestEntry[] = [
  {
    type: "aws:lb/loadBalancer:LoadBalancer",
    read: [...ELB_READ, ...EC2_READ],
    write: [
      {
        actions: [
          "elasticloadbalancing:CreateLoadBalancer",
          "elasticloadbalancing:DeleteLoadBalancer",
          "elasticloadbalancing:ModifyLoadBalancerAttributes",
          "elasticloadbalancing:SetSecurityGroups",
          "elasticloadbalancing:SetSubnets",
          "elasticloadbalancing:SetIpAddressType",
          ...elbTagging,
        ],
        resources: albArns,
      },
      {
        actions: ["iam:CreateServiceLinkedRole"],
        resources: (s) => [
          `arn:${s.partition}:iam::${s.accountId}:role/aws-service-role/elasticloadbalancing.amazonaws.com/*`,
        ],
        condition: () => ({
          StringEquals: { "iam:AWSServiceName": "elasticloadbalancing.amazonaws.com" },
        }),
        why: "First load balancer in an account creates the ELB service-linked role.",
      },
    ],
  },
  {
    type: "aws:lb/targetGroup:TargetGroup",
    read: ELB_READ,
    write: [
      {
        actions: [
          "elasticloadbalancing:CreateTargetGroup",
          "elasticloadbalancing:DeleteTargetGroup",
          "elasticloadbalancing:ModifyTargetGroup",
          "elasticloadbalancing:ModifyTargetGroupAttributes",
          ...elbTagging,
        ],
        resources: targetGroupArns,
      },
    ],
  },
  {
    type: "aws:lb/listener:Listener",
    read: ELB_READ,
    write: [
      {
        // CreateListener is authorised on the load balancer as well as on the new listener.
        actions: [
          "elasticloadbalancing:CreateListener",
          "elasticloadbalancing:DeleteListener",
          "elasticloadbalancing:ModifyListener",
          "elasticloadbalancing:ModifyListenerAttributes",
          "elasticloadbalancing:AddListenerCertificates",
          "elasticloadbalancing:RemoveListenerCertificates",
          ...elbTagging,
        ],
        resources: (s) => [...listenerArns(s), ...albArns(s)],
      },
    ],
  },
  {
    type: "aws:lb/listenerRule:ListenerRule",
    read: ELB_READ,
    write: [
      {
        actions: [
          "elasticloadbalancing:CreateRule",
          "elasticloadbalancing:DeleteRule",
          "elasticloadbalancing:ModifyRule",
          "elasticloadbalancing:SetRulePriorities",
          ...elbTagging,
        ],
        resources: (s) => [...listenerRuleArns(s), ...listenerArns(s)],
      },
    ],
  },
];
