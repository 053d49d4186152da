/**
 * The permission manifest: for every resource type the ephemeral program creates, the IAM
 * actions needed to read, create, update, delete and tag it, and the resources and conditions
 * they are scoped to, one module per AWS service. The deploy role's policy is generated from it
 * and the preview role gets only the read side (plus what a persistent preview reads). The tests
 * check the generated policies against AWS's IAM reference and simulate the provider's calls
 * against them (tests/iam), and fail when the program registers a type the manifest lacks.
 */
import { AUDIT } from "./audit";
import { CLOUDWATCH } from "./cloudwatch";
import { EC2, EC2_INVOKES } from "./ec2";
import { ECR, ECR_INVOKES } from "./ecr";
import { ECS } from "./ecs";
import { EFS } from "./efs";
import { ELB } from "./elb";
import { LOGS } from "./logs";
import { ROUTE53 } from "./route53";
import type { ManifestEntry } from "./types";
import { WAFV2 } from "./wafv2";

export { PERSISTENT_INVOKES, PERSISTENT_READS } from "./persistent-reads";
export { LEGACY_EPHEMERAL_LOG_GROUP, MIGRATIONS } from "./migrations";
export { PIPELINE } from "./pipeline";
export { STACK_TAG_KEY } from "./stack-tag";
export type { Condition, Grant, ManifestEntry, ScopeContext } from "./types";

/** Resource types the ephemeral program registers, with everything needed to manage them. */
export const EPHEMERAL_MANIFEST: readonly ManifestEntry[] = [
  ...EC2,
  ...ELB,
  ...WAFV2,
  ...ECS,
  ...EFS,
  ...LOGS,
  ...CLOUDWATCH,
  ...ROUTE53,
  ...ECR,
  ...AUDIT,
];

/**
 * Data sources (invokes) the ephemeral program calls, and what they need. The coverage test
 * checks these against the invokes it records.
 */
export const EPHEMERAL_INVOKES: readonly ManifestEntry[] = [...EC2_INVOKES, ...ECR_INVOKES];

/**
 * awsx components are remote: under mocks they register as one resource, in AWS they create
 * these child types. The coverage test expands them with this table.
 */
export const COMPONENT_CHILDREN: Readonly<Record<string, readonly string[]>> = {
  "awsx:ec2:Vpc": [
    "aws:ec2/vpc:Vpc",
    "aws:ec2/subnet:Subnet",
    "aws:ec2/routeTable:RouteTable",
    "aws:ec2/routeTableAssociation:RouteTableAssociation",
    "aws:ec2/route:Route",
    "aws:ec2/internetGateway:InternetGateway",
    "aws:ec2/natGateway:NatGateway",
    "aws:ec2/eip:Eip",
  ],
};

/** Data sources awsx components call from their own provider, invisible under mocks. */
export const COMPONENT_INVOKES: Readonly<Record<string, readonly string[]>> = {
  "awsx:ec2:Vpc": ["aws:index/getAvailabilityZones:getAvailabilityZones"],
};

/** Types that need no AWS permissions: Pulumi's own and this repository's components. */
export function needsNoAwsPermissions(type: string): boolean {
  return (
    type === "pulumi:pulumi:Stack" ||
    type.startsWith("pulumi:providers:") ||
    type.startsWith("gatus:")
  );
}
