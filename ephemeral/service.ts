import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { containerInsightsLogGroupName } from "../persistent/permissions/names";
import type { Capacity, CpuArchitecture } from "./config";
import {
  type GatusRuntime,
  HISTORY_MOUNT_PATH,
  HISTORY_VOLUME,
  historyVolume,
} from "./gatus-runtime";

/** Numeric so scratch needs no /etc/passwd; the Dockerfile's USER is the same. */
export const GATUS_USER = "65532:65532";
export const CONTAINER_NAME = "gatus";

/** The Fargate capacity provider each `capacity` runs the task on. */
export const CAPACITY_PROVIDER: Readonly<Record<Capacity, string>> = {
  "on-demand": "FARGATE",
  spot: "FARGATE_SPOT",
};

/** The metrics are extracted as the events arrive; keeping the raw events longer only costs. */
export const CONTAINER_INSIGHTS_RETENTION_DAYS = 1;

export interface GatusServiceArgs {
  namePrefix: string;
  region: string;
  /** `<repository>@sha256:<digest>`: never a mutable tag. */
  imageRef: pulumi.Input<string>;
  /** Gatus's variables, secrets and history volume (ephemeral/gatus-runtime.ts). */
  runtime: GatusRuntime;
  cpu: number;
  memory: number;
  architecture: CpuArchitecture;
  containerPort: number;
  desiredCount: number;
  executionRoleArn: string;
  taskRoleArn: string;
  subnetIds: pulumi.Input<string[]>;
  securityGroupId: pulumi.Input<string>;
  assignPublicIp: boolean;
  /** Marks a deliberate public-IP choice for the policy pack. */
  egress: string;
  targetGroupArn: pulumi.Input<string>;
  /** The persistent stack's log group (contract v2): it outlives this stack. */
  logGroupName: string;
  healthCheckGracePeriodSeconds: number;
  /** Container Insights on the cluster; its performance log group then belongs to the stack. */
  containerInsights: boolean;
  /**
   * Fargate On-Demand or Spot. Spot may reclaim the task with a 2-minute warning: with one task
   * that is a short outage until ECS has started a replacement that passes the health checks.
   */
  capacity: Capacity;
}

/**
 * The ECS cluster, the Gatus task definition and the service. The task is hardened (read-only
 * root filesystem, non-root numeric user, no privileges, logs to CloudWatch); the service rolls
 * back a deployment that never gets healthy and Pulumi waits for steady state, so `pulumi up`
 * fails when a deploy fails instead of reporting success.
 */
export class GatusService extends pulumi.ComponentResource {
  readonly cluster: aws.ecs.Cluster;
  readonly taskDefinition: aws.ecs.TaskDefinition;
  readonly service: aws.ecs.Service;

  constructor(name: string, args: GatusServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gatus:ephemeral:Service", name, {}, opts);
    const child = { parent: this };

    const clusterName = `${args.namePrefix}-cluster`;
    // ECS creates the performance log group on first use, outside the stack, and a teardown
    // would leave it behind; created here first, `pulumi destroy` deletes it.
    const performanceLogs = args.containerInsights
      ? new aws.cloudwatch.LogGroup(
          "container-insights",
          {
            name: containerInsightsLogGroupName(clusterName),
            retentionInDays: CONTAINER_INSIGHTS_RETENTION_DAYS,
          },
          child,
        )
      : undefined;
    this.cluster = new aws.ecs.Cluster(
      "gatus",
      {
        name: clusterName,
        // Explicit either way: unset, the cluster would follow the account's default setting.
        settings: [
          { name: "containerInsights", value: args.containerInsights ? "enabled" : "disabled" },
        ],
      },
      { ...child, dependsOn: performanceLogs ? [performanceLogs] : [] },
    );
    // Both providers, whichever runs the task: switching capacity then changes only the service.
    const capacityProviders = new aws.ecs.ClusterCapacityProviders(
      "gatus",
      {
        clusterName: this.cluster.name,
        capacityProviders: [CAPACITY_PROVIDER["on-demand"], CAPACITY_PROVIDER.spot],
      },
      child,
    );
    this.taskDefinition = new aws.ecs.TaskDefinition(
      "gatus",
      {
        family: `${args.namePrefix}-gatus`,
        requiresCompatibilities: ["FARGATE"],
        networkMode: "awsvpc",
        cpu: String(args.cpu),
        memory: String(args.memory),
        runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: args.architecture },
        executionRoleArn: args.executionRoleArn,
        taskRoleArn: args.taskRoleArn,
        // Replaced revisions stay registered: deregistering accepts only Resource "*", which
        // the deploy role must not hold (it could retire any family in the account).
        skipDestroy: true,
        volumes: args.runtime.history ? [historyVolume(args.runtime.history)] : [],
        containerDefinitions: pulumi
          .output(args.imageRef)
          .apply((image) =>
            JSON.stringify([containerDefinition({ ...args, image, logGroup: args.logGroupName })]),
          ),
      },
      child,
    );

