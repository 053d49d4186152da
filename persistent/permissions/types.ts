/** The shapes the permission manifest is written in, and the helpers every service module uses. */
import { STACK_TAG_KEY } from "./stack-tag";

/** Values the resource scopes are built from (resolved outputs of the persistent stack). */
export interface ScopeContext {
  partition: string;
  region: string;
  accountId: string;
  /** `<namePrefix>-<stack>`: every physical name starts with it; the stack tag's value. */
  resourcePrefix: string;
  hostedZoneId: string;
  hostname: string;
  ecrRepositoryArn: string;
  /** The task execution role and task role: the only roles the deploy role may pass. */
  passRoleArns: string[];
}

/** An IAM condition block: operator → condition key → value(s). */
export type Condition = Record<string, Record<string, string | string[]>>;

/** Actions allowed on a set of resources, optionally under a condition. */
export interface Grant {
  actions: readonly string[];
  resources: (s: ScopeContext) => string[];
  condition?: (s: ScopeContext) => Condition;
  /**
   * Why the grant reaches further than the stack's own resources: required when its resources
   * are "*" (actions AWS authorises on nothing else) or a whole resource type with no condition.
   */
  why?: string;
}

/** What one resource type (or data source) needs. */
export interface ManifestEntry {
  /** A Pulumi type token (e.g. aws:ecs/service:Service) or invoke token. */
  type: string;
  /** What reading it needs: `pulumi preview --refresh`, and the provider's waiters. */
  read: readonly Grant[];
  /** What creating, updating, tagging and deleting it needs on top of `read`. */
  write: readonly Grant[];
}

export { arn } from "../lib/arn";

/** The resource already carries this stack's tag: the stack created it. */
export const ownedByStack = (s: ScopeContext): Condition => ({
  StringEquals: { [`aws:ResourceTag/${STACK_TAG_KEY}`]: s.resourcePrefix },
});

/** The request creates a resource tagged for this stack. */
export const taggedForStack = (s: ScopeContext): Condition => ({
  StringEquals: { [`aws:RequestTag/${STACK_TAG_KEY}`]: s.resourcePrefix },
});

/** Tags written later may change anything but the stack tag's value (no moving to another stack). */
export const keepsStackTag = (s: ScopeContext): Condition => ({
  StringEqualsIfExists: { [`aws:RequestTag/${STACK_TAG_KEY}`]: s.resourcePrefix },
});

/** All of the conditions at once (IAM ANDs the blocks and the keys within them). */
export function allOf(...conditions: Condition[]): Condition {
  const merged: Condition = {};
  for (const condition of conditions) {
    for (const [operator, keys] of Object.entries(condition)) {
      merged[operator] = { ...merged[operator], ...keys };
    }
  }
  return merged;
}

/** Reads that AWS authorises only on "*" (Describe and List calls without resource types). */
export const unscopedReads = (actions: readonly string[], why: string): Grant => ({
  actions,
  resources: () => ["*"],
  why,
});
