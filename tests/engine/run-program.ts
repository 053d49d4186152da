import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_WORLD, invokeResult, resourceState, type AwsWorld } from "./aws-state";

/**
 * The offline engine: runs a Pulumi program under `pulumi.runtime.setMocks` with a given stack
 * configuration, records every registered resource and invoke, and returns the graph with the
 * stack outputs. The tests and `npm run synth` share it; it needs no CLI and no credentials.
 */

export interface RecordedResource {
  /** Pulumi type token, e.g. aws:ecr/repository:Repository. */
  type: string;
  name: string;
  /** URN of the parent resource (the stack for top-level resources). */
  parent: string | null;
  urn: string;
  /** Effective protect flag: own option, else inherited from the parent, as Pulumi does. */
  protect: boolean;
  /** Set when the resource is left in AWS on delete (the retainOnDelete option). */
  retainOnDelete?: true;
  custom: boolean;
  /** Resolved inputs the program passed, secrets redacted. */
  inputs: Record<string, unknown>;
}

export interface Graph {
  project: string;
  stack: string;
  resources: RecordedResource[];
  outputs: Record<string, unknown>;
  /** Invoke tokens the program called (data sources). */
  invokes: string[];
}

export interface RunProgramOptions {
  project: string;
  stack: string;
  organization: string;
  /** Stack config: "project:key" → value (objects are JSON-encoded as Pulumi does). */
  config: Record<string, unknown>;
  /** The config keys stored encrypted (`pulumi config set --secret`), "project:key". */
  secretKeys?: readonly string[];
  /** Returns the program's outputs; called after the mocks are installed. */
  program: () => Promise<object | undefined>;
  /** Stacks a StackReference may read: fully qualified name → outputs. Others do not exist. */
  stacks?: Record<string, Record<string, unknown>>;
  /** What already exists in the account. */
  world?: Partial<AwsWorld>;
  /**
   * Keep secret values (as `{ secret: value }`) in the recorded inputs instead of redacting
   * them: for comparing what the engine would compare (an update plan compares plaintext).
   */
  keepSecrets?: boolean;
  /** Awaited before each mocked resource or invoke answers: vary it to vary completion order. */
  beforeAnswer?: () => Promise<void>;
  /** Per-test override of a resource's mocked outputs. */
  overrideState?: (
    type: string,
    name: string,
    inputs: Record<string, unknown>,
  ) => Record<string, unknown> | undefined;
}

export const SECRET_PLACEHOLDER = "[secret]";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const SIG_KEY = "4dabf18193072939515e22adb298388d";

interface PendingOptions {
  type: string;
  name: string;
  protect: boolean | undefined;
  retainOnDelete: boolean | undefined;
  resource: pulumi.Resource;
  parent: pulumi.Resource | undefined;
}

/**
 * The SDK hooks `process.on("exit")` once per module instance to report promises a program
 * leaked. Every awaited run here settles its promises, and in a test file's VM context the hook
 * outlives the context: at the worker's exit it reads state the context no longer has and throws
 * ("reading 'getStore'"). So the hook a run added is removed once the run has drained.
 */
function removePromiseLeakHook(before: readonly unknown[]): void {
  for (const listener of process.listeners("exit")) {
    if (!before.includes(listener) && String(listener).includes("leakedPromises")) {
      process.removeListener("exit", listener);
    }
  }
}

