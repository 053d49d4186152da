/**
 * The permission manifest: for every resource type the ephemeral program creates, the IAM
 * actions needed to create, read, update, delete and tag it, and the resources they are
 * scoped to. The deploy role's policy is generated from it and the preview role gets only
 * the read side. A test runs the ephemeral program under mocks and fails when it registers a
 * type this manifest does not cover, which replaces "apply, fail, read CloudTrail, repeat".
 */

/** Values the resource scopes are built from (resolved outputs of the persistent stack). */
export interface ScopeContext {
  partition: string;
  region: string;
  accountId: string;
  /** `<namePrefix>-<stack>`: every ephemeral physical name starts with it. */
  resourcePrefix: string;
  hostedZoneId: string;
  hostname: string;
  ecrRepositoryArn: string;
  /** The task execution role and task role: the only roles the deploy role may pass. */
  passRoleArns: string[];
}

/** Tag the ephemeral program puts on every taggable resource (provider default tags). */
export const STACK_TAG_KEY = "gatus:stack";

type Condition = Record<string, Record<string, string | string[]>>;

/** Actions allowed on a set of resources, optionally under a condition. */
export interface Grant {
  actions: readonly string[];
  resources: (s: ScopeContext) => string[];
  condition?: (s: ScopeContext) => Condition;
  /** Why the resources are as broad as they are, when they are broader than one ARN pattern. */
  why?: string;
}

export interface ManifestEntry {
  /** A Pulumi type token (e.g. aws:ecs/service:Service) or invoke token. */
  type: string;
  /** Describe/List/Get actions: what `pulumi preview --refresh` needs. */
  read: readonly string[];
  /** Create/update/delete/tag grants: what `pulumi up` and `destroy` need on top of `read`. */
  write: readonly Grant[];
}

const arn = (s: ScopeContext, service: string, resource: string, global = false) =>
  `arn:${s.partition}:${service}:${global ? "" : s.region}:${global ? "" : s.accountId}:${resource}`;

// EC2 "create" calls authorise several resources at once (a subnet AND its VPC, a NAT gateway
// AND its subnet and EIP), so they are scoped to this account and region. Everything that
// changes or deletes an existing resource additionally requires the stack tag, so the deploy
// role cannot touch networking that this stack did not create. This relies on the provider
// tagging on create (TagSpecifications), which it does for every EC2 type listed here.
const ec2InRegion = (s: ScopeContext) => [arn(s, "ec2", "*")];
const ec2Create = (actions: string[]): Grant => ({ actions, resources: ec2InRegion });
const ec2Tagged = (actions: string[]): Grant => ({
  actions,
  resources: ec2InRegion,
  condition: (s) => ({ StringEquals: { [`aws:ResourceTag/${STACK_TAG_KEY}`]: s.resourcePrefix } }),
});
// Tags may be written while creating a resource, or later on a resource that carries the tag.
const ec2TagOnCreate: Grant = {
  actions: ["ec2:CreateTags"],
  resources: ec2InRegion,
  condition: () => ({
    StringEquals: {
      "ec2:CreateAction": [
        "CreateVpc",
        "CreateSubnet",
        "CreateRouteTable",
        "CreateInternetGateway",
        "CreateNatGateway",
        "AllocateAddress",
        "CreateSecurityGroup",
        "AuthorizeSecurityGroupIngress",
        "AuthorizeSecurityGroupEgress",
      ],
    },
  }),
};
const ec2Retag = ec2Tagged(["ec2:CreateTags", "ec2:DeleteTags"]);

const elb = (s: ScopeContext, resource: string) => arn(s, "elasticloadbalancing", resource);
const albArns = (s: ScopeContext) => [elb(s, `loadbalancer/app/${s.resourcePrefix}-*/*`)];
const targetGroupArns = (s: ScopeContext) => [elb(s, `targetgroup/${s.resourcePrefix}-*/*`)];
const listenerArns = (s: ScopeContext) => [elb(s, `listener/app/${s.resourcePrefix}-*/*/*`)];
const listenerRuleArns = (s: ScopeContext) => [
  elb(s, `listener-rule/app/${s.resourcePrefix}-*/*/*/*`),
];
const elbTagging = ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"];

