/**
 * Hand-built CrossGuard arguments, the way pulumi-awsguard's tests build them
 * (src/tests/util.ts: createResourceValidationArgs / createStackValidationArgs), so the pack's
 * policies can be called without the engine or a gRPC server.
 */
import type {
  PolicyResource as EngineResource,
  PolicyResourceOptions,
  ResourceValidationArgs,
  StackValidationArgs,
} from "@pulumi/policy";
import type { PolicyResource } from "./types";

const emptyOptions: PolicyResourceOptions = {
  protect: false,
  ignoreChanges: [],
  aliases: [],
  customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
  additionalSecretOutputs: [],
};

export const urnOf = (r: Pick<PolicyResource, "type" | "name">) =>
  `urn:pulumi:prod::ephemeral::${r.type}::${r.name}`;

const notApplicable = (reason?: string): never => {
  throw new Error(`not applicable: ${reason ?? ""}`);
};

export function resourceArgs(
  r: PolicyResource,
  props: Record<string, unknown> = r.inputs,
): ResourceValidationArgs {
  return {
    type: r.type,
    props,
    urn: r.urn ?? urnOf(r),
    name: r.name,
    opts: emptyOptions,
    stackTags: new Map(),
    isType: () => false,
    asType: () => undefined,
    getConfig: <T extends object>() => ({}) as T,
    notApplicable,
  };
}

/**
 * A stack as the engine presents it: every resource with its (output) props, URN and
 * dependencies. `dependsOn` maps a resource name to the names of the resources it depends on.
 */
export function stackArgs(
  resources: readonly PolicyResource[],
  dependsOn: Record<string, string[]> = {},
  props: (r: PolicyResource) => Record<string, unknown> = (r) => ({ ...r.inputs, ...r.outputs }),
): StackValidationArgs {
  const engine: EngineResource[] = resources.map((r) => ({
    type: r.type,
    name: r.name,
    urn: r.urn ?? urnOf(r),
    props: props(r),
    opts: emptyOptions,
    dependencies: [],
    propertyDependencies: {},
    isType: () => false,
    asType: () => undefined,
  }));
  for (const resource of engine) {
    resource.dependencies = (dependsOn[resource.name] ?? []).flatMap((name) =>
      engine.filter((other) => other.name === name && other !== resource),
    );
  }
  return {
    resources: engine,
    stackTags: new Map(),
    getConfig: <T extends object>() => ({}) as T,
    notApplicable,
  };
}
