import {
  EPHEMERAL_INVOKES,
  EPHEMERAL_MANIFEST,
  MIGRATIONS,
  PERSISTENT_INVOKES,
  PERSISTENT_READS,
  PIPELINE,
  type Grant,
  type ManifestEntry,
  type ScopeContext,
} from "./permissions";

export interface PolicyStatement {
  Sid: string;
  Effect: "Allow";
  Action: string[];
  Resource: string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** IAM's limit for one managed policy, counted without whitespace. */
export const MANAGED_POLICY_MAX_CHARS = 6144;

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

/** The grants one role gets: reads, and (for the deploy role) writes. */
export interface RoleGrants {
  read: readonly Grant[];
  write: readonly Grant[];
}

/**
 * What the deploy role may do: read and change everything the ephemeral program manages, what
 * the workflows do with it around `pulumi up` (permissions/pipeline.ts), and what an older
 * ephemeral program left to clean up (permissions/migrations.ts).
 */
export const DEPLOY_GRANTS: RoleGrants = grantsOf([
  ...EPHEMERAL_MANIFEST,
  ...EPHEMERAL_INVOKES,
  ...PIPELINE,
  ...MIGRATIONS,
]);

/** What the preview role may do: read both stacks (PR previews, the CD preview, drift). */
export const PREVIEW_GRANTS: RoleGrants = {
  read: grantsOf([
    ...EPHEMERAL_MANIFEST,
    ...EPHEMERAL_INVOKES,
    ...PERSISTENT_READS,
    ...PERSISTENT_INVOKES,
    ...MIGRATIONS,
  ]).read,
  write: [],
};

/**
 * What the drift role may do: read the persistent stack, as its refresh does, and nothing of
 * ephemeral (the drift check never touches it). Decrypting the stack's secrets is granted
 * beside them, only when they exist (persistent/alerting-secrets.ts).
 */
export const DRIFT_GRANTS: RoleGrants = {
  read: grantsOf([...PERSISTENT_READS, ...PERSISTENT_INVOKES]).read,
  write: [],
};

function grantsOf(entries: readonly ManifestEntry[]): RoleGrants {
  return { read: entries.flatMap((e) => e.read), write: entries.flatMap((e) => e.write) };
}

/**
 * Grants with the same resources and condition become one statement, so the policy stays small
 * and readable; reads and writes stay apart. Sids name the service and the side ("Ec2Write2"):
 * stable across runs and readable in the console.
 */
function statements(grants: readonly Grant[], side: "Read" | "Write", scope: ScopeContext) {
  const merged = new Map<string, Omit<PolicyStatement, "Sid">>();
  for (const grant of grants) {
    const Resource = sorted(grant.resources(scope));
    const Condition = grant.condition?.(scope);
    const key = JSON.stringify([Resource, Condition ?? null]);
    const Action = sorted([...(merged.get(key)?.Action ?? []), ...grant.actions]);
    merged.set(key, { Effect: "Allow", Action, Resource, ...(Condition ? { Condition } : {}) });
  }
  const seen = new Map<string, number>();
  return [...merged.values()]
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
    .map((statement): PolicyStatement => {
      const service = (statement.Action[0] ?? "").split(":")[0] ?? "";
      const base = `${service.charAt(0).toUpperCase()}${service.slice(1)}${side}`.replace(
        /[^A-Za-z0-9]/g,
        "",
      );
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      return { Sid: `${base}${n}`, ...statement };
    });
}

/** A role's statements: its reads, then its writes. */
export function roleStatements(grants: RoleGrants, scope: ScopeContext): PolicyStatement[] {
  return [...statements(grants.read, "Read", scope), ...statements(grants.write, "Write", scope)];
}

/** The deploy role's statements, rendered for one persistent stack. */
export const deployStatements = (scope: ScopeContext) => roleStatements(DEPLOY_GRANTS, scope);

/** The preview role's statements: reads only, for both projects. */
export const previewStatements = (scope: ScopeContext) => roleStatements(PREVIEW_GRANTS, scope);

/** The drift role's statements: the persistent stack's reads only. */
export const driftStatements = (scope: ScopeContext) => roleStatements(DRIFT_GRANTS, scope);

const policySize = (statements: PolicyStatement[]) => policyJson(statements).length;

/**
 * Packs statements into as few policies as fit IAM's managed-policy size limit, in order.
 * A single statement that does not fit on its own is an error, not a silent truncation.
 */
export function packStatements(
  statements: PolicyStatement[],
  maxChars = MANAGED_POLICY_MAX_CHARS,
): PolicyStatement[][] {
  const groups: PolicyStatement[][] = [];
  for (const statement of statements) {
    if (policySize([statement]) > maxChars) {
      throw new Error(
        `IAM statement ${statement.Sid} alone exceeds ${maxChars} characters; split its grant`,
      );
    }
    const current = groups.at(-1);
    if (current && policySize([...current, statement]) <= maxChars) current.push(statement);
    else groups.push([statement]);
  }
  return groups;
}

export function policyJson(statements: PolicyStatement[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}
