import { arn } from "./lib/arn";

/**
 * Key-policy statements shared by the customer-managed keys. AWS's default key policy grants
 * the account root `kms:*`; this repository allows no `*` or `service:*` action anywhere, so
 * the account keeps full administration through explicit action families instead. Without
 * these the key could become unmanageable, hence every administrative family is listed.
 */
export const KEY_ADMINISTRATION_ACTIONS = [
  "kms:CancelKeyDeletion",
  "kms:Create*",
  "kms:Decrypt",
  "kms:Delete*",
  "kms:Describe*",
  "kms:Disable*",
  "kms:Enable*",
  "kms:Encrypt",
  "kms:GenerateDataKey*",
  "kms:Get*",
  "kms:List*",
  "kms:Put*",
  "kms:ReEncrypt*",
  "kms:RetireGrant",
  "kms:Revoke*",
  "kms:RotateKeyOnDemand",
  "kms:ScheduleKeyDeletion",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:Update*",
] as const;

/** Lets the account's IAM policies govern the key (the role of AWS's default statement). */
export function accountAdministersKey(partition: string, accountId: string) {
  return {
    Sid: "AccountAdministers",
    Effect: "Allow",
    Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
    Action: [...KEY_ADMINISTRATION_ACTIONS],
    Resource: "*",
  };
}

/**
 * Lets CloudWatch Logs encrypt and decrypt with the key for one log group only: the encryption
 * context names the group. The statement AWS documents for a KMS-encrypted log group
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html);
 * without it, associating the key fails and the group is never created. That statement also
 * lists kms:Describe*, but DescribeKey carries no encryption context (IAM reference), so under
 * the condition it never matched: it is left out rather than granted unconditioned.
 */
export function logsEncryptWithKey(
  partition: string,
  region: string,
  accountId: string,
  logGroupName: string,
) {
  return {
    Sid: "CloudWatchLogsEncrypts",
    Effect: "Allow",
    Principal: { Service: `logs.${region}.amazonaws.com` },
    Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*"],
    Resource: "*",
    Condition: {
      ArnEquals: {
        "kms:EncryptionContext:aws:logs:arn": arn(
          { partition, region, accountId },
          "logs",
          `log-group:${logGroupName}`,
        ),
      },
    },
  };
}
