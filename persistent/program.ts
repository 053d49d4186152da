import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AlertEmail } from "./alert-email";
import { Alerts, cloudWatchPublishesWithKey } from "./alerts";
import { AlertingSecrets } from "./alerting-secrets";
import { loadPersistentConfig, PERSISTENT_PROJECT, type PersistentConfig } from "./config";
import { persistentConsoleUrls, type PersistentConsoleUrls } from "./console-links";
import { ContainerLogs } from "./container-logs";
import {
  CONTRACT_KEYS,
  CONTRACT_VERSION,
  validateOwnOutputs,
  type OperatorOutputKey,
  type PersistentContract,
} from "./contract";
import { Dns, verifyAdoptedZone } from "./dns";
import { GATUS_SECRETS } from "./gatus-variables";
import { History } from "./history";
import { Identity, verifyAdoptedOidcProvider } from "./identity";
import { readImageUser } from "./image-user";
import { logsEncryptWithKey } from "./kms";
import { readStackReadme } from "./lib/stack-readme";
import { LogBucket } from "./log-bucket";
import { logBucketName } from "./log-delivery";
import { configuredNotifications, notificationGaps } from "./notifications";
import { ephemeralNames, persistentNames } from "./permissions/names";
import { STACK_TAG_KEY } from "./permissions/stack-tag";
import { Registry } from "./registry";
import { GITHUB_OIDC_AUDIENCE, GITHUB_OIDC_URL, PULUMI_OIDC_URL } from "./trust";
import { arn } from "./lib/arn";

/** The contract's keys, which ephemeral reads through its stack reference. */
export type ContractOutputs = {
  [K in keyof PersistentContract]: pulumi.Output<PersistentContract[K]>;
};

/** The outputs for people (`OPERATOR_OUTPUT_KEYS`), outside the contract. */
export interface OperatorOutputs extends Record<OperatorOutputKey, pulumi.Output<unknown>> {
  /** `Pulumi.README.md`, which Pulumi Cloud shows as the stack's README. */
  readme: pulumi.Output<string>;
  consoleUrls: pulumi.Output<PersistentConsoleUrls>;
  /** Where to delegate the domain; empty when the zone was adopted. */
  nameServers: pulumi.Output<string[]>;
  githubRepositoryUrl: pulumi.Output<string>;
  /** The drift check's role (drift.yml): the repository variable AWS_DRIFT_ROLE_ARN. */
  driftRoleArn: pulumi.Output<string>;
}

export type PersistentOutputs = ContractOutputs & OperatorOutputs;

interface GatusContext {
  partition: string;
  region: string;
  accountId: string;
  zoneId: pulumi.Output<string>;
  access: Identity;
  /** The project's customer-managed key (persistent/registry.ts). */
  projectKey: aws.kms.Key;
  /** The image's user, read from image/Dockerfile (only needed with storage sqlite). */
  imageUser: ReturnType<typeof readImageUser> | undefined;
  opts: pulumi.ComponentResourceOptions;
}

/** Whether alerting secrets or the history are configured: both are encrypted with the project's key. */
function usesProjectKeyForGatusData(config: PersistentConfig): boolean {
  return (
    GATUS_SECRETS.some((secret) => config[secret.configKey] !== undefined) ||
    config.storage === "sqlite"
  );
}

/**
 * Gatus's alerting secrets, alert e-mail and history file system, each only when configured,
 * encrypted with the project's key. Returns the contract's v2 keys.
 */
