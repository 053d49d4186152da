/**
 * Turns the rules into CrossGuard policies, without constructing a PolicyPack (which starts a
 * gRPC server and reads package.json), so tests can import and call them directly.
 *
 * - A resource rule becomes a ResourceValidationPolicy. The engine calls it with the resource's
 *   inputs (`args.props`), which are exactly what the rules read offline.
 * - A graph rule becomes a StackValidationPolicy. The engine calls it once with every resource;
 *   violations are reported against the offending resource's URN.
 * - Exceptions are honoured exactly as `evaluate` honours them (`exceptionFor`).
 *
 * Values that are unknown during preview throw from the engine's proxy when a rule reads them;
 * the engine reports that as an advisory "can't run during preview" and checks again at `up`.
 * So nothing here catches errors.
 */
import type {
  PolicyResource as EngineResource,
  Policies,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";
import { exceptionFor, exceptions as declaredExceptions } from "../exceptions";
import { rules as allRules } from "../rules/all";
import type { GraphRule, PolicyException, PolicyResource, ResourceRule, Rule } from "../types";

/** What the policy's description shows next to every violation: the invariant, control, why. */
export function policyDescription(rule: Rule): string {
  return `${rule.description} [${rule.control}]. Why: ${rule.why}`;
}

/** A stack-policy resource as the rules see it; dependencies become URNs. */
export function fromEngineResource(r: EngineResource): PolicyResource {
  const dependencies = new Set<string>(r.dependencies.map((d) => d.urn));
  for (const deps of Object.values(r.propertyDependencies)) {
    for (const d of deps) dependencies.add(d.urn);
  }
  return {
    type: r.type,
    name: r.name,
    urn: r.urn,
    inputs: r.props,
    outputs: r.props,
    dependencies: [...dependencies],
    ...(r.parent ? { parent: r.parent.urn } : {}),
  };
}

function resourcePolicy(
  rule: ResourceRule,
  exceptions: readonly PolicyException[],
): ResourceValidationPolicy {
  return {
    name: rule.id,
    description: policyDescription(rule),
    enforcementLevel: rule.level,
    tags: rule.control.split(" / "),
    validateResource: (args, reportViolation) => {
      if (!rule.resourceTypes.includes(args.type)) return;
      const resource: PolicyResource = {
        type: args.type,
        name: args.name,
        urn: args.urn,
        inputs: args.props,
      };
      const messages = rule.check(resource);
      if (messages.length === 0 || exceptionFor(rule.id, resource, exceptions)) return;
      for (const message of messages) reportViolation(message);
    },
  };
}

function stackPolicy(
  rule: GraphRule,
  exceptions: readonly PolicyException[],
): StackValidationPolicy {
  return {
    name: rule.id,
    description: policyDescription(rule),
    enforcementLevel: rule.level,
    tags: rule.control.split(" / "),
    validateStack: (args, reportViolation) => {
      const resources = args.resources.map(fromEngineResource);
      for (const { resource, message } of rule.checkGraph(resources)) {
        if (!exceptionFor(rule.id, resource, exceptions)) reportViolation(message, resource.urn);
      }
    },
  };
}

/** One CrossGuard policy per rule, named by the rule id, at the rule's enforcement level. */
export function buildPolicies(
  rules: readonly Rule[] = allRules,
  exceptions: readonly PolicyException[] = declaredExceptions,
): Policies {
  return rules.map((rule) =>
    rule.kind === "graph" ? stackPolicy(rule, exceptions) : resourcePolicy(rule, exceptions),
  );
}
