import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AVAILABILITY_ZONES } from "./vpc-layout";

export interface HistoryMountArgs {
  namePrefix: string;
  vpcId: pulumi.Input<string>;
  /** The task subnets, one per availability zone: each gets a mount target. */
  subnetIds: pulumi.Input<string[]>;
  /** The Gatus tasks' security group: the only one that may reach NFS. */
  taskSecurityGroupId: pulumi.Input<string>;
  /** The persistent stack's history file system. */
  fileSystemId: string;
}

/** NFS, which EFS speaks (always over TLS here: the task definition requires it). */
export const NFS_PORT = 2049;

/**
 * How the tasks reach the persistent history file system: a mount target in each task subnet
 * (the file system outlives this stack; its mount targets live and die with this VPC) behind a
 * security group that admits NFS from the Gatus tasks only, and the tasks' one egress rule to it.
 */
export class HistoryMount extends pulumi.ComponentResource {
  readonly securityGroup: aws.ec2.SecurityGroup;
  readonly mountTargets: aws.efs.MountTarget[];

  constructor(name: string, args: HistoryMountArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gatus:ephemeral:HistoryMount", name, {}, opts);
    const child = { parent: this };

    this.securityGroup = new aws.ec2.SecurityGroup(
      "efs",
      {
        // By prefix, like the other groups: a replacement never meets the group it replaces.
        namePrefix: `${args.namePrefix}-efs-`,
        description: "Gatus history mount targets: NFS from the Gatus tasks only",
        vpcId: args.vpcId,
      },
      child,
    );
    new aws.vpc.SecurityGroupIngressRule(
      "efs-from-task",
      {
        securityGroupId: this.securityGroup.id,
        ipProtocol: "tcp",
        fromPort: NFS_PORT,
        toPort: NFS_PORT,
        referencedSecurityGroupId: args.taskSecurityGroupId,
        description: "NFS (TLS) from the Gatus tasks",
      },
      child,
    );
    new aws.vpc.SecurityGroupEgressRule(
      "task-to-efs",
      {
        securityGroupId: args.taskSecurityGroupId,
        ipProtocol: "tcp",
        fromPort: NFS_PORT,
        toPort: NFS_PORT,
        referencedSecurityGroupId: this.securityGroup.id,
        description: "NFS (TLS) to the history mount targets",
      },
      child,
    );
    this.mountTargets = Array.from({ length: AVAILABILITY_ZONES }, (_, i) => {
      const subnetId = pulumi.output(args.subnetIds).apply((ids) => {
        const id = ids[i];
        if (id === undefined) throw new Error(`no task subnet ${i + 1} for a mount target`);
        return id;
      });
      return new aws.efs.MountTarget(
        `history-${i + 1}`,
        {
          fileSystemId: args.fileSystemId,
          subnetId,
          securityGroups: [this.securityGroup.id],
        },
        {
          ...child,
          // Changing a mount target's groups in place needs ec2:ModifyNetworkInterfaceAttribute
          // on its EFS-owned, untagged interface, which the deploy role cannot be scoped for:
          // replace it instead. One mount target per zone, so the old one goes first.
          replaceOnChanges: ["securityGroups"],
          deleteBeforeReplace: true,
        },
      );
    });
    this.registerOutputs({ securityGroupId: this.securityGroup.id });
  }
}
