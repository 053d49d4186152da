import { createHash } from "node:crypto";

/**
 * Plausible provider outputs for the resource types and invokes the two programs use, so the
 * programs run end to end under Pulumi's mock engine the way they would against AWS. Every
 * value is derived from the inputs (deterministic), never random.
 */

export interface AwsWorld {
  accountId: string;
  region: string;
  /** Hosted zones that exist before the program runs (id → name), for adoption. */
  zones: Record<string, string>;
  /** OIDC providers that exist before the program runs (ARN → url and audiences). */
  oidcProviders: Record<string, { url: string; clientIdLists: string[] }>;
  /** Image tags already in ECR (repository name → tag → digest). */
  images: Record<string, Record<string, string>>;
  /**
   * Who is calling: the IAM session behind the credentials. Previews run as the preview role and
   * updates as the deploy role, so caller identity and tokens legitimately differ between them.
   */
  session: string;
}

export const DEFAULT_WORLD: AwsWorld = {
  accountId: "123456789012",
  region: "eu-west-2",
  zones: {},
  oidcProviders: {},
  images: {},
  session: "synth",
};

const hash = (...parts: string[]) => createHash("sha256").update(parts.join("/")).digest("hex");
const suffix = (...parts: string[]) => hash(...parts).slice(0, 12);

type State = Record<string, unknown>;

/**
 * The name a resource gets: its `name`; with a `namePrefix`, the prefix and the 26 characters the
 * provider appends (terraform-plugin-sdk id.PrefixedUniqueId: a timestamp and a counter); with
 * neither, Pulumi's auto-name, the logical name and 7 random characters.
 */
export function physicalName(type: string, name: string, inputs: State): string {
  if (typeof inputs.name === "string") return inputs.name;
  if (typeof inputs.namePrefix === "string") {
    return `${inputs.namePrefix}202601010000000000${suffix(type, name).slice(0, 8)}`;
  }
  return `${name}-${suffix(type, name).slice(0, 7)}`;
}

