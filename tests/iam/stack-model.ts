/**
 * The resources of a stack as AWS would hold them: each with a realistic ARN (account, region,
 * the stack's names, generated ids) and the tags the provider sends (its default tags plus the
 * resource's own). Built from a graph the mock engine recorded; awsx.ec2.Vpc, a remote component
 * under mocks, is expanded into the children awsx creates.
 */
import { createHash } from "node:crypto";
import { DEFAULT_WORLD, resourceState } from "../engine/aws-state";
import type { Graph, RecordedResource } from "../engine/run-program";
import type { PolicyDocument } from "./policy-checks";

/** Tag key → value. */
export type Tags = Record<string, string>;

/** One AWS resource of the stack. */
export interface ModelResource {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  /** The ARN AWS authorises calls on it with. */
  arn: string;
  tags: Tags;
  /** What other resources' inputs call it under the mock engine: its id and ARN there. */
  mockRefs: string[];
  /** Its resource policy, when it has one (a KMS key's; an SNS topic's, from its TopicPolicy). */
  policy?: PolicyDocument;
}

/** A stack's account, region and resources. */
export interface StackModel {
  accountId: string;
  region: string;
  partition: string;
  /** The provider's default tags (sent with every tagged create). */
  defaultTags: Tags;
  resources: ModelResource[];
}

const hex = (...parts: string[]) =>
  createHash("sha256").update(parts.join("/")).digest("hex").slice(0, 17);

/** The resource another input refers to (by the id or ARN the mock engine gave it). */
export function resolve(model: StackModel, ref: unknown, what: string): ModelResource {
  const found = model.resources.find((r) => r.mockRefs.includes(String(ref)));
  if (!found) throw new Error(`no resource in the model is ${what} ${String(ref)}`);
  return found;
}

/** The resources of one type. */
export const ofModelType = (model: StackModel, type: string) =>
  model.resources.filter((r) => r.type === type);

function defaultTagsOf(graph: Graph): Tags {
  const provider = graph.resources.find((r) => r.type === "pulumi:providers:aws");
  const raw = provider?.inputs.defaultTags;
  const parsed = (typeof raw === "string" ? JSON.parse(raw) : raw) as { tags?: Tags } | undefined;
  return parsed?.tags ?? {};
}

/** Builds the model of a graph, run in the mock engine's account in the provider's region. */
export function stackModel(graph: Graph): StackModel {
  const region = graph.resources.find((r) => r.type === "pulumi:providers:aws")?.inputs.region;
  const world = { ...DEFAULT_WORLD, ...(typeof region === "string" ? { region } : {}) };
  const model: StackModel = {
    accountId: world.accountId,
    region: world.region,
    partition: "aws",
    defaultTags: defaultTagsOf(graph),
    resources: [],
  };
  const ec2 = (kind: string, id: string) =>
    `arn:${model.partition}:ec2:${model.region}:${model.accountId}:${kind}/${id}`;
  for (const recorded of graph.resources) {
    if (recorded.type === "awsx:ec2:Vpc") {
      model.resources.push(...vpcChildren(recorded, model, ec2, world));
      continue;
    }
    if (!recorded.custom || recorded.type.startsWith("pulumi:")) continue;
    const mock = resourceState(recorded.type, recorded.name, recorded.inputs, world);
    const mockArn = typeof mock.state.arn === "string" ? mock.state.arn : undefined;
    const ownTags = (recorded.inputs.tags as Tags | undefined) ?? {};
    model.resources.push({
      type: recorded.type,
      name: recorded.name,
      inputs: recorded.inputs,
      arn: arnOf(recorded, mockArn, model, ec2),
      tags: recorded.type.startsWith("aws:") ? { ...model.defaultTags, ...ownTags } : {},
      mockRefs: [mock.id, ...(mockArn ? [mockArn] : [])],
    });
  }
  attachResourcePolicies(model);
  return model;
}

