/**
 * The web ACL's calls, and the association's: wafv2:AssociateWebACL is authorised on the web ACL
 * and on the load balancer, and WAF checks the load balancer's side too, with ELB's
 * permission-only actions (CreateWebACLAssociation, DeleteWebACLAssociation,
 * GetLoadBalancerWebACL) and the legacy elasticloadbalancing:SetWebAcl.
 */
import { resolve } from "../stack-model";
import { anywhere, creating, on, sources, CHANGED_TAG, type CallTable } from "./types";

/** AWS WAF v2 resource types. */
export const WAFV2_CALLS: readonly CallTable[] = [
  {
    type: "aws:wafv2/webAcl:WebAcl",
    sources: sources("wafv2/web_acl.go", "wafv2/aws_wafv2_web_acl.json"),
    calls: (acl) => [
      creating("wafv2:CreateWebACL", acl),
      on("create", "wafv2:TagResource", acl, { requestTags: acl.tags }),
      on("read", "wafv2:GetWebACL", acl),
      on("read", "wafv2:ListTagsForResource", acl),
      on("update", "wafv2:UpdateWebACL", acl),
      on("tag", "wafv2:TagResource", acl, { requestTags: CHANGED_TAG }),
      on("tag", "wafv2:UntagResource", acl),
      on("delete", "wafv2:DeleteWebACL", acl),
    ],
  },
  {
    type: "aws:wafv2/webAclAssociation:WebAclAssociation",
    sources: sources("wafv2/web_acl_association.go", "wafv2/aws_wafv2_web_acl_association.json"),
    calls: (association, stack) => {
      const acl = resolve(stack, association.inputs.webAclArn, "the associated web ACL");
      const alb = resolve(stack, association.inputs.resourceArn, "the associated load balancer");
      return [
        on("create", "wafv2:AssociateWebACL", acl),
        on("create", "wafv2:AssociateWebACL", alb),
        on("create", "elasticloadbalancing:CreateWebACLAssociation", alb),
        anywhere("create", "elasticloadbalancing:SetWebAcl"),
        on("read", "wafv2:GetWebACLForResource", alb),
        on("read", "wafv2:GetWebACLForResource", acl),
        on("read", "elasticloadbalancing:GetLoadBalancerWebACL", alb),
        on("delete", "wafv2:DisassociateWebACL", alb),
        on("delete", "elasticloadbalancing:DeleteWebACLAssociation", alb),
        anywhere("delete", "elasticloadbalancing:SetWebAcl"),
      ];
    },
  },
];
