/**
 * Small, pure helpers the rules share: reading loosely typed inputs, parsing JSON documents,
 * naming a resource in a message. Nothing here knows whether it runs under mocks or inside
 * CrossGuard. Written for ES2020 (the TypeScript target the Pulumi CLI compiles packs with).
 */
import type { PolicyResource } from "../types";

export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function asRecord(value: unknown): Json {
  return isRecord(value) ? value : {};
}

export function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

export function asStrings(value: unknown): string[] {
  return asArray(value).filter((v): v is string => typeof v === "string");
}

/** A value for a message: strings quoted, everything else as JSON, absent as "unset". */
export function show(value: unknown): string {
  if (value === undefined) return "unset";
  // JSON.stringify returns undefined only for functions and symbols, which inputs never hold.
  return JSON.stringify(value) ?? typeof value;
}

/** `TaskDefinition "gatus"`: how messages name the resource they are about. */
export function where(resource: PolicyResource): string {
  return `${typeLabel(resource.type)} "${resource.name}"`;
}

/** "aws:ecs/taskDefinition:TaskDefinition" → "TaskDefinition". */
export function typeLabel(type: string): string {
  const parts = type.split(":");
  return parts[parts.length - 1] ?? type;
}

/**
 * A parsed value or the reason it could not be parsed. Narrow with `"error" in result`: the
 * Pulumi CLI type-checks packs without strictNullChecks, where `ok: true | false`
 * discriminants do not narrow.
 */
export type Parsed = { value: unknown } | { error: string };

/**
 * JSON documents (IAM policies, container definitions) arrive as strings from the engine, but
 * a program may pass an object where the SDK accepts one; both are read the same way.
 */
export function parseJsonInput(value: unknown, what: string): Parsed {
  if (typeof value !== "string") {
    return value === undefined ? { error: `${what} is not set` } : { value };
  }
  try {
    return { value: JSON.parse(value) as unknown };
  } catch (err) {
    return {
      error: `${what} is not valid JSON (${err instanceof Error ? err.message : String(err)})`,
    };
  }
}

/** Tags from `tags` and `tagsAll` (the provider merges default tags into the latter). */
export function tagsOf(resource: PolicyResource): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const key of ["tagsAll", "tags"]) {
    for (const [k, v] of Object.entries(asRecord(resource.inputs[key]))) {
      if (typeof v === "string") tags[k] = v;
    }
  }
  return tags;
}

/** Every string by which other resources may refer to this one (name, id, ARN, URN). */
export function identitiesOf(resource: PolicyResource): Set<string> {
  const ids = new Set<string>();
  if (resource.urn !== undefined) ids.add(resource.urn);
  for (const bag of [resource.inputs, resource.outputs ?? {}]) {
    for (const key of ["name", "id", "arn"]) {
      const value = bag[key];
      if (typeof value === "string" && value !== "") ids.add(value);
    }
  }
  return ids;
}

/**
 * Whether `from` refers to `target`: by dependency (URNs; the engine provides them, and they
 * survive values that are unknown during preview) or by value (`reference(from)` equals one of
 * the target's names, ids or ARNs). The value is read only when no dependency links them, so
 * an unknown value is never touched when it does not have to be.
 */
export function refersTo(
  from: PolicyResource,
  target: PolicyResource,
  reference: (from: PolicyResource) => unknown,
): boolean {
  if (target.urn !== undefined && (from.dependencies ?? []).includes(target.urn)) return true;
  const value = reference(from);
  if (typeof value !== "string" || value === "") return false;
  return identitiesOf(target).has(value);
}

/** Case-insensitive glob match with IAM's wildcards (`*` any run, `?` one character). */
export function globMatch(pattern: string, text: string): boolean {
  const source = pattern
    .split("")
    .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`, "i").test(text);
}
