import { CONTRACT_VERSION, type PersistentContract } from "../../persistent/contract";

/** A valid set of persistent outputs, as a deployed persistent stack would publish them. */
export const VALID_CONTRACT: PersistentContract = {
  contractVersion: CONTRACT_VERSION,
  awsAccountId: "123456789012",
  awsRegion: "eu-west-2",
  resourcePrefix: "gatus-dev",
  ecrRepositoryName: "gatus-dev",
  ecrRepositoryUrl: "123456789012.dkr.ecr.eu-west-2.amazonaws.com/gatus-dev",
  ecrRepositoryArn: "arn:aws:ecr:eu-west-2:123456789012:repository/gatus-dev",
  hostedZoneId: "Z0123456789ABC",
  zoneName: "example.com",
  hostname: "status.example.com",
  certificateArn: "arn:aws:acm:eu-west-2:123456789012:certificate/abc",
  taskExecutionRoleArn: "arn:aws:iam::123456789012:role/gatus-dev-task-exec",
  taskRoleArn: "arn:aws:iam::123456789012:role/gatus-dev-task",
  alarmTopicArn: null,
  previewRoleArn: "arn:aws:iam::123456789012:role/gatus-dev-preview",
  deployRoleArn: "arn:aws:iam::123456789012:role/gatus-dev-deploy",
  logGroupName: "/ecs/gatus-dev/gatus",
  logBucketName: "aws-waf-logs-gatus-dev-1a2b3c4d",
  logBucketArn: "arn:aws:s3:::aws-waf-logs-gatus-dev-1a2b3c4d",
  dataKeyArn: null,
  alertingSecretArns: {},
  alertingEmail: null,
  history: null,
};

/** The same stack with every alerting provider, the dashboard login and sqlite history configured. */
export const FULL_CONTRACT: PersistentContract = {
  ...VALID_CONTRACT,
  dataKeyArn: "arn:aws:kms:eu-west-2:123456789012:key/0b9e4f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b",
  alertingSecretArns: {
    GATUS_SLACK_WEBHOOK_URL:
      "arn:aws:ssm:eu-west-2:123456789012:parameter/gatus-dev/gatus/slack-webhook-url",
    GATUS_TEAMS_WEBHOOK_URL:
      "arn:aws:ssm:eu-west-2:123456789012:parameter/gatus-dev/gatus/teams-webhook-url",
    GATUS_PAGERDUTY_INTEGRATION_KEY:
      "arn:aws:ssm:eu-west-2:123456789012:parameter/gatus-dev/gatus/pagerduty-integration-key",
    GATUS_DASHBOARD_USERNAME:
      "arn:aws:ssm:eu-west-2:123456789012:parameter/gatus-dev/gatus/dashboard-username",
    GATUS_DASHBOARD_PASSWORD_BCRYPT_BASE64:
      "arn:aws:ssm:eu-west-2:123456789012:parameter/gatus-dev/gatus/dashboard-password-bcrypt-base64",
  },
  alertingEmail: { from: "gatus@status.example.com", to: ["oncall@example.com"] },
  history: { fileSystemId: "fs-0123456789abcdef0", accessPointId: "fsap-0123456789abcdef0" },
};

/** The keys contract v2 added: a v1 persistent stack publishes none of them. */
const V2_KEYS = [
  "logGroupName",
  "logBucketName",
  "logBucketArn",
  "dataKeyArn",
  "alertingSecretArns",
  "alertingEmail",
  "history",
] as const satisfies readonly (keyof PersistentContract)[];

/** What a persistent stack deployed before v2 publishes. */
export const V1_CONTRACT: Record<string, unknown> = {
  ...Object.fromEntries(
    Object.entries(VALID_CONTRACT).filter(([key]) => !(V2_KEYS as readonly string[]).includes(key)),
  ),
  contractVersion: 1,
};
