/**
 * The application load balancer, its listeners and rule, and the target group. Elastic Load
 * Balancing supports the stack tag on every one of them, so grants are by tag, not by name: a
 * sibling stack whose name starts with this one's (`dev-eu` next to `dev`) carries another value.
 */
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

const elb = (resource: string) => (s: ScopeContext) => [arn(s, "elasticloadbalancing", resource)];
/** Every application load balancer, listener, rule and target group in the region. */
export const ALB = elb("loadbalancer/app/*/*");
const LISTENER = elb("listener/app/*/*/*");
const RULE = elb("listener-rule/app/*/*/*/*");
const TARGET_GROUP = elb("targetgroup/*/*");
const ALL = (s: ScopeContext) => [ALB, LISTENER, RULE, TARGET_GROUP].flatMap((r) => r(s));

const onOwned = (resources: (s: ScopeContext) => string[], actions: string[]): Grant => ({
  actions,
  resources,
  condition: ownedByStack,
});

// Tags sent with a create are authorised as AddTags with elasticloadbalancing:CreateAction.
const TAG_ON_CREATE: Grant = {
  actions: ["elasticloadbalancing:AddTags"],
  resources: ALL,
  condition: (s) =>
    allOf(taggedForStack(s), {
      StringEquals: {
        "elasticloadbalancing:CreateAction": [
          "CreateLoadBalancer",
          "CreateTargetGroup",
          "CreateListener",
          "CreateRule",
        ],
      },
    }),
};

const RETAG: Grant = {
  actions: ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"],
  resources: ALL,
  condition: (s) => allOf(ownedByStack(s), keepsStackTag(s)),
};

/** Describe calls: ELB authorises every one of them only on "*". */
export const ELB_READ = unscopedReads(
  [
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
  ],
  'ELB Describe calls: the provider reads state and waits on them; ELB authorises them only on "*".',
);

/** Elastic Load Balancing v2 resource types the ephemeral program creates. */
export const ELB: readonly ManifestEntry[] = [
  {
    type: "aws:lb/loadBalancer:LoadBalancer",
    // Deleting a load balancer waits for its network interfaces to go.
    read: [
      ELB_READ,
      unscopedReads(
        ["ec2:DescribeNetworkInterfaces"],
        'EC2 Describe call: the provider waits on it; EC2 authorises it only on "*".',
      ),
    ],
    write: [
      {
        actions: ["elasticloadbalancing:CreateLoadBalancer"],
        resources: ALB,
        condition: taggedForStack,
      },
      TAG_ON_CREATE,
      onOwned(ALB, [
        "elasticloadbalancing:ModifyLoadBalancerAttributes",
        "elasticloadbalancing:SetSecurityGroups",
        "elasticloadbalancing:SetSubnets",
        "elasticloadbalancing:SetIpAddressType",
        "elasticloadbalancing:DeleteLoadBalancer",
      ]),
      RETAG,
      {
        actions: ["iam:CreateServiceLinkedRole"],
        resources: (s) => [
          `arn:${s.partition}:iam::${s.accountId}:role/aws-service-role/elasticloadbalancing.amazonaws.com/*`,
        ],
        condition: () => ({
          StringEquals: { "iam:AWSServiceName": "elasticloadbalancing.amazonaws.com" },
        }),
        why: "The first load balancer in an account creates the ELB service-linked role.",
      },
    ],
  },
  {
    type: "aws:lb/targetGroup:TargetGroup",
    read: [ELB_READ],
    write: [
      {
        actions: ["elasticloadbalancing:CreateTargetGroup"],
        resources: TARGET_GROUP,
        condition: taggedForStack,
      },
      TAG_ON_CREATE,
      onOwned(TARGET_GROUP, [
        "elasticloadbalancing:ModifyTargetGroup",
        "elasticloadbalancing:ModifyTargetGroupAttributes",
        "elasticloadbalancing:DeleteTargetGroup",
      ]),
      RETAG,
    ],
  },
  {
    type: "aws:lb/listener:Listener",
    read: [ELB_READ],
    write: [
      // CreateListener is authorised on the load balancer, with the new listener's tags.
      {
        actions: ["elasticloadbalancing:CreateListener"],
        resources: ALB,
        condition: (s) => allOf(ownedByStack(s), taggedForStack(s)),
      },
      TAG_ON_CREATE,
      onOwned(LISTENER, [
        "elasticloadbalancing:ModifyListener",
        "elasticloadbalancing:ModifyListenerAttributes",
        "elasticloadbalancing:AddListenerCertificates",
        "elasticloadbalancing:RemoveListenerCertificates",
        "elasticloadbalancing:DeleteListener",
      ]),
      RETAG,
    ],
  },
  {
    type: "aws:lb/listenerRule:ListenerRule",
    read: [ELB_READ],
    write: [
      // CreateRule is authorised on the listener, with the new rule's tags.
      {
        actions: ["elasticloadbalancing:CreateRule"],
        resources: LISTENER,
        condition: (s) => allOf(ownedByStack(s), taggedForStack(s)),
      },
      TAG_ON_CREATE,
      onOwned(RULE, ["elasticloadbalancing:ModifyRule", "elasticloadbalancing:DeleteRule"]),
      // SetRulePriorities takes no tag condition: the rules of the stack's load balancer, by name.
      {
        actions: ["elasticloadbalancing:SetRulePriorities"],
        resources: (s) => [
          arn(
            s,
            "elasticloadbalancing",
            `listener-rule/app/${ephemeralNames(s.resourcePrefix).loadBalancer}/*/*/*`,
          ),
        ],
      },
      RETAG,
    ],
  },
];
