import { readFileSync } from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { EPHEMERAL_PROJECT, PERSISTENT_PROJECT } from "../persistent/config";
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

// CloudWatch Logs accepts only these retention periods.
const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
  3653,
] as const;

export const EGRESS_MODES = ["nat", "public"] as const;
export type EgressMode = (typeof EGRESS_MODES)[number];
export type CpuArchitecture = "ARM64" | "X86_64";

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
    logRetentionDays: intString(1, 3653)
      .refine((d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d), {
        message: `must be one of CloudWatch's retention periods: ${LOG_RETENTION_DAYS.join(", ")}`,
      })
      .default(30),
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
    /** The VPC's address range: private (RFC 1918), a network address, /16 to /22. */
    vpcCidr: checkedString((cidr) => privateCidrProblem(cidr, VPC_PREFIX)).default("10.0.0.0/16"),
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
  logRetentionDays: "pulumi config set logRetentionDays 30",
  deregistrationDelaySeconds: "pulumi config set deregistrationDelaySeconds 15",
  healthCheckIntervalSeconds: "pulumi config set healthCheckIntervalSeconds 5",
  healthCheckGracePeriodSeconds: "pulumi config set healthCheckGracePeriodSeconds 10",
  wafRateLimit: "pulumi config set wafRateLimit 1000",
  imageTag:
    "pulumi config rm imageTag (to deploy the current commit) or pulumi config set imageTag <git sha>",
  httpRedirect: "pulumi config set httpRedirect true",
  vpcCidr: "pulumi config set vpcCidr 10.0.0.0/16",
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
