/**
 * The ECS cluster, the Gatus task definition and the service, by their exact names (ECS names
 * them in its ARNs). Task definitions are never deregistered (`skipDestroy` in
 * ephemeral/service.ts): ecs:DeregisterTaskDefinition accepts only "*", so granting it would let
 * the deploy role retire any task definition family in the account.
 */
import { ephemeralNames } from "./names";
import {
  allOf,
  arn,
  keepsStackTag,
  ownedByStack,
  taggedForStack,
  unscopedReads,
  type Grant,
  type ManifestEntry,
  type ScopeContext,
} from "./types";

const names = (s: ScopeContext) => ephemeralNames(s.resourcePrefix);
const CLUSTER = (s: ScopeContext) => [arn(s, "ecs", `cluster/${names(s).cluster}`)];
const SERVICE = (s: ScopeContext) => [
  arn(s, "ecs", `service/${names(s).cluster}/${names(s).service}`),
];
const TASK_DEFINITION = (s: ScopeContext) => [
  arn(s, "ecs", `task-definition/${names(s).taskFamily}:*`),
];
const ALL = (s: ScopeContext) => [CLUSTER, SERVICE, TASK_DEFINITION].flatMap((r) => r(s));

// Tags sent with a create are authorised as ecs:TagResource with ecs:CreateAction naming the call.
const TAG_ON_CREATE: Grant = {
  actions: ["ecs:TagResource"],
  resources: ALL,
  condition: (s) =>
    allOf(taggedForStack(s), {
      StringEquals: {
        "ecs:CreateAction": ["CreateCluster", "CreateService", "RegisterTaskDefinition"],
      },
    }),
};

const RETAG: Grant[] = [
  {
    actions: ["ecs:TagResource"],
    resources: ALL,
    condition: (s) => allOf(ownedByStack(s), keepsStackTag(s)),
  },
  { actions: ["ecs:UntagResource"], resources: ALL, condition: ownedByStack },
];

const LIST_TAGS: Grant = { actions: ["ecs:ListTagsForResource"], resources: ALL };

/** ECS resource types the ephemeral program creates. */
export const ECS: readonly ManifestEntry[] = [
  {
    type: "aws:ecs/cluster:Cluster",
    read: [{ actions: ["ecs:DescribeClusters"], resources: CLUSTER }, LIST_TAGS],
    write: [
      { actions: ["ecs:CreateCluster"], resources: CLUSTER, condition: taggedForStack },
      TAG_ON_CREATE,
      // Settings (Container Insights) change through UpdateCluster.
      { actions: ["ecs:UpdateCluster", "ecs:DeleteCluster"], resources: CLUSTER },
      ...RETAG,
      {
        actions: ["iam:CreateServiceLinkedRole"],
        resources: (s) => [
          `arn:${s.partition}:iam::${s.accountId}:role/aws-service-role/ecs.amazonaws.com/*`,
        ],
        condition: () => ({ StringEquals: { "iam:AWSServiceName": "ecs.amazonaws.com" } }),
        why: "The first ECS cluster in an account creates the ECS service-linked role.",
      },
    ],
  },
  {
    // Associates FARGATE and FARGATE_SPOT with the cluster: one call creates, updates and (with
    // empty lists) deletes it, and the provider waits on DescribeClusters.
    type: "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders",
    read: [{ actions: ["ecs:DescribeClusters"], resources: CLUSTER }],
    write: [{ actions: ["ecs:PutClusterCapacityProviders"], resources: CLUSTER }],
  },
  {
    type: "aws:ecs/taskDefinition:TaskDefinition",
    read: [
      unscopedReads(
        ["ecs:DescribeTaskDefinition"],
        'Reads the registered revision; ECS authorises it only on "*".',
      ),
      LIST_TAGS,
    ],
    write: [
      {
        actions: ["ecs:RegisterTaskDefinition"],
        resources: TASK_DEFINITION,
        condition: taggedForStack,
      },
      TAG_ON_CREATE,
      ...RETAG,
      {
        actions: ["iam:PassRole"],
        resources: (s) => [...s.passRoleArns],
        condition: () => ({ StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } }),
      },
    ],
  },
  {
    type: "aws:ecs/service:Service",
    // The provider follows the service's deployment to steady state (or its rollback).
    read: [
      {
        actions: ["ecs:DescribeServices", "ecs:ListServiceDeployments"],
        resources: SERVICE,
      },
      {
        actions: ["ecs:DescribeServiceDeployments"],
        resources: (s) => [
          ...SERVICE(s),
          arn(s, "ecs", `service-deployment/${names(s).cluster}/${names(s).service}/*`),
        ],
      },
      LIST_TAGS,
    ],
    write: [
      { actions: ["ecs:CreateService"], resources: SERVICE, condition: taggedForStack },
      TAG_ON_CREATE,
      { actions: ["ecs:UpdateService", "ecs:DeleteService"], resources: SERVICE },
      ...RETAG,
    ],
  },
];
