/**
 * Every policy document checked against AWS's IAM reference: each action exists; each condition
 * key is one AWS evaluates for that action and resource; each resource ARN is one of the
 * action's resource types; actions without resource-level permissions are granted on "*" and
 * every other action is not. A grant that fails one of these never matches what it was meant
 * for (the WAF association that would have been denied) or matches more than it says.
 */
import {
  actionFacts,
  conditionKeyApplies,
  expandActions,
  typesMatching,
  type ActionFacts,
  type ActionResourceType,
} from "./reference";

/** One statement of a policy document, as IAM accepts it. */
export interface PolicyStatement {
  Sid?: string;
  Effect: string;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Principal?: string | Record<string, string | string[]>;
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** A policy document: identity, trust, key or topic policy. */
export interface PolicyDocument {
  Version?: string;
  Statement: PolicyStatement[];
}

/**
 * `identity`: attached to a role (Resource is the scope); `trust`: a role's trust policy;
 * `resource`: a KMS key or SNS topic policy ("*" in a key policy means the key itself).
 */
export type PolicyKind = "identity" | "trust" | "resource";

/** A policy document as the persistent program emits it, and where. */
export interface EmittedPolicy {
  where: string;
  kind: PolicyKind;
  document: PolicyDocument;
}

/** A policy element that may be one string or a list, as a list. */
export const asList = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

/**
 * Whether an Allow statement names every principal (`"*"` or `{"AWS": "*"}`): in a resource
 * policy that grants every role of the account, conditions on the account notwithstanding
 * (lesson 17: the preview role could subscribe to and rewrite the alarm topic).
 */
export function grantsEveryone(statement: PolicyStatement): boolean {
  const principal = statement.Principal;
  if (statement.Effect !== "Allow" || principal === undefined) return false;
  if (principal === "*") return true;
  return typeof principal === "object" && asList(principal.AWS).includes("*");
}

/** Every problem in one policy document; [] when it passes. */
export async function policyProblems(policy: EmittedPolicy): Promise<string[]> {
  const problems: string[] = [];
  for (const [i, statement] of policy.document.Statement.entries()) {
    const where = `${policy.where} statement ${statement.Sid ?? i}`;
    problems.push(...(await statementProblems(where, policy.kind, statement)));
  }
  return problems;
}

async function statementProblems(
  where: string,
  kind: PolicyKind,
  statement: PolicyStatement,
): Promise<string[]> {
  if (statement.NotAction !== undefined || statement.NotResource !== undefined) {
    return [`${where}: NotAction/NotResource grant everything not listed; list what is granted`];
  }
  const problems: string[] = [];
  for (const pattern of asList(statement.Action)) {
    const actions = await expandActions(pattern);
    if (actions.length === 0) {
      problems.push(
        `${where}: "${pattern}" names no action in AWS's IAM reference; check the spelling`,
      );
    }
    for (const action of actions) {
      const facts = await actionFacts(action);
      if (facts) problems.push(...actionProblems(where, kind, statement, facts));
    }
  }
  return problems;
}

function actionProblems(
  where: string,
  kind: PolicyKind,
  statement: PolicyStatement,
  facts: ActionFacts,
): string[] {
  const resources = asList(statement.Resource);
  const problems: string[] = [];
  // For each resource the statement names, the resource types it reaches (all of them for "*").
  const reached: { resource: string; types: ActionResourceType[] }[] = [];
  if (kind === "trust" || resources.length === 0 || (kind === "resource" && resources[0] === "*")) {
    reached.push({ resource: "*", types: facts.resourceTypes });
  } else {
    for (const resource of resources) {
      if (resource === "*") {
        if (!facts.wildcardOnly) {
          problems.push(
            `${where}: ${facts.action} supports resource-level permissions (${typeNames(facts.resourceTypes)}); ` +
              `scope it to those ARNs instead of "*"`,
          );
        }
        reached.push({ resource, types: facts.resourceTypes });
      } else if (facts.wildcardOnly) {
        problems.push(
          `${where}: ${facts.action} supports only Resource "*" (no resource-level permissions in the IAM ` +
            `reference), so the grant on ${resource} never matches it; grant it on "*" in a statement of its own`,
        );
      } else {
        const types = typesMatching(facts, resource);
        if (types.length === 0) {
          problems.push(
            `${where}: ${resource} is not a resource type of ${facts.action} (${typeNames(facts.resourceTypes)}), ` +
              "so the grant never matches; name the resource the action is authorised on",
          );
        }
        reached.push({ resource, types });
      }
    }
  }
  for (const [operator, block] of Object.entries(statement.Condition ?? {})) {
    for (const key of Object.keys(block)) {
      if (isOidcClaim(statement, key)) continue;
      for (const { resource, types } of reached.filter((r) => r.types.length > 0)) {
        if (!conditionKeyApplies(facts, types, key)) {
          problems.push(
            `${where}: AWS does not evaluate ${key} for ${facts.action} on ${resource} (${typeNames(types)}), ` +
              `so "${operator}" on it ${operator.includes("IfExists") || operator.startsWith("ForAllValues") ? "is always met" : "is never met"}; ` +
              "use a key the IAM reference lists for that action and resource type",
          );
        }
      }
    }
  }
  return problems;
}

const typeNames = (types: readonly ActionResourceType[]) =>
  types.length === 0
    ? "none"
    : types.length > 8
      ? `${types.length} types, e.g. ${types
          .slice(0, 8)
          .map((t) => t.name)
          .join(", ")}`
      : types.map((t) => t.name).join(", ");

/**
 * `<issuer>:aud` and `<issuer>:sub` in the trust of that issuer's OIDC provider: AWS documents
 * them for every OIDC provider (IAM User Guide, "Available keys for OIDC federation"); the
 * reference lists only the provider-specific claims (GitHub's job_workflow_ref and others).
 */
function isOidcClaim(statement: PolicyStatement, key: string): boolean {
  const [issuer, claim] = [key.slice(0, key.lastIndexOf(":")), key.slice(key.lastIndexOf(":") + 1)];
  if (claim !== "aud" && claim !== "sub") return false;
  const principal = statement.Principal;
  const federated = typeof principal === "object" ? asList(principal.Federated) : [];
  return federated.some((arn) => arn.endsWith(`:oidc-provider/${issuer}`));
}
