/**
 * The history mount targets' calls. The provider reads the subnet's zone before creating one
 * (mount_target.go, getAZFromSubnetID) and waits on DescribeMountTargets; EFS authorises the
 * mount target calls on its file system, which the persistent stack owns and tagged. EFS makes
 * the mount target's network interface with the caller's permissions (EFS API reference,
 * CreateMountTarget and DeleteMountTarget), untagged, in the stack's subnet and security group.
 */
import { STACK_TAG_KEY } from "../../../persistent/permissions/stack-tag";
import { resolve, type ModelResource, type StackModel } from "../stack-model";
import { anywhere, sources, type CallTable, type Phase, type ProviderCall } from "./types";

const VIA_SERVICE = { "aws:ViaAWSService": "true" };

/** A call on the persistent file system, tagged by the persistent provider with the stack tag. */
const onFileSystem = (phase: Phase, action: string, target: ModelResource, stack: StackModel) => ({
  phase,
  action,
  resource: target.arn,
  resourceTags: { [STACK_TAG_KEY]: String(stack.defaultTags[STACK_TAG_KEY]) },
});

const networkInterfaceOf = (target: ModelResource, stack: StackModel) =>
  `arn:${stack.partition}:ec2:${stack.region}:${stack.accountId}:network-interface/eni-${target.name}`;

/** EFS resource types the ephemeral program creates. */
export const EFS_CALLS: readonly CallTable[] = [
  {
    type: "aws:efs/mountTarget:MountTarget",
    sources: sources("efs/mount_target.go", "efs/aws_efs_mount_target.json"),
    calls: (target, stack): ProviderCall[] => {
      const subnet = resolve(stack, target.inputs.subnetId, "the mount target's subnet");
      const groups = (target.inputs.securityGroups as unknown[]).map((id) =>
        resolve(stack, id, "a mount target security group"),
      );
      const eni = networkInterfaceOf(target, stack);
      return [
        anywhere("create", "ec2:DescribeSubnets"),
        onFileSystem("create", "elasticfilesystem:CreateMountTarget", target, stack),
        // Untagged and AWS-managed, like the NAT gateway's interface (resourceTags {}).
        {
          phase: "create",
          action: "ec2:CreateNetworkInterface",
          resource: eni,
          resourceTags: {},
          keys: VIA_SERVICE,
        },
        {
          phase: "create",
          action: "ec2:CreateNetworkInterface",
          resource: subnet.arn,
          resourceTags: subnet.tags,
          keys: VIA_SERVICE,
        },
        ...groups.map((group) => ({
          phase: "create" as const,
          action: "ec2:CreateNetworkInterface",
          resource: group.arn,
          resourceTags: group.tags,
          keys: VIA_SERVICE,
        })),
        anywhere("create", "ec2:DescribeNetworkInterfaces"),
        onFileSystem("read", "elasticfilesystem:DescribeMountTargets", target, stack),
        onFileSystem("read", "elasticfilesystem:DescribeMountTargetSecurityGroups", target, stack),
        onFileSystem("delete", "elasticfilesystem:DeleteMountTarget", target, stack),
        {
          phase: "delete",
          action: "ec2:DeleteNetworkInterface",
          resource: eni,
          resourceTags: {},
          keys: VIA_SERVICE,
        },
      ];
    },
  },
];
