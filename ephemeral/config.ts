import { readFileSync } from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { EPHEMERAL_PROJECT, PERSISTENT_PROJECT } from "../persistent/config";
import { AUDIT_TRAILS_OFF_FIX, auditTrailsOffSchema } from "./audit-trails-config";
import { defaultPersistentStackName } from "../persistent/contract";
import { privateCidrProblem } from "../persistent/lib/ipv4-cidr";
import {
  boolString,
  checkedString,
  intString,
  parseStackConfig,
  readProjectConfig,
} from "../persistent/lib/stack-config";
import {
  FARGATE_CPUS,
  describeFargateMemory,
  isValidFargateSize,
  type FargateCpu,
} from "./fargate";
import { GATUS_CONFIG_FILE, type GatusConfigRead, readGatusConfig } from "./gatus-config";
import { VPC_PREFIX } from "./vpc-layout";

export const EGRESS_MODES = ["nat", "public"] as const;
export type EgressMode = (typeof EGRESS_MODES)[number];
export type CpuArchitecture = "ARM64" | "X86_64";
/** on-demand: Fargate; spot: Fargate Spot (about 70% cheaper, reclaimable with a 2-minute warning). */
export const CAPACITIES = ["on-demand", "spot"] as const;
export type Capacity = (typeof CAPACITIES)[number];

/**
 * Fargate Spot stops a reclaimed task two minutes after its warning; AWS advises draining its
 * targets for less than that, or the ALB keeps routing to a task that is already gone.
 */
export const SPOT_RECLAIM_WARNING_SECONDS = 120;

const schema = z
  .object({
    /** The persistent stack to read, `<org>/<project>/<stack>`; default `<org>/gatus-persistent/<this stack>`. */
    persistentStack: z
      .string()
      .regex(/^([A-Za-z0-9_.-]+\/){0,2}[A-Za-z0-9_.-]+$/, {
        message: 'must be a stack name such as "acme/gatus-persistent/dev"',
      })
      .optional(),
    /** nat: tasks in private subnets behind one NAT gateway; public: tasks get public IPs, no NAT. */
    egress: z.enum(EGRESS_MODES, { message: 'must be "nat" or "public"' }).default("nat"),
    /** Number of Gatus tasks: 0 (paused) or 1. */
    desiredCount: intString(0, 10).default(1),
    cpu: intString(256, 16384).default(256),
    memory: intString(512, 122880).default(512),
    cpuArchitecture: z
      .enum(["ARM64", "X86_64"], { message: 'must be "ARM64" (Graviton) or "X86_64"' })
      .default("ARM64"),
    /** Seconds the ALB drains a deregistering task; AWS's default of 300 slows every deploy. */
    deregistrationDelaySeconds: intString(0, 3600).default(15),
    /** Target-group health-check interval. */
    healthCheckIntervalSeconds: intString(5, 300).default(5),
    /** Seconds ECS ignores failing ALB health checks after a task starts. */
    healthCheckGracePeriodSeconds: intString(0, 600).default(10),
    /** Requests per IP per 5-minute window before WAF blocks. */
    wafRateLimit: intString(10, 2_000_000_000).default(1000),
    /** Image tag to deploy instead of the current git commit (must already exist or be buildable). */
    imageTag: z
      .string()
      .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, {
        message: "must be a Docker tag (letters, digits, '_', '.', '-')",
      })
      .refine((t) => t !== "latest", {
        message: 'must name one build; "latest" is mutable and ECR tags are immutable',
      })
      .optional(),
    /** Keep a port-80 listener that only redirects to HTTPS. */
    httpRedirect: boolString.default(true),
    /**
     * Container Insights on the cluster: per-task metrics at CloudWatch custom-metric prices.
     * Off, the no-running-task alarm reads the free AWS/ECS service metrics (FSBP ECS.12 is then
     * a declared exception).
     */
    containerInsights: boolString.default(false),
    /** Where the task runs: Fargate On-Demand, or Fargate Spot (reclaimable; see the README). */
    capacity: z.enum(CAPACITIES, { message: 'must be "on-demand" or "spot"' }).default("on-demand"),
    /** The VPC's address range: private (RFC 1918), a network address, /16 to /22. */
    vpcCidr: checkedString((cidr) => privateCidrProblem(cidr, VPC_PREFIX)).default("10.0.0.0/16"),
    /** Audit trails turned off, each with its reason; every trail is on by default. */
    auditTrailsOff: auditTrailsOffSchema.default({}),
  })
  // Cross-field rules run even when another key is invalid (`when`), so one message lists
  // every problem; each rule checks its own keys parsed before judging them.
  .superRefine(
    (c, ctx) => {
      const isNumber = (v: unknown): v is number => typeof v === "number";
      if (isNumber(c.cpu) && !(FARGATE_CPUS as number[]).includes(c.cpu)) {
        ctx.addIssue({
          code: "custom",
          path: ["cpu"],
          message: `must be one of ${FARGATE_CPUS.join(", ")} (Fargate CPU units)`,
        });
      } else if (isNumber(c.cpu) && isNumber(c.memory) && !isValidFargateSize(c.cpu, c.memory)) {
        ctx.addIssue({
          code: "custom",
          path: ["memory"],
          message: `${c.memory} MiB is not a Fargate size for cpu ${c.cpu}; it accepts ${describeFargateMemory(c.cpu as FargateCpu)} MiB`,
        });
      }
      if (isNumber(c.desiredCount) && c.desiredCount > 1) {
        ctx.addIssue({
          code: "custom",
          path: ["desiredCount"],
          message:
            "Gatus keeps its history per task (storage memory) or in one SQLite file that only one task may write (storage sqlite), so each extra task would show a different dashboard or corrupt the file, and send duplicate alerts; use 0 or 1, or move Gatus to Postgres storage first",
        });
      }
      const delay = c.deregistrationDelaySeconds;
      if (c.capacity === "spot" && isNumber(delay) && delay >= SPOT_RECLAIM_WARNING_SECONDS) {
        ctx.addIssue({
          code: "custom",
          path: ["deregistrationDelaySeconds"],
          message: `must be below ${SPOT_RECLAIM_WARNING_SECONDS} with capacity spot: Fargate Spot stops a reclaimed task 2 minutes after its warning, so a longer drain keeps sending requests to a task that is gone`,
        });
      }
      const grace = c.healthCheckGracePeriodSeconds;
      const interval = c.healthCheckIntervalSeconds;
      if (isNumber(grace) && isNumber(interval) && grace > 0 && grace < interval) {
        ctx.addIssue({
          code: "custom",
          path: ["healthCheckGracePeriodSeconds"],
          message: `must be 0 or at least one health-check interval (${interval}s)`,
        });
      }
    },
    { when: () => true },
  );

