import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import type { EgressMode } from "./config";
import { AVAILABILITY_ZONES, SUBNET_MASK } from "./vpc-layout";

export interface NetworkArgs {
  cidrBlock: string;
  egress: EgressMode;
  /** Extra tags for the VPC (audit-trail waivers). */
  tags?: Record<string, string>;
}

/**
 * The VPC, across two availability zones (an ALB needs two). `nat`: tasks sit in private
 * subnets and reach the internet through ONE NAT gateway (not one per AZ: a Gatus outage in
 * one AZ costs less than a second NAT gateway). `public`: no NAT, tasks get public IPs in the
 * public subnets; cheaper, but the tasks' ENIs are internet-addressable (SGs still block inbound).
 */
export class Network extends pulumi.ComponentResource {
  readonly vpcId: pulumi.Output<string>;
  /** Subnets for the load balancer (always public). */
  readonly albSubnetIds: pulumi.Output<string[]>;
  /** Subnets for the Gatus tasks: private with nat, public without. */
  readonly taskSubnetIds: pulumi.Output<string[]>;
  /** Whether tasks need a public IP to reach ECR, CloudWatch and the sites Gatus probes. */
  readonly assignPublicIp: boolean;

  constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gatus:ephemeral:Network", name, {}, opts);
    const nat = args.egress === "nat";
    const vpc = new awsx.ec2.Vpc(
      "vpc",
      {
        cidrBlock: args.cidrBlock,
        numberOfAvailabilityZones: AVAILABILITY_ZONES,
        enableDnsHostnames: true,
        subnetStrategy: "Auto",
        subnetSpecs: nat
          ? [
              { type: "Public", cidrMask: SUBNET_MASK },
              { type: "Private", cidrMask: SUBNET_MASK },
            ]
          : [{ type: "Public", cidrMask: SUBNET_MASK }],
        natGateways: { strategy: nat ? "Single" : "None" },
        ...(args.tags && Object.keys(args.tags).length > 0 ? { tags: args.tags } : {}),
      },
      { parent: this },
    );
    this.vpcId = vpc.vpcId;
    this.albSubnetIds = vpc.publicSubnetIds;
    this.taskSubnetIds = nat ? vpc.privateSubnetIds : vpc.publicSubnetIds;
    this.assignPublicIp = !nat;
    this.registerOutputs({ vpcId: this.vpcId });
  }
}