/** Key policies are the key's input; a topic's policy is its TopicPolicy's. */
function attachResourcePolicies(model: StackModel): void {
  for (const r of model.resources) {
    if (r.type === "aws:kms/key:Key" && typeof r.inputs.policy === "string") {
      r.policy = JSON.parse(r.inputs.policy) as PolicyDocument;
    }
  }
  for (const topicPolicy of ofModelType(model, "aws:sns/topicPolicy:TopicPolicy")) {
    const policy = JSON.parse(String(topicPolicy.inputs.policy)) as PolicyDocument;
    for (const r of model.resources.filter((x) => x.arn === topicPolicy.arn)) r.policy = policy;
  }
}

function arnOf(
  r: RecordedResource,
  mockArn: string | undefined,
  model: StackModel,
  ec2: (kind: string, id: string) => string,
): string {
  const id = hex(r.type, r.name);
  const prefixed = (kind: string, short: string) => ec2(kind, `${short}-${id}`);
  switch (r.type) {
    case "aws:ec2/securityGroup:SecurityGroup":
    case "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup":
      return prefixed("security-group", "sg");
    case "aws:ec2/flowLog:FlowLog":
      return prefixed("vpc-flow-log", "fl");
    case "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration":
      return resolve(model, r.inputs.resourceArn, "the logged web ACL").arn;
    case "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock":
    case "aws:s3/bucketOwnershipControls:BucketOwnershipControls":
    case "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration":
    case "aws:s3/bucketVersioning:BucketVersioning":
    case "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration":
    case "aws:s3/bucketPolicy:BucketPolicy":
      return `arn:${model.partition}:s3:::${String(r.inputs.bucket)}`;
    case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":
    case "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule":
      return prefixed("security-group-rule", "sgr");
    case "aws:lb/listener:Listener":
      // listener/app/<lb name>/<lb id>/<listener id>, under the load balancer it belongs to.
      return `${resolve(model, r.inputs.loadBalancerArn, "the listener's load balancer").arn.replace(":loadbalancer/", ":listener/")}/${id}`;
    case "aws:lb/listenerRule:ListenerRule":
      return `${resolve(model, r.inputs.listenerArn, "the rule's listener").arn.replace(":listener/", ":listener-rule/")}/${id}`;
    case "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders":
      return `arn:${model.partition}:ecs:${model.region}:${model.accountId}:cluster/${String(r.inputs.clusterName)}`;
    case "aws:ecs/service:Service": {
      const cluster = String(r.inputs.cluster).split("/").at(-1);
      return `arn:${model.partition}:ecs:${model.region}:${model.accountId}:service/${cluster}/${String(r.inputs.name)}`;
    }
    case "aws:route53/record:Record":
      return `arn:${model.partition}:route53:::hostedzone/${String(r.inputs.zoneId)}`;
    case "aws:route53/zone:Zone":
      return `arn:${model.partition}:route53:::hostedzone/${String(resourceState(r.type, r.name, r.inputs, { ...DEFAULT_WORLD, region: model.region }).id)}`;
    case "aws:acm/certificateValidation:CertificateValidation":
      return String(r.inputs.certificateArn);
    case "aws:sns/topicPolicy:TopicPolicy":
      return String(r.inputs.arn);
    case "aws:sns/topicSubscription:TopicSubscription":
      return String(r.inputs.topic);
    case "aws:efs/backupPolicy:BackupPolicy":
    case "aws:efs/fileSystemPolicy:FileSystemPolicy":
      return resolve(model, r.inputs.fileSystemId, "the policy's file system").arn;
    case "aws:efs/mountTarget:MountTarget":
      // EFS authorises a mount target's calls on its file system (the persistent stack's).
      return `arn:${model.partition}:elasticfilesystem:${model.region}:${model.accountId}:file-system/${String(r.inputs.fileSystemId)}`;
    case "aws:kms/alias:Alias":
      return `arn:${model.partition}:kms:${model.region}:${model.accountId}:${String(r.inputs.name)}`;
    case "aws:iam/rolePolicy:RolePolicy":
    case "aws:iam/rolePolicyAttachment:RolePolicyAttachment":
      return `arn:${model.partition}:iam::${model.accountId}:role/${String(r.inputs.role)}`;
    case "aws:ecr/lifecyclePolicy:LifecyclePolicy":
      return `arn:${model.partition}:ecr:${model.region}:${model.accountId}:repository/${String(r.inputs.repository)}`;
    case "docker:index/image:Image": {
      const repository = String(r.inputs.imageName).split(":")[0]?.split("/").slice(1).join("/");
      return `arn:${model.partition}:ecr:${model.region}:${model.accountId}:repository/${repository}`;
    }
    default:
      if (mockArn === undefined) throw new Error(`no ARN for ${r.type} ${r.name}`);
      return mockArn;
  }
}

