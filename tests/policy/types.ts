/**
 * The shapes every policy rule, exception and finding shares. Rules are plain functions over
 * `PolicyResource`, so the same code runs offline (over the mock engine's recorded resources)
 * and online (inside the CrossGuard pack, over the engine's resources).
 */

/** One resource as a policy sees it: its Pulumi type token, logical name and resolved inputs. */
export interface PolicyResource {
  /** Pulumi type token, e.g. "aws:ecr/repository:Repository". */
  type: string;
  /** Logical (Pulumi) name, e.g. "gatus". */
  name: string;
  /** Input properties as the program passed them (camelCase, @pulumi/aws 7 names), resolved. */
  inputs: Record<string, unknown>;
  /** URN, when known (always inside CrossGuard; optional offline). */
  urn?: string;
  /**
   * Resolved outputs, when known (the mock's returned state offline, the engine's outputs in a
   * stack policy). Graph rules use them only to link one resource to another by ARN, id or name.
   */
  outputs?: Record<string, unknown>;
  /** URNs this resource depends on (CrossGuard fills them in; links survive unknown values). */
  dependencies?: readonly string[];
  /** The parent's URN (CrossGuard fills it in): a component answers for its children. */
  parent?: string | null;
}

export type Level = "mandatory" | "advisory";

interface RuleBase {
  /** Kebab-case, named by the invariant, e.g. "ecr-scan-on-push". Unique across the pack. */
  id: string;
  /** The control it enforces, e.g. "FSBP ECR.1 / CKV_AWS_163". */
  control: string;
  level: Level;
  /** Pulumi type tokens the rule looks at. */
  resourceTypes: readonly string[];
  /** The invariant, one line, phrased as a test name ("ECR repository must scan on push"). */
  description: string;
  /** Why it matters: the risk if it is violated. */
  why: string;
}

/** A rule about one resource at a time: returns what it found wrong, or nothing. */
export interface ResourceRule extends RuleBase {
  kind: "resource";
  check(resource: PolicyResource): string[];
}

/** A violation found by looking at the whole graph, attributed to one resource. */
export interface GraphViolation {
  resource: PolicyResource;
  message: string;
}

/** A rule about relations between resources (e.g. "every ALB has a WAF association"). */
export interface GraphRule extends RuleBase {
  kind: "graph";
  checkGraph(resources: readonly PolicyResource[]): GraphViolation[];
}

export type Rule = ResourceRule | GraphRule;

/** A deliberate, reviewed deviation from a rule, declared in code with its reason. */
export interface PolicyException {
  ruleId: string;
  resourceType: string;
  /** True for exactly the resources the exception is meant for; keep it narrow. */
  match(resource: PolicyResource): boolean;
  reason: string;
  /** The reason the stack itself gives (a waiver tag's value), appended to `reason`. */
  givenReason?(resource: PolicyResource): string | undefined;
}

export interface Finding {
  ruleId: string;
  control: string;
  level: Level;
  resourceType: string;
  resourceName: string;
  message: string;
  /** Set when an exception applies: why the finding is accepted. */
  reason?: string;
}

export interface PolicyReport {
  mandatory: Finding[];
  advisory: Finding[];
  excepted: Finding[];
}
