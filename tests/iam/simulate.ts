/**
 * One request, simulated the way IAM evaluates it, with @cloud-copilot/iam-simulate's engine:
 * the caller's identity policies, plus the resource's policy when it has one (a KMS key's policy
 * must let IAM policies apply at all). The request is checked against AWS's IAM reference first,
 * and the condition context holds only the keys AWS evaluates for that action and resource type.
 */
import { actionMatchesPattern } from "@cloud-copilot/iam-expand";
import {
  runSimulation,
  runUnsafeSimulation,
  type EvaluationResult,
  type Simulation,
} from "@cloud-copilot/iam-simulate";
import type { ProviderCall } from "./calls/types";
import { asList, type PolicyDocument } from "./policy-checks";
import { actionFacts, conditionKeyApplies, typesMatching, type ActionFacts } from "./reference";

/** Allowed, ImplicitlyDenied or ExplicitlyDenied. */
export type Decision = EvaluationResult;

/** Who makes the request: an IAM role with its policies, or an AWS service. */
export interface Caller {
  /** The role ARN, or a service principal (cloudwatch.amazonaws.com). */
  principal: string;
  policies: readonly PolicyDocument[];
}

/** The condition context of a call: its tags, the resource's tags, service keys. */
export function contextOf(call: ProviderCall): Record<string, string | string[]> {
  const context: Record<string, string | string[]> = { ...call.keys };
  for (const [key, value] of Object.entries(call.requestTags ?? {}))
    context[`aws:RequestTag/${key}`] = value;
  if (call.requestTags) context["aws:TagKeys"] = Object.keys(call.requestTags);
  for (const [key, value] of Object.entries(call.resourceTags ?? {}))
    context[`aws:ResourceTag/${key}`] = value;
  return context;
}

/** The resource types a call reaches; throws when AWS would not authorise it on that resource. */
function typesReached(facts: ActionFacts, resource: string) {
  if (resource === "*") {
    if (!facts.wildcardOnly) {
      throw new Error(`${facts.action} is authorised on resources, not "*": simulate it on an ARN`);
    }
    return [];
  }
  const types = typesMatching(facts, resource);
  if (facts.wildcardOnly || types.length === 0) {
    throw new Error(`${facts.action} is not authorised on ${resource} (IAM reference)`);
  }
  return types;
}

/**
 * The caller's statements that name the action. The emitted identity policies only allow (a
 * test asserts it), so statements for other actions cannot change the decision; leaving them
 * out makes a simulation many times faster.
 */
function statementsFor(caller: Caller, action: string) {
  return caller.policies
    .map((policy) => ({
      ...policy,
      Statement: policy.Statement.filter((s) =>
        asList(s.Action).some((pattern) => actionMatchesPattern(action, pattern)),
      ),
    }))
    .filter((policy) => policy.Statement.length > 0);
}

/** IAM's decision on one call; throws when the request itself is invalid (a test bug). */
export async function decide(
  caller: Caller,
  call: ProviderCall,
  options: { accountId: string; resourcePolicy?: PolicyDocument | undefined },
): Promise<Decision> {
  const facts = await actionFacts(call.action);
  if (!facts) throw new Error(`${call.action} is not an action in AWS's IAM reference`);
  const types = typesReached(facts, call.resource);
  const context = Object.fromEntries(
    Object.entries(contextOf(call)).filter(([key]) => conditionKeyApplies(facts, types, key)),
  );
  const statements = statementsFor(caller, facts.action);
  // Nothing names the action and no resource policy could grant it: IAM denies, nothing to run.
  if (statements.length === 0 && options.resourcePolicy === undefined) return "ImplicitlyDenied";
  const simulation: Simulation = {
    request: {
      principal: caller.principal,
      action: facts.action,
      resource: { resource: call.resource, accountId: options.accountId },
      contextVariables: context,
    },
    identityPolicies: statements.map((policy, i) => ({
      name: `policy-${i + 1}`,
      policy,
    })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
  };
  // The fast entry point takes the request as given; only the validated one evaluates resource
  // policies (with KMS's rule that the key policy must let IAM policies apply) and knows that a
  // "*"-only action matches nothing but Resource "*".
  if (options.resourcePolicy === undefined && !facts.wildcardOnly) {
    return runUnsafeSimulation(simulation, {});
  }
  const result = await runSimulation(
    {
      ...simulation,
      ...(options.resourcePolicy ? { resourcePolicy: options.resourcePolicy } : {}),
    },
    {},
  );
  if (result.resultType === "error") {
    throw new Error(
      `cannot simulate ${call.action} on ${call.resource}: ${JSON.stringify(result.errors)}`,
    );
  }
  return result.overallResult;
}
