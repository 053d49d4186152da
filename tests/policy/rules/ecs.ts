import type { GraphRule, PolicyResource, ResourceRule, Rule } from "../types";
import {
  asArray,
  asRecord,
  identitiesOf,
  isRecord,
  parseJsonInput,
  show,
  tagsOf,
  where,
  type Json,
} from "./util";

export const ECS_TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";
export const ECS_SERVICE = "aws:ecs/service:Service";
export const ECS_CLUSTER = "aws:ecs/cluster:Cluster";
export const TARGET_GROUP = "aws:lb/targetGroup:TargetGroup";

/**
 * Fargate Spot stops a reclaimed task 2 minutes after its warning, and AWS asks for a
 * deregistration delay under that on every target group of a FARGATE_SPOT task (AWS knowledge
 * center, "fargate-spot-termination-notice").
 */
export const SPOT_RECLAIM_WARNING_SECONDS = 120;
/** What a target group drains for when deregistrationDelay is unset (the ELB default). */
const DEFAULT_DEREGISTRATION_DELAY_SECONDS = 300;

/**
 * The tag the ephemeral program puts on the ECS service when config `egress: public` was
 * chosen (tasks in public subnets with public IPs instead of a NAT gateway). It turns the
 * public-IP finding from mandatory into advisory: a documented trade-off, not an accident.
 */
export const EGRESS_TAG_KEY = "gatus:egress";
export const EGRESS_PUBLIC = "public";

interface Container {
  name: string;
  def: Json;
}

/**
 * The containers of a task definition, or the reason they cannot be read. `containerDefinitions`
 * is a JSON string (an array of container definitions in ECS's camelCase API shape).
 */
function containersOf(r: PolicyResource): { containers: Container[] } | { error: string } {
  const parsed = parseJsonInput(r.inputs.containerDefinitions, "containerDefinitions");
  if ("error" in parsed) {
    return { error: `${where(r)}: ${parsed.error}; cannot check its containers.` };
  }
  if (!Array.isArray(parsed.value)) {
    return { error: `${where(r)}: containerDefinitions is not a JSON array.` };
  }
  return {
    containers: parsed.value.map((def: unknown, i) => {
      const record = asRecord(def);
      const name = typeof record.name === "string" ? record.name : `#${i}`;
      return { name, def: record };
    }),
  };
}

/** Runs `problem` on every container; a definition that cannot be parsed is itself a finding. */
function perContainer(r: PolicyResource, problem: (c: Container) => string | undefined): string[] {
  const read = containersOf(r);
  if ("error" in read) return [read.error];
  return read.containers
    .map((c) => problem(c))
    .filter((m): m is string => m !== undefined)
    .map((m) => `${where(r)}: ${m}`);
}

export const ecsReadonlyRootFilesystem: ResourceRule = {
  kind: "resource",
  id: "ecs-task-readonly-root-filesystem",
  control: "FSBP ECS.5 / CKV_AWS_336",
  level: "mandatory",
  resourceTypes: [ECS_TASK_DEFINITION],
  description: "ECS containers must have a read-only root filesystem",
  why: "A writable root filesystem lets an attacker who gets code execution drop tools or persist changes inside the container.",
  check: (r) =>
    perContainer(r, (c) =>
      c.def.readonlyRootFilesystem === true
        ? undefined
        : `container "${c.name}" has readonlyRootFilesystem ${show(c.def.readonlyRootFilesystem)}; set it to true.`,
    ),
};

/** "65532" or "65532:65532": numeric, and the user id is not 0. */
export function isNumericNonRootUser(user: unknown): boolean {
  if (typeof user !== "string") return false;
  const match = /^(\d+)(?::(\d+))?$/.exec(user.trim());
  return match !== null && Number(match[1]) !== 0;
}

export const ecsNonRootUser: ResourceRule = {
  kind: "resource",
  id: "ecs-task-non-root-user",
  control: "ECS.20",
  level: "mandatory",
  resourceTypes: [ECS_TASK_DEFINITION],
  description: "ECS containers must run as a numeric non-root user",
  why: "The upstream Gatus image has no USER, so it runs as root unless the task sets one; a numeric uid works on a scratch image without /etc/passwd.",
  check: (r) =>
    perContainer(r, (c) =>
      isNumericNonRootUser(c.def.user)
        ? undefined
        : `container "${c.name}" has user ${show(c.def.user)}; set a numeric non-zero uid such as "65532:65532".`,
    ),
};

