import type { Graph, RecordedResource } from "./run-program";

// The settings worth seeing per type in the table; everything else is in the JSON graph.
const KEY_SETTINGS: Record<string, string[]> = {
  "aws:ecr/repository:Repository": [
    "name",
    "imageTagMutability",
    "imageScanningConfiguration.scanOnPush",
    "encryptionConfigurations.0.encryptionType",
  ],
  "aws:iam/role:Role": ["name", "maxSessionDuration"],
  "aws:iam/openIdConnectProvider:OpenIdConnectProvider": ["url", "clientIdLists"],
  "aws:route53/zone:Zone": ["name"],
  "aws:route53/record:Record": ["name", "type"],
  "aws:acm/certificate:Certificate": ["domainName", "validationMethod"],
  "aws:sns/topic:Topic": ["name"],
  "aws:kms/key:Key": ["enableKeyRotation"],
  "aws:kms/alias:Alias": ["name"],
  "aws:iam/policy:Policy": ["name"],
  "aws:ecs/service:Service": [
    "name",
    "desiredCount",
    "capacityProviderStrategies.0.capacityProvider",
    "networkConfiguration.assignPublicIp",
  ],
  "aws:ecs/taskDefinition:TaskDefinition": [
    "family",
    "cpu",
    "memory",
    "runtimePlatform.cpuArchitecture",
  ],
  "aws:ecs/cluster:Cluster": ["name"],
  "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders": ["clusterName", "capacityProviders"],
  "aws:lb/loadBalancer:LoadBalancer": ["name", "idleTimeout", "dropInvalidHeaderFields"],
  "aws:lb/listener:Listener": ["port", "protocol", "sslPolicy"],
  "aws:lb/targetGroup:TargetGroup": ["name", "port", "deregistrationDelay", "healthCheck.path"],
  "aws:ec2/securityGroup:SecurityGroup": ["name", "namePrefix"],
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": [
    "fromPort",
    "cidrIpv4",
    "description",
  ],
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": [
    "fromPort",
    "cidrIpv4",
    "description",
  ],
  "aws:cloudwatch/logGroup:LogGroup": ["name", "retentionInDays"],
  "aws:cloudwatch/metricAlarm:MetricAlarm": ["name", "metricName", "treatMissingData"],
  "aws:wafv2/webAcl:WebAcl": ["name"],
  "awsx:ec2:Vpc": ["numberOfAvailabilityZones", "natGateways.strategy"],
  "docker:index/image:Image": ["imageName", "build.platform"],
};

function pick(inputs: Record<string, unknown>, dotted: string): unknown {
  return dotted
    .split(".")
    .reduce<unknown>(
      (v, k) =>
        v !== null && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined,
      inputs,
    );
}

export function keySettings(resource: RecordedResource): string {
  return (KEY_SETTINGS[resource.type] ?? [])
    .map(
      (key) =>
        [
          key
            .split(".")
            .filter((k) => !/^\d+$/.test(k))
            .pop(),
          pick(resource.inputs, key),
        ] as const,
    )
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" ");
}

/** A plain-text table of a graph's resources: type, name, protect, key settings. */
export function resourceTable(graph: Graph): string {
  const rows = graph.resources
    .filter((r) => r.type !== "pulumi:providers:aws")
    .map((r) => [r.type, r.name, r.protect ? "protected" : "", keySettings(r)]);
  const header = ["TYPE", "NAME", "PROTECT", "KEY SETTINGS"];
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)),
  );
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join("  ");
  return [
    `${graph.project} (stack ${graph.stack}): ${rows.length} resources`,
    line(header),
    ...rows.map(line),
  ].join("\n");
}

/** The JSON file later issues and reviewers read. */
export function graphJson(graph: Graph) {
  return {
    project: graph.project,
    stack: graph.stack,
    resources: graph.resources.map(({ type, name, parent, protect, inputs }) => ({
      type,
      name,
      parent,
      protect,
      inputs,
    })),
    outputs: graph.outputs,
  };
}
