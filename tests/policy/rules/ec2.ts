import type { PolicyResource, ResourceRule, Rule } from "../types";
import { asArray, asRecord, asStrings, where, type Json } from "./util";

export const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
export const SECURITY_GROUP_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
export const SG_INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
export const SG_EGRESS_RULE = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
export const SECURITY_GROUP_TYPES = [
  SECURITY_GROUP,
  SECURITY_GROUP_RULE,
  SG_INGRESS_RULE,
  SG_EGRESS_RULE,
];

/** Security Hub EC2.19's high-risk ports (Critical severity). Gatus's 8080 is one of them. */
export const HIGH_RISK_PORTS: readonly number[] = [
  20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 3389, 4333, 5000, 5432, 5500,
  5601, 8080, 8088, 8888, 9200, 9300,
];
/** EC2.18's default authorised ports for unrestricted ingress. */
export const AUTHORISED_WORLD_PORTS: readonly number[] = [80, 443];
export const WORLD_CIDRS: readonly string[] = ["0.0.0.0/0", "::/0"];

/** One allowed flow, whatever resource type declared it. */
export interface Permission {
  direction: "ingress" | "egress";
  /** "tcp", "udp", "icmp", "icmpv6" or "all". */
  protocol: string;
  /** Inclusive port range; [0, 65535] for "all". Meaningless for ICMP. */
  fromPort: number;
  toPort: number;
  cidrs: string[];
  /** Where it was declared, for messages: "ingress[1]" or "rule". */
  at: string;
}

const PROTOCOL_NUMBERS: Record<string, string> = {
  "-1": "all",
  all: "all",
  "6": "tcp",
  "17": "udp",
  "1": "icmp",
  "58": "icmpv6",
};

function normaliseProtocol(value: unknown): string {
  // Absent or unreadable counts as "all": the conservative reading for a security rule.
  const text =
    typeof value === "string" || typeof value === "number" ? String(value).toLowerCase() : "all";
  return PROTOCOL_NUMBERS[text] ?? text;
}

function permission(
  direction: Permission["direction"],
  at: string,
  fields: Json,
  protocolKey: string,
  cidrs: string[],
): Permission {
  const protocol = normaliseProtocol(fields[protocolKey]);
  const from = typeof fields.fromPort === "number" ? fields.fromPort : undefined;
  const to = typeof fields.toPort === "number" ? fields.toPort : undefined;
  const all = protocol === "all";
  return {
    direction,
    protocol,
    fromPort: all || from === undefined || from < 0 ? 0 : from,
    toPort: all || to === undefined || to < 0 ? 65535 : to,
    cidrs,
    at,
  };
}

/** Every permission a security-group resource declares, normalised across the four types. */
export function permissionsOf(r: PolicyResource): Permission[] {
  const i = r.inputs;
  switch (r.type) {
    case SG_INGRESS_RULE:
    case SG_EGRESS_RULE:
      return [
        permission(
          r.type === SG_INGRESS_RULE ? "ingress" : "egress",
          "rule",
          i,
          "ipProtocol",
          asStrings([i.cidrIpv4, i.cidrIpv6]),
        ),
      ];
    case SECURITY_GROUP_RULE:
      return [
        permission(i.type === "egress" ? "egress" : "ingress", "rule", i, "protocol", [
          ...asStrings(i.cidrBlocks),
          ...asStrings(i.ipv6CidrBlocks),
        ]),
      ];
    case SECURITY_GROUP:
      return (["ingress", "egress"] as const).flatMap((direction) =>
        asArray(i[direction]).map((entry, n) => {
          const e = asRecord(entry);
          return permission(direction, `${direction}[${n}]`, e, "protocol", [
            ...asStrings(e.cidrBlocks),
            ...asStrings(e.ipv6CidrBlocks),
          ]);
        }),
      );
    default:
      return [];
  }
}

const fromWorld = (p: Permission) => p.cidrs.filter((c) => WORLD_CIDRS.includes(c));
const hasPorts = (p: Permission) => ["tcp", "udp", "all"].includes(p.protocol);
const covers = (p: Permission, port: number) => p.fromPort <= port && port <= p.toPort;
const ports = (p: Permission) =>
  p.protocol === "all" ? "all traffic" : `${p.protocol} ${p.fromPort}-${p.toPort}`;