const ecsCluster = (s: ScopeContext) => [arn(s, "ecs", `cluster/${s.resourcePrefix}-*`)];
const ecsService = (s: ScopeContext) => [
  arn(s, "ecs", `service/${s.resourcePrefix}-*/${s.resourcePrefix}-*`),
];
const ecsTaskDefinition = (s: ScopeContext) => [
  arn(s, "ecs", `task-definition/${s.resourcePrefix}-*:*`),
];

const logGroups = (s: ScopeContext) => [
  arn(s, "logs", `log-group:/ecs/${s.resourcePrefix}-*`),
  arn(s, "logs", `log-group:/ecs/${s.resourcePrefix}-*:*`),
];
const alarms = (s: ScopeContext) => [arn(s, "cloudwatch", `alarm:${s.resourcePrefix}-*`)];
const webAcls = (s: ScopeContext) => [arn(s, "wafv2", `regional/webacl/${s.resourcePrefix}-*/*`)];
const hostedZone = (s: ScopeContext) => [arn(s, "route53", `hostedzone/${s.hostedZoneId}`, true)];

const ec2Read = [
  "ec2:DescribeVpcs",
  "ec2:DescribeVpcAttribute",
  "ec2:DescribeSubnets",
  "ec2:DescribeRouteTables",
  "ec2:DescribeInternetGateways",
  "ec2:DescribeNatGateways",
  "ec2:DescribeAddresses",
  "ec2:DescribeAddressesAttribute",
  "ec2:DescribeSecurityGroups",
  "ec2:DescribeSecurityGroupRules",
  "ec2:DescribeNetworkInterfaces",
  "ec2:DescribeAvailabilityZones",
  "ec2:DescribeAccountAttributes",
  "ec2:DescribeNetworkAcls",
  "ec2:DescribePrefixLists",
  "ec2:DescribeTags",
];
const elbRead = [
  "elasticloadbalancing:DescribeLoadBalancers",
  "elasticloadbalancing:DescribeLoadBalancerAttributes",
  "elasticloadbalancing:DescribeListeners",
  "elasticloadbalancing:DescribeListenerAttributes",
  "elasticloadbalancing:DescribeListenerCertificates",
  "elasticloadbalancing:DescribeRules",
  "elasticloadbalancing:DescribeTargetGroups",
  "elasticloadbalancing:DescribeTargetGroupAttributes",
  "elasticloadbalancing:DescribeTargetHealth",
  "elasticloadbalancing:DescribeTags",
  "elasticloadbalancing:DescribeCapacityReservation",
];

