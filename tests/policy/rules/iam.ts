import type { PolicyResource, ResourceRule, Rule } from "../types";
import {
  asArray,
  asRecord,
  asStrings,
  globMatch,
  isRecord,
  parseJsonInput,
  show,
  where,
} from "./util";

export const IAM_POLICY = "aws:iam/policy:Policy";
export const IAM_ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
export const IAM_ROLE = "aws:iam/role:Role";
export const IAM_ROLE_POLICY_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
/** Types that carry permission (identity-based) policy documents. */
export const PERMISSION_POLICY_TYPES = [IAM_POLICY, IAM_ROLE_POLICY, IAM_ROLE];

export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";
export const PULUMI_OIDC_HOST = "api.pulumi.com/oidc";

/**
 * Actions that accept no resource ARN, only "*" (IAM service authorization reference,
 * "Resource types" column empty), so `Resource: "*"` is the narrowest grant possible. Keep this
 * list short: an entry here is an action the policy pack stops asking to be scoped. Reads
 * (Describe/Get/List) pass anyway; they are listed because they are the usual examples.
 * tests/policy/iam.test.ts checks every exact entry against AWS's IAM reference data.
 */
export const STAR_ONLY_ACTIONS: readonly string[] = [
  "ecr:GetAuthorizationToken", // registry login token; the pull/push calls are scoped to the repository
  "ecs:DeregisterTaskDefinition",
  "elasticloadbalancing:SetWebAcl", // the permission WAF checks when it associates a web ACL
  "ecs:DescribeTaskDefinition",
  "ec2:Describe*",
  "elasticloadbalancing:Describe*",
  "wafv2:ListWebACLs",
  "acm:RequestCertificate", // the certificate ARN does not exist before the request
  "route53:CreateHostedZone", // likewise for the zone id
  "kms:CreateKey", // likewise for the key id
  "sts:GetCallerIdentity",
  "logs:CreateLogDelivery", // vended logs (flow logs, WAF logs) to S3; AWS documents Resource "*"
  "logs:DeleteLogDelivery",
];

/** Verbs that read metadata and change nothing. */
const READ_VERBS = [
  "describe",
  "get",
  "list",
  "batchget",
  "batchcheck",
  "head",
  "lookup",
  "search",
];
/**
 * Reads that expose data rather than metadata (CKV_AWS_288, data exfiltration): these must be
 * scoped like writes even though their verb is Get.
 */
const SENSITIVE_READS = [
  "secretsmanager:GetSecretValue",
  "ssm:GetParameter",
  "ssm:GetParameters",
  "ssm:GetParametersByPath",
  "ssm:GetParameterHistory",
  "s3:GetObject",
  "s3:GetObjectVersion",
];

/** Whether an action (possibly a wildcard pattern) only reads metadata. */
export function isReadOnlyAction(action: string): boolean {
  const [, name] = action.split(":");
  if (name === undefined) return false;
  const verb = name.toLowerCase();
  return (
    READ_VERBS.some((v) => verb.startsWith(v)) &&
    !SENSITIVE_READS.some((sensitive) => globMatch(action, sensitive))
  );
}

export function isStarOnlyAction(action: string): boolean {
  return STAR_ONLY_ACTIONS.some((allowed) => globMatch(allowed, action));
}

type Conditions = Record<string, Record<string, string[]>>;

export interface Statement {
  /** "Statement[2] (Sid DeployEcs)" for messages. */
  at: string;
  effect: string;
  actions: string[];
  resources: string[];
  hasNotResource: boolean;
  principal: unknown;
  conditions: Conditions;
}

function readConditions(value: unknown): Conditions {
  const out: Conditions = {};
  for (const [operator, block] of Object.entries(asRecord(value))) {
    out[operator] = {};
    for (const [key, v] of Object.entries(asRecord(block))) {
      out[operator][key] = asArray(v).map((x) => String(x));
    }
  }
  return out;
}

