/**
 * Physical names the permission manifest and the resource policies scope to, where AWS offers no
 * tag condition (or a resource policy must name an ARN). The persistent names are used to create
 * the resources; the ephemeral ones mirror what the ephemeral program names its resources, and
 * tests/iam simulate every call with the names the program really uses, so a rename made there
 * and not here fails those tests.
 */
import { NAME_HASH_LENGTH } from "../lib/resource-prefix";

/** The ids of the ephemeral alarms (ephemeral/alarms.ts), each named `<prefix>-<id>`. */
export const ALARM_IDS = [
  "no-running-task",
  "no-healthy-target",
  "unhealthy-target",
  "target-5xx",
  "alb-5xx",
  "latency",
] as const;

/**
 * Where Container Insights writes a cluster's performance events (CloudWatch user guide,
 * "Container Insights performance log events for Amazon ECS"): ephemeral/service.ts creates the
 * group under this name, the deploy role's grants name it.
 */
export const containerInsightsLogGroupName = (clusterName: string) =>
  `/aws/ecs/containerinsights/${clusterName}/performance`;

/** Names the ephemeral program gives its resources (ephemeral/*.ts). */
export function ephemeralNames(prefix: string) {
  return {
    /**
     * `<prefix>-<hash>` (ephemeral/replacement-name.ts), as IAM matches it: "?" is exactly one
     * character. Every stack's load balancer has this shape, so only this stack's matches: a
     * sibling's prefix (`gatus-dev-eu`) gives a longer name, and one of equal length that
     * starts with `<prefix>-` is this prefix.
     */
    loadBalancer: `${prefix}-${"?".repeat(NAME_HASH_LENGTH)}`,
    webAcl: `${prefix}-waf`,
    cluster: `${prefix}-cluster`,
    service: `${prefix}-gatus`,
    taskFamily: `${prefix}-gatus`,
    /** Container Insights' performance log group, which the program owns when insights are on. */
    containerInsightsLogGroup: containerInsightsLogGroupName(`${prefix}-cluster`),
    alarms: ALARM_IDS.map((id) => `${prefix}-${id}`),
  };
}

/** Names the persistent program gives its resources. */
export function persistentNames(prefix: string) {
  return {
    roles: {
      preview: `${prefix}-preview`,
      deploy: `${prefix}-deploy`,
      drift: `${prefix}-drift`,
      taskExecution: `${prefix}-task-exec`,
      task: `${prefix}-task`,
    },
    /** The managed policies are `<role>-<n>`, n from 1 (packed to fit IAM's size limit). */
    policyOf: (role: string, n: number) => `${role}-${n}`,
    repository: prefix,
    alarmTopic: `${prefix}-alarms`,
    /**
     * Gatus's container logs. Not `/ecs/<prefix>-gatus`, the group ephemeral stacks created
     * before this stack owned it: persistent is deployed first and would collide with it.
     */
    logGroup: `/ecs/${prefix}/gatus`,
  };
}
