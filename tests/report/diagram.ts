/**
 * The architecture diagram, generated from the two resource graphs (never drawn by hand):
 * persistent and ephemeral layers, the resources that matter, traffic (internet → WAF → ALB →
 * task; task → internet through the NAT gateway or its public IP) and trust (OIDC → roles, the
 * deploy role passing the task roles, ECR → task, alarms → topic, the contract). The output is
 * deterministic: ids come from types and logical names, nodes and edges are sorted, and no
 * value that changes per commit (image tag, digest) appears in it.
 */
import type { Graph, RecordedResource } from "../engine/run-program";
import { asArray, displayName, jsonInput, numeric, ofType, pick, resolve } from "./graph-query";

export type Layer = "outside" | "persistent" | "ephemeral" | "vpc";
export type Shape = "box" | "round" | "stadium" | "circle" | "cylinder";
/** traffic: requests flow; trust: who may act as or use whom; contract: stack outputs. */
export type EdgeKind = "traffic" | "trust" | "contract";

export interface DiagramNode {
  id: string;
  label: string;
  layer: Layer;
  shape: Shape;
}

export interface DiagramEdge {
  from: string;
  to: string;
  label: string;
  kind: EdgeKind;
}

export interface DiagramModel {
  title: { persistent: string; ephemeral: string; vpc: string | undefined };
  nodes: DiagramNode[];
  edges: DiagramEdge[];
}

const T = {
  oidc: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
  role: "aws:iam/role:Role",
  policy: "aws:iam/policy:Policy",
  attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  inlinePolicy: "aws:iam/rolePolicy:RolePolicy",
  ecr: "aws:ecr/repository:Repository",
  zone: "aws:route53/zone:Zone",
  record: "aws:route53/record:Record",
  cert: "aws:acm/certificate:Certificate",
  topic: "aws:sns/topic:Topic",
  vpc: "awsx:ec2:Vpc",
  sg: "aws:ec2/securityGroup:SecurityGroup",
  ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  egress: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
  alb: "aws:lb/loadBalancer:LoadBalancer",
  listener: "aws:lb/listener:Listener",
  listenerRule: "aws:lb/listenerRule:ListenerRule",
  tg: "aws:lb/targetGroup:TargetGroup",
  waf: "aws:wafv2/webAcl:WebAcl",
  wafAssociation: "aws:wafv2/webAclAssociation:WebAclAssociation",
  service: "aws:ecs/service:Service",
  taskDefinition: "aws:ecs/taskDefinition:TaskDefinition",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  bucket: "aws:s3/bucket:Bucket",
  flowLog: "aws:ec2/flowLog:FlowLog",
  defaultSg: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
  wafLogging: "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
  parameter: "aws:ssm/parameter:Parameter",
  fileSystem: "aws:efs/fileSystem:FileSystem",
  accessPoint: "aws:efs/accessPoint:AccessPoint",
  emailIdentity: "aws:sesv2/emailIdentity:EmailIdentity",
  mountTarget: "aws:efs/mountTarget:MountTarget",
} as const;

// Fixed ids for the Gatus data nodes: each stack has at most one of each.
const SECRETS = "p_alerting_secrets";
const HISTORY = "p_history";
const SES = "p_ses";
const MOUNT_TARGETS = "e_mount_targets";

const slug = (value: string) =>
  value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
const str = (value: unknown) => (typeof value === "string" ? value : "");

/** Identity providers the trust policies name, by host. */
const KNOWN_ISSUERS: Record<string, { id: string; label: string }> = {
  "token.actions.githubusercontent.com": { id: "x_github", label: "GitHub Actions" },
  "api.pulumi.com/oidc": { id: "x_pulumi", label: "Pulumi Deployments" },
};
const INTERNET = "x_internet";

class Builder {
  readonly nodes = new Map<string, DiagramNode>();
  readonly edges = new Map<string, DiagramEdge>();

  node(id: string, label: string, layer: Layer, shape: Shape = "box"): string {
    if (!this.nodes.has(id)) this.nodes.set(id, { id, label, layer, shape });
    return id;
  }