/** Outputs for a registered resource: the inputs echoed back, plus what AWS would compute. */
export function resourceState(
  type: string,
  name: string,
  inputs: State,
  world: AwsWorld,
): { id: string; state: State } {
  const { accountId: acct, region } = world;
  const physical = physicalName(type, name, inputs);
  const id = `${physical}-${suffix(type, name).slice(0, 8)}`;
  const arn = (service: string, resource: string, regional = true) =>
    `arn:aws:${service}:${regional ? region : ""}:${regional ? acct : ""}:${resource}`;
  const base = { ...inputs };

  switch (type) {
    case "aws:iam/role:Role":
      return {
        id: physical,
        state: {
          ...base,
          name: physical,
          arn: `arn:aws:iam::${acct}:role/${physical}`,
          uniqueId: `AROA${suffix(name).toUpperCase()}`,
        },
      };
    case "aws:iam/policy:Policy":
      return {
        id: `arn:aws:iam::${acct}:policy/${physical}`,
        state: { ...base, name: physical, arn: `arn:aws:iam::${acct}:policy/${physical}` },
      };
    case "aws:iam/openIdConnectProvider:OpenIdConnectProvider": {
      const host = String(inputs.url).replace(/^https:\/\//, "");
      const providerArn = `arn:aws:iam::${acct}:oidc-provider/${host}`;
      return { id: providerArn, state: { ...base, arn: providerArn } };
    }
    case "aws:kms/key:Key": {
      const keyId = `${hash(name).slice(0, 8)}-${hash(name).slice(8, 12)}-4${hash(name).slice(13, 16)}-8${hash(name).slice(17, 20)}-${hash(name).slice(20, 32)}`;
      return { id: keyId, state: { ...base, keyId, arn: arn("kms", `key/${keyId}`) } };
    }
    case "aws:ecr/repository:Repository":
      return {
        id: physical,
        state: {
          ...base,
          arn: arn("ecr", `repository/${physical}`),
          registryId: acct,
          repositoryUrl: `${acct}.dkr.ecr.${region}.amazonaws.com/${physical}`,
        },
      };
    case "aws:route53/zone:Zone": {
      const zoneId = `Z${suffix(String(inputs.name)).toUpperCase()}`;
      return {
        id: zoneId,
        state: { ...base, zoneId, nameServers: ["ns-1.awsdns-01.org", "ns-2.awsdns-02.co.uk"] },
      };
    }
    case "aws:route53/record:Record":
      return {
        id: `${String(inputs.zoneId)}_${String(inputs.name)}_${String(inputs.type)}`,
        state: { ...base, fqdn: String(inputs.name).replace(/\.$/, "") },
      };
    case "aws:acm/certificate:Certificate": {
      const domain = String(inputs.domainName);
      return {
        id: arn("acm", `certificate/${suffix("cert", domain)}`),
        state: {
          ...base,
          arn: arn("acm", `certificate/${suffix("cert", domain)}`),
          domainValidationOptions: [
            {
              domainName: domain,
              resourceRecordName: `_${suffix("name", domain)}.${domain}.`,
              resourceRecordType: "CNAME",
              resourceRecordValue: `_${suffix("value", domain)}.acm-validations.aws.`,
            },
          ],
        },
      };
    }
    case "aws:acm/certificateValidation:CertificateValidation":
      return { id: String(inputs.certificateArn), state: { ...base } };
    case "aws:sns/topic:Topic":
      return {
        id: arn("sns", physical),
        state: { ...base, arn: arn("sns", physical), name: physical },
      };
    case "aws:lb/loadBalancer:LoadBalancer": {
      const lbArn = arn("elasticloadbalancing", `loadbalancer/app/${physical}/${suffix(name)}`);
      return {
        id: lbArn,
        state: {
          ...base,
          arn: lbArn,
          arnSuffix: `app/${physical}/${suffix(name)}`,
          dnsName: `${physical}-${suffix(name).slice(0, 9)}.${region}.elb.amazonaws.com`,
          zoneId: "ZHURV8PSTC4K8",
        },
      };
    }
    case "aws:lb/targetGroup:TargetGroup": {
      const tgArn = arn("elasticloadbalancing", `targetgroup/${physical}/${suffix(name)}`);
      return {
        id: tgArn,
        state: { ...base, arn: tgArn, arnSuffix: `targetgroup/${physical}/${suffix(name)}` },
      };
    }
    case "aws:lb/listener:Listener":
    case "aws:lb/listenerRule:ListenerRule": {
      const kind = type.endsWith("Listener") ? "listener" : "listener-rule";
      const resourceArn = arn("elasticloadbalancing", `${kind}/app/${suffix(name)}`);
      return { id: resourceArn, state: { ...base, arn: resourceArn } };
    }
    case "aws:ecs/cluster:Cluster":
      return {
        id: arn("ecs", `cluster/${physical}`),
        state: { ...base, name: physical, arn: arn("ecs", `cluster/${physical}`) },
      };
    case "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders":
      // The provider's id is the cluster's name.
      return { id: String(inputs.clusterName), state: { ...base } };
    case "aws:ecs/taskDefinition:TaskDefinition": {
      const family = String(inputs.family);
      return {
        id: family,
        state: {
          ...base,
          arn: arn("ecs", `task-definition/${family}:1`),
          arnWithoutRevision: arn("ecs", `task-definition/${family}`),
          revision: 1,
        },
      };
    }
    case "aws:ecs/service:Service":
      return { id: arn("ecs", `service/${physical}`), state: { ...base, name: physical } };
    case "aws:cloudwatch/logGroup:LogGroup":
      return {
        id: physical,
        state: { ...base, name: physical, arn: arn("logs", `log-group:${physical}`) },
      };
    case "aws:cloudwatch/metricAlarm:MetricAlarm":
      return { id: physical, state: { ...base, arn: arn("cloudwatch", `alarm:${physical}`) } };
    case "aws:wafv2/webAcl:WebAcl":
      return {
        id: suffix(name),
        state: { ...base, arn: arn("wafv2", `regional/webacl/${physical}/${suffix(name)}`) },
      };
    case "aws:s3/bucket:Bucket": {
      // S3 ARNs carry neither region nor account; the id is the bucket name.
      const bucket = typeof inputs.bucket === "string" ? inputs.bucket : physical;
      return {
        id: bucket,
        state: { ...base, bucket, arn: arn("s3", bucket, false), region },
      };
    }
    case "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": {
      const groupId = `sg-${suffix(type, String(inputs.vpcId)).slice(0, 17)}`;
      return {
        id: groupId,
        state: { ...base, name: "default", arn: arn("ec2", `security-group/${groupId}`) },
      };
    }
    case "aws:ssm/parameter:Parameter":
      // A parameter's ARN drops the name's leading slash: parameter/<prefix>/gatus/<name>.
      return {
        id: String(inputs.name),
        state: { ...base, arn: arn("ssm", `parameter/${String(inputs.name).replace(/^\//, "")}`) },
      };
    case "aws:efs/fileSystem:FileSystem": {
      const fileSystemId = `fs-${hash("efs", name).slice(0, 17)}`;
      return {
        id: fileSystemId,
        state: {
          ...base,
          arn: arn("elasticfilesystem", `file-system/${fileSystemId}`),
          dnsName: `${fileSystemId}.efs.${region}.amazonaws.com`,
        },
      };
    }
    case "aws:efs/accessPoint:AccessPoint": {
      const accessPointId = `fsap-${hash("fsap", name).slice(0, 17)}`;
      return {
        id: accessPointId,
        state: { ...base, arn: arn("elasticfilesystem", `access-point/${accessPointId}`) },
      };
    }
    case "aws:sesv2/emailIdentity:EmailIdentity": {
      const identity = String(inputs.emailIdentity);
      return {
        id: identity,
        state: {
          ...base,
          arn: arn("ses", `identity/${identity}`),
          dkimSigningAttributes: {
            tokens: [1, 2, 3].map((n) => hash("dkim", identity, String(n)).slice(0, 32)),
            status: "PENDING",
          },
        },
      };
    }
    case "awsx:ec2:Vpc":
      return { id: "", state: { ...base, ...vpcOutputs(name, inputs) } };
    case "docker:index/image:Image": {
      const imageName = String(inputs.imageName);
      const repo = imageName.split(":")[0] ?? imageName;
      return {
        id: imageName,
        state: { ...base, imageName, repoDigest: `${repo}@sha256:${hash("image", imageName)}` },
      };
    }
    default:
      return {
        id: id,
        state: {
          ...base,
          arn: arn(
            type.split(":")[0] === "aws" ? (type.split(":")[1]?.split("/")[0] ?? "x") : "x",
            `${physical}`,
          ),
        },
      };
  }
}

/**
 * awsx.ec2.Vpc is a remote component: under mocks it creates nothing, so its outputs are supplied
 * here. A VPC's range cannot change in place: another cidrBlock is a new VPC, so its ids (and its
 * subnets' and gateways') derive from it, as a replaced VPC's would be new.
 */
function vpcOutputs(name: string, inputs: State): State {
  const vpc = suffix(name, String(inputs.cidrBlock));
  const azCount = Number(inputs.numberOfAvailabilityZones ?? 3);
  const specs = Array.isArray(inputs.subnetSpecs)
    ? (inputs.subnetSpecs as { type?: string }[])
    : [];
  const has = (kind: string) => specs.length === 0 || specs.some((s) => s.type === kind);
  const subnets = (kind: string) =>
    has(kind)
      ? Array.from(
          { length: azCount },
          (_, i) => `subnet-${kind.toLowerCase()}${i}${vpc.slice(0, 6)}`,
        )
      : [];
  const strategy =
    (inputs.natGateways as { strategy?: string } | undefined)?.strategy ?? "OnePerAz";
  const natCount = strategy === "None" ? 0 : strategy === "Single" ? 1 : azCount;
  return {
    vpcId: `vpc-${vpc}`,
    publicSubnetIds: subnets("Public"),
    privateSubnetIds: subnets("Private"),
    isolatedSubnetIds: [],
    natGateways: Array.from({ length: natCount }, (_, i) => ({ id: `nat-${i}${vpc}` })),
    eips: Array.from({ length: natCount }, (_, i) => ({ id: `eipalloc-${i}${vpc}` })),
  };
}

/** Results for the invokes the programs make; anything else is a test failure. */
export function invokeResult(token: string, inputs: State, world: AwsWorld): State {
  switch (token) {
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return {
        accountId: world.accountId,
        arn: `arn:aws:sts::${world.accountId}:assumed-role/${world.session}/session`,
        userId: `AROA${suffix("user", world.session).toUpperCase()}:session`,
        id: world.accountId,
      };
    case "aws:index/getPartition:getPartition":
      return {
        partition: "aws",
        dnsSuffix: "amazonaws.com",
        reverseDnsPrefix: "com.amazonaws",
        id: "aws",
      };
    case "aws:index/getRegion:getRegion":
      return {
        name: world.region,
        region: world.region,
        id: world.region,
        description: world.region,
        endpoint: `ec2.${world.region}.amazonaws.com`,
      };
    case "aws:index/getAvailabilityZones:getAvailabilityZones":
      return {
        names: ["a", "b", "c"].map((z) => `${world.region}${z}`),
        zoneIds: [1, 2, 3].map((n) => `az${n}`),
        id: world.region,
      };
    case "aws:route53/getZone:getZone": {
      const zoneId = String(inputs.zoneId);
      const zoneName = world.zones[zoneId];
      if (zoneName === undefined)
        throw new Error(`no matching Route 53 Hosted Zone found (${zoneId})`);
      return { zoneId, id: zoneId, name: `${zoneName}.`, privateZone: false, nameServers: [] };
    }
    case "aws:iam/getOpenIdConnectProvider:getOpenIdConnectProvider": {
      const found = world.oidcProviders[String(inputs.arn)];
      if (found === undefined)
        throw new Error(
          `NoSuchEntity: OpenIDConnect provider not found for arn ${String(inputs.arn)}`,
        );
      return {
        arn: inputs.arn,
        id: inputs.arn,
        url: found.url,
        clientIdLists: found.clientIdLists,
        thumbprintLists: [],
        tags: {},
      };
    }
    case "aws:ecr/getImages:getImages": {
      const tags = world.images[String(inputs.repositoryName)] ?? {};
      return {
        id: String(inputs.repositoryName),
        repositoryName: inputs.repositoryName,
        registryId: world.accountId,
        region: world.region,
        imageIds: Object.entries(tags).map(([imageTag, imageDigest]) => ({
          imageTag,
          imageDigest,
        })),
      };
    }
    case "aws:ecr/getAuthorizationToken:getAuthorizationToken":
      return {
        id: world.region,
        authorizationToken: Buffer.from(`AWS:token-${suffix("ecr", world.session)}`).toString(
          "base64",
        ),
        userName: "AWS",
        password: `token-${suffix("ecr", world.session)}`,
        proxyEndpoint: `https://${world.accountId}.dkr.ecr.${world.region}.amazonaws.com`,
        expiresAt: "2099-01-01T00:00:00Z",
      };
    default:
      throw new Error(`unmocked invoke ${token}: add it to tests/engine/aws-state.ts`);
  }
}
