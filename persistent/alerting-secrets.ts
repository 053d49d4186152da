import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AlertingSecret } from "./gatus-variables";
import { arn } from "./lib/arn";

/** One configured provider's credential, as read from the stack's (encrypted) config. */
export interface ConfiguredSecret {
  secret: AlertingSecret;
  /** Already a Pulumi secret: it is stored encrypted in state and redacted in every output. */
  value: pulumi.Output<string>;
}

export interface AlertingSecretsArgs {
  resourcePrefix: string;
  secrets: readonly ConfiguredSecret[];
  keyArn: pulumi.Input<string>;
  /** The task execution role: ECS reads the parameters with it when it starts a task. */
  executionRoleName: pulumi.Input<string>;
  /** The drift role: its refresh reads every parameter decrypted (persistent/identity.ts). */
  driftRoleName: pulumi.Input<string>;
  partition: string;
  region: string;
  accountId: string;
}

/** `/<resourcePrefix>/gatus/<parameter>`: one tree per stack, so no prefix of another matches. */
export const parameterName = (resourcePrefix: string, secret: AlertingSecret) =>
  `/${resourcePrefix}/gatus/${secret.parameter}`;

/**
 * Gatus's alerting credentials in AWS: one SSM SecureString per configured provider, encrypted
 * with the project's key, the policy that lets the task execution role read exactly those
 * parameters (ECS passes them to the container through the task definition's `secrets`, never
 * as plain environment), and the one that lets the drift role's refresh read them. Standard
 * parameters cost nothing; Secrets Manager would cost $0.40 a secret a month and offer rotation
 * nobody can use for a webhook URL.
 */
export class AlertingSecrets extends pulumi.ComponentResource {
  /** Container variable → parameter ARN, for the contract. */
  readonly arns: Record<string, string>;

  constructor(name: string, args: AlertingSecretsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gatus:persistent:AlertingSecrets", name, {}, opts);
    const child = { parent: this };
    const arnOf = (secret: AlertingSecret) =>
      arn(args, "ssm", `parameter${parameterName(args.resourcePrefix, secret)}`);
    this.arns = Object.fromEntries(
      args.secrets.map(({ secret }) => [secret.variable, arnOf(secret)]),
    );

    for (const { secret, value } of args.secrets) {
      new aws.ssm.Parameter(
        secret.parameter,
        {
          name: parameterName(args.resourcePrefix, secret),
          description: `Gatus ${secret.provider} ${secret.kind} credential, passed to the task as ${secret.variable}`,
          type: "SecureString",
          tier: "Standard",
          keyId: args.keyArn,
          value,
        },
        child,
      );
    }
    const readPolicy = (action: SecretsReadAction) =>
      pulumi
        .output(args.keyArn)
        .apply((keyArn) =>
          JSON.stringify(secretsReadPolicy(Object.values(this.arns), keyArn, args.region, action)),
        );
    // ECS fetches a task's secrets in one GetParameters call.
    new aws.iam.RolePolicy(
      "task-execution-secrets",
      { role: args.executionRoleName, policy: readPolicy("ssm:GetParameters") },
      child,
    );
    // A refresh reads each parameter with GetParameter WithDecryption=true (terraform-provider-aws
    // internal/service/ssm/parameter.go, resourceParameterRead → findParameterByName(..., true)),
    // so the drift check fails on the first SecureString unless its role may decrypt it.
    new aws.iam.RolePolicy(
      "drift-secrets",
      { role: args.driftRoleName, policy: readPolicy("ssm:GetParameter") },
      child,
    );
    this.registerOutputs({ arns: this.arns });
  }
}

/** How the reader fetches the parameters: ECS in one batch, the provider's refresh one by one. */
export type SecretsReadAction = "ssm:GetParameters" | "ssm:GetParameter";

/**
 * Read exactly these parameters, and decrypt with exactly this key only when SSM asks on the
 * role's behalf. The key is this stack's and encrypts nothing else the role could fetch. (No
 * `kms:EncryptionContext:PARAMETER_ARN` condition on top: the IAM simulation in tests/iam
 * cannot evaluate per-key encryption context, and a condition nothing proves is not added.)
 */
export function secretsReadPolicy(
  parameterArns: readonly string[],
  keyArn: string,
  region: string,
  action: SecretsReadAction,
) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "ReadAlertingSecrets",
        Effect: "Allow",
        Action: [action],
        Resource: [...parameterArns],
      },
      {
        Sid: "DecryptThemThroughSsm",
        Effect: "Allow",
        Action: ["kms:Decrypt"],
        Resource: [keyArn],
        Condition: { StringEquals: { "kms:ViaService": `ssm.${region}.amazonaws.com` } },
      },
    ],
  };
}
