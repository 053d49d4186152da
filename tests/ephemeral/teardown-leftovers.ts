/**
 * What stays in AWS after `pulumi destroy` of the ephemeral stack, and who accounts for it: what
 * the program keeps on purpose, what AWS creates as a side effect that no one deletes, and (by
 * contract key) what the persistent stack keeps by design. destroy.test.ts checks every resource
 * type the ephemeral program creates against LEFT_BEHIND, so a new type, or a resource kept on
 * delete, fails until someone has said here what it leaves and what that costs.
 */
import { CONTRACT_KEYS, type PersistentContract } from "../../persistent/contract";
import { permissionCoverage } from "../engine/coverage";
import type { Graph, RecordedResource } from "../engine/run-program";

/** Something left behind: free, or billable with what bounds its cost. */
export type Leftover = { what: string; keptByProgram?: true } & (
  { billable: false; why: string } | { billable: true; bound: string }
);

const none = (why: string) => ({ leaves: [] as Leftover[], why });
const leaves = (...items: Leftover[]) => ({ leaves: items, why: "" });

/** By AWS resource type the ephemeral program creates (awsx children included). */
export const LEFT_BEHIND: Readonly<Record<string, { leaves: Leftover[]; why: string }>> = {
  "aws:ec2/vpc:Vpc": none(
    "its default security group, route table and network ACL are deleted with it",
  ),
  "aws:ec2/subnet:Subnet": none("deleted once the ENIs in it are gone (the provider waits)"),
  "aws:ec2/routeTable:RouteTable": none("deleted by destroy"),
  "aws:ec2/routeTableAssociation:RouteTableAssociation": none("deleted by destroy"),
  "aws:ec2/route:Route": none("deleted by destroy"),
  "aws:ec2/internetGateway:InternetGateway": none("detached and deleted by destroy"),
  "aws:ec2/natGateway:NatGateway": none("EC2 deletes the gateway's ENI with it"),
  "aws:ec2/eip:Eip": none("released by destroy (an idle Elastic IP would bill hourly)"),
  "aws:ec2/securityGroup:SecurityGroup": none("deleted once no ENI uses it"),
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": none("deleted by destroy"),
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": none("deleted by destroy"),
  "aws:lb/loadBalancer:LoadBalancer": leaves({
    what: "the service-linked role AWSServiceRoleForElasticLoadBalancing (created on first use, shared by the account)",
    billable: false,
    why: "IAM roles are free; other load balancers of the account need it",
  }),
  "aws:lb/listener:Listener": none("deleted by destroy"),
  "aws:lb/listenerRule:ListenerRule": none("deleted by destroy"),
  "aws:lb/targetGroup:TargetGroup": none("deleted by destroy"),
  "aws:wafv2/webAcl:WebAcl": none("deleted by destroy"),
  "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration": none(
    "deleted by destroy; the WAF logs already delivered are in the persistent log bucket (logBucketArn)",
  ),
  "aws:ec2/flowLog:FlowLog": none(
    "deleted by destroy; the flow logs already delivered are in the persistent log bucket (logBucketArn)",
  ),
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": none(
    "destroy only forgets it (AWS deletes a VPC's default group with the VPC)",
  ),
  "aws:wafv2/webAclAssociation:WebAclAssociation": none("deleted by destroy"),
  "aws:ecs/cluster:Cluster": leaves({
    what: "the service-linked role AWSServiceRoleForECS (created on first use, shared by the account)",
    billable: false,
    why: "IAM roles are free; other clusters of the account need it",
  }),
  "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders": none(
    "an association of FARGATE and FARGATE_SPOT with the cluster, removed with it; AWS owns both providers",
  ),
  "aws:cloudwatch/logGroup:LogGroup": none(
    "Container Insights' performance log group: the stack creates it before the cluster, so ECS writes to it instead of creating its own, and destroy deletes it",
  ),
  "aws:ecs/service:Service": none(
    "ECS deletes each task's ENI when the task stops; force-delete stops them",
  ),
  "aws:ecs/taskDefinition:TaskDefinition": leaves({
    what: "every revision of the family (skipDestroy): registered, inactive once nothing runs it",
    keptByProgram: true,
    billable: false,
    why: 'task definitions are free; deregistering takes Resource "*", which the deploy role must not hold',
  }),
  "aws:cloudwatch/metricAlarm:MetricAlarm": none(
    "deleted by destroy; metrics and alarm history expire by themselves at no charge",
  ),
  "aws:route53/record:Record": none("deleted by destroy"),
  "docker:index/image:Image": leaves({
    what: "the pushed image in the persistent ECR repository (retainOnDelete), reused on re-create",
    keptByProgram: true,
    billable: true,
    bound:
      "the persistent repository's lifecycle policy: untagged images expire after a day, tagged ones beyond ecrKeepImages",
  }),
};

