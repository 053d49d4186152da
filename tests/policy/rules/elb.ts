import type { GraphRule, PolicyResource, ResourceRule, Rule } from "../types";
import { asArray, asRecord, refersTo, show, where } from "./util";

// aws.alb.* are aliases of aws.lb.* with their own type tokens; a program may use either.
export const LB_LISTENER_TYPES = ["aws:lb/listener:Listener", "aws:alb/listener:Listener"];
export const LOAD_BALANCER_TYPES = [
  "aws:lb/loadBalancer:LoadBalancer",
  "aws:alb/loadBalancer:LoadBalancer",
];
export const WAF_ASSOCIATION = "aws:wafv2/webAclAssociation:WebAclAssociation";

/**
 * The policies Security Hub ELB.17 accepts (its list cannot be customised). The plain
 * ELBSecurityPolicy-TLS13-1-2-2021-06, although AWS's console default for years, is not on it.
 */
export const ALLOWED_TLS_POLICIES: readonly string[] = [
  "ELBSecurityPolicy-TLS13-1-3-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
  "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
];

/** A listener's protocol; ALB listeners default to HTTP when none is given. */
function protocolOf(r: PolicyResource): string {
  const protocol = r.inputs.protocol;
  return typeof protocol === "string" ? protocol.toUpperCase() : "HTTP";
}

/** Whether every default action of a listener is a redirect to HTTPS. */
export function onlyRedirectsToHttps(r: PolicyResource): boolean {
  const actions = asArray(r.inputs.defaultActions).map(asRecord);
  return (
    actions.length > 0 &&
    actions.every((a) => {
      const redirect = asRecord(a.redirect);
      return (
        a.type === "redirect" &&
        typeof redirect.protocol === "string" &&
        redirect.protocol.toUpperCase() === "HTTPS"
      );
    })
  );
}

/** The name inside an ALB ARN: arn:aws:elasticloadbalancing:…:loadbalancer/app/<name>/<id>. */
export function albNameFromArn(arn: unknown): string | undefined {
  return typeof arn === "string" ? /:loadbalancer\/app\/([^/]+)\//.exec(arn)?.[1] : undefined;
}

/** Whether a WAF association points at this ALB: by dependency, ARN/id, or the name in the ARN. */
function associates(association: PolicyResource, alb: PolicyResource): boolean {
  if (refersTo(association, alb, (a) => a.inputs.resourceArn)) return true;
  const name = albNameFromArn(association.inputs.resourceArn);
  return name !== undefined && (alb.inputs.name === name || (alb.outputs ?? {}).name === name);
}

function isApplicationLoadBalancer(r: PolicyResource): boolean {
  const type = r.inputs.loadBalancerType;
  return type === undefined || type === "application";
}

export const elbTlsPolicy: ResourceRule = {
  kind: "resource",
  id: "elb-https-listener-tls-policy",
  control: "FSBP ELB.17 / CKV_AWS_103",
  level: "mandatory",
  resourceTypes: LB_LISTENER_TYPES,
  description: "HTTPS listener must use a TLS 1.3 security policy that ELB.17 accepts",
  why: "Older policies still negotiate TLS 1.0/1.1 and weak ciphers, which browsers dropped years ago and only attackers still use.",
  check(r) {
    const protocol = protocolOf(r);
    if (protocol !== "HTTPS" && protocol !== "TLS") return [];
    const policy = r.inputs.sslPolicy;
    return typeof policy === "string" && ALLOWED_TLS_POLICIES.includes(policy)
      ? []
      : [
          `${where(r)} (${protocol}) has sslPolicy ${show(policy)}; use "ELBSecurityPolicy-TLS13-1-2-Res-2021-06" or another ELB.17 policy.`,
        ];
  },
};

export const elbHttpRedirects: ResourceRule = {
  kind: "resource",
  id: "elb-http-listener-redirects-to-https",
  control: "FSBP ELB.1 / CKV_AWS_2 / CKV2_AWS_20",
  level: "mandatory",
  resourceTypes: LB_LISTENER_TYPES,
  description: "HTTP listener must only redirect to HTTPS",
  why: "An HTTP listener that forwards serves the site in clear text, where credentials and content can be read or altered in transit.",
  check(r) {
    if (protocolOf(r) !== "HTTP") return [];
    return onlyRedirectsToHttps(r)
      ? []
      : [
          `${where(r)} is HTTP with defaultActions ${show(r.inputs.defaultActions)}; its only action must be { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }.`,
        ];
  },
};

export const elbListenerHttps: ResourceRule = {
  kind: "resource",
  id: "elb-listener-uses-https",
  control: "FSBP ELB.18 / CKV_AWS_378",
  level: "mandatory",
  resourceTypes: LB_LISTENER_TYPES,
  description: "Load balancer listener must use HTTPS (or TLS)",
  why: "Any plain-text listener is a place where traffic is unencrypted; ELB.18 flags even a redirect-only one.",
  check(r) {
    const protocol = protocolOf(r);
    return protocol === "HTTPS" || protocol === "TLS"
      ? []
      : [`${where(r)} listens with protocol ${protocol} on port ${show(r.inputs.port)}.`];
  },
};

export const elbDropInvalidHeaders: ResourceRule = {
  kind: "resource",
  id: "elb-alb-drop-invalid-headers",
  control: "FSBP ELB.4 / CKV_AWS_131",
  level: "mandatory",
  resourceTypes: LOAD_BALANCER_TYPES,
  description: "Application load balancer must drop invalid HTTP header fields",
  why: "Headers that are not valid HTTP are a request-smuggling and desync vector towards the targets.",
  check(r) {
    if (!isApplicationLoadBalancer(r)) return [];
    return r.inputs.dropInvalidHeaderFields === true
      ? []
      : [
          `${where(r)} has dropInvalidHeaderFields ${show(r.inputs.dropInvalidHeaderFields)}; set it to true.`,
        ];
  },
};

export const elbWafAssociated: GraphRule = {
  kind: "graph",
  id: "elb-alb-waf-associated",
  control: "ELB.16 / CKV2_AWS_28",
  level: "mandatory",
  resourceTypes: [...LOAD_BALANCER_TYPES, WAF_ASSOCIATION],
  description: "Application load balancer must be associated with a WAFv2 web ACL",
  why: "Without the web ACL there is no rate limiting and no managed rules in front of Gatus; the ALB takes every request the internet sends.",
  checkGraph(resources) {
    const associations = resources.filter((r) => r.type === WAF_ASSOCIATION);
    return resources
      .filter((r) => LOAD_BALANCER_TYPES.includes(r.type) && isApplicationLoadBalancer(r))
      .filter((alb) => !associations.some((a) => associates(a, alb)))
      .map((alb) => ({
        resource: alb,
        message: `${where(alb)} has no aws.wafv2.WebAclAssociation whose resourceArn is this load balancer's ARN; associate the stack's web ACL.`,
      }));
  },
};

export const elbRules: readonly Rule[] = [
  elbTlsPolicy,
  elbHttpRedirects,
  elbListenerHttps,
  elbDropInvalidHeaders,
  elbWafAssociated,
];