    this.service = new aws.ecs.Service(
      "gatus",
      {
        name: `${args.namePrefix}-gatus`,
        cluster: this.cluster.arn,
        taskDefinition: this.taskDefinition.arn,
        desiredCount: args.desiredCount,
        // A strategy for both capacities, never a launch type: the provider replaces a service
        // whose launch type changes, and the replacement's fixed name collides with the old
        // service (lesson 15); a change of Fargate provider is an update in place.
        capacityProviderStrategies: [
          { capacityProvider: CAPACITY_PROVIDER[args.capacity], weight: 1 },
        ],
        // The provider refuses to change the strategy without a new deployment, so every update
        // of the service is one (most are anyway: a new task definition).
        forceNewDeployment: true,
        // LATEST is 1.4.0 on Linux: the version FARGATE_SPOT needs for ARM64 tasks (ECS API
        // reference, CapacityProviderStrategyItem).
        platformVersion: "LATEST",
        networkConfiguration: {
          subnets: args.subnetIds,
          securityGroups: [args.securityGroupId],
          assignPublicIp: args.assignPublicIp,
        },
        loadBalancers: [
          {
            targetGroupArn: args.targetGroupArn,
            containerName: CONTAINER_NAME,
            containerPort: args.containerPort,
          },
        ],
        healthCheckGracePeriodSeconds: args.healthCheckGracePeriodSeconds,
        ...deploymentPercents(args.runtime),
        // Roll back a deployment whose task never gets healthy.
        deploymentCircuitBreaker: { enable: true, rollback: true },
        waitForSteadyState: true,
        // Destroy must not wait for someone to scale the service to zero first.
        forceDelete: true,
        enableEcsManagedTags: true,
        propagateTags: "SERVICE",
        tags: { "gatus:egress": args.egress },
      },
      { ...child, dependsOn: [capacityProviders] },
    );
    this.registerOutputs({ serviceName: this.service.name });
  }
}

/**
 * In memory: start the new task before stopping the old one (no gap). With the SQLite history
 * two tasks must never write one database file, so the old task stops first: each deploy then
 * costs a short outage (tests/report/rollout.ts budgets it).
 */
export function deploymentPercents(runtime: Pick<GatusRuntime, "history">) {
  return runtime.history
    ? { deploymentMinimumHealthyPercent: 0, deploymentMaximumPercent: 100 }
    : { deploymentMinimumHealthyPercent: 100, deploymentMaximumPercent: 200 };
}

/** The one container: Gatus, hardened, logging to CloudWatch. */
export function containerDefinition(
  args: Pick<GatusServiceArgs, "containerPort" | "runtime" | "region"> & {
    image: string;
    logGroup: string;
  },
) {
  return {
    name: CONTAINER_NAME,
    image: args.image,
    essential: true,
    user: GATUS_USER,
    readonlyRootFilesystem: true,
    privileged: false,
    portMappings: [{ containerPort: args.containerPort, protocol: "tcp" }],
    // What image/config.yaml reads: plain values here, credentials only through `secrets`.
    environment: args.runtime.environment,
    ...(args.runtime.secrets.length > 0 ? { secrets: args.runtime.secrets } : {}),
    // The history's one writable place; the root filesystem stays read-only.
    ...(args.runtime.history
      ? {
          mountPoints: [
            { sourceVolume: HISTORY_VOLUME, containerPath: HISTORY_MOUNT_PATH, readOnly: false },
          ],
        }
      : {}),
    logConfiguration: {
      logDriver: "awslogs",
      options: {
        "awslogs-group": args.logGroup,
        "awslogs-region": args.region,
        "awslogs-stream-prefix": "gatus",
      },
    },
    // Gatus shuts down on SIGTERM in well under a second; no need for ECS's 30 s default.
    stopTimeout: 10,
  };
}
