/**
 * The VPC's calls. Creates send TagSpecifications, so EC2 also authorises ec2:CreateTags on the
 * new resource with ec2:CreateAction; calls that touch several resources are authorised on each.
 */
import { ofModelType, resolve, type ModelResource, type StackModel } from "../stack-model";
import {
  anywhere,
  creating,
  on,
  retagging,
  sources,
  type CallTable,
  type ProviderCall,
} from "./types";

const tagOnCreate = (createAction: string, r: ModelResource): ProviderCall =>
  creating("ec2:CreateTags", r, { "ec2:CreateAction": createAction });

const only = (stack: StackModel, type: string, what: string) => {
  const [one, ...more] = ofModelType(stack, type);
  if (!one || more.length > 0) throw new Error(`the stack should have exactly one ${what}`);
  return one;
};
const vpcOf = (stack: StackModel) => only(stack, "aws:ec2/vpc:Vpc", "VPC");
/** The resource of `type` with this ARN (routes and associations share their table's). */
const byArn = (stack: StackModel, type: string, arn: unknown) => {
  const found = ofModelType(stack, type).find((r) => r.arn === arn);
  if (!found) throw new Error(`no ${type} ${String(arn)} in the model`);
  return found;
};
const TABLE = "aws:ec2/routeTable:RouteTable";
const SUBNET = "aws:ec2/subnet:Subnet";

const retag = (r: ModelResource) => retagging("ec2:CreateTags", "ec2:DeleteTags", r);

