/**
 * The resource types either program creates that carry a physical name (`name`, `namePrefix`,
 * `family`, or an identity AWS keeps unique such as an OIDC provider's URL), and what replaces
 * each: the inputs terraform-provider-aws (which @pulumi/aws
 * bridges) marks ForceNew in the resource's schema, read at the paths cited. A replacement is
 * created before the resource it replaces is deleted, so whenever one of these inputs changes,
 * the name must change too, or be generated (Pulumi's auto-name, a `namePrefix`): Pulumi re-runs
 * the provider's Check without the old inputs for a replacement, so either is generated anew
 * (pulumi/pulumi pkg/resource/deploy/step_generator.go, "we need to recompute the default values").
 */

export interface NamedType {
  /** Where the replacement-forcing inputs were read. */
  source: string;
  /** Inputs (as the program passes them; dotted for nested ones) whose change replaces it. */
  replacedBy: readonly string[];
  /**
   * The inputs AWS keeps unique together, so a replacement sharing them with the old resource
   * fails; "revisions" when a replacement adds a revision instead (nothing to collide with);
   * "none" when AWS accepts duplicates (Route 53 zones of one name differ by caller reference).
   */
  unique: readonly string[] | "revisions" | "none";
  /** Why an input is in `replacedBy` although the provider itself would update it in place. */
  note?: string;
}

const tfp = (path: string, what: string) =>
  `terraform-provider-aws internal/service/${path}: ${what}`;

const ROUTE53_RECORD: NamedType = {
  source: tfp("route53/record.go", "name, zone_id are ForceNew"),
  replacedBy: ["name", "zoneId"],
  unique: ["zoneId", "name", "type"],
};

/** The ephemeral program's named types. */
/** Persistent: the Gatus log group; ephemeral: Container Insights' performance log group. */
const LOG_GROUP: NamedType = {
  source: tfp(
    "logs/group.go",
    "name, name_prefix, log_group_class are ForceNew; kms_key_id and retention are updated in place",
  ),
  replacedBy: ["name", "namePrefix", "logGroupClass"],
  unique: ["name"],
};

export const EPHEMERAL_NAMED_TYPES: Readonly<Record<string, NamedType>> = {
  "aws:cloudwatch/logGroup:LogGroup": LOG_GROUP,
  "aws:lb/loadBalancer:LoadBalancer": {
    source: tfp(
      "elbv2/load_balancer.go",
      "name, name_prefix, internal, load_balancer_type, customer_owned_ipv4_pool are ForceNew; customizeDiffLoadBalancerALB leaves subnets in place",
    ),
    replacedBy: [
      "name",
      "namePrefix",
      "internal",
      "loadBalancerType",
      "customerOwnedIpv4Pool",
      "subnets",
    ],
    unique: ["name"],
    note: "subnets: the provider updates them in place (SetSubnets), which ELB refuses for another VPC's subnets; the program puts the VPC in the name, so a new VPC replaces the load balancer",
  },
  "aws:lb/targetGroup:TargetGroup": {
    source: tfp(
      "elbv2/target_group.go",
      "name, name_prefix, port, protocol, protocol_version, target_type, vpc_id, ip_address_type are ForceNew",
    ),
    replacedBy: [
      "name",
      "namePrefix",
      "port",
      "protocol",
      "protocolVersion",
      "targetType",
      "vpcId",
      "ipAddressType",
    ],
    unique: ["name"],
  },
  "aws:ec2/securityGroup:SecurityGroup": {
    source: tfp("ec2/vpc_security_group.go", "name, name_prefix, description, vpc_id are ForceNew"),
    replacedBy: ["name", "namePrefix", "description", "vpcId"],
    unique: ["vpcId", "name"],
  },
  "aws:wafv2/webAcl:WebAcl": {
    source: tfp("wafv2/web_acl.go", "name, name_prefix, scope are ForceNew"),
    replacedBy: ["name", "namePrefix", "scope"],
    unique: ["scope", "name"],
  },
  "aws:ecs/cluster:Cluster": {
    source: tfp("ecs/cluster.go", "name is ForceNew"),
    replacedBy: ["name"],
    unique: ["name"],
  },
  "aws:ecs/service:Service": {
    source: tfp(
      "ecs/service.go",
      "name, cluster, launch_type, iam_role, scheduling_strategy, deployment_controller.type are ForceNew",
    ),
    replacedBy: [
      "name",
      "cluster",
      "launchType",
      "iamRole",
      "schedulingStrategy",
      "deploymentController.type",
    ],
    unique: ["cluster", "name"],
  },
  "aws:ecs/taskDefinition:TaskDefinition": {
    source: tfp(
      "ecs/task_definition.go",
      "family and nearly every other argument are ForceNew; a replacement registers the family's next revision",
    ),
    replacedBy: [],
    unique: "revisions",
  },
  "aws:cloudwatch/metricAlarm:MetricAlarm": {
    source: tfp("cloudwatch/metric_alarm.go", "alarm_name (Pulumi: name) is ForceNew"),
    replacedBy: ["name"],
    unique: ["name"],
  },
  "aws:route53/record:Record": ROUTE53_RECORD,
};

/** The persistent program's named types. */
export const PERSISTENT_NAMED_TYPES: Readonly<Record<string, NamedType>> = {
  "aws:iam/openIdConnectProvider:OpenIdConnectProvider": {
    source: tfp(
      "iam/openid_connect_provider.go",
      "url is ForceNew; client_id_list is updated in place (AddClientIDToOpenIDConnectProvider)",
    ),
    replacedBy: ["url"],
    unique: ["url"],
  },
  "aws:iam/role:Role": {
    source: tfp("iam/role.go", "name, name_prefix, path are ForceNew"),
    replacedBy: ["name", "namePrefix", "path"],
    unique: ["name"],
  },
  "aws:iam/policy:Policy": {
    source: tfp("iam/policy.go", "name, name_prefix, path, description are ForceNew"),
    replacedBy: ["name", "namePrefix", "path", "description"],
    unique: ["name"],
  },
  "aws:ssm/parameter:Parameter": {
    source: tfp(
      "ssm/parameter.go",
      "name is ForceNew; value, description, tier, key_id are updated in place",
    ),
    replacedBy: ["name"],
    unique: ["name"],
  },
  "aws:s3/bucket:Bucket": {
    source: tfp("s3/bucket.go", "bucket, bucket_prefix, object_lock_enabled are ForceNew"),
    replacedBy: ["bucket", "bucketPrefix", "objectLockEnabled"],
    unique: ["bucket"],
  },
  "aws:ecr/repository:Repository": {
    source: tfp("ecr/repository.go", "name, encryption_configuration are ForceNew"),
    replacedBy: ["name", "encryptionConfigurations"],
    unique: ["name"],
  },
  "aws:kms/alias:Alias": {
    source: tfp(
      "kms/alias.go",
      "name, name_prefix are ForceNew; target_key_id is updated in place",
    ),
    replacedBy: ["name", "namePrefix"],
    unique: ["name"],
  },
  "aws:sns/topic:Topic": {
    source: tfp("sns/topic.go", "name, name_prefix, fifo_topic are ForceNew"),
    replacedBy: ["name", "namePrefix", "fifoTopic"],
    unique: ["name"],
  },
  "aws:cloudwatch/logGroup:LogGroup": LOG_GROUP,
  "aws:route53/zone:Zone": {
    source: tfp("route53/zone.go", "name is ForceNew"),
    replacedBy: ["name"],
    unique: "none",
  },
  "aws:route53/record:Record": ROUTE53_RECORD,
};
