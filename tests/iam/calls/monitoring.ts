/**
 * The alarms', Container Insights' performance log group's (the Gatus log group is
 * persistent's) and the hostname's alias record's calls.
 */
import { anywhere, creating, on, retagging, sources, type CallTable } from "./types";

/** CloudWatch Logs, CloudWatch and Route 53 resource types. */
export const MONITORING_CALLS: readonly CallTable[] = [
  {
    type: "aws:cloudwatch/logGroup:LogGroup",
    sources: [
      ...sources("logs/group.go", "logs/aws_cloudwatch_log_group.json"),
      "terraform-provider-aws internal/service/logs/log_group_tags_gen.go",
    ],
    calls: (group) => [
      creating("logs:CreateLogGroup", group),
      creating("logs:TagResource", group),
      on("create", "logs:PutRetentionPolicy", group),
      anywhere("read", "logs:DescribeLogGroups"),
      on("read", "logs:ListTagsLogGroup", group),
      on("read", "logs:ListTagsForResource", group),
      on("update", "logs:PutRetentionPolicy", group),
      ...retagging("logs:TagLogGroup", "logs:UntagLogGroup", group),
      on("delete", "logs:DeleteLogGroup", group),
    ],
  },
  {
    type: "aws:cloudwatch/metricAlarm:MetricAlarm",
    sources: sources("cloudwatch/metric_alarm.go", "cloudwatch/aws_cloudwatch_metric_alarm.json"),
    calls: (alarm) => {
      // PutMetricAlarm creates and updates; CloudWatch checks the actions it would take.
      const actions = {
        "cloudwatch:AlarmActions": (alarm.inputs.alarmActions as string[] | undefined) ?? [],
      };
      return [
        creating("cloudwatch:PutMetricAlarm", alarm, actions),
        creating("cloudwatch:TagResource", alarm),
        on("read", "cloudwatch:DescribeAlarms", alarm),
        on("read", "cloudwatch:ListTagsForResource", alarm),
        on("update", "cloudwatch:PutMetricAlarm", alarm, { keys: actions }),
        ...retagging("cloudwatch:TagResource", "cloudwatch:UntagResource", alarm),
        on("delete", "cloudwatch:DeleteAlarms", alarm),
      ];
    },
  },
  {
    type: "aws:route53/record:Record",
    sources: sources("route53/record.go", "route53/aws_route53_record.json"),
    calls: (record, stack) => {
      const change = (phase: "create" | "update" | "delete", action: string) =>
        on(phase, "route53:ChangeResourceRecordSets", record, {
          keys: {
            "route53:ChangeResourceRecordSetsActions": [action],
            "route53:ChangeResourceRecordSetsNormalizedRecordNames": [
              String(record.inputs.name).toLowerCase().replace(/\.$/, ""),
            ],
            "route53:ChangeResourceRecordSetsRecordTypes": [String(record.inputs.type)],
          },
        });
      const awaitChange = (phase: "create" | "update" | "delete") => ({
        phase,
        action: "route53:GetChange",
        resource: `arn:${stack.partition}:route53:::change/C0123456789ABCDEFGHIJ`,
      });
      return [
        change("create", "CREATE"),
        awaitChange("create"),
        on("read", "route53:ListResourceRecordSets", record),
        on("read", "route53:GetHostedZone", record),
        change("update", "UPSERT"),
        awaitChange("update"),
        change("delete", "DELETE"),
        awaitChange("delete"),
      ];
    },
  },
];