/** EC2 resource types: awsx.ec2.Vpc's children, the security groups and their rules. */
export const EC2_CALLS: readonly CallTable[] = [
  {
    type: "aws:ec2/vpc:Vpc",
    sources: sources("ec2/vpc_.go", "ec2/aws_vpc.json"),
    calls: (vpc) => [
      creating("ec2:CreateVpc", vpc),
      tagOnCreate("CreateVpc", vpc),
      // awsx enables DNS hostnames: one attribute per call.
      on("create", "ec2:ModifyVpcAttribute", vpc),
      anywhere("read", "ec2:DescribeVpcs"),
      on("read", "ec2:DescribeVpcAttribute", vpc),
      anywhere("read", "ec2:DescribeNetworkAcls"),
      anywhere("read", "ec2:DescribeRouteTables"),
      anywhere("read", "ec2:DescribeSecurityGroups"),
      on("update", "ec2:ModifyVpcAttribute", vpc),
      ...retag(vpc),
      on("delete", "ec2:DeleteVpc", vpc),
    ],
  },
  {
    type: "aws:ec2/subnet:Subnet",
    sources: sources("ec2/vpc_subnet.go", "ec2/aws_subnet.json"),
    calls: (subnet, stack) => [
      creating("ec2:CreateSubnet", subnet),
      on("create", "ec2:CreateSubnet", vpcOf(stack)),
      tagOnCreate("CreateSubnet", subnet),
      // Public subnets map public IPs on launch (awsx's default), an attribute set after create.
      on("create", "ec2:ModifySubnetAttribute", subnet),
      anywhere("read", "ec2:DescribeSubnets"),
      on("update", "ec2:ModifySubnetAttribute", subnet),
      ...retag(subnet),
      anywhere("delete", "ec2:DescribeNetworkInterfaces"),
      on("delete", "ec2:DeleteSubnet", subnet),
    ],
  },
  {
    type: "aws:ec2/routeTable:RouteTable",
    sources: sources("ec2/vpc_route_table.go", "ec2/aws_route_table.json"),
    calls: (table, stack) => [
      creating("ec2:CreateRouteTable", table),
      on("create", "ec2:CreateRouteTable", vpcOf(stack)),
      tagOnCreate("CreateRouteTable", table),
      anywhere("read", "ec2:DescribeRouteTables"),
      ...retag(table),
      on("delete", "ec2:DeleteRouteTable", table),
    ],
  },
  {
    type: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    sources: sources("ec2/vpc_route_table_association.go", "ec2/aws_route_table_association.json"),
    calls: (association, stack) => {
      const table = byArn(stack, TABLE, association.arn);
      const subnet = byArn(stack, SUBNET, association.inputs.subnet);
      return [
        on("create", "ec2:AssociateRouteTable", table),
        on("create", "ec2:AssociateRouteTable", subnet),
        anywhere("read", "ec2:DescribeRouteTables"),
        on("update", "ec2:ReplaceRouteTableAssociation", table),
        on("update", "ec2:ReplaceRouteTableAssociation", subnet),
        on("delete", "ec2:DisassociateRouteTable", table),
        on("delete", "ec2:DisassociateRouteTable", subnet),
      ];
    },
  },
  {
    type: "aws:ec2/route:Route",
    sources: sources("ec2/vpc_route.go", "ec2/aws_route.json"),
    calls: (route, stack) => {
      const table = byArn(stack, TABLE, route.arn);
      return [
        on("create", "ec2:CreateRoute", table),
        anywhere("read", "ec2:DescribeRouteTables"),
        on("update", "ec2:ReplaceRoute", table),
        on("delete", "ec2:DeleteRoute", table),
      ];
    },
  },
  {
    type: "aws:ec2/internetGateway:InternetGateway",
    sources: sources("ec2/vpc_internet_gateway.go", "ec2/aws_internet_gateway.json"),
    calls: (gateway, stack) => [
      creating("ec2:CreateInternetGateway", gateway),
      tagOnCreate("CreateInternetGateway", gateway),
      on("create", "ec2:AttachInternetGateway", gateway),
      on("create", "ec2:AttachInternetGateway", vpcOf(stack)),
      anywhere("read", "ec2:DescribeInternetGateways"),
      ...retag(gateway),
      on("delete", "ec2:DetachInternetGateway", gateway),
      on("delete", "ec2:DetachInternetGateway", vpcOf(stack)),
      on("delete", "ec2:DeleteInternetGateway", gateway),
    ],
  },
  {
    type: "aws:ec2/natGateway:NatGateway",
    sources: sources("ec2/vpc_nat_gateway.go", "ec2/aws_nat_gateway.json"),
    calls: (nat, stack) => [
      creating("ec2:CreateNatGateway", nat),
      on("create", "ec2:CreateNatGateway", byArn(stack, SUBNET, nat.inputs.subnet)),
      on("create", "ec2:CreateNatGateway", byArn(stack, "aws:ec2/eip:Eip", nat.inputs.eip)),
      tagOnCreate("CreateNatGateway", nat),
      anywhere("read", "ec2:DescribeNatGateways"),
      ...retag(nat),
      on("delete", "ec2:DeleteNatGateway", nat),
    ],
  },
  {
    type: "aws:ec2/eip:Eip",
    sources: sources("ec2/ec2_eip.go", "ec2/aws_eip.json"),
    calls: (eip, stack) => [
      creating("ec2:AllocateAddress", eip),
      tagOnCreate("AllocateAddress", eip),
      anywhere("read", "ec2:DescribeAddresses"),
      anywhere("read", "ec2:DescribeAddressesAttribute"),
      ...retag(eip),
      // destroy --refresh: the EIP still shows its association with the NAT gateway's interface.
      on("delete", "ec2:DisassociateAddress", eip),
      {
        phase: "delete",
        action: "ec2:DisassociateAddress",
        resource: `arn:${stack.partition}:ec2:${stack.region}:${stack.accountId}:network-interface/eni-0nat0gateway00000`,
        resourceTags: {},
      },
      on("delete", "ec2:ReleaseAddress", eip),
    ],
  },
  {
    type: "aws:ec2/securityGroup:SecurityGroup",
    sources: sources("ec2/vpc_security_group.go", "ec2/aws_security_group.json"),
    calls: (group, stack) => [
      creating("ec2:CreateSecurityGroup", group),
      on(
        "create",
        "ec2:CreateSecurityGroup",
        resolve(stack, group.inputs.vpcId, "the group's VPC"),
      ),
      tagOnCreate("CreateSecurityGroup", group),
      // The default allow-all egress rule goes at once.
      on("create", "ec2:RevokeSecurityGroupEgress", group),
      anywhere("read", "ec2:DescribeSecurityGroups"),
      ...retag(group),
      anywhere("delete", "ec2:DescribeNetworkInterfaces"),
      on("delete", "ec2:DeleteSecurityGroup", group),
    ],
  },
  ...(["Ingress", "Egress"] as const).map((direction): CallTable => ({
    type: `aws:vpc/securityGroup${direction}Rule:SecurityGroup${direction}Rule`,
    sources: sources(
      `ec2/vpc_security_group_${direction.toLowerCase()}_rule.go`,
      `ec2/aws_vpc_security_group_${direction.toLowerCase()}_rule.json`,
    ),
    calls: (rule, stack) => {
      const group = resolve(stack, rule.inputs.securityGroupId, "the rule's security group");
      return [
        on("create", `ec2:AuthorizeSecurityGroup${direction}`, group),
        creating(`ec2:AuthorizeSecurityGroup${direction}`, rule),
        tagOnCreate(`AuthorizeSecurityGroup${direction}`, rule),
        anywhere("read", "ec2:DescribeSecurityGroupRules"),
        on("update", "ec2:ModifySecurityGroupRules", group),
        on("update", "ec2:ModifySecurityGroupRules", rule),
        ...retag(rule),
        on("delete", `ec2:RevokeSecurityGroup${direction}`, group),
      ];
    },
  })),
];

/** The EC2 data source awsx calls to pick availability zones. */
export const EC2_INVOKE_CALLS: Record<string, ProviderCall[]> = {
  "aws:index/getAvailabilityZones:getAvailabilityZones": [
    anywhere("read", "ec2:DescribeAvailabilityZones"),
  ],
};
