import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EPHEMERAL_PROJECT } from "../persistent/config";
import { readPersistentContract, type PersistentContract } from "../persistent/contract";
import { ConfigError } from "../persistent/lib/stack-config";
import { readStackReadme } from "../persistent/lib/stack-readme";
import { STACK_TAG_KEY } from "../persistent/permissions/stack-tag";
import { alarmNamePrefix, Alarms } from "./alarms";
import { albAccessLogs, AuditTrails } from "./audit-trails";
import { waiverTags } from "./audit-trails-config";
import { loadEphemeralConfig } from "./config";
import { ephemeralConsoleUrls, type EphemeralConsoleUrls } from "./console-links";
import { DnsRecord } from "./dns";
import { gatusRuntime } from "./gatus-runtime";
import { HistoryMount } from "./history-mount";
import type { DockerHost } from "./docker-host";
import { gatusImage } from "./image";
import { realGit, resolveImageTag, type GitRunner } from "./image-tag";
import { LoadBalancer } from "./load-balancer";
import { Network } from "./network";
import { SecurityGroups } from "./security-groups";
import { GatusService } from "./service";
import { Waf } from "./waf";

/** What the pipeline's health check, the READMEs and operators read from the stack. */
export interface EphemeralOutputs {
  url: pulumi.Output<string>;
  hostname: pulumi.Output<string>;
  albDnsName: pulumi.Output<string>;
  clusterName: pulumi.Output<string>;
  serviceName: pulumi.Output<string>;
  taskDefinitionArn: pulumi.Output<string>;
  imageRef: pulumi.Output<string>;
  imageTag: pulumi.Output<string>;
  awsRegion: pulumi.Output<string>;
  egress: pulumi.Output<string>;
  logGroupName: pulumi.Output<string>;
  /** The persistent stack this one reads, fully qualified. */
  persistentStack: pulumi.Output<string>;
  consoleUrls: pulumi.Output<EphemeralConsoleUrls>;
  /** `Pulumi.README.md`, which Pulumi Cloud shows as the stack's README. */
  readme: pulumi.Output<string>;
}

export interface EphemeralDependencies {
  git?: GitRunner;
  /** The Docker daemon and registry login an image build would use; default: this machine's. */
  docker?: DockerHost;
}

/**
 * The ephemeral program: everything that costs money by the hour. It reads the persistent
 * stack only through the contract, creates no IAM role, protects nothing and enables no
 * deletion protection, so `pulumi destroy` always succeeds unattended.
 */
