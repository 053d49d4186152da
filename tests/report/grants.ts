/**
 * What each pipeline role may do, read from the persistent graph: the policies attached to it
 * (managed policies and inline role policies), flattened into one line per action and resource,
 * with the statement's conditions. The digest compares these between two commits.
 */
import type { Graph } from "../engine/run-program";
import { ofType } from "./graph-query";

export interface Grant {
  role: string;
  effect: string;
  action: string;
  resource: string;
  /** JSON of the statement's Condition, or "" without one. */
  condition: string;
}

interface Statement {
  Effect?: string;
  Action?: string | string[];
  Resource?: string | string[];
  Condition?: unknown;
}

const list = (v: string | string[] | undefined) =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];
const str = (v: unknown) => (typeof v === "string" ? v : "");

function statements(policy: unknown): Statement[] {
  const doc = typeof policy === "string" ? (JSON.parse(policy) as unknown) : policy;
  const s = (doc as { Statement?: Statement | Statement[] } | undefined)?.Statement;
  return s === undefined ? [] : Array.isArray(s) ? s : [s];
}

/** Every grant of the roles whose names end with one of `roles` (e.g. "-deploy", "-preview"). */
export function roleGrants(persistent: Graph, roleSuffixes: readonly string[]): Grant[] {
  const roleOf = (name: string) => roleSuffixes.find((suffix) => name.endsWith(suffix));
  const documents: { role: string; policy: unknown }[] = [];
  const managed = new Map(
    ofType(persistent, "aws:iam/policy:Policy").map((p) => [str(p.inputs.name), p.inputs.policy]),
  );
  for (const a of ofType(persistent, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")) {
    const role = roleOf(str(a.inputs.role));
    const policyName = str(a.inputs.policyArn).split("/").pop() ?? "";
    if (role !== undefined && managed.has(policyName)) {
      documents.push({ role, policy: managed.get(policyName) });
    }
  }
  for (const p of ofType(persistent, "aws:iam/rolePolicy:RolePolicy")) {
    const role = roleOf(str(p.inputs.role));
    if (role !== undefined) documents.push({ role, policy: p.inputs.policy });
  }
  return documents.flatMap(({ role, policy }) =>
    statements(policy).flatMap((s) =>
      list(s.Action).flatMap((action) =>
        list(s.Resource).map((resource) => ({
          role: role.replace(/^-/, ""),
          effect: s.Effect ?? "Allow",
          action,
          resource,
          condition: s.Condition === undefined ? "" : JSON.stringify(s.Condition),
        })),
      ),
    ),
  );
}

export const grantText = (g: Grant) =>
  `${g.effect === "Allow" ? "" : `${g.effect} `}\`${g.action}\` on \`${g.resource}\`${g.condition ? ` when ${g.condition}` : ""}`;