function gatusAlertingAndHistory(config: PersistentConfig, ctx: GatusContext) {
  const { access, opts } = ctx;
  // The dashboard's login travels the alerting secrets' path: SSM, execution role, ECS `secrets`.
  const secrets = GATUS_SECRETS.flatMap((secret) => {
    const value = config[secret.configKey];
    return value === undefined ? [] : [{ secret, value: pulumi.secret(value) }];
  });
  // The project's key encrypts these too: a key of their own would cost another $1 a month.
  const { projectKey } = ctx;
  const alertingSecrets =
    secrets.length === 0
      ? undefined
      : new AlertingSecrets(
          "alerting-secrets",
          {
            resourcePrefix: config.resourcePrefix,
            secrets,
            keyArn: projectKey.arn,
            executionRoleName: access.taskExecutionRole.name,
            driftRoleName: access.driftRole.name,
            partition: ctx.partition,
            region: ctx.region,
            accountId: ctx.accountId,
          },
          opts,
        );
  const alertEmail =
    config.gatusAlertEmail === undefined
      ? undefined
      : new AlertEmail(
          "alert-email",
          {
            hostname: config.hostname,
            zoneId: ctx.zoneId,
            recipients: config.gatusAlertEmail,
            taskRoleName: access.taskRole.name,
            partition: ctx.partition,
            region: ctx.region,
            accountId: ctx.accountId,
          },
          opts,
        );
  // The image's user is read only with storage sqlite.
  const history =
    ctx.imageUser === undefined
      ? undefined
      : new History(
          "history",
          {
            resourcePrefix: config.resourcePrefix,
            keyArn: projectKey.arn,
            user: ctx.imageUser,
            taskRoleName: access.taskRole.name,
            taskRoleArn: access.taskRole.arn,
          },
          opts,
        );
  return {
    dataKeyArn: usesProjectKeyForGatusData(config) ? projectKey.arn : null,
    alertingSecretArns: alertingSecrets?.arns ?? {},
    alertingEmail:
      alertEmail === undefined || config.gatusAlertEmail === undefined
        ? null
        : { from: alertEmail.from, to: config.gatusAlertEmail },
    history:
      history === undefined
        ? null
        : pulumi.all({
            fileSystemId: history.fileSystem.id,
            accessPointId: history.accessPoint.id,
          }),
  };
}

/**
 * The persistent program: everything that must outlive compute. Config and every adopted
 * resource are checked before the first resource is declared, so bad input never leaves a
 * half-applied change.
 */
