/**
 * The regional web ACL and its association with the load balancer. WAF's own actions on the load
 * balancer take no tag condition, so they name the stack's web ACL and load balancer exactly; the
 * load balancer's side of the association (ELB's permission-only actions) is tag-scoped.
 */
import { ALB } from "./elb";
import { ephemeralNames } from "./names";
import { arn, ownedByStack, taggedForStack, type ManifestEntry, type ScopeContext } from "./types";

const WEB_ACL = (s: ScopeContext) => [
  arn(s, "wafv2", `regional/webacl/${ephemeralNames(s.resourcePrefix).webAcl}/*`),
];
const THE_ALB = (s: ScopeContext) => [
  arn(
    s,
    "elasticloadbalancing",
    `loadbalancer/app/${ephemeralNames(s.resourcePrefix).loadBalancer}/*`,
  ),
];

/** AWS WAF v2 resource types the ephemeral program creates. */
export const WAFV2: readonly ManifestEntry[] = [
  {
    type: "aws:wafv2/webAcl:WebAcl",
    read: [{ actions: ["wafv2:GetWebACL", "wafv2:ListTagsForResource"], resources: WEB_ACL }],
    write: [
      { actions: ["wafv2:CreateWebACL"], resources: WEB_ACL, condition: taggedForStack },
      { actions: ["wafv2:UpdateWebACL"], resources: WEB_ACL, condition: ownedByStack },
      // DeleteWebACL takes no tag condition; the name is the stack's. Tags go with the create.
      {
        actions: ["wafv2:DeleteWebACL", "wafv2:TagResource", "wafv2:UntagResource"],
        resources: WEB_ACL,
      },
    ],
  },
  {
    type: "aws:wafv2/webAclAssociation:WebAclAssociation",
    read: [
      {
        actions: ["wafv2:GetWebACLForResource"],
        resources: (s) => [...WEB_ACL(s), ...THE_ALB(s)],
      },
      // What WAF asks ELB on the caller's behalf when it reads the association.
      {
        actions: ["elasticloadbalancing:GetLoadBalancerWebACL"],
        resources: ALB,
        condition: ownedByStack,
      },
    ],
    write: [
      { actions: ["wafv2:AssociateWebACL"], resources: (s) => [...WEB_ACL(s), ...THE_ALB(s)] },
      { actions: ["wafv2:DisassociateWebACL"], resources: THE_ALB },
      // ELB's permission-only actions for associating a web ACL with a load balancer.
      {
        actions: [
          "elasticloadbalancing:CreateWebACLAssociation",
          "elasticloadbalancing:DeleteWebACLAssociation",
        ],
        resources: ALB,
        condition: ownedByStack,
      },
      {
        actions: ["elasticloadbalancing:SetWebAcl"],
        resources: () => ["*"],
        why: 'The legacy permission WAF checks when associating a web ACL with a load balancer; ELB authorises it only on "*".',
      },
    ],
  },
];
