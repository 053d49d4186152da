/** The VPC and everything in it: awsx.ec2.Vpc's children, the security groups and their rules. */
import { STACK_TAG_KEY } from "./stack-tag";
import { arn, type Grant, type ManifestEntry, type ScopeContext } from "./types";

// EC2 "create" calls authorise several resources at once (a subnet AND its VPC, a NAT gateway
// AND its subnet and EIP), so they are scoped to this account and region. Everything that
// changes or deletes an existing resource additionally requires the stack tag, so the deploy
// role cannot touch networking that this stack did not create. This relies on the provider
// tagging on create (TagSpecifications), which it does for every EC2 type listed here.
const ec2InRegion = (s: ScopeContext) => [arn(s, "ec2", "*")];
const ec2Create = (actions: string[]): Grant => ({ actions, resources: ec2InRegion });
const ec2Tagged = (actions: string[]): Grant => ({
  actions,
  resources: ec2InRegion,
  condition: (s) => ({ StringEquals: { [`aws:ResourceTag/${STACK_TAG_KEY}`]: s.resourcePrefix } }),
});
// Tags may be written while creating a resource, or later on a resource that carries the tag.
const ec2TagOnCreate: Grant = {
  actions: ["ec2:CreateTags"],
  resources: ec2InRegion,
  condition: () => ({
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
const ec2Retag = ec2Tagged(["ec2:CreateTags", "ec2:DeleteTags"]);

/** Describe calls the provider makes to read and wait for EC2 resources. */
export const EC2_READ = [
  "ec2:DescribeVpcs",
  "ec2:DescribeVpcAttribute",
  "ec2:DescribeSubnets",
  "ec2:DescribeRouteTables",
  "ec2:DescribeInternetGateways",
  "ec2:DescribeNatGateways",
  "ec2:DescribeAddresses",
  "ec2:DescribeAddressesAttribute",
  "ec2:DescribeSecurityGroups",
  "ec2:DescribeSecurityGroupRules",
  "ec2:DescribeNetworkInterfaces",
  "ec2:DescribeAvailabilityZones",
  "ec2:DescribeAccountAttributes",
  "ec2:DescribeNetworkAcls",
  "ec2:DescribePrefixLists",
  "ec2:DescribeTags",
];

/** EC2 resource types the ephemeral program (and awsx.ec2.Vpc for it) creates. */
export const EC2: readonly ManifestEntry[] = [
  {
    type: "aws:ec2/vpc:Vpc",
    read: EC2_READ,
    write: [
      ec2Create(["ec2:CreateVpc"]),
      ec2TagOnCreate,
      ec2Retag,
      ec2Tagged(["ec2:DeleteVpc", "ec2:ModifyVpcAttribute"]),
    ],
  },
  {
    type: "aws:ec2/subnet:Subnet",
    read: EC2_READ,
    write: [
      ec2Create(["ec2:CreateSubnet"]),
      ec2TagOnCreate,
      ec2Retag,
      // ModifySubnetAttribute runs on create whenever an attribute differs from the API default.
      ec2Tagged(["ec2:DeleteSubnet", "ec2:ModifySubnetAttribute"]),
    ],
  },
  {
    type: "aws:ec2/routeTable:RouteTable",
    read: EC2_READ,
    write: [
      ec2Create(["ec2:CreateRouteTable"]),
      ec2TagOnCreate,
      ec2Retag,
      ec2Tagged(["ec2:DeleteRouteTable"]),
    ],
  },
  {
    type: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    read: EC2_READ,
    write: [
      ec2Create(["ec2:AssociateRouteTable"]),
      ec2Tagged(["ec2:DisassociateRouteTable", "ec2:ReplaceRouteTableAssociation"]),
    ],
  },
  {
    type: "aws:ec2/route:Route",
    read: EC2_READ,
    write: [ec2Create(["ec2:CreateRoute"]), ec2Tagged(["ec2:ReplaceRoute", "ec2:DeleteRoute"])],
  },
  {
    type: "aws:ec2/internetGateway:InternetGateway",
    read: EC2_READ,
    write: [
      ec2Create(["ec2:CreateInternetGateway", "ec2:AttachInternetGateway"]),
      ec2TagOnCreate,
      ec2Retag,
      ec2Tagged(["ec2:DetachInternetGateway", "ec2:DeleteInternetGateway"]),
    ],
  },
  {
    type: "aws:ec2/natGateway:NatGateway",
    read: EC2_READ,
    write: [
      ec2Create(["ec2:CreateNatGateway"]),
      ec2TagOnCreate,
      ec2Retag,
      ec2Tagged(["ec2:DeleteNatGateway"]),
    ],
  },
  {
    type: "aws:ec2/eip:Eip",
    read: EC2_READ,
    write: [
      ec2Create(["ec2:AllocateAddress"]),
      ec2TagOnCreate,
      ec2Retag,
      ec2Tagged(["ec2:ReleaseAddress", "ec2:DisassociateAddress"]),
    ],
  },
  {
    type: "aws:ec2/securityGroup:SecurityGroup",
    read: EC2_READ,
    write: [
      ec2Create(["ec2:CreateSecurityGroup"]),
      ec2TagOnCreate,
      ec2Retag,
      // A new group comes with an allow-all egress rule that the provider revokes at once.
      ec2Tagged([
        "ec2:DeleteSecurityGroup",
        "ec2:RevokeSecurityGroupEgress",
        "ec2:RevokeSecurityGroupIngress",
      ]),
    ],
  },
  {
    type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    read: EC2_READ,
    write: [
      ec2Create(["ec2:AuthorizeSecurityGroupIngress"]),
      ec2TagOnCreate,
      ec2Retag,
      ec2Tagged([
        "ec2:RevokeSecurityGroupIngress",
        "ec2:ModifySecurityGroupRules",
        "ec2:UpdateSecurityGroupRuleDescriptionsIngress",
      ]),
    ],
  },
  {
    type: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    read: EC2_READ,
    write: [
      ec2Create(["ec2:AuthorizeSecurityGroupEgress"]),
      ec2TagOnCreate,
      ec2Retag,
      ec2Tagged([
        "ec2:RevokeSecurityGroupEgress",
        "ec2:ModifySecurityGroupRules",
        "ec2:UpdateSecurityGroupRuleDescriptionsEgress",
      ]),
    ],
  },
];
