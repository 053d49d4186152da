/** The CloudWatch alarms. */
import { arn, type ManifestEntry, type ScopeContext } from "./types";

const alarms = (s: ScopeContext) => [arn(s, "cloudwatch", `alarm:${s.resourcePrefix}-*`)];

/** CloudWatch resource types the ephemeral program creates. */
export const CLOUDWATCH: readonly ManifestEntry[] = [
  {
    type: "aws:cloudwatch/metricAlarm:MetricAlarm",
    read: ["cloudwatch:DescribeAlarms", "cloudwatch:ListTagsForResource"],
    write: [
      {
        actions: [
          "cloudwatch:PutMetricAlarm",
          "cloudwatch:DeleteAlarms",
          "cloudwatch:TagResource",
          "cloudwatch:UntagResource",
        ],
        resources: alarms,
      },
    ],
  },
];
