/**
 * The VPC and everything in it: awsx.ec2.Vpc's children, the security groups and their rules.
 *
 * EC2 authorises a call on every resource it touches, each with its own condition keys: creating
 * a subnet is checked on the new subnet (`aws:RequestTag`) and on its VPC (`aws:ResourceTag`),
 * creating a NAT gateway on the gateway, its subnet and its EIP. So every grant names one
 * resource type, the new resource must carry the stack tag and every existing one must already
 * carry it: the deploy role cannot open another security group, route another table, attach a
 * gateway to another VPC or build anything in one. The provider tags on create
 * (TagSpecifications) with the provider's default tags, which carry the stack tag.
 */
import {
  allOf,
  arn,
  keepsStackTag,
  ownedByStack,
  taggedForStack,
  unscopedReads,
  type Grant,
  type ManifestEntry,
  type ScopeContext,
} from "./types";

type Ec2Type =
  | "vpc"
  | "subnet"
  | "route-table"
  | "internet-gateway"
  | "natgateway"
  | "elastic-ip"
  | "security-group"
  | "security-group-rule";

const ec2 = (type: Ec2Type) => (s: ScopeContext) => [arn(s, "ec2", `${type}/*`)];

/** The new resource of `type` is created with the stack tag. */
const creates = (type: Ec2Type, actions: string[]): Grant => ({
  actions,
  resources: ec2(type),
  condition: taggedForStack,
});

/** The existing resource of `type` the call touches carries the stack tag. */
const onOwned = (type: Ec2Type, actions: string[]): Grant => ({
  actions,
  resources: ec2(type),
  condition: ownedByStack,
});

// Tags sent with a create are authorised as ec2:CreateTags with ec2:CreateAction naming the call.
const TAG_ON_CREATE: Grant = {
  actions: ["ec2:CreateTags"],
  resources: (s) =>
    (
      [
        "vpc",
        "subnet",
        "route-table",
        "internet-gateway",
        "natgateway",
        "elastic-ip",
        "security-group",
        "security-group-rule",
      ] as const
    ).flatMap((type) => ec2(type)(s)),
  condition: (s) =>
    allOf(taggedForStack(s), {
      StringEquals: {
        "ec2:CreateAction": [
          "CreateVpc",
          "CreateSubnet",
          "CreateRouteTable",
          "CreateInternetGateway",
          "CreateNatGateway",
          "AllocateAddress",
          "CreateSecurityGroup",
          "AuthorizeSecurityGroupIngress",
          "AuthorizeSecurityGroupEgress",
        ],
      },
    }),
};

/** Changing tags later: only on the stack's own resources, never moving one to another stack. */
const retag = (type: Ec2Type): Grant => ({
  actions: ["ec2:CreateTags", "ec2:DeleteTags"],
  resources: ec2(type),
  condition: (s) => allOf(ownedByStack(s), keepsStackTag(s)),
});

const describe = (actions: string[]) =>
  unscopedReads(
    actions,
    'EC2 Describe calls: the provider reads state and waits on them; EC2 authorises them only on "*".',
  );