/** The statements of a policy document (JSON string or object), or why they cannot be read. */
export function statementsOf(
  document: unknown,
  what: string,
): { statements: Statement[] } | { error: string } {
  const parsed = parseJsonInput(document, what);
  if ("error" in parsed) return { error: parsed.error };
  if (!isRecord(parsed.value)) return { error: `${what} is not a JSON object` };
  return {
    statements: asArray(parsed.value.Statement).map((raw, i) => {
      const s = asRecord(raw);
      const sid = typeof s.Sid === "string" && s.Sid !== "" ? ` (Sid ${s.Sid})` : "";
      return {
        at: `${what} Statement[${i}]${sid}`,
        effect: typeof s.Effect === "string" ? s.Effect : "",
        actions: asStrings(s.Action),
        resources: asStrings(s.Resource),
        hasNotResource: s.NotResource !== undefined,
        principal: s.Principal,
        conditions: readConditions(s.Condition),
      };
    }),
  };
}

/** The permission documents a resource carries: `policy`, or a role's `inlinePolicies`. */
function permissionDocuments(r: PolicyResource): { what: string; document: unknown }[] {
  if (r.type === IAM_ROLE) {
    return asArray(r.inputs.inlinePolicies).map((p, i) => {
      const inline = asRecord(p);
      const name = typeof inline.name === "string" ? ` "${inline.name}"` : "";
      return { what: `inlinePolicies[${i}]${name}`, document: inline.policy };
    });
  }
  return [{ what: "policy", document: r.inputs.policy }];
}

/** Runs `problems` over every Allow statement of every permission document of `r`. */
function perAllowStatement(
  r: PolicyResource,
  problems: (s: Statement) => string[],
  documents: { what: string; document: unknown }[] = permissionDocuments(r),
): string[] {
  return documents.flatMap(({ what, document }) => {
    const read = statementsOf(document, what);
    if ("error" in read) return [`${where(r)}: ${read.error}; cannot check it.`];
    return read.statements
      .filter((s) => s.effect === "Allow")
      .flatMap((s) => problems(s).map((m) => `${where(r)} ${s.at} ${m}`));
  });
}

export const iamNoWildcardAction: ResourceRule = {
  kind: "resource",
  id: "iam-no-wildcard-action",
  control: "FSBP IAM.1 / CKV_AWS_62 / CKV_AWS_63",
  level: "mandatory",
  resourceTypes: PERMISSION_POLICY_TYPES,
  description: 'IAM policy must not allow Action "*"',
  why: 'Action "*" is every permission AWS has, including IAM itself: one leaked credential is the whole account.',
  check: (r) =>
    perAllowStatement(r, (s) =>
      s.actions.some((a) => a === "*" || a === "*:*") ? ['allows Action "*".'] : [],
    ),
};

export const iamNoServiceWildcardAction: ResourceRule = {
  kind: "resource",
  id: "iam-no-service-wildcard-action",
  control: "FSBP IAM.21",
  level: "mandatory",
  resourceTypes: PERMISSION_POLICY_TYPES,
  description: 'IAM policy must not allow a whole service ("service:*")',
  why: "A service wildcard grants today's and every future action of the service, including deletes and policy changes nobody reviewed.",
  check: (r) =>
    perAllowStatement(r, (s) => {
      const wild = s.actions.filter((a) => /^[a-z0-9-]+:\*$/i.test(a));
      return wild.length === 0 ? [] : [`allows ${wild.join(", ")}; list the actions needed.`];
    }),
};