  edge(from: string | undefined, to: string | undefined, label: string, kind: EdgeKind): void {
    if (from === undefined || to === undefined) return;
    this.edges.set(`${from}|${to}|${label}`, { from, to, label, kind });
  }
}

const idOf = (prefix: "p" | "e", kind: string, r: RecordedResource) =>
  `${prefix}_${kind}_${slug(r.name)}`;

/** Principals of a trust policy: federated OIDC hosts and AWS service principals. */
function trustPrincipals(role: RecordedResource): { hosts: string[]; services: string[] } {
  const statements = asArray(pick(jsonInput(role, "assumeRolePolicy"), "Statement"));
  const federated = statements.flatMap((s) => asArray(pick(s, "Principal.Federated")).map(str));
  return {
    hosts: federated.map((arn) => arn.split("oidc-provider/")[1] ?? "").filter(Boolean),
    services: statements.flatMap((s) => asArray(pick(s, "Principal.Service")).map(str)),
  };
}

function persistentLayer(b: Builder, graph: Graph): void {
  const providers = new Map<string, string>();
  for (const provider of ofType(graph, T.oidc)) {
    const host = str(provider.inputs.url).replace(/^https:\/\//, "");
    providers.set(
      host,
      b.node(idOf("p", "oidc", provider), `OIDC provider<br/>${host}`, "persistent"),
    );
  }
  for (const role of ofType(graph, T.role)) {
    const roleId = b.node(
      idOf("p", "role", role),
      `IAM role<br/>${displayName(role)}`,
      "persistent",
    );
    for (const host of trustPrincipals(role).hosts) {
      const provider =
        providers.get(host) ??
        b.node(`p_oidc_adopted_${slug(host)}`, `OIDC provider, adopted<br/>${host}`, "persistent");
      providers.set(host, provider);
      const issuer = KNOWN_ISSUERS[host] ?? { id: `x_${slug(host)}`, label: host };
      b.edge(
        b.node(issuer.id, issuer.label, "outside", "stadium"),
        provider,
        "OIDC token",
        "trust",
      );
      b.edge(provider, roleId, "trusts", "trust");
    }
  }
  // iam:PassRole grants, from the managed and inline policies attached to each role.
  const passed = (document: unknown) =>
    asArray(pick(document, "Statement"))
      .filter((s) => asArray(pick(s, "Action")).includes("iam:PassRole"))
      .flatMap((s) => asArray(pick(s, "Resource")))
      .map((arn) => resolve(graph, T.role, arn))
      .filter((r): r is RecordedResource => r !== undefined);
  const holdings = [
    ...ofType(graph, T.attachment).map((a) => ({
      holder: resolve(graph, T.role, a.inputs.role),
      policy: resolve(graph, T.policy, a.inputs.policyArn),
    })),
    ...ofType(graph, T.inlinePolicy).map((p) => ({
      holder: resolve(graph, T.role, p.inputs.role),
      policy: p,
    })),
  ];
  for (const { holder, policy } of holdings) {
    if (!holder || !policy) continue;
    for (const target of passed(jsonInput(policy, "policy")))
      b.edge(idOf("p", "role", holder), idOf("p", "role", target), "iam:PassRole", "trust");
  }
  for (const repo of ofType(graph, T.ecr)) {
    const details = [
      str(repo.inputs.imageTagMutability).toLowerCase(),
      pick(repo.inputs, "imageScanningConfiguration.scanOnPush") === true ? "scan on push" : "",
    ].filter(Boolean);
    b.node(
      idOf("p", "ecr", repo),
      `ECR ${displayName(repo)}<br/>${details.join(", ")}`,
      "persistent",
      "cylinder",
    );
  }
  for (const zone of ofType(graph, T.zone))
    b.node(idOf("p", "zone", zone), `Route 53 zone<br/>${str(zone.inputs.name)}`, "persistent");
  for (const cert of ofType(graph, T.cert))
    b.node(
      idOf("p", "cert", cert),
      `ACM certificate<br/>${str(cert.inputs.domainName)}`,
      "persistent",
    );
  for (const topic of ofType(graph, T.topic))
    b.node(idOf("p", "topic", topic), `SNS topic<br/>${displayName(topic)}`, "persistent");
  for (const logGroup of ofType(graph, T.logGroup))
    b.node(
      idOf("p", "logs", logGroup),
      `Log group<br/>${displayName(logGroup)}<br/>${numeric(logGroup.inputs.retentionInDays, 0)} days, outlives teardown`,
      "persistent",
    );
  for (const bucket of ofType(graph, T.bucket))
    b.node(
      idOf("p", "bucket", bucket),
      `S3 log bucket<br/>${str(bucket.inputs.bucket) || bucket.name}`,
      "persistent",
      "cylinder",
    );
  const parameters = ofType(graph, T.parameter);
  if (parameters.length > 0)
    b.node(
      SECRETS,
      `SSM SecureString ×${parameters.length}<br/>Gatus credentials, project key`,
      "persistent",
      "cylinder",
    );
  for (const identity of ofType(graph, T.emailIdentity))
    b.node(SES, `SES identity<br/>${str(identity.inputs.emailIdentity)}, DKIM`, "persistent");
  const [accessPoint] = ofType(graph, T.accessPoint);
  for (const fileSystem of ofType(graph, T.fileSystem)) {
    const user = accessPoint
      ? `, access point as ${numeric(pick(accessPoint.inputs, "posixUser.uid"), -1)}:${numeric(pick(accessPoint.inputs, "posixUser.gid"), -1)}`
      : "";
    b.node(
      HISTORY,
      `EFS Gatus history (SQLite)<br/>${fileSystem.inputs.encrypted === true ? "encrypted, project key" : "UNENCRYPTED"}${user}`,
      "persistent",
      "cylinder",
    );
  }
}

/**
 * The audit trails: who writes to the persistent log bucket (the ALB's access logs, the VPC's
 * flow log, WAF's logs), matched by the bucket name or ARN the contract carries; and the VPC's
 * default security group, closed.
 */
function auditTrails(b: Builder, graph: Graph, persistent: Graph, inVpc: Layer): void {
  const [bucket] = ofType(persistent, T.bucket);
  const bucketId = bucket ? idOf("p", "bucket", bucket) : undefined;
  const { logBucketName, logBucketArn } = persistent.outputs;
  const isTheBucket = (value: unknown) =>
    typeof value === "string" &&
    value !== "" &&
    (value === logBucketName ||
      value === logBucketArn ||
      value.startsWith(`${String(logBucketArn)}/`));
  for (const alb of ofType(graph, T.alb)) {
    if (
      pick(alb.inputs, "accessLogs.enabled") === true &&
      isTheBucket(pick(alb.inputs, "accessLogs.bucket"))
    )
      b.edge(idOf("e", "alb", alb), bucketId, "access logs", "traffic");
  }
  for (const flowLog of ofType(graph, T.flowLog)) {
    const id = b.node(
      idOf("e", "flowlog", flowLog),
      `VPC flow log<br/>${str(flowLog.inputs.trafficType)} traffic`,
      inVpc,
    );
    if (isTheBucket(flowLog.inputs.logDestination)) b.edge(id, bucketId, "flow logs", "traffic");
  }
  for (const sg of ofType(graph, T.defaultSg)) {
    const rules = asArray(sg.inputs.ingress).length + asArray(sg.inputs.egress).length;
    b.node(
      idOf("e", "defaultsg", sg),
      `Default SG<br/>${rules === 0 ? "no rules" : `${rules} rules`}`,
      inVpc,
    );
  }
  for (const logging of ofType(graph, T.wafLogging)) {
    const acl = resolve(graph, T.waf, logging.inputs.resourceArn);
    const redacted = asArray(logging.inputs.redactedFields)
      .map((f) => str(pick(f, "singleHeader.name")))
      .filter(Boolean);
    if (acl && asArray(logging.inputs.logDestinationConfigs).some(isTheBucket))
      b.edge(
        idOf("e", "waf", acl),
        bucketId,
        `WAF logs${redacted.length > 0 ? `, ${redacted.join(" and ")} redacted` : ""}`,
        "traffic",
      );
  }
}

const portsOf = (rule: RecordedResource) => {
  const from = numeric(rule.inputs.fromPort, -1);
  const to = numeric(rule.inputs.toPort, from);
  const protocol = str(rule.inputs.ipProtocol) || "tcp";
  return `${protocol} ${from === to ? from : `${from}-${to}`}`;
};

/** "tcp 443, udp 53": the ports of a group's rules of one direction. */
function ruleSummary(graph: Graph, sg: RecordedResource, type: string, internetOnly: boolean) {
  const rules = ofType(graph, type).filter(
    (rule) =>
      resolve(graph, T.sg, rule.inputs.securityGroupId) === sg &&
      (!internetOnly || rule.inputs.cidrIpv4 !== undefined || rule.inputs.cidrIpv6 !== undefined),
  );
  return rules.map((rule) => {
    const peer = resolve(graph, T.sg, rule.inputs.referencedSecurityGroupId);
    const source = peer
      ? `SG ${displayName(peer)}`
      : str(rule.inputs.cidrIpv4 ?? rule.inputs.cidrIpv6);
    return { ports: portsOf(rule), source };
  });
}

function ephemeralLayer(b: Builder, graph: Graph, persistent: Graph): void {
  const [vpc] = ofType(graph, T.vpc);
  const inVpc: Layer = vpc ? "vpc" : "ephemeral";
  const zones = numeric(vpc?.inputs.numberOfAvailabilityZones, 3);
  const strategy = str(pick(vpc?.inputs, "natGateways.strategy")) || "OnePerAz";
  const natCount = !vpc || strategy === "None" ? 0 : strategy === "Single" ? 1 : zones;
  const nat =
    natCount > 0
      ? b.node("e_nat", `NAT gateway ×${natCount}<br/>with EIP, public subnet`, inVpc)
      : undefined;

  for (const sg of ofType(graph, T.sg)) {
    const ingress = ruleSummary(graph, sg, T.ingress, false).map(
      (r) => `${r.ports} from ${r.source}`,
    );
    b.node(
      idOf("e", "sg", sg),
      `SG ${displayName(sg)}<br/>in: ${ingress.sort().join(", ") || "nothing"}`,
      inVpc,
    );
  }
  const listeners = ofType(graph, T.listener);
  for (const alb of ofType(graph, T.alb)) {
    const own = listeners
      .filter((l) => resolve(graph, T.alb, l.inputs.loadBalancerArn) === alb)
      .map((l) => {
        const redirect = asArray(l.inputs.defaultActions).some(
          (a) => pick(a, "type") === "redirect",
        );
        return `${str(l.inputs.protocol)} :${numeric(l.inputs.port, 0)}${redirect ? " → 301" : ""}`;
      })
      .sort();
    const albId = b.node(
      idOf("e", "alb", alb),
      `ALB ${displayName(alb)}<br/>${own.join(", ")}`,
      inVpc,
    );
    for (const sgId of asArray(alb.inputs.securityGroups)) {
      const sg = resolve(graph, T.sg, sgId);
      if (sg) b.edge(idOf("e", "sg", sg), albId, "guards", "trust");
    }
    // The certificate the HTTPS listener serves is the persistent stack's (through the contract).
    const [cert] = ofType(persistent, T.cert);
    const servesIt = listeners.some(
      (l) =>
        resolve(graph, T.alb, l.inputs.loadBalancerArn) === alb &&
        l.inputs.certificateArn !== undefined &&
        l.inputs.certificateArn === persistent.outputs.certificateArn,
    );
    if (cert && servesIt) b.edge(idOf("p", "cert", cert), albId, "TLS certificate", "trust");
  }
  // ALB → target group: every forward action of a listener or listener rule. A rule names its
  // listener by an ARN that carries no ALB name, so forwards attach to every ALB with listeners
  // (the program has one).
  const albsWithListeners = listeners
    .map((l) => resolve(graph, T.alb, l.inputs.loadBalancerArn))
    .filter((r): r is RecordedResource => r !== undefined);
  for (const forwarder of [...listeners, ...ofType(graph, T.listenerRule)]) {
    const actions = asArray(forwarder.inputs.defaultActions ?? forwarder.inputs.actions);
    const hosts = asArray(forwarder.inputs.conditions).flatMap((c) =>
      asArray(pick(c, "hostHeader.values")).map(str),
    );
    for (const action of actions.filter((a) => pick(a, "type") === "forward")) {
      const tg = resolve(graph, T.tg, pick(action, "targetGroupArn"));
      for (const alb of albsWithListeners)
        if (tg)
          b.edge(
            idOf("e", "alb", alb),
            idOf("e", "tg", tg),
            hosts.length > 0 ? `host ${hosts.join(", ")}` : "forward",
            "traffic",
          );
    }
  }
  for (const tg of ofType(graph, T.tg)) {
    b.node(
      idOf("e", "tg", tg),
      `Target group ${displayName(tg)}<br/>${str(tg.inputs.protocol)} :${numeric(tg.inputs.port, 0)}, health ${str(pick(tg.inputs, "healthCheck.path"))}`,
      inVpc,
    );
  }

  // The internet's way in: through the WAF when one is associated with the ALB.
  const albs = ofType(graph, T.alb).filter((alb) => alb.inputs.internal !== true);
  const ports = listeners
    .map((l) => `${str(l.inputs.protocol)} :${numeric(l.inputs.port, 0)}`)
    .sort()
    .join(", ");
  b.node(INTERNET, "Internet", "outside", "circle");
  for (const alb of albs) {
    const association = ofType(graph, T.wafAssociation).find(
      (a) => resolve(graph, T.alb, a.inputs.resourceArn) === alb,
    );
    const acl = association ? resolve(graph, T.waf, association.inputs.webAclArn) : undefined;
    if (acl) {
      const wafId = b.node(
        idOf("e", "waf", acl),
        `WAF web ACL ${displayName(acl)}<br/>${asArray(acl.inputs.rules).length} rules`,
        "ephemeral",
      );
      b.edge(INTERNET, wafId, ports, "traffic");
      b.edge(wafId, idOf("e", "alb", alb), "allowed requests", "traffic");
    } else {
      b.edge(INTERNET, idOf("e", "alb", alb), ports, "traffic");
    }
  }

  for (const service of ofType(graph, T.service)) {
    const taskDef = resolve(graph, T.taskDefinition, service.inputs.taskDefinition);
    const publicIp = pick(service.inputs, "networkConfiguration.assignPublicIp") === true;
    const serviceId = b.node(
      idOf("e", "svc", service),
      `ECS service ${displayName(service)}<br/>desired ${numeric(service.inputs.desiredCount, 0)}, ${pick(service.inputs, "deploymentCircuitBreaker.rollback") === true ? "circuit breaker with rollback" : "no rollback"}`,
      inVpc,
    );
    if (!taskDef) continue;
    const t = taskDef.inputs;
    const taskId = b.node(
      idOf("e", "task", taskDef),
      `Fargate task ${displayName(taskDef)}<br/>${str(t.cpu)} CPU, ${str(t.memory)} MiB, ${str(pick(t, "runtimePlatform.cpuArchitecture")) || "X86_64"}<br/>${publicIp ? "public subnet, public IP" : "private subnet"}`,
      inVpc,
    );
    b.edge(serviceId, taskId, "runs", "trust");
    for (const lb of asArray(service.inputs.loadBalancers)) {
      const tg = resolve(graph, T.tg, pick(lb, "targetGroupArn"));
      if (tg)
        b.edge(
          idOf("e", "tg", tg),
          taskId,
          `HTTP :${numeric(pick(lb, "containerPort"), 0)}`,
          "traffic",
        );
    }
    // Egress: the task group's rules towards the internet, through the NAT gateway or a public IP.
    const sgs = asArray(pick(service.inputs, "networkConfiguration.securityGroups"))
      .map((id) => resolve(graph, T.sg, id))
      .filter((r): r is RecordedResource => r !== undefined);
    for (const sg of sgs) b.edge(idOf("e", "sg", sg), taskId, "guards", "trust");
    const out = [
      ...new Set(sgs.flatMap((sg) => ruleSummary(graph, sg, T.egress, true).map((r) => r.ports))),
    ]
      .sort()
      .join(", ");
    if (publicIp) b.edge(taskId, INTERNET, `egress via public IP: ${out}`, "traffic");
    else if (nat) {
      b.edge(taskId, nat, `egress: ${out}`, "traffic");
      b.edge(nat, INTERNET, "EIP", "traffic");
    }
    // Who the task runs as, and where its image and logs come from and go.
    for (const [key, label] of [
      ["executionRoleArn", "execution role"],
      ["taskRoleArn", "task role"],
    ] as const) {
      const role = resolve(persistent, T.role, t[key]);
      if (role) b.edge(idOf("p", "role", role), taskId, label, "trust");
    }
    const container = asArray(jsonInput(taskDef, "containerDefinitions"))[0];
    const repo = resolve(persistent, T.ecr, pick(container, "image"));
    if (repo) b.edge(idOf("p", "ecr", repo), taskId, "image pull by digest", "trust");
    // The log group is persistent's (contract v2), so the logs outlive a teardown.
    const logGroup = resolve(
      persistent,
      T.logGroup,
      pick(container, "logConfiguration.options.awslogs-group"),
    );
    if (logGroup) b.edge(taskId, idOf("p", "logs", logGroup), "awslogs", "traffic");
    gatusDataEdges(b, graph, persistent, taskId, container);
  }

  // DNS: the alias record, in the persistent zone, pointing at the ALB.
  for (const record of ofType(graph, T.record)) {
    const recordId = b.node(
      idOf("e", "dns", record),
      `Route 53 ${str(record.inputs.type)} alias<br/>${str(record.inputs.name)}`,
      "ephemeral",
    );
    for (const alias of asArray(record.inputs.aliases)) {
      const alb = resolve(graph, T.alb, pick(alias, "name"));
      if (alb) b.edge(recordId, idOf("e", "alb", alb), "alias", "traffic");
    }
    if (
      record.inputs.zoneId !== undefined &&
      record.inputs.zoneId === persistent.outputs.hostedZoneId
    ) {
      const [zone] = ofType(persistent, T.zone);
      const zoneId = zone
        ? idOf("p", "zone", zone)
        : b.node("p_zone_adopted", "Route 53 zone, adopted", "persistent");
      b.edge(zoneId, recordId, "hosts", "trust");
    }
  }

  auditTrails(b, graph, persistent, inVpc);

  const alarms = ofType(graph, T.alarm);
  if (alarms.length > 0) {
    const alarmsId = b.node("e_alarms", `CloudWatch alarms ×${alarms.length}`, "ephemeral");
    const topics = new Set(
      alarms
        .flatMap((a) => [...asArray(a.inputs.alarmActions), ...asArray(a.inputs.okActions)])
        .map((arn) => resolve(persistent, T.topic, arn))
        .filter((r): r is RecordedResource => r !== undefined),
    );
    for (const topic of topics)
      b.edge(alarmsId, idOf("p", "topic", topic), "alarm and OK actions", "trust");
  }
}

/** The task's alerting secrets, alert e-mail and history mount (each only when configured). */
function gatusDataEdges(
  b: Builder,
  graph: Graph,
  persistent: Graph,
  taskId: string,
  container: unknown,
): void {
  const secrets = asArray(pick(container, "secrets"));
  if (secrets.length > 0 && ofType(persistent, T.parameter).length > 0)
    b.edge(SECRETS, taskId, `ECS secrets ×${secrets.length} (execution role)`, "trust");
  if (ofType(persistent, T.emailIdentity).length > 0)
    b.edge(taskId, SES, "alert e-mail (task role)", "traffic");
  const targets = ofType(graph, T.mountTarget);
  if (targets.length === 0) return;
  b.node(
    MOUNT_TARGETS,
    `EFS mount targets ×${targets.length}<br/>NFS from the task group only`,
    "vpc",
  );
  b.edge(taskId, MOUNT_TARGETS, "NFS 2049, TLS + IAM, access point", "traffic");
  if (ofType(persistent, T.fileSystem).length > 0)
    b.edge(MOUNT_TARGETS, HISTORY, "mounts", "traffic");
}

/** The diagram's nodes and edges, derived from the graphs. */
export function diagramModel(persistent: Graph, ephemeral: Graph): DiagramModel {
  const b = new Builder();
  persistentLayer(b, persistent);
  ephemeralLayer(b, ephemeral, persistent);
  const [vpc] = ofType(ephemeral, T.vpc);
  const version = persistent.outputs.contractVersion;
  b.edge("persistent", "ephemeral", `contract v${String(version)}, StackReference`, "contract");
  // Edges to nodes that were never drawn (a resource type the diagram leaves out) are dropped.
  const known = new Set([...b.nodes.keys(), "persistent", "ephemeral"]);
  const byKey =
    <V>(key: (v: V) => string) =>
    (a: V, c: V) =>
      key(a).localeCompare(key(c));
  return {
    title: {
      persistent: `persistent: ${persistent.project}`,
      ephemeral: `ephemeral: ${ephemeral.project}`,
      vpc: vpc
        ? `VPC ${str(vpc.inputs.cidrBlock)}, ${numeric(vpc.inputs.numberOfAvailabilityZones, 3)} AZs`
        : undefined,
    },
    nodes: [...b.nodes.values()].sort(byKey((n) => n.id)),
    edges: [...b.edges.values()]
      .filter((e) => known.has(e.from) && known.has(e.to))
      .sort(byKey((e) => `${e.from} ${e.to} ${e.label}`)),
  };
}

const quote = (label: string) => `"${label.replace(/"/g, "'")}"`;

function shape(node: DiagramNode): string {
  const l = quote(node.label);
  switch (node.shape) {
    case "round":
      return `${node.id}(${l})`;
    case "stadium":
      return `${node.id}([${l}])`;
    case "circle":
      return `${node.id}((${l}))`;
    case "cylinder":
      return `${node.id}[(${l})]`;
    default:
      return `${node.id}[${l}]`;
  }
}

const ARROWS: Record<EdgeKind, string> = { traffic: "-->", trust: "-.->", contract: "==>" };

/** Mermaid flowchart source for a model. */
export function renderMermaid(model: DiagramModel): string {
  const indent = (depth: number) => "  ".repeat(depth);
  const nodesIn = (layer: Layer, depth: number) =>
    model.nodes.filter((n) => n.layer === layer).map((n) => `${indent(depth)}${shape(n)}`);
  const vpc = model.title.vpc
    ? [`    subgraph vpc[${quote(model.title.vpc)}]`, ...nodesIn("vpc", 3), "    end"]
    : [];
  return [
    "flowchart LR",
    "  %% Generated from the synthesised graphs by tests/report/diagram.ts; do not edit by hand.",
    ...nodesIn("outside", 1),
    `  subgraph persistent[${quote(model.title.persistent)}]`,
    ...nodesIn("persistent", 2),
    "  end",
    `  subgraph ephemeral[${quote(model.title.ephemeral)}]`,
    ...vpc,
    ...nodesIn("ephemeral", 2),
    "  end",
    ...model.edges.map(
      (e) => `  ${e.from} ${ARROWS[e.kind]}${e.label ? `|${quote(e.label)}|` : ""} ${e.to}`,
    ),
  ].join("\n");
}

/** Mermaid source of the architecture, from the persistent and ephemeral graphs. */
export function architectureDiagram(persistent: Graph, ephemeral: Graph): string {
  return `${renderMermaid(diagramModel(persistent, ephemeral))}\n`;
}
