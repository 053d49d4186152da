/**
 * What a refresh of the persistent stack reads, per resource type: the drift role runs it for
 * drift detection, the preview role (which may not decrypt) for pull-request previews.
 */
import type { StackModel } from "../stack-model";
import type { StackCall } from "./all";
import { on, sources, anywhere, type CallTable, type ProviderCall } from "./types";

const reads =
  (...actions: string[]): CallTable["calls"] =>
  (r) =>
    actions.map((action) => on("read", action, r));

/** The persistent program's resource types, read side only. */
export const PERSISTENT_CALLS: readonly CallTable[] = [
  {
    type: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
    sources: sources("iam/openid_connect_provider.go", "iam/aws_iam_openid_connect_provider.json"),
    calls: reads("iam:GetOpenIDConnectProvider", "iam:ListOpenIDConnectProviderTags"),
  },
  {
    type: "aws:iam/role:Role",
    sources: sources("iam/role.go", "iam/aws_iam_role.json"),
    calls: reads(
      "iam:GetRole",
      "iam:ListRolePolicies",
      "iam:ListAttachedRolePolicies",
      "iam:ListRoleTags",
      "iam:ListInstanceProfilesForRole",
    ),
  },
  {
    type: "aws:iam/rolePolicy:RolePolicy",
    sources: sources("iam/role_policy.go", "iam/aws_iam_role_policy.json"),
    calls: reads("iam:GetRolePolicy"),
  },
  {
    type: "aws:iam/policy:Policy",
    sources: sources("iam/policy.go", "iam/aws_iam_policy.json"),
    calls: reads(
      "iam:GetPolicy",
      "iam:GetPolicyVersion",
      "iam:ListPolicyVersions",
      "iam:ListPolicyTags",
    ),
  },
  {
    type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    sources: sources("iam/role_policy_attachment.go", "iam/aws_iam_role_policy_attachment.json"),
    calls: reads("iam:ListAttachedRolePolicies"),
  },
  {
    type: "aws:kms/key:Key",
    sources: sources("kms/key.go", "kms/aws_kms_key.json"),
    calls: reads(
      "kms:DescribeKey",
      "kms:GetKeyPolicy",
      "kms:GetKeyRotationStatus",
      "kms:ListResourceTags",
    ),
  },
  {
    type: "aws:kms/alias:Alias",
    sources: sources("kms/alias.go", "kms/aws_kms_alias.json"),
    calls: () => [anywhere("read", "kms:ListAliases")],
  },
  {
    type: "aws:ecr/repository:Repository",
    sources: sources("ecr/repository.go", "ecr/aws_ecr_repository.json"),
    calls: reads("ecr:DescribeRepositories", "ecr:ListTagsForResource", "ecr:GetRepositoryPolicy"),
  },
  {
    type: "aws:ecr/lifecyclePolicy:LifecyclePolicy",
    sources: sources("ecr/lifecycle_policy.go", "ecr/aws_ecr_lifecycle_policy.json"),
    calls: reads("ecr:GetLifecyclePolicy"),
  },
  {
    type: "aws:route53/zone:Zone",
    sources: sources("route53/zone.go", "route53/aws_route53_zone.json"),
    calls: reads(
      "route53:GetHostedZone",
      "route53:ListTagsForResource",
      "route53:GetDNSSEC",
      "route53:ListResourceRecordSets",
    ),
  },
  {
    type: "aws:route53/record:Record",
    sources: sources("route53/record.go", "route53/aws_route53_record.json"),
    calls: reads("route53:ListResourceRecordSets"),
  },
  {
    type: "aws:acm/certificate:Certificate",
    sources: sources("acm/certificate.go", "acm/aws_acm_certificate.json"),
    calls: reads("acm:DescribeCertificate", "acm:ListTagsForCertificate"),
  },
  {
    type: "aws:acm/certificateValidation:CertificateValidation",
    sources: sources("acm/certificate_validation.go", "acm/aws_acm_certificate_validation.json"),
    calls: reads("acm:DescribeCertificate"),
  },
  {
    type: "aws:sns/topic:Topic",
    sources: sources("sns/topic.go", "sns/aws_sns_topic.json"),
    calls: reads(
      "sns:GetTopicAttributes",
      "sns:ListTagsForResource",
      "sns:GetDataProtectionPolicy",
    ),
  },
  {
    type: "aws:cloudwatch/logGroup:LogGroup",
    sources: [
      ...sources("logs/group.go", "logs/aws_cloudwatch_log_group.json"),
      "terraform-provider-aws internal/service/logs/log_group_tags_gen.go",
    ],
    calls: (group) => [
      anywhere("read", "logs:DescribeLogGroups"),
      on("read", "logs:ListTagsLogGroup", group),
      on("read", "logs:ListTagsForResource", group),
    ],
  },
  {
    type: "aws:sns/topicPolicy:TopicPolicy",
    sources: sources("sns/topic_policy.go", "sns/aws_sns_topic_policy.json"),
    calls: reads("sns:GetTopicAttributes"),
  },
  {
    type: "aws:sns/topicSubscription:TopicSubscription",
    sources: sources("sns/topic_subscription.go", "sns/aws_sns_topic_subscription.json"),
    calls: reads("sns:GetSubscriptionAttributes"),
  },
  // ---- Gatus alerting and history (only when configured) ----
  {
    // The read decrypts (GetParameter WithDecryption, parameter.go resourceParameterRead): a
    // refresh also needs kms:Decrypt on the data key (secretDecryptCalls below), which only the
    // drift role holds; for the preview role (pull requests assume it) it is a probe.
    type: "aws:ssm/parameter:Parameter",
    sources: sources("ssm/parameter.go", "ssm/aws_ssm_parameter.json"),
    calls: (r) => [
      on("read", "ssm:GetParameter", r),
      anywhere("read", "ssm:DescribeParameters"),
      on("read", "ssm:ListTagsForResource", r),
    ],
  },
  {
    type: "aws:efs/fileSystem:FileSystem",
    sources: sources("efs/file_system.go", "efs/aws_efs_file_system.json"),
    calls: reads(
      "elasticfilesystem:DescribeFileSystems",
      "elasticfilesystem:DescribeLifecycleConfiguration",
      "elasticfilesystem:ListTagsForResource",
    ),
  },
  {
    type: "aws:efs/backupPolicy:BackupPolicy",
    sources: sources("efs/backup_policy.go", "efs/aws_efs_backup_policy.json"),
    calls: reads("elasticfilesystem:DescribeBackupPolicy"),
  },
  {
    type: "aws:efs/fileSystemPolicy:FileSystemPolicy",
    sources: sources("efs/file_system_policy.go", "efs/aws_efs_file_system_policy.json"),
    calls: reads("elasticfilesystem:DescribeFileSystemPolicy"),
  },
  {
    type: "aws:efs/accessPoint:AccessPoint",
    sources: sources("efs/access_point.go", "efs/aws_efs_access_point.json"),
    calls: reads("elasticfilesystem:DescribeAccessPoints", "elasticfilesystem:ListTagsForResource"),
  },
  {
    type: "aws:sesv2/emailIdentity:EmailIdentity",
    sources: sources("sesv2/email_identity.go", "sesv2/aws_sesv2_email_identity.json"),
    calls: reads("ses:GetEmailIdentity", "ses:ListTagsForResource"),
  },
];

