/**
 * The cluster's, its capacity providers', task definition's and service's calls. Creates send tags, so ECS also
 * authorises ecs:TagResource with ecs:CreateAction. Registering the task definition passes the
 * two task roles. Task definitions are never deregistered (skipDestroy).
 */
import type { ModelResource } from "../stack-model";
import {
  anywhere,
  creating,
  on,
  retagging,
  sources,
  type CallTable,
  type ProviderCall,
} from "./types";

const tagOnCreate = (createAction: string, r: ModelResource): ProviderCall =>
  creating("ecs:TagResource", r, { "ecs:CreateAction": createAction });
const retag = (r: ModelResource) => retagging("ecs:TagResource", "ecs:UntagResource", r);

/** ECS resource types. */
export const ECS_CALLS: readonly CallTable[] = [
  {
    type: "aws:ecs/cluster:Cluster",
    sources: sources("ecs/cluster.go", "ecs/aws_ecs_cluster.json"),
    calls: (cluster, stack) => [
      {
        phase: "create",
        action: "iam:CreateServiceLinkedRole",
        resource: `arn:${stack.partition}:iam::${stack.accountId}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS`,
        keys: { "iam:AWSServiceName": "ecs.amazonaws.com" },
      },
      creating("ecs:CreateCluster", cluster),
      tagOnCreate("CreateCluster", cluster),
      on("read", "ecs:DescribeClusters", cluster),
      on("read", "ecs:ListTagsForResource", cluster),
      on("update", "ecs:UpdateCluster", cluster),
      ...retag(cluster),
      on("delete", "ecs:DeleteCluster", cluster),
    ],
  },
  {
    // Authorised on the cluster it names (the model gives it the cluster's ARN and tags).
    type: "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders",
    sources: [
      "terraform-provider-aws internal/service/ecs/cluster_capacity_providers.go (create and update put the lists, delete puts empty ones; waitClusterAvailable and read describe the cluster)",
      "Pike src/mapping/aws/resource/ecs/aws_ecs_cluster_capacity_providers.json lists the capacity-provider resource's actions (CreateCapacityProvider, ...), which this resource never calls",
    ],
    calls: (providers) => [
      on("create", "ecs:PutClusterCapacityProviders", providers),
      on("read", "ecs:DescribeClusters", providers),
      on("update", "ecs:PutClusterCapacityProviders", providers),
      on("delete", "ecs:PutClusterCapacityProviders", providers),
    ],
  },
  {
    type: "aws:ecs/taskDefinition:TaskDefinition",
    sources: sources("ecs/task_definition.go", "ecs/aws_ecs_task_definition.json"),
    calls: (definition) => {
      const passRole = (roleArn: unknown): ProviderCall => ({
        phase: "create",
        action: "iam:PassRole",
        resource: String(roleArn),
        keys: { "iam:PassedToService": "ecs-tasks.amazonaws.com" },
      });
      // Every change registers a new revision (an update is a create); with skipDestroy the old
      // revision is left registered instead of deregistered.
      return [
        creating("ecs:RegisterTaskDefinition", definition),
        tagOnCreate("RegisterTaskDefinition", definition),
        passRole(definition.inputs.executionRoleArn),
        passRole(definition.inputs.taskRoleArn),
        anywhere("read", "ecs:DescribeTaskDefinition"),
        on("read", "ecs:ListTagsForResource", definition),
        ...retag(definition),
        ...(definition.inputs.skipDestroy === true
          ? []
          : [anywhere("delete", "ecs:DeregisterTaskDefinition")]),
      ];
    },
  },
  {
    type: "aws:ecs/service:Service",
    sources: sources("ecs/service.go", "ecs/aws_ecs_service.json"),
    calls: (service) => [
      creating("ecs:CreateService", service),
      tagOnCreate("CreateService", service),
      on("read", "ecs:DescribeServices", service),
      on("read", "ecs:ListTagsForResource", service),
      // Waiting for steady state follows the service deployment (and catches a rollback).
      on("read", "ecs:ListServiceDeployments", service),
      on("read", "ecs:DescribeServiceDeployments", service),
      {
        ...on("read", "ecs:DescribeServiceDeployments", service),
        resource: `${service.arn.replace(":service/", ":service-deployment/")}/deployment0000`,
      },
      on("update", "ecs:UpdateService", service),
      ...retag(service),
      on("delete", "ecs:DeleteService", service),
    ],
  },
];