export const ecsNotPrivileged: ResourceRule = {
  kind: "resource",
  id: "ecs-task-not-privileged",
  control: "FSBP ECS.4 / CKV_AWS_334",
  level: "mandatory",
  resourceTypes: [ECS_TASK_DEFINITION],
  description: "ECS containers must not be privileged",
  why: "A privileged container has root capabilities on the host, which defeats container isolation.",
  check: (r) =>
    perContainer(r, (c) =>
      c.def.privileged === true
        ? `container "${c.name}" has privileged true; remove it.`
        : undefined,
    ),
};

const EXACT_SECRET_NAMES = new Set([
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "ECS_ENGINE_AUTH_DATA",
]);
// Webhook URLs and integration keys are credentials too: whoever holds one can post as the
// alerting integration (Slack, Teams Workflows, PagerDuty Events API).
const SECRET_NAME_PATTERN =
  /PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL|WEBHOOK|INTEGRATION_?KEY/i;

/** Whether an environment variable name looks like it carries a secret. */
export function looksSecret(name: string): boolean {
  return EXACT_SECRET_NAMES.has(name.toUpperCase()) || SECRET_NAME_PATTERN.test(name);
}

export const ecsNoSecretsInEnvironment: ResourceRule = {
  kind: "resource",
  id: "ecs-task-no-secrets-in-environment",
  control: "FSBP ECS.8",
  level: "mandatory",
  resourceTypes: [ECS_TASK_DEFINITION],
  description: "ECS containers must not pass secrets as plain environment variables",
  why: "Plain environment values are readable by anyone who can describe the task definition and are stored in its revision history; use `secrets` (SSM / Secrets Manager) instead.",
  check: (r) =>
    perContainer(r, (c) => {
      const names = asArray(c.def.environment)
        .map((e) => asRecord(e).name)
        .filter((n): n is string => typeof n === "string" && looksSecret(n));
      return names.length === 0
        ? undefined
        : `container "${c.name}" has secret-looking plain environment variables ${names.join(", ")}; pass them through "secrets" instead.`;
    }),
};

export const ecsLoggingConfigured: ResourceRule = {
  kind: "resource",
  id: "ecs-task-logging-configured",
  control: "FSBP ECS.9",
  level: "mandatory",
  resourceTypes: [ECS_TASK_DEFINITION],
  description: "ECS containers must have a log configuration",
  why: "Without container logs a failed rollout cannot be diagnosed (the Terraform original had none).",
  check: (r) =>
    perContainer(r, (c) =>
      typeof asRecord(c.def.logConfiguration).logDriver === "string"
        ? undefined
        : `container "${c.name}" has no logConfiguration.logDriver; send logs to CloudWatch with the awslogs driver.`,
    ),
};

export const ecsRuntimePlatformExplicit: ResourceRule = {
  kind: "resource",
  id: "ecs-task-runtime-platform-explicit",
  control: "ECS.21 / design: image platform = task runtimePlatform",
  level: "mandatory",
  resourceTypes: [ECS_TASK_DEFINITION],
  description:
    "ECS task definition must declare a LINUX runtime platform with an explicit CPU architecture",
  why: "ECS.21 evaluates tasks with no operatingSystemFamily as Windows; an implicit architecture lets the image and the task drift apart (exec format error at start).",
  check(r) {
    const platform = asRecord(r.inputs.runtimePlatform);
    const problems: string[] = [];
    if (platform.operatingSystemFamily !== "LINUX") {
      problems.push(
        `${where(r)} has runtimePlatform.operatingSystemFamily ${show(platform.operatingSystemFamily)}; set it to "LINUX".`,
      );
    }
    if (typeof platform.cpuArchitecture !== "string" || platform.cpuArchitecture === "") {
      problems.push(
        `${where(r)} has runtimePlatform.cpuArchitecture ${show(platform.cpuArchitecture)}; set "ARM64" or "X86_64" to match the image.`,
      );
    }
    return problems;
  },
};