export const iamNoWildcardResourceForScopableActions: ResourceRule = {
  kind: "resource",
  id: "iam-no-wildcard-resource-for-scopable-actions",
  control: "CKV_AWS_355 / CKV_AWS_290",
  level: "mandatory",
  resourceTypes: PERMISSION_POLICY_TYPES,
  description: 'IAM policy must not grant mutating actions on Resource "*" when they can be scoped',
  why: 'Destructive actions on Resource "*" let a pipeline credential delete or change resources of every other workload in the account.',
  check: (r) =>
    perAllowStatement(r, (s) => {
      const unscoped = s.hasNotResource || s.resources.includes("*");
      if (!unscoped) return [];
      const offending = s.actions.filter((a) => !isReadOnlyAction(a) && !isStarOnlyAction(a));
      return offending.length === 0
        ? []
        : [
            `allows ${offending.join(", ")} on ${s.hasNotResource ? "NotResource" : 'Resource "*"'}; scope them to ARNs (exact names: a name prefix also matches a sibling stack) or the stack tag.`,
          ];
    }),
};

const conditionValues = (s: Statement, key: string): string[] =>
  Object.values(s.conditions).flatMap((block) =>
    Object.entries(block)
      .filter(([k]) => k.toLowerCase() === key.toLowerCase())
      .flatMap(([, v]) => v),
  );

export const iamPassRoleCondition: ResourceRule = {
  kind: "resource",
  id: "iam-passrole-requires-passed-to-service",
  control: "CKV_AWS_286 / design lesson 4",
  level: "mandatory",
  resourceTypes: PERMISSION_POLICY_TYPES,
  description: "IAM policy granting iam:PassRole must restrict iam:PassedToService",
  why: "Without the condition the role can be handed to any service (e.g. a Lambda or EC2 instance the caller controls), which is privilege escalation.",
  check: (r) =>
    perAllowStatement(r, (s) => {
      if (!s.actions.some((a) => globMatch(a, "iam:PassRole"))) return [];
      const services = conditionValues(s, "iam:PassedToService");
      return services.length > 0 && services.every((v) => v !== "" && !/[*?]/.test(v))
        ? []
        : [
            `allows iam:PassRole with iam:PassedToService ${show(services.length ? services : undefined)}; add StringEquals {"iam:PassedToService": "ecs-tasks.amazonaws.com"}.`,
          ];
    }),
};

// ---- Trust policies (aws:iam/role:Role assumeRolePolicy) ----

/** Operators that bound a claim. Negations and ...IfExists/ForAllValues (true when absent) do not. */
const BOUNDING_OPERATORS = [
  "stringequals",
  "stringlike",
  "foranyvalue:stringequals",
  "foranyvalue:stringlike",
];

interface ClaimValue {
  value: string;
  /** StringLike: `*` and `?` are wildcards (in StringEquals they are literal characters). */
  like: boolean;
}

function claimValues(s: Statement, key: string): ClaimValue[] {
  return Object.entries(s.conditions)
    .filter(([op]) => BOUNDING_OPERATORS.includes(op.toLowerCase()))
    .flatMap(([op, block]) =>
      Object.entries(block)
        .filter(([k]) => k.toLowerCase() === key.toLowerCase())
        .flatMap(([, values]) =>
          values.map((value) => ({ value, like: op.toLowerCase().endsWith("stringlike") })),
        ),
    );
}

interface WebIdentityStatement {
  statement: Statement;
  /** The issuer as condition keys spell it, or undefined for an unrecognised issuer. */
  host: string | undefined;
}

const KNOWN_HOSTS = [GITHUB_OIDC_HOST, PULUMI_OIDC_HOST];

/**
 * Statements that let an OIDC identity assume the role: a federated principal of a known
 * issuer, or the AssumeRoleWithWebIdentity action. The issuer is read from the principal's
 * provider ARN, falling back to the condition keys (mocked ARNs need not contain the host).
 */
