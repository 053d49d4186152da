/** The ECS cluster, the Gatus task definition and the service. */
import { arn, type ManifestEntry, type ScopeContext } from "./types";

const ecsCluster = (s: ScopeContext) => [arn(s, "ecs", `cluster/${s.resourcePrefix}-*`)];
const ecsService = (s: ScopeContext) => [
  arn(s, "ecs", `service/${s.resourcePrefix}-*/${s.resourcePrefix}-*`),
];
const ecsTaskDefinition = (s: ScopeContext) => [
  arn(s, "ecs", `task-definition/${s.resourcePrefix}-*:*`),
];

/** ECS resource types the ephemeral program creates. */
export const ECS: readonly ManifestEntry[] = [
  {
    type: "aws:ecs/cluster:Cluster",
    read: ["ecs:DescribeClusters", "ecs:ListTagsForResource"],
    write: [
      {
        actions: [
          "ecs:CreateCluster",
          "ecs:DeleteCluster",
          "ecs:UpdateCluster",
          "ecs:UpdateClusterSettings",
          "ecs:PutClusterCapacityProviders",
          "ecs:TagResource",
          "ecs:UntagResource",
        ],
        resources: ecsCluster,
      },
      {
        actions: ["iam:CreateServiceLinkedRole"],
        resources: (s) => [
          `arn:${s.partition}:iam::${s.accountId}:role/aws-service-role/ecs.amazonaws.com/*`,
        ],
        condition: () => ({ StringEquals: { "iam:AWSServiceName": "ecs.amazonaws.com" } }),
        why: "First ECS cluster in an account creates the ECS service-linked role.",
      },
    ],
  },
  {
    type: "aws:ecs/taskDefinition:TaskDefinition",
    read: ["ecs:DescribeTaskDefinition", "ecs:ListTagsForResource"],
    write: [
      {
        actions: ["ecs:RegisterTaskDefinition", "ecs:DeregisterTaskDefinition"],
        resources: () => ["*"],
        why: "ECS does not support resource-level permissions for registering or deregistering task definitions.",
      },
      { actions: ["ecs:TagResource", "ecs:UntagResource"], resources: ecsTaskDefinition },
      {
        actions: ["iam:PassRole"],
        resources: (s) => [...s.passRoleArns],
        condition: () => ({ StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } }),
      },
    ],
  },
  {
    type: "aws:ecs/service:Service",
    read: [
      "ecs:DescribeServices",
      "ecs:ListTagsForResource",
      "ecs:ListServiceDeployments",
      "ecs:DescribeServiceDeployments",
    ],
    write: [
      {
        actions: [
          "ecs:CreateService",
          "ecs:UpdateService",
          "ecs:DeleteService",
          "ecs:TagResource",
          "ecs:UntagResource",
        ],
        resources: (s) => [...ecsService(s), ...ecsCluster(s)],
      },
    ],
  },
];