export const ecsNoHostPid: ResourceRule = {
  kind: "resource",
  id: "ecs-task-no-host-pid",
  control: "FSBP ECS.3 / CKV_AWS_335",
  level: "mandatory",
  resourceTypes: [ECS_TASK_DEFINITION],
  description: "ECS task definition must not share the host's process namespace",
  why: "pidMode host lets the container see and signal every process on the host.",
  check: (r) => (r.inputs.pidMode === "host" ? [`${where(r)} has pidMode "host"; remove it.`] : []),
};

export const ecsSeparateExecutionRole: ResourceRule = {
  kind: "resource",
  id: "ecs-task-separate-execution-role",
  control: "CKV_AWS_249",
  level: "mandatory",
  resourceTypes: [ECS_TASK_DEFINITION],
  description: "ECS task definition must not use the execution role as the task role",
  why: "The execution role can pull images and write logs; giving the same permissions to the application code breaks least privilege.",
  check(r) {
    const { executionRoleArn, taskRoleArn } = r.inputs;
    return typeof executionRoleArn === "string" && executionRoleArn === taskRoleArn
      ? [`${where(r)} uses ${show(taskRoleArn)} as both executionRoleArn and taskRoleArn.`]
      : [];
  },
};

/** A cluster's containerInsights setting; undefined when unset (the account default decides). */
export function containerInsightsSetting(r: PolicyResource): unknown {
  return asArray(r.inputs.settings)
    .map(asRecord)
    .find((s) => s.name === "containerInsights")?.value;
}

export const ecsClusterContainerInsights: ResourceRule = {
  kind: "resource",
  id: "ecs-cluster-container-insights",
  control: "FSBP ECS.12 / CKV_AWS_65",
  level: "mandatory",
  resourceTypes: [ECS_CLUSTER],
  description: "ECS cluster must enable Container Insights",
  why: "Without it there are no per-task CPU, memory and network metrics to investigate an incident with; it is also the usual source of a running-task alarm.",
  check(r) {
    const value = containerInsightsSetting(r);
    return value === "enabled" || value === "enhanced"
      ? []
      : [
          `${where(r)} has the containerInsights setting ${show(value)}; set it to "enabled" (config containerInsights: true), or disable it explicitly where a declared exception says why.`,
        ];
  },
};

function assignsPublicIp(r: PolicyResource): boolean {
  return asRecord(r.inputs.networkConfiguration).assignPublicIp === true;
}

function publicEgressChosen(r: PolicyResource): boolean {
  return tagsOf(r)[EGRESS_TAG_KEY] === EGRESS_PUBLIC;
}

export const ecsServiceNoPublicIp: ResourceRule = {
  kind: "resource",
  id: "ecs-service-no-public-ip",
  control: "FSBP ECS.2 / CKV_AWS_333",
  level: "mandatory",
  resourceTypes: [ECS_SERVICE],
  description:
    "ECS service must not assign public IPs to tasks unless egress mode public was chosen",
  why: "A task with a public IP is reachable from the internet as far as its security group allows; tasks belong in private subnets behind the ALB.",
  check: (r) =>
    assignsPublicIp(r) && !publicEgressChosen(r)
      ? [
          `${where(r)} has networkConfiguration.assignPublicIp true without the tag ${EGRESS_TAG_KEY}=${EGRESS_PUBLIC}; use private subnets with NAT (egress: nat), or choose egress: public deliberately.`,
        ]
      : [],
};

export const ecsServicePublicIpAcknowledged: ResourceRule = {
  kind: "resource",
  id: "ecs-service-public-ip-acknowledged",
  control: "FSBP ECS.2 / CKV_AWS_333",
  level: "advisory",
  resourceTypes: [ECS_SERVICE],
  description:
    "ECS service must not assign public IPs to tasks (advisory when egress mode public was chosen)",
  why: "Egress mode public saves the NAT gateway (the cost levers in synth/report.md say how much) but fails ECS.2; the task security group is then the only barrier, so keep it to the ALB security group.",
  check: (r) =>
    assignsPublicIp(r) && publicEgressChosen(r)
      ? [
          `${where(r)} assigns public IPs because egress mode "${EGRESS_PUBLIC}" was chosen (tag ${EGRESS_TAG_KEY}); ingress must stay limited to the ALB security group.`,
        ]
      : [],
};