/** Resource types the ephemeral program registers, with everything needed to manage them. */
export const EPHEMERAL_MANIFEST: readonly ManifestEntry[] = [
  {
    type: "aws:ec2/vpc:Vpc",
    read: ec2Read,
    write: [
      ec2Create(["ec2:CreateVpc"]),
      ec2TagOnCreate,
      ec2Retag,
      ec2Tagged(["ec2:DeleteVpc", "ec2:ModifyVpcAttribute"]),
    ],
  },
  {
    type: "aws:ec2/subnet:Subnet",
    read: ec2Read,
    write: [
      ec2Create(["ec2:CreateSubnet"]),
      ec2TagOnCreate,
      ec2Retag,
      // ModifySubnetAttribute runs on create whenever an attribute differs from the API default.
      ec2Tagged(["ec2:DeleteSubnet", "ec2:ModifySubnetAttribute"]),
    ],
  },
  {
    type: "aws:ec2/routeTable:RouteTable",
    read: ec2Read,
    write: [
      ec2Create(["ec2:CreateRouteTable"]),
      ec2TagOnCreate,
      ec2Retag,
      ec2Tagged(["ec2:DeleteRouteTable"]),
    ],
  },
  {
    type: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    read: ec2Read,
    write: [
      ec2Create(["ec2:AssociateRouteTable"]),
      ec2Tagged(["ec2:DisassociateRouteTable", "ec2:ReplaceRouteTableAssociation"]),
    ],
  },
  {
    type: "aws:ec2/route:Route",
    read: ec2Read,
    write: [ec2Create(["ec2:CreateRoute"]), ec2Tagged(["ec2:ReplaceRoute", "ec2:DeleteRoute"])],
  },
  {
    type: "aws:ec2/internetGateway:InternetGateway",
    read: ec2Read,
    write: [
      ec2Create(["ec2:CreateInternetGateway", "ec2:AttachInternetGateway"]),
      ec2TagOnCreate,
      ec2Retag,
      ec2Tagged(["ec2:DetachInternetGateway", "ec2:DeleteInternetGateway"]),
    ],
  },
  {
    type: "aws:ec2/natGateway:NatGateway",
    read: ec2Read,
    write: [
      ec2Create(["ec2:CreateNatGateway"]),
      ec2TagOnCreate,
      ec2Retag,
      ec2Tagged(["ec2:DeleteNatGateway"]),
    ],
  },
  {
    type: "aws:ec2/eip:Eip",
    read: ec2Read,
    write: [
      ec2Create(["ec2:AllocateAddress"]),
      ec2TagOnCreate,
      ec2Retag,
      ec2Tagged(["ec2:ReleaseAddress", "ec2:DisassociateAddress"]),
    ],
  },
  {
    type: "aws:ec2/securityGroup:SecurityGroup",
    read: ec2Read,
    write: [
      ec2Create(["ec2:CreateSecurityGroup"]),
      ec2TagOnCreate,
      ec2Retag,
      // A new group comes with an allow-all egress rule that the provider revokes at once.
      ec2Tagged([
        "ec2:DeleteSecurityGroup",
        "ec2:RevokeSecurityGroupEgress",
        "ec2:RevokeSecurityGroupIngress",
      ]),
    ],
  },
  {
    type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    read: ec2Read,
    write: [
      ec2Create(["ec2:AuthorizeSecurityGroupIngress"]),
      ec2TagOnCreate,
      ec2Retag,
      ec2Tagged([
        "ec2:RevokeSecurityGroupIngress",
        "ec2:ModifySecurityGroupRules",
        "ec2:UpdateSecurityGroupRuleDescriptionsIngress",
      ]),
    ],
  },
  {
    type: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    read: ec2Read,
    write: [
      ec2Create(["ec2:AuthorizeSecurityGroupEgress"]),
      ec2TagOnCreate,
      ec2Retag,
      ec2Tagged([
        "ec2:RevokeSecurityGroupEgress",
        "ec2:ModifySecurityGroupRules",
        "ec2:UpdateSecurityGroupRuleDescriptionsEgress",
      ]),
    ],
  },
  {
    type: "aws:lb/loadBalancer:LoadBalancer",
    read: [...elbRead, ...ec2Read],
    write: [
      {
        actions: [
          "elasticloadbalancing:CreateLoadBalancer",
          "elasticloadbalancing:DeleteLoadBalancer",
          "elasticloadbalancing:ModifyLoadBalancerAttributes",
          "elasticloadbalancing:SetSecurityGroups",
          "elasticloadbalancing:SetSubnets",
          "elasticloadbalancing:SetIpAddressType",
          ...elbTagging,
        ],
        resources: albArns,
      },
      {
        actions: ["iam:CreateServiceLinkedRole"],
        resources: (s) => [
          `arn:${s.partition}:iam::${s.accountId}:role/aws-service-role/elasticloadbalancing.amazonaws.com/*`,
        ],
        condition: () => ({
          StringEquals: { "iam:AWSServiceName": "elasticloadbalancing.amazonaws.com" },
        }),
        why: "First load balancer in an account creates the ELB service-linked role.",
      },
    ],
  },
  {
    type: "aws:lb/targetGroup:TargetGroup",
    read: elbRead,
    write: [
      {
        actions: [
          "elasticloadbalancing:CreateTargetGroup",
          "elasticloadbalancing:DeleteTargetGroup",
          "elasticloadbalancing:ModifyTargetGroup",
          "elasticloadbalancing:ModifyTargetGroupAttributes",
          ...elbTagging,
        ],
        resources: targetGroupArns,
      },
    ],
  },
  {
    type: "aws:lb/listener:Listener",
    read: elbRead,
    write: [
      {
        // CreateListener is authorised on the load balancer as well as on the new listener.
        actions: [
          "elasticloadbalancing:CreateListener",
          "elasticloadbalancing:DeleteListener",
          "elasticloadbalancing:ModifyListener",
          "elasticloadbalancing:ModifyListenerAttributes",
          "elasticloadbalancing:AddListenerCertificates",
          "elasticloadbalancing:RemoveListenerCertificates",
          ...elbTagging,
        ],
        resources: (s) => [...listenerArns(s), ...albArns(s)],
      },
    ],
  },
  {
    type: "aws:lb/listenerRule:ListenerRule",
    read: elbRead,
    write: [
      {
        actions: [
          "elasticloadbalancing:CreateRule",
          "elasticloadbalancing:DeleteRule",
          "elasticloadbalancing:ModifyRule",
          "elasticloadbalancing:SetRulePriorities",
          ...elbTagging,
        ],
        resources: (s) => [...listenerRuleArns(s), ...listenerArns(s)],
      },
    ],
  },
  {
    type: "aws:wafv2/webAcl:WebAcl",
    read: [
      "wafv2:GetWebACL",
      "wafv2:ListWebACLs",
      "wafv2:ListTagsForResource",
      "wafv2:DescribeManagedRuleGroup",
    ],
    write: [
      {
        // Referencing AWS managed rule groups is authorised on the managed rule set ARN.
        actions: [
          "wafv2:CreateWebACL",
          "wafv2:UpdateWebACL",
          "wafv2:DeleteWebACL",
          "wafv2:TagResource",
          "wafv2:UntagResource",
        ],
        resources: (s) => [...webAcls(s), arn(s, "wafv2", "regional/managedruleset/*/*")],
      },
    ],
  },
  {
    type: "aws:wafv2/webAclAssociation:WebAclAssociation",
    read: ["wafv2:GetWebACLForResource", "wafv2:GetWebACL"],
    write: [
      {
        actions: ["wafv2:AssociateWebACL", "wafv2:DisassociateWebACL"],
        resources: (s) => [...webAcls(s), ...albArns(s)],
      },
      { actions: ["elasticloadbalancing:SetWebACL"], resources: albArns },
    ],
  },
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
  {
    type: "aws:route53/record:Record",
    read: ["route53:GetHostedZone", "route53:ListResourceRecordSets", "route53:GetChange"],
    write: [
      {
        // Only the Gatus hostname may be changed in the zone.
        actions: ["route53:ChangeResourceRecordSets"],
        resources: hostedZone,
        condition: (s) => ({
          "ForAllValues:StringEquals": {
            "route53:ChangeResourceRecordSetsNormalizedRecordNames": [s.hostname],
          },
        }),
      },
      {
        // Record changes are awaited with GetChange, which is authorised on the change, not the zone.
        actions: ["route53:GetChange"],
        resources: (s) => [arn(s, "route53", "change/*", true)],
      },
    ],
  },
  {
    // @pulumi/docker builds the image and pushes it to the one repository.
    type: "docker:index/image:Image",
    read: [
      "ecr:DescribeImages",
      "ecr:ListImages",
      "ecr:BatchGetImage",
      "ecr:GetAuthorizationToken",
    ],
    write: [
      {
        actions: [
          "ecr:BatchCheckLayerAvailability",
          "ecr:InitiateLayerUpload",
          "ecr:UploadLayerPart",
          "ecr:CompleteLayerUpload",
          "ecr:PutImage",
          "ecr:BatchGetImage",
          "ecr:GetDownloadUrlForLayer",
        ],
        resources: (s) => [s.ecrRepositoryArn],
      },
    ],
  },
];

