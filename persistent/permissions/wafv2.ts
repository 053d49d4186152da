/** The regional web ACL and its association with the load balancer. */
import { albArns } from "./elb";
import { arn, type ManifestEntry, type ScopeContext } from "./types";

const webAcls = (s: ScopeContext) => [arn(s, "wafv2", `regional/webacl/${s.resourcePrefix}-*/*`)];

/** AWS WAF v2 resource types the ephemeral program creates. */
export const WAFV2: readonly ManifestEntry[] = [
  {
    type: "aws:wafv2/webAcl:WebAcl",
    read: [
      "wafv2:GetWebACL",
      "wafv2:ListWebACLs",
      "wafv2:ListTagsForResource",
      "wafv2:DescribeManagedRuleGroup",
    ],
    write: [
      {
        // Referencing AWS managed rule groups is authorised on the managed rule set ARN.
        actions: [
          "wafv2:CreateWebACL",
          "wafv2:UpdateWebACL",
          "wafv2:DeleteWebACL",
          "wafv2:TagResource",
          "wafv2:UntagResource",
        ],
        resources: (s) => [...webAcls(s), arn(s, "wafv2", "regional/managedruleset/*/*")],
      },
    ],
  },
  {
    type: "aws:wafv2/webAclAssociation:WebAclAssociation",
    read: ["wafv2:GetWebACLForResource", "wafv2:GetWebACL"],
    write: [
      {
        actions: ["wafv2:AssociateWebACL", "wafv2:DisassociateWebACL"],
        resources: (s) => [...webAcls(s), ...albArns(s)],
      },
      { actions: ["elasticloadbalancing:SetWebACL"], resources: albArns },
    ],
  },
];
