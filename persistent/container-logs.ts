import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface ContainerLogsArgs {
  /** The group's exact name: the execution role may write to it and nothing else. */
  logGroupName: string;
  retentionInDays: number;
  /** The project's customer-managed key; its policy must let CloudWatch Logs use it for this group. */
  kmsKeyArn: pulumi.Input<string>;
}

/**
 * The log group Gatus's containers write to. It lives here, not in the ephemeral stack, so a
 * teardown keeps the logs (an ephemeral log group is deleted with every destroy, and the logs
 * with it) and retention alone bounds what they cost. Protected like the other stateful
 * resources of this stack: deleting it deletes the logs.
 */
export class ContainerLogs extends pulumi.ComponentResource {
  readonly logGroup: aws.cloudwatch.LogGroup;

  constructor(name: string, args: ContainerLogsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gatus:persistent:ContainerLogs", name, {}, opts);
    this.logGroup = new aws.cloudwatch.LogGroup(
      "gatus",
      {
        name: args.logGroupName,
        retentionInDays: args.retentionInDays,
        kmsKeyId: args.kmsKeyArn,
      },
      { parent: this, protect: true },
    );
    this.registerOutputs({ logGroupName: this.logGroup.name });
  }
}