export async function createPersistent(): Promise<PersistentOutputs> {
  const config = loadPersistentConfig();
  const readme = readStackReadme(__dirname);
  const imageUser = config.storage === "sqlite" ? readImageUser() : undefined;
  // Printed by `pulumi preview` and `pulumi up`: nobody would hear about a failure.
  for (const gap of notificationGaps(configuredNotifications(config))) void pulumi.log.warn(gap);
  const region = config.region;
  const provider = new aws.Provider("aws", {
    region: region as aws.Region,
    // The preview role reads the keys and the certificate by this tag.
    defaultTags: {
      tags: { "gatus:project": PERSISTENT_PROJECT, [STACK_TAG_KEY]: config.resourcePrefix },
    },
  });
  const invoke = { provider };
  const [identity, partition] = await Promise.all([
    aws.getCallerIdentity({}, invoke),
    aws.getPartition({}, invoke),
    config.existingZoneId !== undefined
      ? verifyAdoptedZone(config.existingZoneId, config.zoneName, invoke)
      : undefined,
    config.existingGithubOidcProviderArn !== undefined
      ? verifyAdoptedOidcProvider(
          config.existingGithubOidcProviderArn,
          {
            configKey: "existingGithubOidcProviderArn",
            url: GITHUB_OIDC_URL,
            audience: GITHUB_OIDC_AUDIENCE,
          },
          invoke,
        )
      : undefined,
    config.existingPulumiOidcProviderArn !== undefined && config.pulumiOrganization !== undefined
      ? verifyAdoptedOidcProvider(
          config.existingPulumiOidcProviderArn,
          {
            configKey: "existingPulumiOidcProviderArn",
            url: PULUMI_OIDC_URL,
            audience: config.pulumiOrganization,
          },
          invoke,
        )
      : undefined,
  ]);
  const accountId = identity.accountId;
  const where = { partition: partition.partition, region, accountId };
  const opts = { providers: [provider] };
  const names = persistentNames(config.resourcePrefix);

  const registry = new Registry(
    "registry",
    {
      repositoryName: config.resourcePrefix,
      keepImages: config.ecrKeepImages,
      partition: partition.partition,
      accountId,
      // One customer-managed key for the project: each further key costs another $1 a month.
      alsoEncrypts: [
        {
          what: "the container log group",
          statement: logsEncryptWithKey(partition.partition, region, accountId, names.logGroup),
        },
        ...(config.alertEmail === undefined
          ? []
          : [{ what: "the alarm topic", statement: cloudWatchPublishesWithKey(accountId) }]),
        // SSM and EFS use the key with their callers' permissions: no statement of their own.
        ...(usesProjectKeyForGatusData(config)
          ? [{ what: "Gatus's alerting secrets and history" }]
          : []),
      ],
    },
    opts,
  );
  const logs = new ContainerLogs(
    "logs",
    {
      logGroupName: names.logGroup,
      retentionInDays: config.logRetentionDays,
      kmsKeyArn: registry.key.arn,
    },
    opts,
  );
  const dns = new Dns(
    "dns",
    { zoneName: config.zoneName, existingZoneId: config.existingZoneId, hostname: config.hostname },
    opts,
  );
  const access = new Identity(
    "identity",
    {
      config,
      partition: partition.partition,
      region,
      accountId,
      hostedZoneId: dns.zoneId,
      // Derived rather than read from the repository, so the policy layout is known up front.
      ecrRepositoryArn: arn(where, "ecr", `repository/${config.resourcePrefix}`),
    },
    opts,
  );
  const alerts =
    config.alertEmail === undefined
      ? undefined
      : new Alerts(
          "alerts",
          {
            topicName: names.alarmTopic,
            keyArn: registry.key.arn,
            email: config.alertEmail,
            accountId,
            partition: partition.partition,
            alarmArns: ephemeralNames(config.resourcePrefix).alarms.map((name) =>
              arn(where, "cloudwatch", `alarm:${name}`),
            ),
          },
          opts,
        );

  const logBucket = new LogBucket(
    "audit-logs",
    {
      bucketName: logBucketName(config.resourcePrefix, accountId, region),
      partition: partition.partition,
      region,
      accountId,
      expiryDays: config.logExpiryDays,
    },
    opts,
  );
  const gatus = gatusAlertingAndHistory(config, {
    partition: partition.partition,
    region,
    accountId,
    zoneId: dns.zoneId,
    access,
    projectKey: registry.key,
    imageUser,
    opts,
  });

  const contract = pulumi
    .all({
      contractVersion: CONTRACT_VERSION,
      awsAccountId: accountId,
      awsRegion: region,
      resourcePrefix: config.resourcePrefix,
      ecrRepositoryName: registry.repository.name,
      ecrRepositoryUrl: registry.repository.repositoryUrl,
      ecrRepositoryArn: registry.repository.arn,
      hostedZoneId: dns.zoneId,
      zoneName: config.zoneName,
      hostname: config.hostname,
      certificateArn: dns.certificateArn,
      taskExecutionRoleArn: access.taskExecutionRole.arn,
      taskRoleArn: access.taskRole.arn,
      alarmTopicArn: alerts?.topic.arn ?? null,
      previewRoleArn: access.previewRole.arn,
      deployRoleArn: access.deployRole.arn,
      logGroupName: logs.logGroup.name,
      logBucketName: logBucket.bucket.bucket,
      logBucketArn: logBucket.bucket.arn,
      ...gatus,
    })
    .apply(validateOwnOutputs);

  const contractOutputs = Object.fromEntries(
    CONTRACT_KEYS.map((key) => [key, contract.apply((c) => c[key])]),
  ) as ContractOutputs;
  return {
    ...contractOutputs,
    readme: pulumi.output(readme),
    consoleUrls: contract.apply(persistentConsoleUrls),
    nameServers: dns.nameServers,
    githubRepositoryUrl: pulumi.output(`https://github.com/${config.githubRepository}`),
    driftRoleArn: access.driftRole.arn,
  };
}