/** The persistent program's data sources (the adoption checks read the adopted resources). */
export function persistentInvokeCalls(
  zoneArn: string,
  oidcProviderArns: string[],
): Record<string, ProviderCall[]> {
  return {
    "aws:index/getCallerIdentity:getCallerIdentity": [],
    "aws:index/getPartition:getPartition": [],
    "aws:route53/getZone:getZone": ["route53:GetHostedZone", "route53:ListTagsForResource"].map(
      (action) => ({
        phase: "read",
        action,
        resource: zoneArn,
      }),
    ),
    "aws:iam/getOpenIdConnectProvider:getOpenIdConnectProvider": oidcProviderArns.flatMap(
      (resource) =>
        ["iam:GetOpenIDConnectProvider", "iam:ListOpenIDConnectProviderTags"].map((action) => ({
          phase: "read" as const,
          action,
          resource,
        })),
    ),
  };
}

/**
 * The decrypt behind each SecureString's read: terraform-provider-aws's resourceParameterRead
 * calls GetParameter with WithDecryption=true (internal/service/ssm/parameter.go,
 * findParameterByName(ctx, conn, d.Id(), true)), and SSM asks KMS on the caller's behalf, so
 * `kms:ViaService` is SSM's and the key's own policy applies.
 */
export function secretDecryptCalls(model: StackModel): StackCall[] {
  return model.resources
    .filter((r) => r.type === "aws:ssm/parameter:Parameter")
    .map((parameter) => {
      const key = model.resources.find(
        (k) => k.type === "aws:kms/key:Key" && k.mockRefs.includes(String(parameter.inputs.keyId)),
      );
      if (!key) throw new Error(`parameter ${parameter.name}: its key is not in the stack`);
      return {
        phase: "read" as const,
        action: "kms:Decrypt",
        resource: key.arn,
        keys: { "kms:ViaService": `ssm.${model.region}.amazonaws.com` },
        ...(key.policy ? { resourcePolicy: key.policy } : {}),
        type: parameter.type,
        name: parameter.name,
      };
    });
}