const fixes = {
  persistentStack: "pulumi config set persistentStack acme/gatus-persistent/dev",
  egress: "pulumi config set egress nat",
  desiredCount: "pulumi config set desiredCount 1",
  cpu: "pulumi config set cpu 256",
  memory: "pulumi config set memory 512",
  cpuArchitecture: "pulumi config set cpuArchitecture ARM64",
  deregistrationDelaySeconds: "pulumi config set deregistrationDelaySeconds 15",
  healthCheckIntervalSeconds: "pulumi config set healthCheckIntervalSeconds 5",
  healthCheckGracePeriodSeconds: "pulumi config set healthCheckGracePeriodSeconds 10",
  wafRateLimit: "pulumi config set wafRateLimit 1000",
  imageTag:
    "pulumi config rm imageTag (to deploy the current commit) or pulumi config set imageTag <git sha>",
  httpRedirect: "pulumi config set httpRedirect true",
  vpcCidr: "pulumi config set vpcCidr 10.0.0.0/16",
  containerInsights: "pulumi config set containerInsights false",
  capacity: "pulumi config set capacity on-demand",
  auditTrailsOff: AUDIT_TRAILS_OFF_FIX,
} satisfies Record<keyof z.input<typeof schema>, string>;

/** Every key of this project's config (without the `gatus-ephemeral:` prefix). */
export const EPHEMERAL_CONFIG_KEYS = Object.keys(fixes) as readonly (keyof typeof fixes)[];

export interface EphemeralConfig extends z.infer<typeof schema> {
  stack: string;
  region: string;
  /** Fully qualified persistent stack name. */
  persistentStack: string;
  /** Gatus's web.port from image/config.yaml: what the container, ALB and security groups use. */
  containerPort: number;
}

export interface EphemeralConfigContext {
  stack: string;
  organization: string;
  region: string | undefined;
  /** The Gatus config the image bakes in. @default image/config.yaml, read now */
  gatusConfig?: GatusConfigRead;
}

/** Validates raw config values (pure given `gatusConfig`: the tests call it directly). */
export function parseEphemeralConfig(
  raw: Record<string, string>,
  context: EphemeralConfigContext,
): EphemeralConfig {
  const gatus =
    context.gatusConfig ??
    readGatusConfig(readFileSync(GATUS_CONFIG_FILE, "utf8"), "image/config.yaml");
  const port = gatus.ok ? gatus.config.port : undefined;
  const parsed = parseStackConfig({
    project: EPHEMERAL_PROJECT,
    stack: context.stack,
    schema,
    raw,
    fixes,
    region: context.region,
    retired: {
      // One port for Gatus, the image, the load balancer and the security groups: Gatus's own.
      containerPort:
        `the container port is web.port in image/config.yaml (${port ?? "unreadable"} now), ` +
        "which the image, the load balancer and the security groups all follow",
      // The log group outlives teardown, so the persistent stack owns it and its retention.
      logRetentionDays:
        "the container log group and its retention belong to the persistent stack, so the logs survive a teardown; set gatus-persistent:logRetentionDays there",
    },
    problems: gatus.ok ? [] : gatus.problems.map((problem) => `image/config.yaml: ${problem}`),
  });
  return {
    ...parsed,
    // Only reached with a readable web.port: any problem above has made parseStackConfig throw.
    containerPort: port ?? 0,
    stack: context.stack,
    region: context.region ?? "",
    persistentStack:
      parsed.persistentStack ??
      defaultPersistentStackName(context.organization, PERSISTENT_PROJECT, context.stack),
  };
}

/** Reads and validates the current stack's configuration. */
export function loadEphemeralConfig(): EphemeralConfig {
  return parseEphemeralConfig(readProjectConfig(EPHEMERAL_PROJECT), {
    stack: pulumi.getStack(),
    organization: pulumi.getOrganization(),
    region: new pulumi.Config("aws").get("region"),
  });
}
