import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { GATUS_SECRETS } from "./gatus-variables";
import { reasonOf } from "./lib/stack-config";

/**
 * The persistent → ephemeral contract: the persistent stack's outputs, typed and versioned.
 * Bump CONTRACT_VERSION on any change that an older ephemeral program could misread (a key
 * removed, renamed or given a new meaning); adding a key the consumer ignores needs no bump.
 * No key carries a secret: a stack reference would taint or elide it.
 */
export const CONTRACT_VERSION = 2;

/** What each version added, for the message that says which side to upgrade. */
export const CONTRACT_CHANGES: Readonly<Record<number, string>> = {
  2: "the container log group, the audit-trail log bucket, Gatus's alerting secrets, alert e-mail and history file system",
};

const arnOf = (service: string) =>
  z
    .string()
    .regex(new RegExp(`^arn:aws[a-z-]*:${service}:`), { message: `must be an ${service} ARN` });

export const persistentContractSchema = z.object({
  contractVersion: z.literal(CONTRACT_VERSION),
  awsAccountId: z.string().regex(/^\d{12}$/, { message: "must be a 12-digit account id" }),
  awsRegion: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { message: "must be an AWS region" }),
  /** Every ephemeral physical name starts with this; the deploy role is scoped to it. */
  resourcePrefix: z.string().regex(/^[a-z][a-z0-9-]{1,23}$/),
  ecrRepositoryName: z.string().min(2),
  ecrRepositoryUrl: z
    .string()
    .regex(/^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/[a-z0-9._/-]+$/, {
      message: "must be an ECR repository URL",
    }),
  ecrRepositoryArn: arnOf("ecr"),
  hostedZoneId: z.string().regex(/^Z[A-Z0-9]+$/, { message: "must be a Route 53 zone id" }),
  zoneName: z.string().min(3),
  hostname: z.string().min(3),
  /** The ARN of the *validated* certificate: it exists only once ACM has issued it. */
  certificateArn: arnOf("acm"),
  taskExecutionRoleArn: arnOf("iam"),
  taskRoleArn: arnOf("iam"),
  /** The alarm topic, or null when no alert email is configured. */
  alarmTopicArn: arnOf("sns").nullable(),
  previewRoleArn: arnOf("iam"),
  deployRoleArn: arnOf("iam"),
  /** v2: the container log group, which persistent owns so that logs outlive a teardown. */
  logGroupName: z.string().regex(/^[\w#/.-]{1,512}$/, { message: "must be a log group name" }),
  /** v2: the bucket the audit trails are delivered to (persistent/log-bucket.ts). */
  logBucketName: z.string().regex(/^aws-waf-logs-[a-z0-9-]{1,50}$/, {
    message: 'must be an S3 bucket name starting "aws-waf-logs-" (WAF logs to no other)',
  }),
  logBucketArn: z.string().regex(/^arn:aws[a-z-]*:s3:::aws-waf-logs-[a-z0-9-]+$/, {
    message: "must be the log bucket's S3 ARN",
  }),

  // ---- v2: Gatus alerting and history (issue #12, parts 3 and 4) ----
  /** The key of the alerting secrets and the history (the project's one key); null with neither. */
  dataKeyArn: arnOf("kms").nullable(),
  /**
   * The configured providers' credentials, and the dashboard's login when it is protected:
   * container variable → SSM SecureString ARN. Where the secrets are, never what they are: the
   * task definition passes them as ECS `secrets`. (New variables, same shape: no version bump;
   * an older ephemeral reader names the variable it does not know.)
   */
  alertingSecretArns: z.partialRecord(
    z.enum(GATUS_SECRETS.map((s) => s.variable) as [string, ...string[]]),
    arnOf("ssm"),
  ),
  /** Gatus's SES e-mail alerts (addresses, no credential); null when not configured. */
  alertingEmail: z
    .object({ from: z.email(), to: z.array(z.email()).min(1) })
    .strict()
    .nullable(),
  /** The EFS file system and access point of Gatus's SQLite history; null with storage memory. */
  history: z
    .object({
      fileSystemId: z
        .string()
        .regex(/^fs-[0-9a-f]+$/, { message: "must be an EFS file system id" }),
      accessPointId: z
        .string()
        .regex(/^fsap-[0-9a-f]+$/, { message: "must be an EFS access point id" }),
    })
    .strict()
    .nullable(),
});

export type PersistentContract = z.infer<typeof persistentContractSchema>;
export const CONTRACT_KEYS = Object.keys(
  persistentContractSchema.shape,
) as (keyof PersistentContract)[];

/**
 * What persistent exports next to the contract, for people rather than for ephemeral: the stack
 * README Pulumi Cloud shows, console links, the zone's name servers, the GitHub repository and
 * the drift role (the `AWS_DRIFT_ROLE_ARN` repository variable; outside the contract, so an
 * ephemeral program reading an older persistent stack does not miss it).
 * Ephemeral never reads them, so they are outside the schema and change without a version bump.
 * Listed so that every exported key is accounted for: a test fails on an output in neither list.
 */
export const OPERATOR_OUTPUT_KEYS = [
  "readme",
  "consoleUrls",
  "nameServers",
  "githubRepositoryUrl",
  "driftRoleArn",
] as const;
export type OperatorOutputKey = (typeof OPERATOR_OUTPUT_KEYS)[number];

/** Raised for any contract failure; a RunError, so Pulumi prints the message without a trace. */
export class ContractError extends pulumi.RunError {
  constructor(message: string) {
    super(message);
    this.name = "ContractError";
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "(outputs)"}: ${i.message}`).join("; ");
}

/**
 * The producer's self-check: persistent validates what it is about to export, so a broken
 * contract fails `pulumi up` in persistent instead of a later ephemeral run.
 */
export function validateOwnOutputs(values: Record<string, unknown>): PersistentContract {
  const parsed = persistentContractSchema.strict().safeParse(values);
  if (!parsed.success) {
    throw new ContractError(
      `The persistent stack would publish an invalid contract (v${CONTRACT_VERSION}): ${describeIssues(parsed.error)}`,
    );
  }
  return parsed.data;
}

/** What the reader needs from a stack reference: satisfied by pulumi.StackReference and fakes. */
export interface OutputSource {
  getOutputDetails(name: string): Promise<pulumi.StackReferenceOutputDetails>;
}

/**
 * Reads and validates the persistent stack's outputs at the boundary, before the ephemeral
 * program declares anything. Every failure names the stack, the key or version, and the fix.
 */
export async function readPersistentContract(
  stackName: string,
  source: OutputSource,
): Promise<PersistentContract> {
  const deployFirst = `Deploy persistent first: cd persistent && pulumi up --stack ${stackName.split("/").pop()}`;
  const version = await readOutput(source, stackName, "contractVersion", deployFirst);
  if (version === undefined) {
    throw new ContractError(
      `Persistent stack "${stackName}" has no contractVersion output: it was never deployed, or predates the contract. ${deployFirst}.`,
    );
  }
  if (version !== CONTRACT_VERSION) {
    throw new ContractError(
      `Persistent stack "${stackName}" publishes contract v${JSON.stringify(version)}, but this ephemeral program reads v${CONTRACT_VERSION}. ${upgradeAdvice(version)}.`,
    );
  }
  const raw: Record<string, unknown> = {};
  const missing: string[] = [];
  for (const key of CONTRACT_KEYS) {
    const value = await readOutput(source, stackName, key, deployFirst);
    if (value === undefined) missing.push(key);
    else raw[key] = value;
  }
  if (missing.length > 0) {
    throw new ContractError(
      `Persistent stack "${stackName}" is missing contract output(s) ${missing.join(", ")} (contract v${CONTRACT_VERSION}). Run \`pulumi up\` in persistent/ to publish them.`,
    );
  }
  const parsed = persistentContractSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ContractError(
      `Persistent stack "${stackName}" publishes malformed contract output(s): ${describeIssues(parsed.error)}. Run \`pulumi up\` in persistent/ to republish them.`,
    );
  }
  return parsed.data;
}

