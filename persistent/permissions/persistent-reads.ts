/** What a preview or refresh of the persistent stack reads (drift detection, PR previews). */
import type { ManifestEntry } from "./types";

/**
 * What drift detection (`pulumi preview --refresh` of persistent with the preview role) reads.
 */
export const PERSISTENT_READS: readonly ManifestEntry[] = [
  {
    type: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
    read: ["iam:GetOpenIDConnectProvider", "iam:ListOpenIDConnectProviderTags"],
    write: [],
  },
  {
    type: "aws:iam/role:Role",
    read: [
      "iam:GetRole",
      "iam:ListRolePolicies",
      "iam:ListAttachedRolePolicies",
      "iam:ListRoleTags",
      "iam:ListInstanceProfilesForRole",
    ],
    write: [],
  },
  { type: "aws:iam/rolePolicy:RolePolicy", read: ["iam:GetRolePolicy"], write: [] },
  {
    type: "aws:iam/policy:Policy",
    read: ["iam:GetPolicy", "iam:GetPolicyVersion", "iam:ListPolicyVersions", "iam:ListPolicyTags"],
    write: [],
  },
  {
    type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    read: ["iam:ListAttachedRolePolicies"],
    write: [],
  },
  {
    type: "aws:kms/key:Key",
    read: [
      "kms:DescribeKey",
      "kms:GetKeyPolicy",
      "kms:GetKeyRotationStatus",
      "kms:ListResourceTags",
    ],
    write: [],
  },
  { type: "aws:kms/alias:Alias", read: ["kms:ListAliases"], write: [] },
  {
    type: "aws:ecr/repository:Repository",
    read: ["ecr:DescribeRepositories", "ecr:ListTagsForResource", "ecr:GetRepositoryPolicy"],
    write: [],
  },
  { type: "aws:ecr/lifecyclePolicy:LifecyclePolicy", read: ["ecr:GetLifecyclePolicy"], write: [] },
  {
    type: "aws:route53/zone:Zone",
    read: [
      "route53:GetHostedZone",
      "route53:ListTagsForResource",
      "route53:GetDNSSEC",
      "route53:ListResourceRecordSets",
    ],
    write: [],
  },
  { type: "aws:route53/record:Record", read: ["route53:ListResourceRecordSets"], write: [] },
  {
    type: "aws:acm/certificate:Certificate",
    read: ["acm:DescribeCertificate", "acm:ListTagsForCertificate"],
    write: [],
  },
  {
    type: "aws:acm/certificateValidation:CertificateValidation",
    read: ["acm:DescribeCertificate"],
    write: [],
  },
  {
    type: "aws:sns/topic:Topic",
    read: ["sns:GetTopicAttributes", "sns:ListTagsForResource", "sns:GetDataProtectionPolicy"],
    write: [],
  },
  {
    type: "aws:sns/topicSubscription:TopicSubscription",
    read: ["sns:GetSubscriptionAttributes"],
    write: [],
  },
];
