/**
 * Audit trails: the controls that say whether an incident review will have logs to read (who
 * sent what, and what the WAF and the network did with it), and the default security group
 * that nothing should be able to use. A stack that turns a trail off carries a waiver tag with
 * the reason, which `exceptions.ts` turns into a declared exception.
 */
import type { GraphRule, PolicyResource, ResourceRule, Rule } from "../types";
import { LOAD_BALANCER_TYPES } from "./elb";
import { asArray, asRecord, refersTo, show, tagsOf, where } from "./util";

/**
 * A stack that turns a trail off tags the resource the rule judges with `gatus:waived:<rule id>`,
 * whose value is the reason it gave (ephemeral/audit-trails.ts); `exceptions.ts` reads it.
 */
export const WAIVER_TAG_PREFIX = "gatus:waived:";

/** awsx.ec2.Vpc is what the program declares (and all the mock engine records); aws.ec2.Vpc is its child. */
export const AWSX_VPC = "awsx:ec2:Vpc";
export const VPC = "aws:ec2/vpc:Vpc";
export const VPC_TYPES = [AWSX_VPC, VPC];
export const FLOW_LOG = "aws:ec2/flowLog:FlowLog";
export const DEFAULT_SECURITY_GROUP = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";
export const WEB_ACL = "aws:wafv2/webAcl:WebAcl";
export const WEB_ACL_LOGGING = "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration";

/** A VPC's id: awsx's `vpcId` output, or the aws.ec2.Vpc's own id, when known. */
function vpcIds(vpc: PolicyResource): string[] {
  return [vpc.inputs, vpc.outputs ?? {}].flatMap((bag) =>
    ["vpcId", "id"]
      .map((k) => bag[k])
      .filter((v): v is string => typeof v === "string" && v !== ""),
  );
}

/**
 * Whether `from` names this VPC in its `vpcId`: by dependency (CrossGuard), or by the VPC's id.
 * The offline graphs record inputs only, so an awsx VPC has no id there; with a single VPC in
 * the graph, any `vpcId` can only be that one.
 */
function pointsAtVpc(
  from: PolicyResource,
  vpc: PolicyResource,
  vpcs: readonly PolicyResource[],
): boolean {
  if (vpc.urn !== undefined && (from.dependencies ?? []).includes(vpc.urn)) return true;
  const value = from.inputs.vpcId;
  if (typeof value !== "string" || value === "") return false;
  const ids = vpcIds(vpc);
  return ids.length === 0 ? vpcs.length === 1 : ids.includes(value);
}

/**
 * The VPCs a rule judges: awsx components, and plain VPCs that are not an awsx component's
 * child (CrossGuard sees both; the component answers for its child).
 */
function vpcsOf(resources: readonly PolicyResource[]): PolicyResource[] {
  const components = new Set(
    resources.filter((r) => r.type === AWSX_VPC).flatMap((r) => (r.urn ? [r.urn] : [])),
  );
  return resources.filter(
    (r) => r.type === AWSX_VPC || (r.type === VPC && (!r.parent || !components.has(r.parent))),
  );
}

/** EC2.6 accepts a flow log that records rejected traffic at least (REJECT or ALL). */
const RECORDED_TRAFFIC = ["ALL", "REJECT"];

export const vpcFlowLogsEnabled: GraphRule = {
  kind: "graph",
  id: "vpc-flow-logs-enabled",
  control: "FSBP EC2.6 / CKV2_AWS_11",
  level: "mandatory",
  resourceTypes: [...VPC_TYPES, FLOW_LOG],
  description: "VPC must have a flow log that records rejected traffic",
  why: "Without flow logs nobody can tell after the fact which addresses reached the load balancer or what the tasks connected to; an incident review has no network record.",
  checkGraph(resources) {
    const flowLogs = resources.filter((r) => r.type === FLOW_LOG);
    const vpcs = vpcsOf(resources);
    return vpcs.flatMap((vpc) => {
      const own = flowLogs.filter((l) => pointsAtVpc(l, vpc, vpcs));
      if (own.some((l) => RECORDED_TRAFFIC.includes(String(l.inputs.trafficType)))) return [];
      const found =
        own.length === 0
          ? "has no aws.ec2.FlowLog whose vpcId is this VPC"
          : `has flow logs with trafficType ${own.map((l) => show(l.inputs.trafficType)).join(", ")}`;
      return [
        {
          resource: vpc,
          message: `${where(vpc)} ${found}; add a flow log with trafficType "ALL" (or "REJECT").`,
        },
      ];
    });
  },
};

const hasRules = (r: PolicyResource) =>
  asArray(r.inputs.ingress).length > 0 || asArray(r.inputs.egress).length > 0;