export async function createEphemeral(deps: EphemeralDependencies = {}): Promise<EphemeralOutputs> {
  const config = loadEphemeralConfig();
  const readme = readStackReadme(__dirname);
  const persistent = await readPersistentContract(
    config.persistentStack,
    new pulumi.StackReference(config.persistentStack),
  );
  assertSameRegion(config.region, persistent, config.persistentStack);
  const imageTag = resolveImageTag(config.imageTag, deps.git ?? realGit);

  // Names and the stack tag come from the contract: the deploy role is scoped to exactly them.
  const prefix = persistent.resourcePrefix;
  const provider = new aws.Provider("aws", {
    region: config.region as aws.Region,
    defaultTags: { tags: { [STACK_TAG_KEY]: prefix, "gatus:project": EPHEMERAL_PROJECT } },
  });
  const opts = { providers: [provider] };

  const image = await gatusImage(
    {
      repositoryName: persistent.ecrRepositoryName,
      repositoryUrl: persistent.ecrRepositoryUrl,
      tag: imageTag,
      architecture: config.cpuArchitecture,
    },
    { provider },
    deps.docker,
  );
  const network = new Network(
    "network",
    {
      cidrBlock: config.vpcCidr,
      egress: config.egress,
      tags: waiverTags(config.auditTrailsOff, ["vpcFlowLogs", "defaultSecurityGroup"]),
    },
    opts,
  );
  const securityGroups = new SecurityGroups(
    "security-groups",
    {
      namePrefix: prefix,
      vpcId: network.vpcId,
      containerPort: config.containerPort,
      httpRedirect: config.httpRedirect,
    },
    opts,
  );
  const loadBalancer = new LoadBalancer(
    "load-balancer",
    {
      namePrefix: prefix,
      vpcId: network.vpcId,
      subnetIds: network.albSubnetIds,
      securityGroupId: securityGroups.alb.id,
      certificateArn: persistent.certificateArn,
      hostname: persistent.hostname,
      containerPort: config.containerPort,
      deregistrationDelaySeconds: config.deregistrationDelaySeconds,
      healthCheckIntervalSeconds: config.healthCheckIntervalSeconds,
      httpRedirect: config.httpRedirect,
      accessLogs: albAccessLogs(config.auditTrailsOff, persistent.logBucketName),
      tags: waiverTags(config.auditTrailsOff, ["albAccessLogs"]),
    },
    opts,
  );
  // With storage sqlite: the persistent history file system, reachable from the task subnets.
  const historyMount =
    persistent.history === null
      ? undefined
      : new HistoryMount(
          "history",
          {
            namePrefix: prefix,
            vpcId: network.vpcId,
            subnetIds: network.taskSubnetIds,
            taskSecurityGroupId: securityGroups.task.id,
            fileSystemId: persistent.history.fileSystemId,
          },
          opts,
        );
  const waf = new Waf(
    "waf",
    {
      namePrefix: prefix,
      loadBalancerArn: loadBalancer.alb.arn,
      rateLimit: config.wafRateLimit,
      tags: waiverTags(config.auditTrailsOff, ["wafLogging"]),
    },
    opts,
  );
  new AuditTrails(
    "audit-trails",
    {
      vpcId: network.vpcId,
      webAclArn: waf.webAcl.arn,
      logBucketArn: persistent.logBucketArn,
      off: config.auditTrailsOff,
      untaggedProvider: new aws.Provider("aws-untagged", { region: config.region as aws.Region }),
    },
    opts,
  );
  const gatus = new GatusService(
    "gatus",
    {
      namePrefix: prefix,
      region: config.region,
      imageRef: image.ref,
      runtime: gatusRuntime(persistent),
      cpu: config.cpu,
      memory: config.memory,
      architecture: config.cpuArchitecture,
      containerPort: config.containerPort,
      desiredCount: config.desiredCount,
      executionRoleArn: persistent.taskExecutionRoleArn,
      taskRoleArn: persistent.taskRoleArn,
      subnetIds: network.taskSubnetIds,
      securityGroupId: securityGroups.task.id,
      assignPublicIp: network.assignPublicIp,
      egress: config.egress,
      targetGroupArn: loadBalancer.targetGroup.arn,
      logGroupName: persistent.logGroupName,
      healthCheckGracePeriodSeconds: config.healthCheckGracePeriodSeconds,
      containerInsights: config.containerInsights,
      capacity: config.capacity,
    },
    // ECS refuses a target group that no listener rule uses yet; a task mounts the history
    // only once a mount target in its zone is available.
    {
      ...opts,
      dependsOn: [loadBalancer.forwardRule, ...(historyMount?.mountTargets ?? [])],
    },
  );
  new DnsRecord(
    "dns",
    {
      zoneId: persistent.hostedZoneId,
      hostname: persistent.hostname,
      albDnsName: loadBalancer.alb.dnsName,
      albZoneId: loadBalancer.alb.zoneId,
    },
    opts,
  );
  new Alarms(
    "alarms",
    {
      namePrefix: prefix,
      clusterName: gatus.cluster.name,
      serviceName: gatus.service.name,
      loadBalancerArnSuffix: loadBalancer.alb.arnSuffix,
      targetGroupArnSuffix: loadBalancer.targetGroup.arnSuffix,
      containerInsights: config.containerInsights,
      topicArn: persistent.alarmTopicArn,
    },
    opts,
  );

  // Built from the names AWS reports, so the links follow a renamed or replaced resource.
  const consoleUrls = pulumi
    .all([gatus.cluster.name, gatus.service.name, waf.webAcl.arn])
    .apply(([clusterName, serviceName, webAclArn]) =>
      ephemeralConsoleUrls({
        region: config.region,
        clusterName,
        serviceName,
        logGroupName: persistent.logGroupName,
        alarmNamePrefix: alarmNamePrefix(prefix),
        webAclArn,
      }),
    );

  return {
    url: pulumi.output(`https://${persistent.hostname}`),
    hostname: pulumi.output(persistent.hostname),
    albDnsName: loadBalancer.alb.dnsName,
    clusterName: gatus.cluster.name,
    serviceName: gatus.service.name,
    taskDefinitionArn: gatus.taskDefinition.arn,
    imageRef: image.ref,
    imageTag: pulumi.output(imageTag),
    awsRegion: pulumi.output(config.region),
    egress: pulumi.output(config.egress),
    logGroupName: pulumi.output(persistent.logGroupName),
    persistentStack: pulumi.output(config.persistentStack),
    consoleUrls,
    readme: pulumi.output(readme),
  };
}

// The ALB needs the ACM certificate in its own region; a mismatch fails late and obscurely in AWS.
function assertSameRegion(region: string, persistent: PersistentContract, stackName: string): void {
  if (region !== persistent.awsRegion) {
    throw new ConfigError(
      `aws:region is "${region}" but persistent stack "${stackName}" is in "${persistent.awsRegion}"; the certificate and the repository live there. Fix: pulumi config set aws:region ${persistent.awsRegion}`,
    );
  }
}
