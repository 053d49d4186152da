import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { replacementName } from "./replacement-name";

/** ELB.17: the TLS 1.3/1.2 policy with restricted (forward-secret, AEAD) ciphers. */
export const TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-Res-2021-06";
/** Below Gatus's 15 s server idle timeout, so the ALB never reuses a connection Gatus closed (502s). */
export const ALB_IDLE_TIMEOUT_SECONDS = 10;
export const HEALTHY_THRESHOLD = 2;
export const UNHEALTHY_THRESHOLD = 2;

export interface LoadBalancerArgs {
  namePrefix: string;
  /** The VPC of `subnetIds`: a new one replaces the load balancer (its name carries it). */
  vpcId: pulumi.Input<string>;
  subnetIds: pulumi.Input<string[]>;
  securityGroupId: pulumi.Input<string>;
  certificateArn: string;
  hostname: string;
  containerPort: number;
  deregistrationDelaySeconds: number;
  healthCheckIntervalSeconds: number;
  httpRedirect: boolean;
  /** Access logs to the log bucket (`enabled: false` when the config turned them off). */
  accessLogs?: { enabled: boolean; bucket: string; prefix: string };
  /** Extra tags for the load balancer (an audit-trail waiver). */
  tags?: Record<string, string>;
}

/** The health-check timeout must be shorter than the interval; Gatus answers /health in milliseconds. */
export const healthCheckTimeout = (intervalSeconds: number) => Math.min(5, intervalSeconds - 1);

/**
 * The internet-facing ALB: HTTPS with a modern TLS policy, port 80 only as a 301 to HTTPS,
 * invalid headers dropped. Only requests for the Gatus hostname reach Gatus; anything else
 * (scanners hitting the ALB's own DNS name) gets a 404 from the ALB.
 */
export class LoadBalancer extends pulumi.ComponentResource {
  readonly alb: aws.lb.LoadBalancer;
  readonly targetGroup: aws.lb.TargetGroup;
  /** The rule that sends the hostname to Gatus; the ECS service must wait for it. */
  readonly forwardRule: aws.lb.ListenerRule;

  constructor(name: string, args: LoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gatus:ephemeral:LoadBalancer", name, {}, opts);
    const child = { parent: this };

    const placement = { internal: false, loadBalancerType: "application" } as const;
    this.alb = new aws.lb.LoadBalancer(
      "alb",
      {
        // The WAF grants name the load balancer exactly, so it is not auto-named; the name
        // changes with whatever replaces it. That includes a new VPC: the provider would move
        // the subnets in place, which ELB refuses across VPCs, so the name forces the replacement.
        name: replacementName(args.namePrefix, { ...placement, vpcId: args.vpcId }),
        ...placement,
        ipAddressType: "ipv4",
        subnets: args.subnetIds,
        securityGroups: [args.securityGroupId],
        idleTimeout: ALB_IDLE_TIMEOUT_SECONDS,
        dropInvalidHeaderFields: true,
        desyncMitigationMode: "defensive",
        // Ephemeral by design: teardown must succeed unattended.
        enableDeletionProtection: false,
        ...(args.accessLogs ? { accessLogs: args.accessLogs } : {}),
        ...(args.tags && Object.keys(args.tags).length > 0 ? { tags: args.tags } : {}),
      },
      child,
    );

    // Auto-named (`gatus-<random>`): nothing names it, and a new port or VPC replaces it under
    // a fresh name instead of colliding with the group it replaces (DuplicateTargetGroupName).
    this.targetGroup = new aws.lb.TargetGroup(
      "gatus",
      {
        vpcId: args.vpcId,
        targetType: "ip",
        protocol: "HTTP",
        port: args.containerPort,
        deregistrationDelay: args.deregistrationDelaySeconds,
        healthCheck: {
          enabled: true,
          path: "/health",
          protocol: "HTTP",
          port: "traffic-port",
          matcher: "200",
          interval: args.healthCheckIntervalSeconds,
          timeout: healthCheckTimeout(args.healthCheckIntervalSeconds),
          healthyThreshold: HEALTHY_THRESHOLD,
          unhealthyThreshold: UNHEALTHY_THRESHOLD,
        },
      },
      child,
    );

    const https = new aws.lb.Listener(
      "https",
      {
        loadBalancerArn: this.alb.arn,
        port: 443,
        protocol: "HTTPS",
        sslPolicy: TLS_POLICY,
        certificateArn: args.certificateArn,
        defaultActions: [
          {
            type: "fixed-response",
            fixedResponse: {
              statusCode: "404",
              contentType: "text/plain",
              messageBody: "Not found",
            },
          },
        ],
      },
      child,
    );
    this.forwardRule = new aws.lb.ListenerRule(
      "gatus",
      {
        listenerArn: https.arn,
        priority: 10,
        conditions: [{ hostHeader: { values: [args.hostname] } }],
        actions: [{ type: "forward", targetGroupArn: this.targetGroup.arn }],
      },
      child,
    );

    if (args.httpRedirect) {
      new aws.lb.Listener(
        "http",
        {
          loadBalancerArn: this.alb.arn,
          port: 80,
          protocol: "HTTP",
          defaultActions: [
            {
              type: "redirect",
              redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" },
            },
          ],
        },
        child,
      );
    }
    this.registerOutputs({ dnsName: this.alb.dnsName });
  }
}
