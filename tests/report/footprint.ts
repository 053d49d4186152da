/**
 * What the two stacks would bill for, counted from their resource graphs: load balancers,
 * availability zones, NAT gateways, public IPv4 addresses, task size and architecture, WAF
 * rules, alarms, keys. The cost estimate prices this; nothing here knows a price.
 */
import type { Capacity } from "../../ephemeral/config";
import type { Graph, RecordedResource } from "../engine/run-program";
import { asArray, jsonInput, numeric, ofType, pick } from "./graph-query";
import type { Architecture } from "./prices";

export interface PersistentFootprint {
  /** Hosted zones the stack creates (0 when it adopts an existing zone). */
  hostedZones: number;
  /** Customer-managed KMS keys (ECR, alarm topic, Gatus's data when alerting or history is on). */
  kmsKeys: number;
  /** EFS file systems holding Gatus's SQLite history (storage sqlite). */
  historyFileSystems: number;
  /** Tagged images the ECR lifecycle policy keeps. */
  ecrImagesKept: number;
  /** Days the log bucket keeps a log (its lifecycle expiry); 0 without a log bucket. */
  logExpiryDays: number;
}

export interface EphemeralFootprint {
  egress: "nat" | "public";
  /** Internet-facing application load balancers. */
  loadBalancers: number;
  availabilityZones: number;
  natGateways: number;
  /** Tasks with a public IP (egress public): one address each. */
  publicTaskIps: number;
  tasks: {
    count: number;
    cpuUnits: number;
    memoryMiB: number;
    architecture: Architecture;
    /** Fargate Spot when every provider the service places tasks with is FARGATE_SPOT. */
    capacity: Capacity;
  };
  webAcls: number;
  /** Rules and rule groups across the web ACLs (each billed as one rule). */
  wafRules: number;
  alarms: number;
  containerInsights: boolean;
  /** Audit trails that write to the log bucket (0 for one the config turned off). */
  trails: { albAccessLogs: number; flowLogs: number; wafLogging: number };
}

export interface Footprint {
  region: string;
  persistent: PersistentFootprint;
  ephemeral: EphemeralFootprint;
}

// awsx.ec2.Vpc's defaults when the program leaves them unset.
const AWSX_DEFAULT_AZS = 3;
const AWSX_DEFAULT_NAT_STRATEGY = "OnePerAz";

function persistentFootprint(graph: Graph): PersistentFootprint {
  const kept = ofType(graph, "aws:ecr/lifecyclePolicy:LifecyclePolicy").flatMap((policy) =>
    asArray(pick(jsonInput(policy, "policy"), "rules"))
      .filter((rule) => pick(rule, "selection.countType") === "imageCountMoreThan")
      .map((rule) => numeric(pick(rule, "selection.countNumber"), 0)),
  );
  return {
    hostedZones: ofType(graph, "aws:route53/zone:Zone").length,
    kmsKeys: ofType(graph, "aws:kms/key:Key").length,
    historyFileSystems: ofType(graph, "aws:efs/fileSystem:FileSystem").length,
    ecrImagesKept: kept.length > 0 ? Math.max(...kept) : 0,
    logExpiryDays: Math.max(
      0,
      ...ofType(graph, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").flatMap(
        (lifecycle) =>
          asArray(lifecycle.inputs.rules).map((r) => numeric(pick(r, "expiration.days"), 0)),
      ),
    ),
  };
}

function natGatewaysOf(strategy: unknown, zones: number): number {
  switch (strategy ?? AWSX_DEFAULT_NAT_STRATEGY) {
    case "None":
      return 0;
    case "Single":
      return 1;
    default:
      return zones;
  }
}

/** Spot only when the strategy places tasks nowhere but FARGATE_SPOT (a mix is priced On-Demand). */
function capacityOf(services: readonly RecordedResource[]): Capacity {
  const providers = services.flatMap((s) =>
    asArray(s.inputs.capacityProviderStrategies)
      .filter((item) => numeric(pick(item, "weight"), 0) > 0 || numeric(pick(item, "base"), 0) > 0)
      .map((item) => pick(item, "capacityProvider")),
  );
  return providers.length > 0 && providers.every((p) => p === "FARGATE_SPOT")
    ? "spot"
    : "on-demand";
}

function ephemeralFootprint(graph: Graph): EphemeralFootprint {
  const vpcs = ofType(graph, "awsx:ec2:Vpc");
  const zones = Math.max(
    0,
    ...vpcs.map((vpc) => numeric(vpc.inputs.numberOfAvailabilityZones, AWSX_DEFAULT_AZS)),
  );
  const natGateways = vpcs.reduce(
    (n, vpc) => n + natGatewaysOf(pick(vpc.inputs, "natGateways.strategy"), zones),
    0,
  );
  const services = ofType(graph, "aws:ecs/service:Service");
  const taskCount = services.reduce((n, s) => n + numeric(s.inputs.desiredCount, 0), 0);
  const publicTaskIps = services
    .filter((s) => pick(s.inputs, "networkConfiguration.assignPublicIp") === true)
    .reduce((n, s) => n + numeric(s.inputs.desiredCount, 0), 0);
  const [taskDefinition] = ofType(graph, "aws:ecs/taskDefinition:TaskDefinition");
  const architecture =
    pick(taskDefinition?.inputs, "runtimePlatform.cpuArchitecture") === "ARM64"
      ? "ARM64"
      : "X86_64";
  const acls = ofType(graph, "aws:wafv2/webAcl:WebAcl");
  return {
    egress: publicTaskIps > 0 || natGateways === 0 ? "public" : "nat",
    loadBalancers: ofType(graph, "aws:lb/loadBalancer:LoadBalancer").filter(
      (lb) => lb.inputs.internal !== true,
    ).length,
    availabilityZones: zones,
    natGateways,
    publicTaskIps,
    tasks: {
      count: taskCount,
      cpuUnits: numeric(taskDefinition?.inputs.cpu, 0),
      memoryMiB: numeric(taskDefinition?.inputs.memory, 0),
      architecture,
      capacity: capacityOf(services),
    },
    webAcls: acls.length,
    wafRules: acls.reduce((n, acl) => n + asArray(acl.inputs.rules).length, 0),
    alarms: ofType(graph, "aws:cloudwatch/metricAlarm:MetricAlarm").length,
    trails: {
      albAccessLogs: ofType(graph, "aws:lb/loadBalancer:LoadBalancer").filter(
        (lb) => pick(lb.inputs, "accessLogs.enabled") === true,
      ).length,
      flowLogs: ofType(graph, "aws:ec2/flowLog:FlowLog").length,
      wafLogging: ofType(graph, "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration")
        .length,
    },
    containerInsights: ofType(graph, "aws:ecs/cluster:Cluster").some((cluster) =>
      asArray(cluster.inputs.settings).some(
        (s) => pick(s, "name") === "containerInsights" && pick(s, "value") !== "disabled",
      ),
    ),
  };
}

/** Counts what the two graphs would bill for; the region is the persistent stack's. */
export function footprintOf(persistent: Graph, ephemeral: Graph): Footprint {
  const region = persistent.outputs.awsRegion;
  if (typeof region !== "string") throw new Error("the persistent graph has no awsRegion output");
  return {
    region,
    persistent: persistentFootprint(persistent),
    ephemeral: ephemeralFootprint(ephemeral),
  };
}