// Mandatory: the Terraform original had no circuit breaker, and the CD health check relies
// on ECS rolling back a failed deployment so that the job fails instead of hanging.
export const ecsServiceCircuitBreaker: ResourceRule = {
  kind: "resource",
  id: "ecs-service-circuit-breaker-rollback",
  control: "Design lesson 6 (deployment circuit breaker)",
  level: "mandatory",
  resourceTypes: [ECS_SERVICE],
  description: "ECS service must enable the deployment circuit breaker with rollback",
  why: "Without it a task that never becomes healthy keeps the deployment retrying for hours instead of rolling back to the last good revision.",
  check(r) {
    const controller = asRecord(r.inputs.deploymentController).type;
    if (controller !== undefined && controller !== "ECS") return []; // CodeDeploy/EXTERNAL roll back elsewhere.
    const breaker = r.inputs.deploymentCircuitBreaker;
    const ok = isRecord(breaker) && breaker.enable === true && breaker.rollback === true;
    return ok
      ? []
      : [
          `${where(r)} has deploymentCircuitBreaker ${show(breaker)}; set { enable: true, rollback: true }.`,
        ];
  },
};

/** Whether a service's capacity provider strategy can place a task on Fargate Spot. */
function mayRunOnSpot(service: PolicyResource): boolean {
  return asArray(service.inputs.capacityProviderStrategies).some(
    (item) => asRecord(item).capacityProvider === "FARGATE_SPOT",
  );
}

/** The target groups a service registers its tasks with (by ARN, or by dependency in preview). */
function targetGroupsOf(
  service: PolicyResource,
  resources: readonly PolicyResource[],
): PolicyResource[] {
  const arns = asArray(service.inputs.loadBalancers).map((lb) => asRecord(lb).targetGroupArn);
  return resources
    .filter((r) => r.type === TARGET_GROUP)
    .filter(
      (tg) =>
        arns.some((arn) => typeof arn === "string" && identitiesOf(tg).has(arn)) ||
        (tg.urn !== undefined && (service.dependencies ?? []).includes(tg.urn)),
    );
}

export const ecsSpotDrainWithinWarning: GraphRule = {
  kind: "graph",
  id: "ecs-spot-drain-within-reclaim-warning",
  control: "Design lesson 9 / AWS Fargate Spot guidance (drain < 2 min)",
  level: "mandatory",
  resourceTypes: [ECS_SERVICE, TARGET_GROUP],
  description:
    "A target group of a service on Fargate Spot must drain in less than Spot's 2-minute reclaim warning",
  why: "Spot stops a reclaimed task 2 minutes after the warning; a longer drain keeps the ALB sending requests to a task that is gone, and reclaims overlap the next deploy's drain.",
  checkGraph(resources) {
    return resources
      .filter((r) => r.type === ECS_SERVICE && mayRunOnSpot(r))
      .flatMap((service) =>
        targetGroupsOf(service, resources).flatMap((tg) => {
          const configured = tg.inputs.deregistrationDelay;
          const delay = configured ?? DEFAULT_DEREGISTRATION_DELAY_SECONDS;
          return typeof delay === "number" && delay < SPOT_RECLAIM_WARNING_SECONDS
            ? []
            : [
                {
                  resource: tg,
                  message: `${where(tg)} drains for ${show(delay)} s (deregistrationDelay ${show(configured)}) while ${where(service)} runs on FARGATE_SPOT; set deregistrationDelay below ${SPOT_RECLAIM_WARNING_SECONDS} (config deregistrationDelaySeconds).`,
                },
              ];
        }),
      );
  },
};

export const ecsRules: readonly Rule[] = [
  ecsClusterContainerInsights,
  ecsReadonlyRootFilesystem,
  ecsNonRootUser,
  ecsNotPrivileged,
  ecsNoSecretsInEnvironment,
  ecsLoggingConfigured,
  ecsRuntimePlatformExplicit,
  ecsNoHostPid,
  ecsSeparateExecutionRole,
  ecsServiceNoPublicIp,
  ecsServicePublicIpAcknowledged,
  ecsServiceCircuitBreaker,
  ecsSpotDrainWithinWarning,
];
