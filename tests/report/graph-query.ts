/**
 * Reading a recorded graph: resources by type, their physical names, and which resource a
 * reference (an ARN, id or DNS name another resource was given) points to.
 *
 * The graph holds inputs, not outputs, so a reference is resolved through the physical name it
 * carries: AWS ARNs and ALB DNS names contain the resource's name, and the mock engine's ids
 * start with it (tests/engine/aws-state.ts). Among several candidates the longest name wins, so
 * "gatus-dev-task" never resolves to "gatus-dev-task-exec".
 */
import { physicalName as generatedName } from "../engine/aws-state";
import type { Graph, RecordedResource } from "../engine/run-program";

export function ofType(graph: Graph, type: string): RecordedResource[] {
  return graph.resources.filter((r) => r.type === type);
}

const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/**
 * The name AWS knows the resource by: `name`, `family` for task definitions, else the name the
 * mock engine generates from its `namePrefix` or as Pulumi's auto-name, which its ids carry.
 */
export function physicalName(resource: RecordedResource): string | undefined {
  return (
    str(resource.inputs.name) ??
    str(resource.inputs.family) ??
    (resource.custom ? generatedName(resource.type, resource.name, resource.inputs) : undefined)
  );
}

/** The name to show: a generated one as its fixed part and "…" (`gatus-dev-alb-…`, `gatus-…`). */
export function displayName(resource: RecordedResource): string {
  return (
    str(resource.inputs.name) ??
    str(resource.inputs.family) ??
    `${str(resource.inputs.namePrefix) ?? `${resource.name}-`}…`
  );
}

/** Whether a reference value (ARN, id, URL, DNS name) names the resource called `name`. */
export function refersTo(value: string, name: string): boolean {
  if (name === "") return false;
  if (value === name || value.startsWith(`${name}-`) || value.startsWith(`${name}.`)) return true;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`[/:]${escaped}(?:$|[/:@.]|-[0-9a-f]{6,}\\b)`).test(value);
}

/** The resource of `type` that `value` refers to, if any. */
export function resolve(graph: Graph, type: string, value: unknown): RecordedResource | undefined {
  if (typeof value !== "string") return undefined;
  return ofType(graph, type)
    .map((r) => ({ r, name: physicalName(r) ?? "" }))
    .filter(({ name }) => refersTo(value, name))
    .sort((a, b) => b.name.length - a.name.length)[0]?.r;
}

/** A JSON-document input (IAM policies, container definitions), or undefined. */
export function jsonInput(resource: RecordedResource, key: string): unknown {
  const value = resource.inputs[key];
  if (typeof value !== "string") return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

/** Reads a dotted path (`healthCheck.interval`, `loadBalancers.0.targetGroupArn`). */
export function pick(value: unknown, dotted: string): unknown {
  return dotted
    .split(".")
    .reduce<unknown>(
      (v, k) =>
        v !== null && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined,
      value,
    );
}

export const asArray = (value: unknown): unknown[] =>
  Array.isArray(value) ? (value as unknown[]) : value === undefined ? [] : [value];

/** A number given as a number or a numeric string (task definitions take "256"). */
export function numeric(value: unknown, fallback: number): number {
  const n = typeof value === "string" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) ? n : fallback;
}
