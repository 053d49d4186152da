/**
 * Container Insights' performance log group, which the ephemeral program owns when insights are
 * on (so a destroy deletes it), by its exact name: its delete takes no tag condition. The Gatus
 * log group is the persistent stack's (persistent/container-logs.ts).
 */
import { ephemeralNames } from "./names";
import { arn, taggedForStack, unscopedReads, type ManifestEntry, type ScopeContext } from "./types";

const LOG_GROUP = (s: ScopeContext) => [
  arn(s, "logs", `log-group:${ephemeralNames(s.resourcePrefix).containerInsightsLogGroup}`),
];

/** CloudWatch Logs resource types the ephemeral program creates. */
export const LOGS: readonly ManifestEntry[] = [
  {
    type: "aws:cloudwatch/logGroup:LogGroup",
    read: [
      unscopedReads(
        ["logs:DescribeLogGroups"],
        'Finds the log group by name prefix; CloudWatch Logs authorises it only on "*".',
      ),
      { actions: ["logs:ListTagsForResource", "logs:ListTagsLogGroup"], resources: LOG_GROUP },
    ],
    write: [
      { actions: ["logs:CreateLogGroup"], resources: LOG_GROUP, condition: taggedForStack },
      {
        actions: [
          "logs:PutRetentionPolicy",
          "logs:DeleteRetentionPolicy",
          "logs:TagResource",
          "logs:UntagResource",
          "logs:TagLogGroup",
          "logs:UntagLogGroup",
          "logs:DeleteLogGroup",
        ],
        resources: LOG_GROUP,
      },
    ],
  },
];
