/**
 * What a preview or refresh of the persistent stack reads (drift detection, pull-request
 * previews), scoped to the persistent stack's own resources: the preview role is assumable from
 * pull requests, so it reads no other role, policy, key or topic in the account.
 */
import { GITHUB_OIDC_HOST, PULUMI_OIDC_HOST } from "../trust";
import { LOG_BUCKET_READS } from "./audit";
import { persistentNames } from "./names";
import { arn, ownedByStack, unscopedReads, type ManifestEntry, type ScopeContext } from "./types";

const names = (s: ScopeContext) => persistentNames(s.resourcePrefix);
const iam = (s: ScopeContext, resource: string) =>
  `arn:${s.partition}:iam::${s.accountId}:${resource}`;

const OIDC_PROVIDERS = (s: ScopeContext) =>
  [GITHUB_OIDC_HOST, PULUMI_OIDC_HOST].map((host) => iam(s, `oidc-provider/${host}`));
const ROLES = (s: ScopeContext) => Object.values(names(s).roles).map((r) => iam(s, `role/${r}`));
// The packed managed policies are numbered from 1; "?" stands for one digit, so a stack named
// like "<stack>-deploy" cannot match them.
const POLICIES = (s: ScopeContext) =>
  [names(s).roles.preview, names(s).roles.deploy, names(s).roles.drift].map((r) =>
    iam(s, `policy/${r}-?`),
  );
const REPOSITORY = (s: ScopeContext) => [s.ecrRepositoryArn];
const HOSTED_ZONE = (s: ScopeContext) => [arn(s, "route53", `hostedzone/${s.hostedZoneId}`, true)];
const TOPIC = (s: ScopeContext) => [arn(s, "sns", names(s).alarmTopic)];
// Key and certificate ids are generated; the persistent provider tags both with the stack tag.
const KEYS = (s: ScopeContext) => [arn(s, "kms", "key/*")];
const CERTIFICATES = (s: ScopeContext) => [arn(s, "acm", "certificate/*")];
// By exact name: CloudWatch Logs offers no tag condition on these reads.
const LOG_GROUP = (s: ScopeContext) => [arn(s, "logs", `log-group:${names(s).logGroup}`)];
// The alerting parameters live under the stack's own path (persistent/alerting-secrets.ts).
const PARAMETERS = (s: ScopeContext) => [arn(s, "ssm", `parameter/${s.resourcePrefix}/gatus/*`)];
// File system and access point ids are generated; the persistent provider tags both.
const FILE_SYSTEMS = (s: ScopeContext) => [arn(s, "elasticfilesystem", "file-system/*")];
const ACCESS_POINTS = (s: ScopeContext) => [arn(s, "elasticfilesystem", "access-point/*")];
const EMAIL_IDENTITY = (s: ScopeContext) => [arn(s, "ses", `identity/${s.hostname}`)];

