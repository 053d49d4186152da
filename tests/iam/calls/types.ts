/**
 * What the AWS provider asks AWS for, per resource type: each call with the resource it is
 * authorised on and the condition context AWS evaluates (the tags the request sends, the tags
 * the existing resource carries, service keys). The tables cite where the calls come from.
 */
import type { PolicyDocument } from "../policy-checks";
import type { ModelResource, StackModel, Tags } from "../stack-model";

/** When in a resource's life the provider makes the call. */
export type Phase = "create" | "read" | "update" | "tag" | "delete";

/** One authorisation AWS makes for one call of the provider. */
export interface ProviderCall {
  phase: Phase;
  action: string;
  /** The ARN the call is authorised on, or "*" for actions without resource types. */
  resource: string;
  /** Tags the request carries: the new resource's, or the ones being written. */
  requestTags?: Tags;
  /** Tags the existing resource carries. */
  resourceTags?: Tags;
  /** Service condition keys of the request (ec2:CreateAction, iam:PassedToService, ...). */
  keys?: Record<string, string | string[]>;
  /** The resource's own policy (a KMS key's, an SNS topic's), evaluated with the caller's. */
  resourcePolicy?: PolicyDocument;
}

/** A resource type's calls, with their sources. */
export interface CallTable {
  type: string;
  /** terraform-provider-aws files and Pike mappings the calls are taken from. */
  sources: readonly string[];
  calls: (resource: ModelResource, stack: StackModel) => ProviderCall[];
}

/** A call that creates `resource`: authorised on the new resource, with its tags. */
export const creating = (
  action: string,
  r: ModelResource,
  keys?: ProviderCall["keys"],
): ProviderCall => ({
  phase: "create",
  action,
  resource: r.arn,
  requestTags: r.tags,
  ...(keys ? { keys } : {}),
});

/** A call on an existing resource, which carries its tags. */
export const on = (
  phase: Phase,
  action: string,
  r: ModelResource,
  extra: Pick<ProviderCall, "requestTags" | "keys"> = {},
): ProviderCall => ({
  phase,
  action,
  resource: r.arn,
  resourceTags: r.tags,
  ...(r.policy ? { resourcePolicy: r.policy } : {}),
  ...extra,
});

/** A call AWS authorises only on "*". */
export const anywhere = (phase: Phase, action: string): ProviderCall => ({
  phase,
  action,
  resource: "*",
});

/** A tag the provider adds when a resource's tags change (any tag but the stack's). */
export const CHANGED_TAG: Tags = { owner: "platform-team" };

/** Changing a resource's tags later: adding one (`add`) and removing it (`remove`). */
export const retagging = (add: string, remove: string, r: ModelResource): ProviderCall[] => [
  on("tag", add, r, { requestTags: CHANGED_TAG }),
  on("tag", remove, r, { keys: { "aws:TagKeys": Object.keys(CHANGED_TAG) } }),
];

/** `terraform-provider-aws/<path>` and Pike's mapping for a resource type. */
export const sources = (providerPath: string, pikeMapping: string) => [
  `terraform-provider-aws internal/service/${providerPath}`,
  `Pike src/mapping/aws/resource/${pikeMapping}`,
];
