import type { ResourceRule, Rule } from "../types";
import { asArray, asRecord, show, where } from "./util";

export const EFS_FILE_SYSTEM = "aws:efs/fileSystem:FileSystem";
export const EFS_ACCESS_POINT = "aws:efs/accessPoint:AccessPoint";
const ECS_TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";

/** EFS file system must be encrypted at rest with a customer-managed key. */
export const efsEncrypted: ResourceRule = {
  kind: "resource",
  id: "efs-encrypted-with-cmk",
  control: "FSBP EFS.1 / CKV_AWS_184",
  level: "mandatory",
  resourceTypes: [EFS_FILE_SYSTEM],
  description: "EFS file system must be encrypted at rest with a customer-managed KMS key",
  why: "Gatus's history outlives every deploy; unencrypted, or under the AWS-managed key, anyone with EFS read access or a snapshot reads it without a key policy or CloudTrail-logged key use in between.",
  check(r) {
    if (r.inputs.encrypted !== true)
      return [`${where(r)} has encrypted ${show(r.inputs.encrypted)}; set it to true.`];
    return typeof r.inputs.kmsKeyId === "string" && r.inputs.kmsKeyId !== ""
      ? []
      : [`${where(r)} has no kmsKeyId; encrypt it with the stack's customer-managed key.`];
  },
};

/** EFS access point must confine clients to a directory below the file system's root. */
export const efsAccessPointRootDirectory: ResourceRule = {
  kind: "resource",
  id: "efs-access-point-root-directory",
  control: "FSBP EFS.3",
  level: "mandatory",
  resourceTypes: [EFS_ACCESS_POINT],
  description: "EFS access point must enforce a root directory other than /",
  why: "An access point rooted at / lets its clients see and change everything on the file system, not just their own data.",
  check(r) {
    const path = asRecord(r.inputs.rootDirectory).path;
    return typeof path === "string" && path !== "" && path !== "/"
      ? []
      : [
          `${where(r)} has rootDirectory.path ${show(path)}; root it in its own directory, e.g. "/gatus".`,
        ];
  },
};

/** EFS access point must enforce a non-root POSIX user. */
export const efsAccessPointUserIdentity: ResourceRule = {
  kind: "resource",
  id: "efs-access-point-user-identity",
  control: "FSBP EFS.4",
  level: "mandatory",
  resourceTypes: [EFS_ACCESS_POINT],
  description: "EFS access point must enforce a non-root POSIX user identity",
  why: "Without an enforced user every client acts as whatever uid it claims, root included; with one, files are always written as the image's user.",
  check(r) {
    const user = asRecord(r.inputs.posixUser);
    return typeof user.uid === "number" && user.uid !== 0 && typeof user.gid === "number"
      ? []
      : [
          `${where(r)} has posixUser ${show(r.inputs.posixUser)}; set the image's numeric, non-root uid and gid.`,
        ];
  },
};

/** An ECS task's EFS volume must use TLS and IAM authorization through an access point. */
export const ecsEfsVolumeSecured: ResourceRule = {
  kind: "resource",
  id: "ecs-efs-volume-tls-iam-access-point",
  control: "CKV_AWS_97",
  level: "mandatory",
  resourceTypes: [ECS_TASK_DEFINITION],
  description:
    "ECS task EFS volumes must use transit encryption, IAM authorization and an access point",
  why: "Without TLS the history crosses the VPC in clear text; without IAM authorization and an access point the file system policy cannot tell the Gatus task from any other client that reaches a mount target.",
  check(r) {
    return asArray(r.inputs.volumes).flatMap((volume) => {
      const v = asRecord(volume);
      const efs = asRecord(v.efsVolumeConfiguration);
      if (Object.keys(efs).length === 0) return [];
      const auth = asRecord(efs.authorizationConfig);
      const problems = [
        efs.transitEncryption === "ENABLED"
          ? ""
          : `transitEncryption ${show(efs.transitEncryption)}`,
        auth.iam === "ENABLED" ? "" : `authorizationConfig.iam ${show(auth.iam)}`,
        typeof auth.accessPointId === "string" ? "" : "no authorizationConfig.accessPointId",
      ].filter(Boolean);
      return problems.length === 0
        ? []
        : [
            `${where(r)} volume "${String(v.name)}" has ${problems.join(", ")}; set transitEncryption and authorizationConfig.iam to "ENABLED" and mount through the access point.`,
          ];
    });
  },
};

export const efsRules: readonly Rule[] = [
  efsEncrypted,
  efsAccessPointRootDirectory,
  efsAccessPointUserIdentity,
  ecsEfsVolumeSecured,
];