function webIdentityStatements(statements: Statement[]): WebIdentityStatement[] {
  return statements
    .filter((s) => s.effect === "Allow")
    .map((s) => {
      const federated = asStrings(asRecord(s.principal).Federated);
      const keys = Object.values(s.conditions).flatMap((block) => Object.keys(block));
      const host =
        KNOWN_HOSTS.find((h) => federated.some((f) => f.includes(h))) ??
        KNOWN_HOSTS.find((h) => keys.some((k) => k.toLowerCase().startsWith(`${h}:`)));
      const webIdentity = s.actions.some((a) => globMatch(a, "sts:AssumeRoleWithWebIdentity"));
      return { statement: s, host, relevant: host !== undefined || webIdentity };
    })
    .filter((w) => w.relevant)
    .map(({ statement, host }) => ({ statement, host }));
}

function perTrustStatement(
  r: PolicyResource,
  problems: (w: WebIdentityStatement) => string[],
): string[] {
  const read = statementsOf(r.inputs.assumeRolePolicy, "assumeRolePolicy");
  if ("error" in read) return [`${where(r)}: ${read.error}; cannot check it.`];
  return webIdentityStatements(read.statements).flatMap((w) =>
    problems(w).map((m) => `${where(r)} ${w.statement.at} ${m}`),
  );
}

/** The claim key for an issuer; for an unknown issuer, any key ending in ":<claim>". */
function claimKeyValues(w: WebIdentityStatement, claim: "aud" | "sub"): ClaimValue[] {
  if (w.host !== undefined) return claimValues(w.statement, `${w.host}:${claim}`);
  const keys = Object.values(w.statement.conditions)
    .flatMap((block) => Object.keys(block))
    .filter((k) => k.toLowerCase().endsWith(`:${claim}`));
  return keys.flatMap((k) => claimValues(w.statement, k));
}

const hasWildcard = (c: ClaimValue) => c.like && /[*?]/.test(c.value);

export const iamOidcAudience: ResourceRule = {
  kind: "resource",
  id: "iam-oidc-trust-requires-audience",
  control: "CKV_AWS_393 / GitHub & Pulumi OIDC guidance",
  level: "mandatory",
  resourceTypes: [IAM_ROLE],
  description: "OIDC trust policy must require an exact audience (aud) claim",
  why: "Without aud, a token minted for another relying party (another cloud, another tool) is accepted by this role.",
  check: (r) =>
    perTrustStatement(r, (w) => {
      const issuer = w.host ?? "the issuer";
      const values = claimKeyValues(w, "aud");
      if (values.length === 0) {
        return [
          `trusts ${issuer} without a StringEquals "${w.host ?? "<issuer>"}:aud" condition (GitHub: "sts.amazonaws.com"; Pulumi: the organization name).`,
        ];
      }
      const bad = values.filter((c) => c.value === "" || hasWildcard(c));
      return bad.length === 0
        ? []
        : [`trusts ${issuer} with wildcard audience ${bad.map((c) => show(c.value)).join(", ")}.`];
    }),
};

