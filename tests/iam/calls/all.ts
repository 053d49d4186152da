/** Every call table, and the calls a stack model makes with them. */
import type { ModelResource, StackModel } from "../stack-model";
import { AUDIT_CALLS, LOG_BUCKET_CALLS } from "./audit";
import { EC2_CALLS, EC2_INVOKE_CALLS } from "./ec2";
import { ECR_CALLS, ecrInvokeCalls } from "./ecr";
import { ECS_CALLS } from "./ecs";
import { EFS_CALLS } from "./efs";
import { ELB_CALLS } from "./elb";
import { MONITORING_CALLS } from "./monitoring";
import {
  PERSISTENT_CALLS as PERSISTENT_READS,
  persistentInvokeCalls,
  secretDecryptCalls,
} from "./persistent";
import type { CallTable, ProviderCall } from "./types";
import { WAFV2_CALLS } from "./wafv2";

/** The ephemeral program's resource types. */
export const EPHEMERAL_CALLS: readonly CallTable[] = [
  ...EC2_CALLS,
  ...ELB_CALLS,
  ...WAFV2_CALLS,
  ...ECS_CALLS,
  ...EFS_CALLS,
  ...MONITORING_CALLS,
  ...ECR_CALLS,
  ...AUDIT_CALLS,
];

/** The persistent program's resource types, read side only. */
export const PERSISTENT_CALLS: readonly CallTable[] = [...PERSISTENT_READS, ...LOG_BUCKET_CALLS];

/** A call of the provider for one resource of the stack. */
export interface StackCall extends ProviderCall {
  /** The Pulumi type and name of the resource the call is for. */
  type: string;
  name: string;
}

/** Every call the provider makes for every resource of the model; fails on a type with no table. */
export function stackCalls(model: StackModel, tables: readonly CallTable[]): StackCall[] {
  return model.resources.flatMap((resource: ModelResource) => {
    const table = tables.find((t) => t.type === resource.type);
    if (!table) {
      throw new Error(
        `no call table for ${resource.type} (${resource.name}): add what the provider calls for it to tests/iam/calls/`,
      );
    }
    return table
      .calls(resource, model)
      .map((call) => ({ ...call, type: resource.type, name: resource.name }));
  });
}

/** The calls of the data sources a graph invoked; fails on one with no entry. */
export function invokeCalls(
  invokes: readonly string[],
  known: Record<string, ProviderCall[]>,
): StackCall[] {
  return invokes.flatMap((token) => {
    const calls = known[token];
    if (calls === undefined) {
      throw new Error(`no calls known for the data source ${token}: add them to tests/iam/calls/`);
    }
    return calls.map((call) => ({ ...call, type: token, name: "(invoke)" }));
  });
}

/** What the ephemeral program's data sources call. */
export const ephemeralInvokeCalls = (repositoryArn: string): Record<string, ProviderCall[]> => ({
  ...EC2_INVOKE_CALLS,
  ...ecrInvokeCalls(repositoryArn),
});

export { persistentInvokeCalls, secretDecryptCalls };
