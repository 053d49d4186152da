/**
 * The cluster and service options of issue 14: Container Insights only on request (its
 * performance log group then belongs to the stack), and the task's capacity chosen through the
 * cluster's capacity providers, so on-demand ↔ spot is an update of the service, not a new one.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Graph } from "../engine/run-program";
import { runProgram } from "../engine/run-program";
import { ofType, one } from "../helpers/graph";
import { runEphemeral } from "./run";

const CLUSTER = "aws:ecs/cluster:Cluster";
const CAPACITY_PROVIDERS = "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders";
const SERVICE = "aws:ecs/service:Service";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const PERFORMANCE_LOGS = "/aws/ecs/containerinsights/gatus-dev-cluster/performance";

let defaults: Graph;
let spot: Graph;
let insights: Graph;
beforeAll(async () => {
  // One program at a time: the mock engine is process-global.
  defaults = await runEphemeral();
  spot = await runEphemeral({ "gatus-ephemeral:capacity": "spot" });
  insights = await runEphemeral({ "gatus-ephemeral:containerInsights": "true" });
});

const logGroupNames = (g: Graph) => ofType(g, LOG_GROUP).map((r) => r.inputs.name);

describe("Container Insights", () => {
  it("is off by default, explicitly (an unset setting would follow the account's default)", () => {
    expect(one(defaults, CLUSTER).inputs.settings).toEqual([
      { name: "containerInsights", value: "disabled" },
    ]);
    // The Gatus log group is the persistent stack's (contract logGroupName).
    expect(logGroupNames(defaults)).toEqual([]);
  });

  it("containerInsights true enables it and creates its performance log group in the stack, so destroy deletes it", () => {
    expect(one(insights, CLUSTER).inputs.settings).toEqual([
      { name: "containerInsights", value: "enabled" },
    ]);
    expect(logGroupNames(insights)).toEqual([PERFORMANCE_LOGS]);
    const performance = ofType(insights, LOG_GROUP).find((r) => r.inputs.name === PERFORMANCE_LOGS);
    expect(performance?.inputs.retentionInDays).toBe(1);
  });
});

describe("capacity", () => {
  const service = (g: Graph) => one(g, SERVICE).inputs;

  it("associates both Fargate capacity providers with the cluster, whichever is chosen", () => {
    for (const g of [defaults, spot]) {
      expect(one(g, CAPACITY_PROVIDERS).inputs).toMatchObject({
        clusterName: "gatus-dev-cluster",
        capacityProviders: ["FARGATE", "FARGATE_SPOT"],
      });
    }
  });

  it("on-demand (the default) runs on FARGATE through a capacity provider strategy, not a launch type", () => {
    expect(service(defaults).capacityProviderStrategies).toEqual([
      { capacityProvider: "FARGATE", weight: 1 },
    ]);
    expect(service(defaults).launchType).toBeUndefined();
  });

  it("spot runs on FARGATE_SPOT, and keeps the circuit breaker, the health-check grace period and the steady-state wait", () => {
    expect(service(spot).capacityProviderStrategies).toEqual([
      { capacityProvider: "FARGATE_SPOT", weight: 1 },
    ]);
    expect(service(spot)).toMatchObject({
      deploymentCircuitBreaker: { enable: true, rollback: true },
      healthCheckGracePeriodSeconds: 10,
      waitForSteadyState: true,
      deploymentMinimumHealthyPercent: 100,
      deploymentMaximumPercent: 200,
    });
  });

  it("forces a new deployment on update: the provider refuses a strategy change without one", () => {
    for (const g of [defaults, spot]) expect(service(g).forceNewDeployment).toBe(true);
  });
});

describe("creation order (resource options the mock engine does not record)", () => {
  /** Each resource's logical name → the logical names it dependsOn, for a GatusService. */
  async function dependsOnOf(containerInsights: boolean): Promise<Record<string, string[]>> {
    const names = new Map<unknown, string>();
    const dependsOn: Record<string, unknown[]> = {};
    await runProgram({
      project: "gatus-ephemeral",
      stack: "dev",
      organization: "acme",
      config: { "aws:region": "eu-west-2" },
      program: async () => {
        const pulumi = await import("@pulumi/pulumi");
        pulumi.runtime.registerStackTransformation((args) => {
          const key = `${args.type} ${args.name}`;
          names.set(args.resource, key);
          const deps = args.opts.dependsOn;
          dependsOn[key] = deps === undefined ? [] : Array.isArray(deps) ? deps : [deps];
          return undefined;
        });
        const { GatusService } = await import("../../ephemeral/service.js");
        const { gatusRuntime } = await import("../../ephemeral/gatus-runtime.js");
        new GatusService("gatus", {
          namePrefix: "gatus-dev",
          region: "eu-west-2",
          imageRef: `123456789012.dkr.ecr.eu-west-2.amazonaws.com/gatus-dev@sha256:${"a".repeat(64)}`,
          runtime: gatusRuntime({
            hostname: "status.example.com",
            alertingSecretArns: {},
            alertingEmail: null,
            history: null,
          }),
          cpu: 256,
          memory: 512,
          architecture: "ARM64",
          containerPort: 8080,
          desiredCount: 1,
          executionRoleArn: "arn:aws:iam::123456789012:role/gatus-dev-task-exec",
          taskRoleArn: "arn:aws:iam::123456789012:role/gatus-dev-task",
          subnetIds: ["subnet-a"],
          securityGroupId: "sg-task",
          assignPublicIp: false,
          egress: "nat",
          targetGroupArn:
            "arn:aws:elasticloadbalancing:eu-west-2:123456789012:targetgroup/gatus-dev-tg/1",
          logGroupName: "/ecs/gatus-dev/gatus",
          healthCheckGracePeriodSeconds: 10,
          containerInsights,
          capacity: "spot",
        });
        return {};
      },
    });
    return Object.fromEntries(
      Object.entries(dependsOn).map(([key, deps]) => [key, deps.map((d) => names.get(d) ?? "?")]),
    );
  }

  it("the service starts only once the cluster has the capacity providers it names", async () => {
    const deps = await dependsOnOf(false);
    expect(deps[`${SERVICE} gatus`]).toEqual([`${CAPACITY_PROVIDERS} gatus`]);
  });

  it("the cluster is created after its performance log group, so ECS finds it instead of creating one outside the stack", async () => {
    const deps = await dependsOnOf(true);
    expect(deps[`${CLUSTER} gatus`]).toEqual([`${LOG_GROUP} container-insights`]);
    expect((await dependsOnOf(false))[`${CLUSTER} gatus`]).toEqual([]);
  });
});
