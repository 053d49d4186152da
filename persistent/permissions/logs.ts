/**
 * The container log group and, when Container Insights is on, its performance log group, by
 * their exact names (their delete takes no tag condition).
 */
import { ephemeralNames } from "./names";
import { arn, taggedForStack, unscopedReads, type ManifestEntry, type ScopeContext } from "./types";

const LOG_GROUP = (s: ScopeContext) => {
  const names = ephemeralNames(s.resourcePrefix);
  return [names.logGroup, names.containerInsightsLogGroup].map((name) =>
    arn(s, "logs", `log-group:${name}`),
  );
};

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