/**
 * Data sources (invokes) the ephemeral program calls, and what they need. The coverage test
 * checks these against the invokes it records.
 */
export const EPHEMERAL_INVOKES: readonly ManifestEntry[] = [
  { type: "aws:index/getCallerIdentity:getCallerIdentity", read: [], write: [] },
  { type: "aws:index/getRegion:getRegion", read: [], write: [] },
  { type: "aws:index/getPartition:getPartition", read: [], write: [] },
  {
    type: "aws:index/getAvailabilityZones:getAvailabilityZones",
    read: ["ec2:DescribeAvailabilityZones"],
    write: [],
  },
  // Lists tags to decide whether the image for this commit already exists.
  { type: "aws:ecr/getImages:getImages", read: ["ecr:ListImages"], write: [] },
  // The token only authenticates; what it may do is decided by the repository grants above.
  {
    type: "aws:ecr/getAuthorizationToken:getAuthorizationToken",
    read: ["ecr:GetAuthorizationToken"],
    write: [],
  },
];

/**
 * awsx components are remote: under mocks they register as one resource, in AWS they create
 * these child types. The coverage test expands them with this table.
 */
export const COMPONENT_CHILDREN: Readonly<Record<string, readonly string[]>> = {
  "awsx:ec2:Vpc": [
    "aws:ec2/vpc:Vpc",
    "aws:ec2/subnet:Subnet",
    "aws:ec2/routeTable:RouteTable",
    "aws:ec2/routeTableAssociation:RouteTableAssociation",
    "aws:ec2/route:Route",
    "aws:ec2/internetGateway:InternetGateway",
    "aws:ec2/natGateway:NatGateway",
    "aws:ec2/eip:Eip",
  ],
};

