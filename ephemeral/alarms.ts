import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface AlarmsArgs {
  namePrefix: string;
  clusterName: pulumi.Input<string>;
  serviceName: pulumi.Input<string>;
  loadBalancerArnSuffix: pulumi.Input<string>;
  targetGroupArnSuffix: pulumi.Input<string>;
  /** Container Insights is on: its RunningTaskCount counts the tasks. */
  containerInsights: boolean;
  /** The persistent alarm topic, or null: alarms still exist and show in the console. */
  topicArn: string | null;
}

type AlarmSpec = Omit<aws.cloudwatch.MetricAlarmArgs, "name" | "alarmActions" | "okActions"> & {
  id: string;
};

/** What every alarm name of a stack starts with; the console links filter the alarm list by it. */
export function alarmNamePrefix(namePrefix: string): string {
  return `${namePrefix}-`;
}

/**
 * The metric that counts the service's running tasks. Without Container Insights, AWS/ECS's
 * free service metrics: ECS publishes CPUUtilization once a minute for each RUNNING task and
 * nothing when none runs, so its SampleCount over a minute is the running-task count (Amazon
 * ECS developer guide, "Service RUNNING task count"). With it, RunningTaskCount says the same.
 */
export function runningTaskMetric(containerInsights: boolean) {
  return containerInsights
    ? { namespace: "ECS/ContainerInsights", metricName: "RunningTaskCount", statistic: "Minimum" }
    : { namespace: "AWS/ECS", metricName: "CPUUtilization", statistic: "SampleCount" };
}

/**
 * What tells someone Gatus itself is down. `treatMissingData` is chosen per alarm: a task count
 * or healthy-host metric that stops reporting means nothing is running (breaching), while no
 * 5xx or latency data just means no traffic (not breaching). OK actions announce recovery.
 */
export function alarmSpecs(args: Omit<AlarmsArgs, "namePrefix" | "topicArn">): AlarmSpec[] {
  const service = { ClusterName: args.clusterName, ServiceName: args.serviceName };
  const targets = {
    LoadBalancer: args.loadBalancerArnSuffix,
    TargetGroup: args.targetGroupArnSuffix,
  };
  return [
    {
      id: "no-running-task",
      alarmDescription: "No Gatus task has been running for 3 minutes",
      ...runningTaskMetric(args.containerInsights),
      dimensions: service,
      period: 60,
      evaluationPeriods: 3,
      threshold: 1,
      comparisonOperator: "LessThanThreshold",
      treatMissingData: "breaching",
    },
    {
      id: "no-healthy-target",
      alarmDescription: "The ALB has had no healthy Gatus target for 3 minutes",
      namespace: "AWS/ApplicationELB",
      metricName: "HealthyHostCount",
      dimensions: targets,
      statistic: "Minimum",
      period: 60,
      evaluationPeriods: 3,
      threshold: 1,
      comparisonOperator: "LessThanThreshold",
      treatMissingData: "breaching",
    },
    {
      id: "unhealthy-target",
      alarmDescription: "A Gatus target has failed ALB health checks for 5 minutes",
      namespace: "AWS/ApplicationELB",
      metricName: "UnHealthyHostCount",
      dimensions: targets,
      statistic: "Maximum",
      period: 60,
      evaluationPeriods: 5,
      threshold: 0,
      comparisonOperator: "GreaterThanThreshold",
      treatMissingData: "notBreaching",
    },
    {
      id: "target-5xx",
      alarmDescription: "Gatus answered with 5xx more than 5 times in 5 minutes",
      namespace: "AWS/ApplicationELB",
      metricName: "HTTPCode_Target_5XX_Count",
      dimensions: targets,
      statistic: "Sum",
      period: 300,
      evaluationPeriods: 1,
      threshold: 5,
      comparisonOperator: "GreaterThanThreshold",
      treatMissingData: "notBreaching",
    },
    {
      id: "alb-5xx",
      alarmDescription:
        "The ALB itself answered with 5xx (no target, timeouts) more than 5 times in 5 minutes",
      namespace: "AWS/ApplicationELB",
      metricName: "HTTPCode_ELB_5XX_Count",
      dimensions: { LoadBalancer: args.loadBalancerArnSuffix },
      statistic: "Sum",
      period: 300,
      evaluationPeriods: 1,
      threshold: 5,
      comparisonOperator: "GreaterThanThreshold",
      treatMissingData: "notBreaching",
    },
    {
      id: "latency",
      alarmDescription: "p90 response time above 1 s for 15 minutes",
      namespace: "AWS/ApplicationELB",
      metricName: "TargetResponseTime",
      dimensions: targets,
      extendedStatistic: "p90",
      period: 300,
      evaluationPeriods: 3,
      threshold: 1,
      comparisonOperator: "GreaterThanThreshold",
      treatMissingData: "notBreaching",
    },
  ];
}

/** The CloudWatch alarms, publishing to the persistent topic (alarm and OK) when there is one. */
export class Alarms extends pulumi.ComponentResource {
  readonly alarms: aws.cloudwatch.MetricAlarm[];

  constructor(name: string, args: AlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gatus:ephemeral:Alarms", name, {}, opts);
    const actions = args.topicArn === null ? [] : [args.topicArn];
    this.alarms = alarmSpecs(args).map(
      ({ id, ...spec }) =>
        new aws.cloudwatch.MetricAlarm(
          id,
          {
            ...spec,
            name: `${alarmNamePrefix(args.namePrefix)}${id}`,
            actionsEnabled: true,
            alarmActions: actions,
            okActions: actions,
          },
          { parent: this },
        ),
    );
    this.registerOutputs({});
  }
}