/** What the persistent stack keeps by design, by the contract key that names it (null: a value). */
export const PERSISTS_BY_DESIGN: Readonly<Record<keyof PersistentContract, Leftover | null>> = {
  contractVersion: null,
  awsAccountId: null,
  awsRegion: null,
  resourcePrefix: null,
  zoneName: null,
  hostname: null,
  ecrRepositoryName: null,
  ecrRepositoryUrl: null,
  ecrRepositoryArn: {
    what: "the ECR repository and its KMS key",
    billable: true,
    bound: "storage follows the lifecycle policy; the key is $1 a month",
  },
  hostedZoneId: {
    what: "the Route 53 hosted zone",
    billable: true,
    bound: "$0.50 a month per zone",
  },
  certificateArn: {
    what: "the ACM certificate",
    billable: false,
    why: "public certificates are free",
  },
  taskExecutionRoleArn: { what: "the task execution role", billable: false, why: "IAM is free" },
  taskRoleArn: { what: "the task role", billable: false, why: "IAM is free" },
  alarmTopicArn: {
    what: "the alarm topic and its KMS key (with an alert email)",
    billable: true,
    bound: "the key is $1 a month; an idle topic costs nothing",
  },
  previewRoleArn: { what: "the preview role", billable: false, why: "IAM is free" },
  deployRoleArn: { what: "the deploy role", billable: false, why: "IAM is free" },
  logBucketName: null,
  dataKeyArn: null,
  alertingSecretArns: {
    what: "the alerting secrets (SSM SecureString parameters, standard tier)",
    billable: false,
    why: "standard parameters are free",
  },
  alertingEmail: {
    what: "the SES e-mail identity (DKIM records in the zone)",
    billable: false,
    why: "an identity costs nothing; SES bills per message sent",
  },
  history: {
    what: "the EFS file system of Gatus's SQLite history (storage sqlite), with its daily backups",
    billable: true,
    bound: "EFS Standard per GB-month of a database of kilobytes per result; backups likewise",
  },
  logBucketArn: {
    what: "the log bucket and the audit trails in it (ALB access logs, VPC flow logs, WAF logs)",
    billable: true,
    bound: "logExpiryDays (persistent config) expires the logs; replaced versions go after 30 days",
  },
  logGroupName: {
    what: "the container log group and the logs in it",
    billable: true,
    bound: "logRetentionDays (persistent config) expires old logs",
  },
};

/** Whether the program keeps the resource in AWS when it is deleted. */
export const keptOnDelete = (r: RecordedResource) =>
  r.protect || r.retainOnDelete === true || r.inputs.skipDestroy === true;

/** What a destroy of this graph would leave that LEFT_BEHIND does not account for. */
export function unaccountedLeftovers(graph: Graph, table = LEFT_BEHIND): string[] {
  const types = permissionCoverage(graph).types;
  const unlisted = types
    .filter((type) => table[type] === undefined)
    .map((type) => `${type}: what does destroying it leave in AWS? Add it to LEFT_BEHIND`);
  const kept = graph.resources
    .filter((r) => keptOnDelete(r) && !table[r.type]?.leaves.some((l) => l.keptByProgram))
    .map((r) => `${r.type} ${r.name} is kept on delete but LEFT_BEHIND does not list it as kept`);
  return [...unlisted, ...kept];
}

/** The contract keys PERSISTS_BY_DESIGN lacks or has in excess. */
export function unlistedContractKeys(): string[] {
  const listed = Object.keys(PERSISTS_BY_DESIGN);
  return [
    ...CONTRACT_KEYS.filter((k) => !listed.includes(k)),
    ...listed.filter((k) => !(CONTRACT_KEYS as string[]).includes(k)),
  ];
}
