/**
 * The CloudWatch alarms, by their exact names (DeleteAlarms takes no tag condition). An alarm
 * may notify only the stack's alarm topic: an alarm action can also stop or terminate EC2
 * instances, which the deploy role must not be able to arrange.
 */
import { ephemeralNames, persistentNames } from "./names";
import { arn, type ManifestEntry, type ScopeContext } from "./types";

const ALARMS = (s: ScopeContext) =>
  ephemeralNames(s.resourcePrefix).alarms.map((name) => arn(s, "cloudwatch", `alarm:${name}`));

/** The SNS topic the stack's alarms notify. */
export const alarmTopicArn = (s: ScopeContext) =>
  arn(s, "sns", persistentNames(s.resourcePrefix).alarmTopic);

/** CloudWatch resource types the ephemeral program creates. */
export const CLOUDWATCH: readonly ManifestEntry[] = [
  {
    type: "aws:cloudwatch/metricAlarm:MetricAlarm",
    read: [
      {
        actions: ["cloudwatch:DescribeAlarms", "cloudwatch:ListTagsForResource"],
        resources: ALARMS,
      },
    ],
    write: [
      {
        actions: ["cloudwatch:PutMetricAlarm"],
        resources: ALARMS,
        condition: (s) => ({
          "ForAllValues:StringEquals": { "cloudwatch:AlarmActions": [alarmTopicArn(s)] },
        }),
      },
      {
        actions: ["cloudwatch:TagResource", "cloudwatch:UntagResource", "cloudwatch:DeleteAlarms"],
        resources: ALARMS,
      },
    ],
  },
];
