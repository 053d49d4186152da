/** The container log group. */
import { arn, type ManifestEntry, type ScopeContext } from "./types";

const logGroups = (s: ScopeContext) => [
  arn(s, "logs", `log-group:/ecs/${s.resourcePrefix}-*`),
  arn(s, "logs", `log-group:/ecs/${s.resourcePrefix}-*:*`),
];

/** CloudWatch Logs resource types the ephemeral program creates. */
export const LOGS: readonly ManifestEntry[] = [
  {
    type: "aws:cloudwatch/logGroup:LogGroup",
    read: ["logs:DescribeLogGroups", "logs:ListTagsForResource", "logs:ListTagsLogGroup"],
    write: [
      {
        actions: [
          "logs:CreateLogGroup",
          "logs:DeleteLogGroup",
          "logs:PutRetentionPolicy",
          "logs:DeleteRetentionPolicy",
          "logs:TagResource",
          "logs:UntagResource",
          "logs:TagLogGroup",
          "logs:UntagLogGroup",
        ],
        resources: logGroups,
      },
    ],
  },
];
