import type { PersistentConfig } from "./config";
import type { PersistentContract } from "./contract";
import { ALERTING_SECRETS } from "./gatus-variables";

/** Who hears about trouble: the CloudWatch alarm topic, and Gatus's configured providers. */
export interface Notifications {
  /** The alarm topic exists (it does only with `alertEmail`). */
  alarmTopic: boolean;
  /** Gatus alert types that reach someone, e.g. ["slack", "aws-ses"]. */
  gatusProviders: string[];
}

/** What the contract says about notifications. */
export function notificationsOf(
  contract: Pick<PersistentContract, "alarmTopicArn" | "alertingSecretArns" | "alertingEmail">,
): Notifications {
  const configured = Object.keys(contract.alertingSecretArns);
  return {
    alarmTopic: contract.alarmTopicArn !== null,
    gatusProviders: [
      ...ALERTING_SECRETS.filter((s) => configured.includes(s.variable)).map((s) => s.provider),
      ...(contract.alertingEmail === null ? [] : ["aws-ses"]),
    ],
  };
}

/** What a stack's configuration will set up, before anything exists. */
export function configuredNotifications(
  config: Pick<PersistentConfig, "alertEmail" | "gatusAlertEmail" | AlertingConfigKey>,
): Notifications {
  return {
    alarmTopic: config.alertEmail !== undefined,
    gatusProviders: [
      ...ALERTING_SECRETS.filter((s) => config[s.configKey] !== undefined).map((s) => s.provider),
      ...(config.gatusAlertEmail === undefined ? [] : ["aws-ses"]),
    ],
  };
}

type AlertingConfigKey = (typeof ALERTING_SECRETS)[number]["configKey"];

/**
 * Warnings for the parts that would notify nobody. `pulumi up` and `pulumi preview` print them
 * (persistent/program.ts), and so does the offline report: a deployment nobody hears from
 * fails silently.
 */
export function notificationGaps(n: Notifications): string[] {
  return [
    ...(n.gatusProviders.length > 0
      ? []
      : [
          "Gatus alerts reach nobody: no alerting provider is configured, so a failing endpoint shows only on the dashboard. " +
            "Fix: pulumi config set --secret slackWebhookUrl <url> (or teamsWebhookUrl, pagerdutyIntegrationKey), or pulumi config set gatusAlertEmail <addresses>",
        ]),
    ...(n.alarmTopic
      ? []
      : [
          "CloudWatch alarms notify nobody: without alertEmail there is no alarm topic, so an ECS service with no running task (when Gatus itself cannot alert) goes unnoticed. " +
            "Fix: pulumi config set alertEmail oncall@example.com",
        ]),
  ];
}