/** World-open ingress permissions with ports, the shape all three ingress rules look at. */
function worldIngress(r: PolicyResource): { p: Permission; world: string[] }[] {
  return permissionsOf(r)
    .filter((p) => p.direction === "ingress" && hasPorts(p))
    .map((p) => ({ p, world: fromWorld(p) }))
    .filter(({ world }) => world.length > 0);
}

export const sgNoHighRiskPortFromWorld: ResourceRule = {
  kind: "resource",
  id: "sg-no-high-risk-port-from-world",
  control: "FSBP EC2.19 / CKV_AWS_24 / CKV_AWS_25",
  level: "mandatory",
  resourceTypes: SECURITY_GROUP_TYPES,
  description: "Security group must not open a high-risk port to the internet",
  why: "SSH, RDP, databases and admin UIs (and Gatus's own 8080) are what internet scanners look for first; they must only be reachable from known sources.",
  check: (r) =>
    worldIngress(r).flatMap(({ p, world }) => {
      const risky = HIGH_RISK_PORTS.filter((port) => covers(p, port));
      return risky.length === 0
        ? []
        : [
            `${where(r)} ${p.at} allows ${ports(p)} from ${world.join(", ")}, which includes high-risk port(s) ${risky.join(", ")}; allow them only from a security group.`,
          ];
    }),
};

export const sgUnrestrictedIngressOnlyWebPorts: ResourceRule = {
  kind: "resource",
  id: "sg-unrestricted-ingress-only-80-443",
  control: "FSBP EC2.18 / CKV_AWS_277",
  level: "mandatory",
  resourceTypes: SECURITY_GROUP_TYPES,
  description: "Security group must allow unrestricted ingress only on TCP 80 and 443",
  why: "Every other port open to the internet is attack surface that nothing in this design needs; the ALB is the only public entry point.",
  check: (r) =>
    worldIngress(r)
      .filter(
        ({ p }) =>
          !(
            p.protocol === "tcp" &&
            p.fromPort === p.toPort &&
            AUTHORISED_WORLD_PORTS.includes(p.fromPort)
          ),
      )
      .map(
        ({ p, world }) =>
          `${where(r)} ${p.at} allows ${ports(p)} from ${world.join(", ")}; only tcp 80 and 443 may be open to the internet.`,
      ),
};

export const sgNoHttpFromWorld: ResourceRule = {
  kind: "resource",
  id: "sg-no-http-from-world",
  control: "CKV_AWS_260",
  level: "mandatory",
  resourceTypes: SECURITY_GROUP_TYPES,
  description: "Security group must not open port 80 to the internet",
  why: "Port 80 carries plain-text HTTP; it is only acceptable in front of a listener that does nothing but redirect to HTTPS.",
  check: (r) =>
    worldIngress(r)
      .filter(({ p }) => p.protocol !== "udp" && covers(p, 80))
      .map(
        ({ p, world }) =>
          `${where(r)} ${p.at} allows ${ports(p)} from ${world.join(", ")}, which includes port 80.`,
      ),
};

export const sgNoAllTrafficEgressToWorld: ResourceRule = {
  kind: "resource",
  id: "sg-no-all-traffic-egress-to-world",
  control: "CKV_AWS_382",
  level: "mandatory",
  resourceTypes: SECURITY_GROUP_TYPES,
  description: "Security group must not allow all traffic out to the internet",
  why: "Unrestricted egress is the exfiltration path of a compromised task; allow only the protocols and ports Gatus's probes need.",
  check: (r) =>
    permissionsOf(r)
      .filter((p) => p.direction === "egress" && p.protocol === "all")
      .map((p) => ({ p, world: fromWorld(p) }))
      .filter(({ world }) => world.length > 0)
      .map(
        ({ p, world }) =>
          `${where(r)} ${p.at} allows all traffic to ${world.join(", ")}; list the ports the probes need (e.g. tcp 443, tcp/udp 53).`,
      ),
};

export const ec2Rules: readonly Rule[] = [
  sgNoHighRiskPortFromWorld,
  sgUnrestrictedIngressOnlyWebPorts,
  sgNoHttpFromWorld,
  sgNoAllTrafficEgressToWorld,
];
