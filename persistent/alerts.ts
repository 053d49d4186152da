import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface AlertsArgs {
  topicName: string;
  /** The project's customer-managed key; its policy must hold cloudWatchPublishesWithKey. */
  keyArn: pulumi.Input<string>;
  email: string;
  accountId: string;
  partition: string;
  /** The alarms that may publish: the ephemeral stack's, by exact ARN. */
  alarmArns: string[];
}

/**
 * The alarm topic. It is encrypted with the project's customer-managed key, whose policy lets
 * CloudWatch use it (cloudWatchPublishesWithKey): with the AWS-managed alias/aws/sns key,
 * CloudWatch cannot publish and alarm emails are never delivered (the Terraform original's
 * defect).
 */
export class Alerts extends pulumi.ComponentResource {
  readonly topic: aws.sns.Topic;

  constructor(name: string, args: AlertsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gatus:persistent:Alerts", name, {}, opts);
    const child = { parent: this };

    this.topic = new aws.sns.Topic(
      "alarms",
      { name: args.topicName, kmsMasterKeyId: args.keyArn },
      child,
    );
    new aws.sns.TopicPolicy(
      "alarms",
      {
        arn: this.topic.arn,
        policy: this.topic.arn.apply((topicArn) =>
          JSON.stringify(alarmTopicPolicy(topicArn, args.accountId, args.alarmArns)),
        ),
      },
      child,
    );
    // Email subscriptions stay pending until the recipient confirms the message AWS sends.
    new aws.sns.TopicSubscription(
      "email",
      { topic: this.topic.arn, protocol: "email", endpoint: args.email },
      child,
    );

    this.registerOutputs({ topicArn: this.topic.arn });
  }
}

/** The key-policy statement that lets CloudWatch encrypt the alarms it publishes to the topic. */
export function cloudWatchPublishesWithKey(accountId: string) {
  return {
    Sid: "CloudWatchPublishesAlarms",
    Effect: "Allow",
    Principal: { Service: "cloudwatch.amazonaws.com" },
    Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
    Resource: "*",
    Condition: { StringEquals: { "aws:SourceAccount": accountId } },
  };
}

/**
 * Only CloudWatch may publish, and only for the stack's own alarms in this account. There is
 * no statement for the account's principals: they manage the topic through IAM policies (the
 * admin running persistent). AWS's default topic policy, and any `Principal: "*"` statement,
 * would let every role of the account, including the one pull requests assume, subscribe,
 * publish fake alarms or rewrite this policy.
 */
export function alarmTopicPolicy(topicArn: string, accountId: string, alarmArns: string[]) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "CloudWatchPublishes",
        Effect: "Allow",
        Principal: { Service: "cloudwatch.amazonaws.com" },
        Action: "sns:Publish",
        Resource: topicArn,
        Condition: {
          StringEquals: { "aws:SourceAccount": accountId },
          ArnLike: { "aws:SourceArn": alarmArns },
        },
      },
    ],
  };
}
