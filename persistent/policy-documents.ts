import {
  EPHEMERAL_INVOKES,
  EPHEMERAL_MANIFEST,
  PERSISTENT_READS,
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

function readStatement(sid: string, entries: readonly ManifestEntry[]): PolicyStatement {
  // Describe/List/Get calls: most accept only "*", and none of them changes anything.
  return {
    Sid: sid,
    Effect: "Allow",
    Action: sorted(entries.flatMap((e) => e.read)),
    Resource: ["*"],
  };
}

/**
 * The deploy role's statements: every read, plus every write grant of the manifest. Grants
 * with the same resources and condition are merged, so the policy stays small and readable.
 */
export function deployStatements(scope: ScopeContext): PolicyStatement[] {
  const merged = new Map<string, Omit<PolicyStatement, "Sid">>();
  for (const grant of EPHEMERAL_MANIFEST.flatMap((e) => e.write)) {
    const Resource = sorted(grant.resources(scope));
    const Condition = grant.condition?.(scope);
    const key = JSON.stringify([Resource, Condition ?? null]);
    const existing = merged.get(key);
    const Action = sorted([...(existing?.Action ?? []), ...grant.actions]);
    merged.set(key, { Effect: "Allow", Action, Resource, ...(Condition ? { Condition } : {}) });
  }
  const seen = new Map<string, number>();
  const writes = [...merged.values()]
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
    .map((statement) => {
      // Sids name the service ("Ec2Write2"): stable across runs and readable in the console.
      const service = (statement.Action[0] ?? "").split(":")[0] ?? "";
      const base = `${service.charAt(0).toUpperCase()}${service.slice(1)}Write`;
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      return { Sid: `${base.replace(/[^A-Za-z0-9]/g, "")}${n}`, ...statement };
    });
  return [readStatement("Read", [...EPHEMERAL_MANIFEST, ...EPHEMERAL_INVOKES]), ...writes];
}

/** The preview role's statements: reads only, for both projects (PR previews and drift). */
export function previewStatements(): PolicyStatement[] {
  return [
    readStatement("ReadOnly", [...EPHEMERAL_MANIFEST, ...EPHEMERAL_INVOKES, ...PERSISTENT_READS]),
  ];
}

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