export const vpcDefaultSecurityGroupClosed: GraphRule = {
  kind: "graph",
  id: "vpc-default-security-group-closed",
  control: "FSBP EC2.2 / CKV2_AWS_12",
  level: "mandatory",
  resourceTypes: [...VPC_TYPES, DEFAULT_SECURITY_GROUP],
  description: "VPC default security group must allow no traffic in or out",
  why: "AWS creates every VPC's default security group with all traffic allowed between its members and out to anywhere; anything launched without a group lands in it.",
  checkGraph(resources) {
    const defaults = resources.filter((r) => r.type === DEFAULT_SECURITY_GROUP);
    const open = defaults.filter(hasRules).map((sg) => ({
      resource: sg,
      message: `${where(sg)} declares ingress ${show(sg.inputs.ingress)} and egress ${show(sg.inputs.egress)}; leave both empty.`,
    }));
    const vpcs = vpcsOf(resources);
    const unmanaged = vpcs
      .filter((vpc) => !defaults.some((sg) => pointsAtVpc(sg, vpc, vpcs)))
      .map((vpc) => ({
        resource: vpc,
        message: `${where(vpc)} keeps AWS's default rules on its default security group; adopt it with an aws.ec2.DefaultSecurityGroup (vpcId of this VPC) without ingress or egress.`,
      }));
    return [...open, ...unmanaged];
  },
};

export const elbAccessLogsEnabled: ResourceRule = {
  kind: "resource",
  id: "elb-alb-access-logs-enabled",
  control: "FSBP ELB.5 / CKV_AWS_91",
  level: "mandatory",
  resourceTypes: LOAD_BALANCER_TYPES,
  description: "Application load balancer must write access logs to S3",
  why: "Access logs are the only record of each request (client, path, status, latency, WAF verdict); without them a flood or a probe leaves no trace beyond metrics.",
  check(r) {
    const type = r.inputs.loadBalancerType;
    if (type !== undefined && type !== "application") return [];
    const logs = asRecord(r.inputs.accessLogs);
    return logs.enabled === true && typeof logs.bucket === "string" && logs.bucket !== ""
      ? []
      : [
          `${where(r)} has accessLogs ${show(r.inputs.accessLogs)}; set { enabled: true, bucket: <log bucket> }.`,
        ];
  },
};

/** The name inside a web ACL ARN: arn:aws:wafv2:…:regional/webacl/<name>/<id>. */
export function webAclNameFromArn(arn: unknown): string | undefined {
  return typeof arn === "string"
    ? /:(?:regional|global)\/webacl\/([^/]+)\//.exec(arn)?.[1]
    : undefined;
}

/** Whether a logging configuration is this web ACL's: by dependency, ARN, or the name in the ARN. */
function logsWebAcl(config: PolicyResource, acl: PolicyResource): boolean {
  if (refersTo(config, acl, (c) => c.inputs.resourceArn)) return true;
  const name = webAclNameFromArn(config.inputs.resourceArn);
  return name !== undefined && (acl.inputs.name === name || (acl.outputs ?? {}).name === name);
}

export const wafWebAclLogging: GraphRule = {
  kind: "graph",
  id: "waf-web-acl-logging-enabled",
  control: "FSBP WAF.11 / CKV2_AWS_31",
  level: "mandatory",
  resourceTypes: [WEB_ACL, WEB_ACL_LOGGING],
  description: "WAF web ACL must have logging enabled",
  why: "Metrics say how many requests a rule blocked, not which ones; without logs a user blocked by mistake, or an attack that got through, cannot be explained.",
  checkGraph(resources) {
    const configs = resources.filter((r) => r.type === WEB_ACL_LOGGING);
    return resources
      .filter((r) => r.type === WEB_ACL)
      .filter((acl) => !configs.some((c) => logsWebAcl(c, acl)))
      .map((acl) => ({
        resource: acl,
        message: `${where(acl)} has no aws.wafv2.WebAclLoggingConfiguration whose resourceArn is this web ACL's ARN; log it to a destination named aws-waf-logs-*.`,
      }));
  },
};

/** The reason a resource's waiver tag gives for this rule, if it carries one. */
export function waiverOf(r: PolicyResource, ruleId: string): string | undefined {
  const reason = tagsOf(r)[`${WAIVER_TAG_PREFIX}${ruleId}`];
  return reason !== undefined && reason.trim() !== "" ? reason.trim() : undefined;
}

export const trailRules: readonly Rule[] = [
  vpcFlowLogsEnabled,
  vpcDefaultSecurityGroupClosed,
  elbAccessLogsEnabled,
  wafWebAclLogging,
];
