import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface SecurityGroupsArgs {
  namePrefix: string;
  vpcId: pulumi.Input<string>;
  containerPort: number;
  /** Open port 80 on the ALB (it only redirects to HTTPS). */
  httpRedirect: boolean;
}

/**
 * What Gatus itself needs to reach: HTTPS probes, ECR, CloudWatch Logs; DNS probes via 1.1.1.1,
 * over UDP only (Gatus's DNS client never falls back to TCP).
 */
export const TASK_EGRESS = [
  {
    name: "https",
    ipProtocol: "tcp",
    port: 443,
    cidrIpv4: "0.0.0.0/0",
    description: "HTTPS: probes, ECR image pull, CloudWatch Logs",
  },
  {
    name: "dns-udp",
    ipProtocol: "udp",
    port: 53,
    cidrIpv4: "1.1.1.1/32",
    description: "DNS probe (image/config.yaml) to 1.1.1.1",
  },
] as const;

/**
 * Two security groups and every rule as its own resource: the ALB accepts 443 (and 80, only to
 * redirect) from anywhere and talks only to the tasks; the tasks accept the container port only
 * from the ALB and reach out only where Gatus's probes need to.
 */
export class SecurityGroups extends pulumi.ComponentResource {
  readonly alb: aws.ec2.SecurityGroup;
  readonly task: aws.ec2.SecurityGroup;

  constructor(name: string, args: SecurityGroupsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gatus:ephemeral:SecurityGroups", name, {}, opts);
    const child = { parent: this };

    // No inline rules: the provider revokes AWS's default allow-all egress and the rules below are all there is.
    // Named by prefix: EC2 appends a unique suffix, so a replacement (a new description or VPC)
    // never meets the group it replaces (InvalidGroup.Duplicate); the grants go by the stack tag.
    this.alb = new aws.ec2.SecurityGroup(
      "alb",
      {
        namePrefix: `${args.namePrefix}-alb-`,
        description: "Gatus ALB: HTTPS from the internet",
        vpcId: args.vpcId,
      },
      child,
    );
    this.task = new aws.ec2.SecurityGroup(
      "task",
      {
        namePrefix: `${args.namePrefix}-task-`,
        description: "Gatus tasks: traffic from the ALB only",
        vpcId: args.vpcId,
      },
      child,
    );

    new aws.vpc.SecurityGroupIngressRule(
      "alb-https",
      {
        securityGroupId: this.alb.id,
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrIpv4: "0.0.0.0/0",
        description: "HTTPS from anywhere",
      },
      child,
    );
    if (args.httpRedirect) {
      new aws.vpc.SecurityGroupIngressRule(
        "alb-http",
        {
          securityGroupId: this.alb.id,
          ipProtocol: "tcp",
          fromPort: 80,
          toPort: 80,
          cidrIpv4: "0.0.0.0/0",
          description: "HTTP from anywhere, answered only with a redirect to HTTPS",
        },
        child,
      );
    }
    new aws.vpc.SecurityGroupEgressRule(
      "alb-to-task",
      {
        securityGroupId: this.alb.id,
        ipProtocol: "tcp",
        fromPort: args.containerPort,
        toPort: args.containerPort,
        referencedSecurityGroupId: this.task.id,
        description: "Forward to Gatus tasks (traffic and health checks)",
      },
      child,
    );
    new aws.vpc.SecurityGroupIngressRule(
      "task-from-alb",
      {
        securityGroupId: this.task.id,
        ipProtocol: "tcp",
        fromPort: args.containerPort,
        toPort: args.containerPort,
        referencedSecurityGroupId: this.alb.id,
        description: "Gatus port from the ALB only",
      },
      child,
    );
    for (const rule of TASK_EGRESS) {
      new aws.vpc.SecurityGroupEgressRule(
        `task-${rule.name}`,
        {
          securityGroupId: this.task.id,
          ipProtocol: rule.ipProtocol,
          fromPort: rule.port,
          toPort: rule.port,
          cidrIpv4: rule.cidrIpv4,
          description: rule.description,
        },
        child,
      );
    }
    this.registerOutputs({ albSecurityGroupId: this.alb.id, taskSecurityGroupId: this.task.id });
  }
}
