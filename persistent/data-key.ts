import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { accountAdministersKey } from "./kms";

export interface DataKeyArgs {
  /** `alias/<name>`; also names the key in its description. */
  aliasName: string;
  partition: string;
  accountId: string;
  /** What the key encrypts, for its description. */
  encrypts: string;
}

/**
 * The customer-managed key of Gatus's data: the alerting secrets (SSM SecureString) and the
 * history file system (EFS). Its policy only lets the account's IAM policies govern it: SSM and
 * EFS use it with their caller's permissions (and grants EFS creates), and the task execution
 * role may decrypt with it only through SSM (persistent/alerting-secrets.ts). Protected:
 * deleting it makes the secrets and the history unreadable.
 */
export class DataKey extends pulumi.ComponentResource {
  readonly key: aws.kms.Key;

  constructor(name: string, args: DataKeyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gatus:persistent:DataKey", name, {}, opts);
    this.key = new aws.kms.Key(
      "data",
      {
        description: `Encrypts ${args.encrypts} (${args.aliasName})`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [accountAdministersKey(args.partition, args.accountId)],
        }),
      },
      { parent: this, protect: true },
    );
    new aws.kms.Alias(
      "data",
      { name: `alias/${args.aliasName}`, targetKeyId: this.key.keyId },
      { parent: this },
    );
    this.registerOutputs({ keyArn: this.key.arn });
  }
}