/** GitHub: `repo:OWNER/REPO:` then a claim; with a wildcard, also the claim name and ≥1 character. */
const GITHUB_EXACT = /^repo:[^:/*?]+\/[^:/*?]+:./;
const GITHUB_PREFIX = /^repo:[^:/*?]+\/[^:/*?]+:[^:*?]+:[^*?]+/;
/** Pulumi Deployments: organization, project and stack fixed; only the operation may vary. */
const PULUMI_EXACT = /^pulumi:(deploy|environments):org:[^:*?]+:./;
const PULUMI_PREFIX = /^pulumi:deploy:org:[^:*?]+:project:[^:*?]+:stack:[^:*?]+:/;

/** Whether one `sub` value admits only this repository's (or stack's) intended contexts. */
export function isBoundedSubject(host: string | undefined, claim: ClaimValue): boolean {
  const { value } = claim;
  if (value === "") return false;
  const wildcard = hasWildcard(claim);
  const prefix = wildcard ? value.slice(0, value.search(/[*?]/)) : value;
  if (host === GITHUB_OIDC_HOST) {
    return wildcard ? GITHUB_PREFIX.test(prefix) : GITHUB_EXACT.test(value);
  }
  if (host === PULUMI_OIDC_HOST) {
    return wildcard ? PULUMI_PREFIX.test(prefix) : PULUMI_EXACT.test(value);
  }
  return !wildcard || prefix.length > 0; // unknown issuer: at least not a bare "*"
}

export const iamOidcBoundedSubject: ResourceRule = {
  kind: "resource",
  id: "iam-oidc-trust-bounded-subject",
  control: "CKV_AWS_358 / CKV_AWS_393",
  level: "mandatory",
  resourceTypes: [IAM_ROLE],
  description:
    "OIDC trust policy must bound the subject (sub) to this repository's or stack's contexts",
  why: 'Without a bounded sub, any GitHub repository (or any branch, PR or fork run of this one) can assume the role; "repo:org/*" and "repo:o/r:*" are the classic mistakes.',
  check: (r) =>
    perTrustStatement(r, (w) => {
      const issuer = w.host ?? "the issuer";
      const values = claimKeyValues(w, "sub");
      if (values.length === 0) {
        return [
          `trusts ${issuer} without a "${w.host ?? "<issuer>"}:sub" condition; any subject of that issuer can assume the role.`,
        ];
      }
      const bad = values.filter((c) => !isBoundedSubject(w.host, c));
      return bad.length === 0
        ? []
        : [
            `trusts ${issuer} with unbounded sub ${bad.map((c) => `${c.like ? "StringLike" : "StringEquals"} ${show(c.value)}`).join(", ")}; use exact subjects such as "repo:OWNER/REPO:environment:production".`,
          ];
    }),
};

export const iamTrustNoWildcardPrincipal: ResourceRule = {
  kind: "resource",
  id: "iam-trust-no-wildcard-principal",
  control: "CKV_AWS_60",
  level: "mandatory",
  resourceTypes: [IAM_ROLE],
  description: 'IAM role trust policy must not trust Principal "*"',
  why: 'Principal "*" lets any AWS account (anyone) attempt to assume the role; only conditions stand between it and the internet.',
  check(r) {
    const read = statementsOf(r.inputs.assumeRolePolicy, "assumeRolePolicy");
    if ("error" in read) return [`${where(r)}: ${read.error}; cannot check it.`];
    return read.statements
      .filter((s) => s.effect === "Allow")
      .filter((s) => s.principal === "*" || asStrings(asRecord(s.principal).AWS).includes("*"))
      .map((s) => `${where(r)} ${s.at} trusts Principal "*"; name the account, role or service.`);
  },
};

const isAdministratorAccess = (arn: unknown) =>
  typeof arn === "string" && /:iam::aws:policy\/AdministratorAccess$/.test(arn);

export const iamNoAdministratorAccess: ResourceRule = {
  kind: "resource",
  id: "iam-role-no-administrator-access",
  control: "CKV_AWS_274",
  level: "mandatory",
  resourceTypes: [IAM_ROLE, IAM_ROLE_POLICY_ATTACHMENT],
  description: "IAM role must not have the AdministratorAccess managed policy",
  why: "AdministratorAccess makes the approval gate the only control over the whole account (the Terraform original's single do-everything role).",
  check(r) {
    const arns = r.type === IAM_ROLE ? asArray(r.inputs.managedPolicyArns) : [r.inputs.policyArn];
    return arns.some(isAdministratorAccess)
      ? [`${where(r)} attaches AdministratorAccess; attach a least-privilege policy instead.`]
      : [];
  },
};

export const iamRules: readonly Rule[] = [
  iamNoWildcardAction,
  iamNoServiceWildcardAction,
  iamNoWildcardResourceForScopableActions,
  iamPassRoleCondition,
  iamOidcAudience,
  iamOidcBoundedSubject,
  iamTrustNoWildcardPrincipal,
  iamNoAdministratorAccess,
];
