/** The shapes the permission manifest is written in, and the helpers every service module uses. */

/** Values the resource scopes are built from (resolved outputs of the persistent stack). */
export interface ScopeContext {
  partition: string;
  region: string;
  accountId: string;
  /** `<namePrefix>-<stack>`: every ephemeral physical name starts with it. */
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
  /** Why the resources are as broad as they are, when they are broader than one ARN pattern. */
  why?: string;
}

/** What one resource type (or data source) needs. */
export interface ManifestEntry {
  /** A Pulumi type token (e.g. aws:ecs/service:Service) or invoke token. */
  type: string;
  /** Describe/List/Get actions: what `pulumi preview --refresh` needs. */
  read: readonly string[];
  /** Create/update/delete/tag grants: what `pulumi up` and `destroy` need on top of `read`. */
  write: readonly Grant[];
}

/** An ARN in the scope's partition, region and account (`global`: no region or account). */
export const arn = (s: ScopeContext, service: string, resource: string, global = false) =>
  `arn:${s.partition}:${service}:${global ? "" : s.region}:${global ? "" : s.accountId}:${resource}`;