/** EC2 resource types the ephemeral program (and awsx.ec2.Vpc for it) creates. */
export const EC2: readonly ManifestEntry[] = [
  {
    type: "aws:ec2/vpc:Vpc",
    // The VPC's default network ACL, main route table and default security group are read too.
    read: [
      describe([
        "ec2:DescribeVpcs",
        "ec2:DescribeNetworkAcls",
        "ec2:DescribeRouteTables",
        "ec2:DescribeSecurityGroups",
      ]),
      onOwned("vpc", ["ec2:DescribeVpcAttribute"]),
    ],
    write: [
      creates("vpc", ["ec2:CreateVpc"]),
      TAG_ON_CREATE,
      onOwned("vpc", ["ec2:ModifyVpcAttribute", "ec2:DeleteVpc"]),
      retag("vpc"),
    ],
  },
  {
    type: "aws:ec2/subnet:Subnet",
    // Deleting a subnet first waits for the network interfaces left in it to go.
    read: [describe(["ec2:DescribeSubnets", "ec2:DescribeNetworkInterfaces"])],
    write: [
      creates("subnet", ["ec2:CreateSubnet"]),
      onOwned("vpc", ["ec2:CreateSubnet"]),
      TAG_ON_CREATE,
      // ModifySubnetAttribute runs on create whenever an attribute differs from the API default.
      onOwned("subnet", ["ec2:ModifySubnetAttribute", "ec2:DeleteSubnet"]),
      retag("subnet"),
    ],
  },
  {
    type: "aws:ec2/routeTable:RouteTable",
    read: [describe(["ec2:DescribeRouteTables"])],
    write: [
      creates("route-table", ["ec2:CreateRouteTable"]),
      onOwned("vpc", ["ec2:CreateRouteTable"]),
      TAG_ON_CREATE,
      onOwned("route-table", ["ec2:DeleteRouteTable"]),
      retag("route-table"),
    ],
  },
  {
    type: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    read: [describe(["ec2:DescribeRouteTables"])],
    write: [
      onOwned("route-table", [
        "ec2:AssociateRouteTable",
        "ec2:ReplaceRouteTableAssociation",
        "ec2:DisassociateRouteTable",
      ]),
      onOwned("subnet", [
        "ec2:AssociateRouteTable",
        "ec2:ReplaceRouteTableAssociation",
        "ec2:DisassociateRouteTable",
      ]),
    ],
  },
  {
    type: "aws:ec2/route:Route",
    read: [describe(["ec2:DescribeRouteTables"])],
    write: [onOwned("route-table", ["ec2:CreateRoute", "ec2:ReplaceRoute", "ec2:DeleteRoute"])],
  },
  {
    type: "aws:ec2/internetGateway:InternetGateway",
    read: [describe(["ec2:DescribeInternetGateways"])],
    write: [
      creates("internet-gateway", ["ec2:CreateInternetGateway"]),
      TAG_ON_CREATE,
      onOwned("internet-gateway", [
        "ec2:AttachInternetGateway",
        "ec2:DetachInternetGateway",
        "ec2:DeleteInternetGateway",
      ]),
      onOwned("vpc", ["ec2:AttachInternetGateway", "ec2:DetachInternetGateway"]),
      retag("internet-gateway"),
    ],
  },
  {
    type: "aws:ec2/natGateway:NatGateway",
    read: [describe(["ec2:DescribeNatGateways"])],
    write: [
      creates("natgateway", ["ec2:CreateNatGateway"]),
      onOwned("subnet", ["ec2:CreateNatGateway"]),
      onOwned("elastic-ip", ["ec2:CreateNatGateway"]),
      TAG_ON_CREATE,
      onOwned("natgateway", ["ec2:DeleteNatGateway"]),
      retag("natgateway"),
    ],
  },
  {
    type: "aws:ec2/eip:Eip",
    read: [describe(["ec2:DescribeAddresses", "ec2:DescribeAddressesAttribute"])],
    write: [
      creates("elastic-ip", ["ec2:AllocateAddress"]),
      TAG_ON_CREATE,
      // Deleting an EIP that a refresh still shows on the NAT gateway disassociates it first.
      onOwned("elastic-ip", ["ec2:DisassociateAddress", "ec2:ReleaseAddress"]),
      {
        actions: ["ec2:DisassociateAddress"],
        resources: (s) => [arn(s, "ec2", "network-interface/*")],
        why: "The NAT gateway's network interface is AWS-managed and untagged; the EIP being disassociated must still carry the stack tag.",
      },
      retag("elastic-ip"),
    ],
  },
  {
    type: "aws:ec2/securityGroup:SecurityGroup",
    read: [describe(["ec2:DescribeSecurityGroups", "ec2:DescribeNetworkInterfaces"])],
    write: [
      creates("security-group", ["ec2:CreateSecurityGroup"]),
      onOwned("vpc", ["ec2:CreateSecurityGroup"]),
      TAG_ON_CREATE,
      // A new group comes with an allow-all egress rule that the provider revokes at once.
      onOwned("security-group", ["ec2:RevokeSecurityGroupEgress", "ec2:DeleteSecurityGroup"]),
      retag("security-group"),
    ],
  },
  {
    type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    read: [describe(["ec2:DescribeSecurityGroupRules"])],
    write: [
      onOwned("security-group", [
        "ec2:AuthorizeSecurityGroupIngress",
        "ec2:ModifySecurityGroupRules",
        "ec2:RevokeSecurityGroupIngress",
      ]),
      creates("security-group-rule", ["ec2:AuthorizeSecurityGroupIngress"]),
      TAG_ON_CREATE,
      onOwned("security-group-rule", ["ec2:ModifySecurityGroupRules"]),
      retag("security-group-rule"),
    ],
  },
  {
    type: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    read: [describe(["ec2:DescribeSecurityGroupRules"])],
    write: [
      onOwned("security-group", [
        "ec2:AuthorizeSecurityGroupEgress",
        "ec2:ModifySecurityGroupRules",
        "ec2:RevokeSecurityGroupEgress",
      ]),
      creates("security-group-rule", ["ec2:AuthorizeSecurityGroupEgress"]),
      TAG_ON_CREATE,
      onOwned("security-group-rule", ["ec2:ModifySecurityGroupRules"]),
      retag("security-group-rule"),
    ],
  },
];

/** Data sources on EC2 the ephemeral program (through awsx) calls. */
export const EC2_INVOKES: readonly ManifestEntry[] = [
  {
    type: "aws:index/getAvailabilityZones:getAvailabilityZones",
    read: [describe(["ec2:DescribeAvailabilityZones"])],
    write: [],
  },
];
