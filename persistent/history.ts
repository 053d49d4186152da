import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ImageUser } from "./image-user";

export interface HistoryArgs {
  resourcePrefix: string;
  keyArn: pulumi.Input<string>;
  /** The user the image runs as (image/Dockerfile's USER): the access point's identity. */
  user: ImageUser;
  /** The Gatus task role: ECS mounts with it (IAM authorization on the mount). */
  taskRoleName: pulumi.Input<string>;
  taskRoleArn: pulumi.Input<string>;
}

/** Where the access point roots Gatus's view of the file system. */
export const HISTORY_ROOT = "/gatus";

/**
 * Gatus's SQLite history on EFS, owned here so it outlives every deploy and teardown of the
 * ephemeral stack (which mounts it through its own mount targets). Encrypted with the project's key,
 * backed up daily by AWS Backup, protected. Gatus sees only the access point: a directory
 * owned by, and always entered as, the image's numeric user. Clients need TLS and the task
 * role, and may mount only through that access point (file system policy and role policy).
 */
export class History extends pulumi.ComponentResource {
  readonly fileSystem: aws.efs.FileSystem;
  readonly accessPoint: aws.efs.AccessPoint;

  constructor(name: string, args: HistoryArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gatus:persistent:History", name, {}, opts);
    const child = { parent: this };

    this.fileSystem = new aws.efs.FileSystem(
      "history",
      {
        encrypted: true,
        kmsKeyId: args.keyArn,
        performanceMode: "generalPurpose",
        // Gatus writes kilobytes a minute: bursting's credits never run out at that rate, and
        // unlike elastic throughput it bills no per-GB reads and writes.
        throughputMode: "bursting",
        tags: { Name: `${args.resourcePrefix}-history` },
      },
      { ...child, protect: true },
    );
    // Daily backups, kept 35 days, by AWS Backup's default plan (FSBP EFS.2).
    new aws.efs.BackupPolicy(
      "history",
      { fileSystemId: this.fileSystem.id, backupPolicy: { status: "ENABLED" } },
      child,
    );
    this.accessPoint = new aws.efs.AccessPoint(
      "gatus",
      {
        fileSystemId: this.fileSystem.id,
        posixUser: { uid: args.user.uid, gid: args.user.gid },
        rootDirectory: {
          path: HISTORY_ROOT,
          creationInfo: {
            ownerUid: args.user.uid,
            ownerGid: args.user.gid,
            permissions: "0750",
          },
        },
        tags: { Name: `${args.resourcePrefix}-gatus` },
      },
      child,
    );
    new aws.efs.FileSystemPolicy(
      "history",
      {
        fileSystemId: this.fileSystem.id,
        policy: pulumi
          .all([this.fileSystem.arn, this.accessPoint.arn, args.taskRoleArn])
          .apply(([fileSystemArn, accessPointArn, taskRoleArn]) =>
            JSON.stringify(historyFileSystemPolicy(fileSystemArn, accessPointArn, taskRoleArn)),
          ),
      },
      child,
    );
    new aws.iam.RolePolicy(
      "task-history",
      {
        role: args.taskRoleName,
        policy: pulumi
          .all([this.fileSystem.arn, this.accessPoint.arn])
          .apply(([fileSystemArn, accessPointArn]) =>
            JSON.stringify({
              Version: "2012-10-17",
              Statement: [{ Sid: "MountHistory", ...clientAccess(fileSystemArn, accessPointArn) }],
            }),
          ),
      },
      child,
    );
    this.registerOutputs({ fileSystemId: this.fileSystem.id, accessPointId: this.accessPoint.id });
  }
}

/** Mount and write through the one access point, over TLS. */
function clientAccess(fileSystemArn: string, accessPointArn: string) {
  return {
    Effect: "Allow",
    Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
    Resource: fileSystemArn,
    Condition: {
      StringEquals: { "elasticfilesystem:AccessPointArn": accessPointArn },
      Bool: { "aws:SecureTransport": "true" },
    },
  };
}

/**
 * The file system's own policy: without one, EFS lets every client that reaches a mount
 * target in. With it, only the Gatus task role, only through the access point, only over TLS;
 * no root access for anyone.
 */
export function historyFileSystemPolicy(
  fileSystemArn: string,
  accessPointArn: string,
  taskRoleArn: string,
) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "GatusTaskThroughAccessPoint",
        Principal: { AWS: taskRoleArn },
        ...clientAccess(fileSystemArn, accessPointArn),
      },
    ],
  };
}