/**
 * awsx.ec2.Vpc's children, as awsx 3 creates them: the VPC; per availability zone one subnet
 * of each spec with its route table and association; the internet gateway and the public
 * routes to it; the NAT gateways with their EIPs and the private routes to them. awsx tags each
 * child with a Name; the provider adds its default tags.
 */
function vpcChildren(
  recorded: RecordedResource,
  model: StackModel,
  ec2: (kind: string, id: string) => string,
  world: typeof DEFAULT_WORLD,
): ModelResource[] {
  const outputs = resourceState(recorded.type, recorded.name, recorded.inputs, world).state as {
    vpcId: string;
    publicSubnetIds: string[];
    privateSubnetIds: string[];
    natGateways: unknown[];
  };
  const child = (type: string, name: string, arn: string, mockRefs: string[] = []) => ({
    type,
    name,
    inputs: {},
    arn,
    tags: { ...model.defaultTags, Name: name },
    mockRefs,
  });
  const id = (name: string) => hex("awsx", recorded.name, name);
  const base = recorded.name;
  const vpc = child("aws:ec2/vpc:Vpc", base, ec2("vpc", `vpc-${id(base)}`), [outputs.vpcId]);
  const igw = child(
    "aws:ec2/internetGateway:InternetGateway",
    base,
    ec2("internet-gateway", `igw-${id(base)}`),
  );
  const children: ModelResource[] = [vpc, igw];
  const subnets = [
    ...outputs.publicSubnetIds.map((mockId, i) => ({ kind: "public", mockId, i })),
    ...outputs.privateSubnetIds.map((mockId, i) => ({ kind: "private", mockId, i })),
  ];
  const nats = outputs.natGateways.map((_, i) => {
    const name = `${base}-${i + 1}`;
    const eip = child("aws:ec2/eip:Eip", name, ec2("elastic-ip", `eipalloc-${id(`eip${i}`)}`));
    const nat = child(
      "aws:ec2/natGateway:NatGateway",
      name,
      ec2("natgateway", `nat-${id(`nat${i}`)}`),
    );
    return { eip, nat };
  });
  for (const { kind, mockId, i } of subnets) {
    const name = `${base}-${kind}-${i + 1}`;
    const subnet = child("aws:ec2/subnet:Subnet", name, ec2("subnet", `subnet-${id(name)}`), [
      mockId,
    ]);
    const table = child(
      "aws:ec2/routeTable:RouteTable",
      name,
      ec2("route-table", `rtb-${id(name)}`),
    );
    children.push(
      subnet,
      table,
      {
        ...child("aws:ec2/routeTableAssociation:RouteTableAssociation", name, table.arn),
        inputs: { subnet: subnet.arn },
      },
      {
        ...child("aws:ec2/route:Route", name, table.arn),
        inputs: { target: kind === "public" ? igw.arn : (nats[0]?.nat.arn ?? "") },
      },
    );
  }
  // The NAT gateway sits in the first public subnet.
  const firstPublic = children.find(
    (c) => c.type === "aws:ec2/subnet:Subnet" && c.name.includes("-public-"),
  );
  for (const { eip, nat } of nats) {
    children.push(eip, { ...nat, inputs: { subnet: firstPublic?.arn ?? "", eip: eip.arn } });
  }
  return children.filter((c) => c.type !== "aws:ec2/route:Route" || c.inputs.target !== "");
}