export async function runProgram(options: RunProgramOptions): Promise<Graph> {
  const exitListenersBefore = process.listeners("exit");
  const world: AwsWorld = { ...DEFAULT_WORLD, ...options.world };
  const registered: {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
    custom: boolean;
  }[] = [];
  const invokes: string[] = [];

  const pause = options.beforeAnswer ?? (() => Promise.resolve());
  await pulumi.runtime.setMocks(
    {
      newResource: async (args) => {
        await pause();
        registered.push({
          type: args.type,
          name: args.name,
          inputs: args.inputs as Record<string, unknown>,
          custom: args.custom ?? true,
        });
        if (args.type === "pulumi:pulumi:StackReference")
          return stackReference(String(args.inputs.name), args.inputs, options.stacks ?? {});
        const mocked = resourceState(
          args.type,
          args.name,
          args.inputs as Record<string, unknown>,
          world,
        );
        const override = options.overrideState?.(
          args.type,
          args.name,
          args.inputs as Record<string, unknown>,
        );
        return override ? { id: mocked.id, state: { ...mocked.state, ...override } } : mocked;
      },
      call: async (args) => {
        await pause();
        invokes.push(args.token);
        return invokeResult(args.token, args.inputs as Record<string, unknown>, world);
      },
    },
    options.project,
    options.stack,
    false,
    options.organization,
  );
  pulumi.runtime.setAllConfig(
    Object.fromEntries(
      Object.entries(options.config).map(([k, v]) => [
        k,
        typeof v === "string" ? v : JSON.stringify(v),
      ]),
    ),
    [...(options.secretKeys ?? [])],
  );

  const pending: PendingOptions[] = [];
  let failure: { error: unknown } | undefined;
  const outputs = await pulumi.runtime.runInPulumiStack(async () => {
    // Stack transformations see resource options (protect, parent) that mocks never receive.
    pulumi.runtime.registerStackTransformation((args) => {
      pending.push({
        type: args.type,
        name: args.name,
        protect: args.opts.protect,
        retainOnDelete: args.opts.retainOnDelete,
        resource: args.resource,
        parent: args.opts.parent,
      });
      return undefined;
    });
    // A program error is rethrown once the stack has settled; thrown inside, the SDK would
    // also report it as an unhandled rejection of the stack resource.
    try {
      return await options.program();
    } catch (error) {
      failure = { error };
      return undefined;
    }
  });
  if (failure) {
    removePromiseLeakHook(exitListenersBefore);
    throw failure.error;
  }

  const resources = await assemble(registered, pending, options.keepSecrets ?? false);
  // Let the stack's last RPCs (its outputs) drain, so the next run starts on a quiet engine.
  await pulumi.runtime.disconnect();
  removePromiseLeakHook(exitListenersBefore);
  return {
    project: options.project,
    stack: options.stack,
    resources,
    outputs: redact(outputs ?? {}) as Record<string, unknown>,
    invokes: [...new Set(invokes)].sort(),
  };
}

function stackReference(
  name: string,
  inputs: Record<string, unknown>,
  stacks: Record<string, Record<string, unknown>>,
) {
  const outputs = stacks[name];
  // The real engine fails the read the same way when the stack does not exist.
  if (outputs === undefined) throw new Error(`unknown stack "${name}"`);
  // Keep `name` in the state: requireOutput closes over it.
  return { id: name, state: { ...inputs, outputs, secretOutputNames: [] } };
}

async function assemble(
  registered: { type: string; name: string; inputs: Record<string, unknown>; custom: boolean }[],
  pending: PendingOptions[],
  keepSecrets: boolean,
): Promise<RecordedResource[]> {
  const urnOf = new Map<pulumi.Resource, string>();
  await Promise.all(
    pending.map(async (p) => urnOf.set(p.resource, await promiseOf(p.resource.urn))),
  );
  const byKey = new Map<string, PendingOptions[]>();
  for (const p of pending)
    byKey.set(`${p.type}::${p.name}`, [...(byKey.get(`${p.type}::${p.name}`) ?? []), p]);

  const protectOf = new Map<pulumi.Resource, boolean>();
  const effectiveProtect = (p: PendingOptions): boolean => {
    const cached = protectOf.get(p.resource);
    if (cached !== undefined) return cached;
    const parent = p.parent ? pending.find((q) => q.resource === p.parent) : undefined;
    const value = p.protect ?? (parent ? effectiveProtect(parent) : false);
    protectOf.set(p.resource, value);
    return value;
  };

  const resources: RecordedResource[] = [];
  for (const r of registered) {
    if (r.type === "pulumi:pulumi:Stack") continue;
    // Registrations and transformations happen in the same order for a given type and name.
    const options = byKey.get(`${r.type}::${r.name}`)?.shift();
    resources.push({
      type: r.type,
      name: r.name,
      parent: options?.parent ? (urnOf.get(options.parent) ?? null) : null,
      urn: options ? (urnOf.get(options.resource) ?? "") : "",
      protect: options ? effectiveProtect(options) : false,
      ...(options?.retainOnDelete === true ? { retainOnDelete: true as const } : {}),
      custom: r.custom,
      inputs: (keepSecrets ? revealSecrets(r.inputs) : redact(r.inputs)) as Record<string, unknown>,
    });
  }
  return resources;
}

/** Replaces secret values with a placeholder and resource references with their type and name. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (pulumi.Resource.isInstance(value)) {
    const resource = value as unknown as { __pulumiType?: string; __name?: string };
    return { resource: `${resource.__pulumiType ?? "?"}::${resource.__name ?? "?"}` };
  }
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (record[SIG_KEY] === SECRET_SIG) return SECRET_PLACEHOLDER;
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, redact(v)]));
  }
  return value;
}

/** Marks secret values as `{ secret: value }` (plaintext kept) and resources by type and name. */
export function revealSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revealSecrets);
  if (pulumi.Resource.isInstance(value)) return redact(value);
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (record[SIG_KEY] === SECRET_SIG) return { secret: revealSecrets(record.value) };
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, revealSecrets(v)]));
  }
  return value;
}

/** Resolves an Output (mocks run in update mode, so every output resolves). */
export function promiseOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((v) => resolve(v)));
}
