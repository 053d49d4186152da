/**
 * Grants that let the deploy role finish what an older version of the ephemeral program left in
 * its stack. Each says which change it serves; remove it once every ephemeral stack has run
 * `pulumi up` (or `pulumi destroy`) past that change.
 */
import { arn, unscopedReads, type ManifestEntry, type ScopeContext } from "./types";

/**
 * Before contract v2 the ephemeral stack created its own log group, `/ecs/<prefix>-gatus`. The
 * first up or destroy of the new program deletes it (the logs now live in the persistent
 * stack's group), which the deploy role may otherwise no longer do: that run would fail.
 */
export const LEGACY_EPHEMERAL_LOG_GROUP = (prefix: string) => `/ecs/${prefix}-gatus`;

const LEGACY_LOG_GROUP = (s: ScopeContext) => [
  arn(s, "logs", `log-group:${LEGACY_EPHEMERAL_LOG_GROUP(s.resourcePrefix)}`),
];

export const MIGRATIONS: readonly ManifestEntry[] = [
  {
    type: "migration:contract-v2#ephemeral-log-group",
    read: [
      unscopedReads(
        ["logs:DescribeLogGroups"],
        'Refreshes the old log group by name prefix; CloudWatch Logs authorises it only on "*".',
      ),
      {
        actions: ["logs:ListTagsForResource", "logs:ListTagsLogGroup"],
        resources: LEGACY_LOG_GROUP,
      },
    ],
    write: [{ actions: ["logs:DeleteLogGroup"], resources: LEGACY_LOG_GROUP }],
  },
];
