/**
 * Deliberate exceptions to the rules, each with its reason, and `evaluate`, which runs every
 * rule over a resource graph and sorts the findings into mandatory, advisory and excepted.
 * The CrossGuard pack honours the same exceptions through `exceptionFor`.
 *
 * Keep each `match` as narrow as the reason: an exception names the resource it is for (by
 * logical name) AND the exact shape that makes it acceptable, so the same violation anywhere
 * else is still reported.
 */
import { containerInsightsSetting, ECS_CLUSTER } from "./rules/ecs";
import { LB_LISTENER_TYPES, onlyRedirectsToHttps } from "./rules/elb";
import { permissionsOf, SECURITY_GROUP_TYPES, WORLD_CIDRS } from "./rules/ec2";
import { rules as allRules } from "./rules/all";
import { trailRules, waiverOf } from "./rules/trails";
import type {
  Finding,
  GraphViolation,
  PolicyException,
  PolicyReport,
  PolicyResource,
  Rule,
} from "./types";

/**
 * Whether a logical name marks the load balancer's own resources: a word "alb", "lb" or
 * "loadbalancer" in it ("alb", "gatus-alb-sg", "albHttpIngress", "load-balancer-http").
 * The ephemeral program names the ALB security group and its rules this way; the task
 * security group must never carry such a name.
 */
export function isLoadBalancerName(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  return (
    words.includes("alb") ||
    words.includes("lb") ||
    words.includes("loadbalancer") ||
    words.some((w, i) => w === "load" && words[i + 1] === "balancer")
  );
}

/** Every internet-open ingress that includes port 80 is exactly TCP 80 (and there is one). */
function opensExactlyHttpToWorld(resource: PolicyResource): boolean {
  const http = permissionsOf(resource).filter(
    (p) =>
      p.direction === "ingress" &&
      p.cidrs.some((c) => WORLD_CIDRS.includes(c)) &&
      p.protocol !== "udp" &&
      p.fromPort <= 80 &&
      80 <= p.toPort,
  );
  return (
    http.length > 0 &&
    http.every((p) => p.protocol === "tcp" && p.fromPort === 80 && p.toPort === 80)
  );
}

const isRedirectOnlyHttpListener = (r: PolicyResource) => {
  const protocol = typeof r.inputs.protocol === "string" ? r.inputs.protocol : "HTTP";
  return protocol.toUpperCase() === "HTTP" && onlyRedirectsToHttps(r);
};

export const exceptions: readonly PolicyException[] = [
  ...SECURITY_GROUP_TYPES.map((resourceType): PolicyException => ({
    ruleId: "sg-no-http-from-world",
    resourceType,
    match: (r) => isLoadBalancerName(r.name) && opensExactlyHttpToWorld(r),
    reason:
      "The ALB security group accepts TCP 80 from anywhere only to feed the HTTP listener, whose single action is a 301 redirect to HTTPS; without it, users typing http:// get a timeout instead of the site.",
  })),
  ...LB_LISTENER_TYPES.map((resourceType): PolicyException => ({
    ruleId: "elb-listener-uses-https",
    resourceType,
    match: isRedirectOnlyHttpListener,
    reason:
      "The HTTP:80 listener serves nothing: every request gets a 301 to HTTPS (ELB.1 compliant). ELB.18 flags any non-HTTPS listener; dropping it would only turn http:// links into timeouts.",
  })),
  {
    // The program's own cluster, with the setting written out as disabled: the config choice,
    // not an unset setting that follows whatever the account's default is.
    ruleId: "ecs-cluster-container-insights",
    resourceType: ECS_CLUSTER,
    match: (r) => r.name === "gatus" && containerInsightsSetting(r) === "disabled",
    reason:
      "Config containerInsights is false (the default): Container Insights bills its metrics as custom metrics (the cost levers in synth/report.md say how much) and nothing else needs them, because the no-running-task alarm counts tasks from the free AWS/ECS CPUUtilization samples. To pass ECS.12: pulumi config set containerInsights true.",
  },
  // An audit trail the stack's config turned off: the resource carries the reason it was given.
  ...trailRules.flatMap((rule) =>
    rule.resourceTypes.map((resourceType): PolicyException => ({
      ruleId: rule.id,
      resourceType,
      match: (r) => waiverOf(r, rule.id) !== undefined,
      reason:
        "The stack's config turned this audit trail off (auditTrailsOff in the ephemeral config), with the reason given here",
      givenReason: (r) => waiverOf(r, rule.id),
    })),
  ),
];

/** An exception's reason for one resource: the declared one, and the stack's own if it gives one. */
export function reasonFor(exception: PolicyException, resource: PolicyResource): string {
  const given = exception.givenReason?.(resource);
  return given === undefined ? exception.reason : `${exception.reason}: "${given}".`;
}

/** The exception covering this rule on this resource, if any. */
export function exceptionFor(
  ruleId: string,
  resource: PolicyResource,
  declared: readonly PolicyException[] = exceptions,
): PolicyException | undefined {
  return declared.find(
    (e) => e.ruleId === ruleId && e.resourceType === resource.type && e.match(resource),
  );
}

/** What a rule finds in a graph, before exceptions: per resource, or over the whole graph. */
export function violationsOf(rule: Rule, resources: readonly PolicyResource[]): GraphViolation[] {
  if (rule.kind === "graph") return rule.checkGraph(resources);
  return resources
    .filter((r) => rule.resourceTypes.includes(r.type))
    .flatMap((resource) => rule.check(resource).map((message) => ({ resource, message })));
}

export interface EvaluateOptions {
  rules?: readonly Rule[];
  exceptions?: readonly PolicyException[];
}

/** Runs every rule over a resource graph (one program's) and sorts what they find. */
export function evaluate(
  resources: readonly PolicyResource[],
  options: EvaluateOptions = {},
): PolicyReport {
  const report: PolicyReport = { mandatory: [], advisory: [], excepted: [] };
  for (const rule of options.rules ?? allRules) {
    for (const { resource, message } of violationsOf(rule, resources)) {
      const finding: Finding = {
        ruleId: rule.id,
        control: rule.control,
        level: rule.level,
        resourceType: resource.type,
        resourceName: resource.name,
        message,
      };
      const exception = exceptionFor(rule.id, resource, options.exceptions ?? exceptions);
      if (exception) report.excepted.push({ ...finding, reason: reasonFor(exception, resource) });
      else report[rule.level].push(finding);
    }
  }
  return report;
}
