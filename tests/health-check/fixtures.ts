// Builders for DescribeServices answers, shaped like what ECS returns during a rolling
// deployment (PRIMARY = the newest, ACTIVE = older ones still draining).
import type { Deployment, DescribeServicesCommandOutput } from "@aws-sdk/client-ecs";

export const CLUSTER = "gatus-dev";
export const SERVICE = "gatus-dev-svc";
export const NEW_TD = "arn:aws:ecs:eu-west-1:123456789012:task-definition/gatus-dev:42";
export const OLD_TD = "arn:aws:ecs:eu-west-1:123456789012:task-definition/gatus-dev:41";

export function deployment(overrides: Partial<Deployment>): Deployment {
  return {
    id: "ecs-svc/1111111111111111111",
    status: "PRIMARY",
    taskDefinition: NEW_TD,
    desiredCount: 1,
    runningCount: 1,
    pendingCount: 0,
    failedTasks: 0,
    rolloutState: "COMPLETED",
    rolloutStateReason: "ECS deployment ecs-svc/1111111111111111111 completed.",
    ...overrides,
  };
}

export function serviceWith(
  deployments: Deployment[],
  status = "ACTIVE",
): DescribeServicesCommandOutput {
  return {
    $metadata: {},
    failures: [],
    services: [{ serviceName: SERVICE, status, desiredCount: 1, deployments }],
  };
}

export const COMPLETED = serviceWith([deployment({})]);

export const IN_PROGRESS = serviceWith([
  deployment({
    rolloutState: "IN_PROGRESS",
    runningCount: 0,
    pendingCount: 1,
    rolloutStateReason: "ECS deployment ecs-svc/1111111111111111111 in progress.",
  }),
  deployment({ id: "ecs-svc/0000000000000000000", status: "ACTIVE", taskDefinition: OLD_TD }),
]);

/** What the circuit breaker leaves behind: a new PRIMARY on the old task definition. */
export const ROLLED_BACK = serviceWith([
  deployment({
    id: "ecs-svc/2222222222222222222",
    taskDefinition: OLD_TD,
    rolloutState: "IN_PROGRESS",
    rolloutStateReason: "ECS deployment ecs-svc/2222222222222222222 in progress.",
  }),
  deployment({
    status: "ACTIVE",
    rolloutState: "FAILED",
    runningCount: 0,
    failedTasks: 3,
    rolloutStateReason: "ECS deployment circuit breaker: tasks failed to start.",
  }),
]);

export function awsError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name });
}
