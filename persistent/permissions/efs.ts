/**
 * The history's mount targets (storage sqlite): the ephemeral stack puts one in each task subnet
 * of the persistent stack's file system. Only that file system: the persistent provider tags it
 * with the stack tag, and EFS authorises CreateMountTarget and DeleteMountTarget on the file
 * system (IAM reference, Amazon Elastic File System). The network interface of a mount target
 * is created in the caller's name, which the EFS API reference lists for CreateMountTarget
 * (ec2:CreateNetworkInterface, ec2:DescribeSubnets, ec2:DescribeNetworkInterfaces) and
 * DeleteMountTarget (ec2:DeleteNetworkInterface); EFS sends no tags with it, so it is scoped
 * by `aws:ViaAWSService` (only through a service, never called directly) and by the stack's own
 * subnet and security group.
 */
import {
  arn,
  ownedByStack,
  unscopedReads,
  type Grant,
  type ManifestEntry,
  type ScopeContext,
} from "./types";

const FILE_SYSTEMS = (s: ScopeContext) => [arn(s, "elasticfilesystem", "file-system/*")];
const ec2 = (type: string) => (s: ScopeContext) => [arn(s, "ec2", `${type}/*`)];
const VIA_SERVICE = { Bool: { "aws:ViaAWSService": "true" } };

/** The mount target's interface, made and removed by EFS with the caller's permissions. */
const NETWORK_INTERFACE: Grant[] = [
  {
    actions: ["ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface"],
    resources: ec2("network-interface"),
    condition: () => VIA_SERVICE,
    why: "EFS creates the mount target's interface untagged; only through an AWS service.",
  },
  {
    actions: ["ec2:CreateNetworkInterface"],
    resources: (s) => [...ec2("subnet")(s), ...ec2("security-group")(s)],
    condition: ownedByStack,
  },
];

/** EFS resource types the ephemeral program creates. */
export const EFS: readonly ManifestEntry[] = [
  {
    type: "aws:efs/mountTarget:MountTarget",
    read: [
      {
        // Both are authorised on the mount target's file system.
        actions: [
          "elasticfilesystem:DescribeMountTargets",
          "elasticfilesystem:DescribeMountTargetSecurityGroups",
        ],
        resources: FILE_SYSTEMS,
        condition: ownedByStack,
      },
      unscopedReads(
        ["ec2:DescribeSubnets", "ec2:DescribeNetworkInterfaces"],
        'The provider reads the subnet\'s zone first; EC2 authorises Describe calls only on "*".',
      ),
    ],
    write: [
      {
        actions: ["elasticfilesystem:CreateMountTarget", "elasticfilesystem:DeleteMountTarget"],
        resources: FILE_SYSTEMS,
        condition: ownedByStack,
      },
      ...NETWORK_INTERFACE,
    ],
  },
];
