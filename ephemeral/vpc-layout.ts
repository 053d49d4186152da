// The VPC's address plan, shared by network.ts (which carves it) and config.ts (which refuses
// a vpcCidr that cannot be carved, before AWS or awsx would).

/** An ALB needs subnets in at least two availability zones. */
export const AVAILABILITY_ZONES = 2;
/** Every subnet is a /24: 251 usable addresses, plenty for one ALB and a task or two. */
export const SUBNET_MASK = 24;
/** egress nat: a public and a private subnet per zone; egress public: only the public one. */
const MOST_SUBNETS_PER_ZONE = 2;

const bitsFor = (count: number): number => Math.ceil(Math.log2(count));
const LARGEST_PREFIX = SUBNET_MASK - bitsFor(AVAILABILITY_ZONES) - bitsFor(MOST_SUBNETS_PER_ZONE);

/**
 * The prefix lengths `vpcCidr` may have. AWS allows a VPC /16 to /28. awsx's "Auto" subnet
 * strategy gives each zone an equal power-of-two share of the VPC and fills it with the
 * subnets in order (getSubnetSpecs in pulumi-awsx's awsx/ec2/subnetDistributorNew.ts), so two
 * /24 subnets per zone need a /23 per zone: /22 for two zones. egress public would fit a /23,
 * but one bound for both modes means switching egress never needs a new CIDR, i.e. a new VPC.
 */
export const VPC_PREFIX = {
  min: 16,
  max: LARGEST_PREFIX,
  why:
    `AWS allows a VPC /16 to /28, and this program's ${MOST_SUBNETS_PER_ZONE} /${SUBNET_MASK} ` +
    `subnets in each of ${AVAILABILITY_ZONES} availability zones need /${LARGEST_PREFIX} or larger`,
} as const;