/** Which side to upgrade, and what the older side lacks. */
function upgradeAdvice(published: unknown): string {
  const since = (from: number, to: number) =>
    Object.entries(CONTRACT_CHANGES)
      .filter(([v]) => Number(v) > from && Number(v) <= to)
      .map(([v, what]) => `v${v}: ${what}`)
      .join("; ");
  if (typeof published === "number" && published < CONTRACT_VERSION) {
    return `Upgrade persistent: run \`pulumi up\` in persistent/ from this commit (it lacks ${since(published, CONTRACT_VERSION)})`;
  }
  const newer =
    typeof published === "number"
      ? ` (this checkout lacks ${since(CONTRACT_VERSION, published) || `v${published}`})`
      : "";
  return `Upgrade ephemeral: update this checkout to the commit that persistent was deployed from${newer}`;
}

async function readOutput(
  source: OutputSource,
  stackName: string,
  key: string,
  deployFirst: string,
) {
  let details: pulumi.StackReferenceOutputDetails;
  try {
    details = await source.getOutputDetails(key);
  } catch (err) {
    const reason = reasonOf(err);
    throw new ContractError(
      `Cannot read persistent stack "${stackName}" (${reason}). ${deployFirst}.`,
    );
  }
  if (details.secretValue !== undefined) {
    throw new ContractError(
      `Persistent stack "${stackName}" exports "${key}" as a secret; the contract carries no secrets. Export it as a plain value.`,
    );
  }
  return details.value as unknown;
}

/** The stack ephemeral reads by default: same organization and stack name, persistent project. */
export function defaultPersistentStackName(
  organization: string,
  persistentProject: string,
  stack: string,
): string {
  return `${organization}/${persistentProject}/${stack}`;
}
