import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { arn } from "./lib/arn";

export interface AlertEmailArgs {
  /** The Gatus hostname: the SES identity, and the domain of the sender address. */
  hostname: string;
  zoneId: pulumi.Input<string>;
  recipients: readonly string[];
  /** The Gatus task role: the aws-ses provider sends with its credentials. */
  taskRoleName: pulumi.Input<string>;
  partition: string;
  region: string;
  accountId: string;
}

/** Easy DKIM publishes three CNAME records per identity. */
const DKIM_RECORDS = 3;

/** The address Gatus sends its alert e-mails from. */
export const senderOf = (hostname: string) => `gatus@${hostname}`;

/**
 * E-mail alerts through Amazon SES: the Gatus hostname as a verified SES domain identity (its
 * Easy DKIM records in the stack's zone, so SES verifies it by itself and DMARC passes through
 * DKIM alignment), and the one grant the task role needs to send from it to the configured
 * recipients. The hostname, not the zone apex: an account that already sends from the apex
 * keeps its identity untouched. A new SES account is in the sandbox and delivers only to
 * verified addresses until AWS grants production access (README).
 */
export class AlertEmail extends pulumi.ComponentResource {
  readonly from: string;
  readonly identity: aws.sesv2.EmailIdentity;

  constructor(name: string, args: AlertEmailArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gatus:persistent:AlertEmail", name, {}, opts);
    const child = { parent: this };
    this.from = senderOf(args.hostname);

    this.identity = new aws.sesv2.EmailIdentity("gatus", { emailIdentity: args.hostname }, child);
    const tokens = this.identity.dkimSigningAttributes.apply((dkim) => dkim.tokens);
    for (let i = 0; i < DKIM_RECORDS; i++) {
      const token = tokens.apply((all) => {
        const value = all[i];
        if (value === undefined)
          throw new Error(`SES returned ${all.length} DKIM tokens, not ${DKIM_RECORDS}`);
        return value;
      });
      new aws.route53.Record(
        `dkim-${i + 1}`,
        {
          zoneId: args.zoneId,
          name: pulumi.interpolate`${token}._domainkey.${args.hostname}`,
          type: "CNAME",
          ttl: 1800,
          records: [pulumi.interpolate`${token}.dkim.amazonses.com`],
        },
        child,
      );
    }
    new aws.iam.RolePolicy(
      "task-alert-email",
      {
        role: args.taskRoleName,
        policy: JSON.stringify(
          sendAlertEmailPolicy(
            arn(args, "ses", `identity/${args.hostname}`),
            this.from,
            args.recipients,
          ),
        ),
      },
      child,
    );
    this.registerOutputs({ from: this.from });
  }
}

/** Send through the one identity, from the one sender, to the configured recipients only. */
export function sendAlertEmailPolicy(
  identityArn: string,
  from: string,
  recipients: readonly string[],
) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "SendAlertEmail",
        Effect: "Allow",
        Action: ["ses:SendEmail"],
        Resource: [identityArn],
        Condition: {
          StringEquals: { "ses:FromAddress": from },
          "ForAllValues:StringEquals": { "ses:Recipients": [...recipients] },
        },
      },
    ],
  };
}