/** What reading each persistent resource type needs. */
export const PERSISTENT_READS: readonly ManifestEntry[] = [
  {
    type: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
    read: [
      {
        actions: ["iam:GetOpenIDConnectProvider", "iam:ListOpenIDConnectProviderTags"],
        resources: OIDC_PROVIDERS,
      },
    ],
    write: [],
  },
  {
    type: "aws:iam/role:Role",
    read: [
      {
        actions: [
          "iam:GetRole",
          "iam:ListRolePolicies",
          "iam:ListAttachedRolePolicies",
          "iam:ListRoleTags",
          "iam:ListInstanceProfilesForRole",
        ],
        resources: ROLES,
      },
    ],
    write: [],
  },
  {
    type: "aws:iam/rolePolicy:RolePolicy",
    read: [{ actions: ["iam:GetRolePolicy"], resources: ROLES }],
    write: [],
  },
  {
    type: "aws:iam/policy:Policy",
    read: [
      {
        actions: [
          "iam:GetPolicy",
          "iam:GetPolicyVersion",
          "iam:ListPolicyVersions",
          "iam:ListPolicyTags",
        ],
        resources: POLICIES,
      },
    ],
    write: [],
  },
  {
    type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    read: [{ actions: ["iam:ListAttachedRolePolicies"], resources: ROLES }],
    write: [],
  },
  {
    type: "aws:kms/key:Key",
    read: [
      {
        actions: [
          "kms:DescribeKey",
          "kms:GetKeyPolicy",
          "kms:GetKeyRotationStatus",
          "kms:ListResourceTags",
        ],
        resources: KEYS,
        condition: ownedByStack,
      },
    ],
    write: [],
  },
  {
    type: "aws:kms/alias:Alias",
    read: [unscopedReads(["kms:ListAliases"], 'Finds the alias; KMS authorises it only on "*".')],
    write: [],
  },
  {
    type: "aws:ecr/repository:Repository",
    read: [
      {
        actions: ["ecr:DescribeRepositories", "ecr:ListTagsForResource", "ecr:GetRepositoryPolicy"],
        resources: REPOSITORY,
      },
    ],
    write: [],
  },
  {
    type: "aws:ecr/lifecyclePolicy:LifecyclePolicy",
    read: [{ actions: ["ecr:GetLifecyclePolicy"], resources: REPOSITORY }],
    write: [],
  },
  {
    type: "aws:route53/zone:Zone",
    read: [
      {
        actions: [
          "route53:GetHostedZone",
          "route53:ListTagsForResource",
          "route53:GetDNSSEC",
          "route53:ListResourceRecordSets",
        ],
        resources: HOSTED_ZONE,
      },
    ],
    write: [],
  },
  {
    type: "aws:route53/record:Record",
    read: [{ actions: ["route53:ListResourceRecordSets"], resources: HOSTED_ZONE }],
    write: [],
  },
  {
    type: "aws:acm/certificate:Certificate",
    read: [
      {
        actions: ["acm:DescribeCertificate", "acm:ListTagsForCertificate"],
        resources: CERTIFICATES,
        condition: ownedByStack,
      },
    ],
    write: [],
  },
  {
    type: "aws:acm/certificateValidation:CertificateValidation",
    read: [
      { actions: ["acm:DescribeCertificate"], resources: CERTIFICATES, condition: ownedByStack },
    ],
    write: [],
  },
  {
    type: "aws:sns/topic:Topic",
    read: [
      {
        actions: [
          "sns:GetTopicAttributes",
          "sns:ListTagsForResource",
          "sns:GetDataProtectionPolicy",
        ],
        resources: TOPIC,
      },
    ],
    write: [],
  },
  {
    type: "aws:cloudwatch/logGroup:LogGroup",
    read: [
      unscopedReads(
        ["logs:DescribeLogGroups"],
        'Finds the log group by name prefix; CloudWatch Logs authorises it only on "*".',
      ),
      { actions: ["logs:ListTagsForResource", "logs:ListTagsLogGroup"], resources: LOG_GROUP },
    ],
    write: [],
  },
  {
    type: "aws:sns/topicPolicy:TopicPolicy",
    read: [{ actions: ["sns:GetTopicAttributes"], resources: TOPIC }],
    write: [],
  },
  {
    type: "aws:sns/topicSubscription:TopicSubscription",
    read: [{ actions: ["sns:GetSubscriptionAttributes"], resources: TOPIC }],
    write: [],
  },
  ...LOG_BUCKET_READS,
  {
    // Not kms:Decrypt: the read decrypts the value (GetParameter WithDecryption), which only the
    // task execution role and the drift role may, each through its own inline policy
    // (persistent/alerting-secrets.ts). The preview role, which pull requests assume, may not.
    type: "aws:ssm/parameter:Parameter",
    read: [
      { actions: ["ssm:GetParameter", "ssm:ListTagsForResource"], resources: PARAMETERS },
      unscopedReads(["ssm:DescribeParameters"], 'SSM authorises DescribeParameters only on "*".'),
    ],
    write: [],
  },
  {
    type: "aws:efs/fileSystem:FileSystem",
    read: [
      {
        actions: [
          "elasticfilesystem:DescribeFileSystems",
          "elasticfilesystem:DescribeLifecycleConfiguration",
          "elasticfilesystem:ListTagsForResource",
        ],
        resources: FILE_SYSTEMS,
        condition: ownedByStack,
      },
    ],
    write: [],
  },
  {
    type: "aws:efs/backupPolicy:BackupPolicy",
    read: [
      {
        actions: ["elasticfilesystem:DescribeBackupPolicy"],
        resources: FILE_SYSTEMS,
        condition: ownedByStack,
      },
    ],
    write: [],
  },
  {
    type: "aws:efs/fileSystemPolicy:FileSystemPolicy",
    read: [
      {
        actions: ["elasticfilesystem:DescribeFileSystemPolicy"],
        resources: FILE_SYSTEMS,
        condition: ownedByStack,
      },
    ],
    write: [],
  },
  {
    type: "aws:efs/accessPoint:AccessPoint",
    read: [
      {
        actions: [
          "elasticfilesystem:DescribeAccessPoints",
          "elasticfilesystem:ListTagsForResource",
        ],
        resources: ACCESS_POINTS,
        condition: ownedByStack,
      },
    ],
    write: [],
  },
  {
    type: "aws:sesv2/emailIdentity:EmailIdentity",
    read: [
      { actions: ["ses:GetEmailIdentity", "ses:ListTagsForResource"], resources: EMAIL_IDENTITY },
    ],
    write: [],
  },
];

/** Data sources the persistent program calls (the adoption checks only when adopting). */
export const PERSISTENT_INVOKES: readonly ManifestEntry[] = [
  { type: "aws:index/getCallerIdentity:getCallerIdentity", read: [], write: [] },
  { type: "aws:index/getPartition:getPartition", read: [], write: [] },
  {
    type: "aws:route53/getZone:getZone",
    read: [
      { actions: ["route53:GetHostedZone", "route53:ListTagsForResource"], resources: HOSTED_ZONE },
    ],
    write: [],
  },
  {
    type: "aws:iam/getOpenIdConnectProvider:getOpenIdConnectProvider",
    read: [
      {
        actions: ["iam:GetOpenIDConnectProvider", "iam:ListOpenIDConnectProviderTags"],
        resources: OIDC_PROVIDERS,
      },
    ],
    write: [],
  },
];