/** Types that need no AWS permissions: Pulumi's own and this repository's components. */
export function needsNoAwsPermissions(type: string): boolean {
  return (
    type === "pulumi:pulumi:Stack" ||
    type.startsWith("pulumi:providers:") ||
    type.startsWith("gatus:")
  );
}

/**
 * What drift detection (`pulumi preview --refresh` of persistent with the preview role) reads.
 */
export const PERSISTENT_READS: readonly ManifestEntry[] = [
  {
    type: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
    read: ["iam:GetOpenIDConnectProvider", "iam:ListOpenIDConnectProviderTags"],
    write: [],
  },
  {
    type: "aws:iam/role:Role",
    read: [
      "iam:GetRole",
      "iam:ListRolePolicies",
      "iam:ListAttachedRolePolicies",
      "iam:ListRoleTags",
      "iam:ListInstanceProfilesForRole",
    ],
    write: [],
  },
  { type: "aws:iam/rolePolicy:RolePolicy", read: ["iam:GetRolePolicy"], write: [] },
  {
    type: "aws:iam/policy:Policy",
    read: ["iam:GetPolicy", "iam:GetPolicyVersion", "iam:ListPolicyVersions", "iam:ListPolicyTags"],
    write: [],
  },
  {
    type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    read: ["iam:ListAttachedRolePolicies"],
    write: [],
  },
  {
    type: "aws:kms/key:Key",
    read: [
      "kms:DescribeKey",
      "kms:GetKeyPolicy",
      "kms:GetKeyRotationStatus",
      "kms:ListResourceTags",
    ],
    write: [],
  },
  { type: "aws:kms/alias:Alias", read: ["kms:ListAliases"], write: [] },
  {
    type: "aws:ecr/repository:Repository",
    read: ["ecr:DescribeRepositories", "ecr:ListTagsForResource", "ecr:GetRepositoryPolicy"],
    write: [],
  },
  { type: "aws:ecr/lifecyclePolicy:LifecyclePolicy", read: ["ecr:GetLifecyclePolicy"], write: [] },
  {
    type: "aws:route53/zone:Zone",
    read: [
      "route53:GetHostedZone",
      "route53:ListTagsForResource",
      "route53:GetDNSSEC",
      "route53:ListResourceRecordSets",
    ],
    write: [],
  },
  { type: "aws:route53/record:Record", read: ["route53:ListResourceRecordSets"], write: [] },
  {
    type: "aws:acm/certificate:Certificate",
    read: ["acm:DescribeCertificate", "acm:ListTagsForCertificate"],
    write: [],
  },
  {
    type: "aws:acm/certificateValidation:CertificateValidation",
    read: ["acm:DescribeCertificate"],
    write: [],
  },
  {
    type: "aws:sns/topic:Topic",
    read: ["sns:GetTopicAttributes", "sns:ListTagsForResource", "sns:GetDataProtectionPolicy"],
    write: [],
  },
  {
    type: "aws:sns/topicSubscription:TopicSubscription",
    read: ["sns:GetSubscriptionAttributes"],
    write: [],
  },
];
