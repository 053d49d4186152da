// Lesson 15: a fixed physical name plus a change that forces replacement collides with the
// resource being replaced (DuplicateTargetGroupName, InvalidGroup.Duplicate), because Pulumi
// creates the replacement first. These compare two runs of a program (before and after a config
// change) resource by resource against each type's replacement-forcing inputs (named-types.ts).
import type { Graph, RecordedResource } from "../engine/run-program";
import type { NamedType } from "./named-types";

export type NamedTypes = Readonly<Record<string, NamedType>>;

export const label = (r: RecordedResource) => `${r.type} ${r.name}`;
const at = (inputs: Record<string, unknown>, path: string): unknown =>
  path
    .split(".")
    .reduce<unknown>(
      (v, k) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[k] : v),
      inputs,
    );
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The inputs that name a resource; S3 calls a bucket's name `bucket` (elsewhere a reference). */
const nameInputs = (type: string) =>
  type === "aws:s3/bucket:Bucket" ? ["bucket", "bucketPrefix"] : ["name", "namePrefix", "family"];

/** It is given a name, or its type is one that has one (an auto-named one shows no input). */
export const isNamed = (types: NamedTypes) => (r: RecordedResource) =>
  r.custom &&
  !r.type.startsWith("pulumi:") &&
  (nameInputs(r.type).some((k) => r.inputs[k] !== undefined) || types[r.type] !== undefined);

/** The named types a set of graphs holds that the table lacks, and those it lists but none holds. */
export function unlistedNamedTypes(graphs: readonly Graph[], types: NamedTypes) {
  const seen = new Set(
    graphs.flatMap((g) => g.resources.filter(isNamed(types)).map((r) => r.type)),
  );
  return {
    unlisted: [...seen].filter((t) => types[t] === undefined).sort(),
    unused: Object.keys(types)
      .filter((t) => !seen.has(t))
      .sort(),
  };
}

/** The named resources of `before` that `after` replaces, and those it replaces under a name still in use. */
export function replacements(before: Graph, after: Graph, types: NamedTypes) {
  const next = new Map(after.resources.map((r) => [r.urn, r]));
  const replaced: RecordedResource[] = [];
  const colliding: string[] = [];
  for (const old of before.resources.filter(isNamed(types))) {
    const now = next.get(old.urn);
    const type = types[old.type];
    if (now === undefined || type === undefined) continue;
    const forcing = type.replacedBy.filter((p) => !same(at(old.inputs, p), at(now.inputs, p)));
    const revision = type.unique === "revisions";
    if (forcing.length === 0 && !(revision && !same(old.inputs, now.inputs))) continue;
    replaced.push(old);
    // A revision or a duplicate AWS accepts meets nothing; AWS or Pulumi generates the rest anew.
    if (type.unique === "revisions" || type.unique === "none") continue;
    if (now.inputs.name === undefined && type.unique.includes("name")) continue;
    const unique = type.unique;
    const identity = (r: RecordedResource) => unique.map((p) => at(r.inputs, p));
    if (same(identity(old), identity(now))) {
      colliding.push(`${label(old)}: ${forcing.join(", ")} changed, ${unique.join(", ")} did not`);
    }
  }
  return { replaced, colliding };
}

/** For each setting whose variant replaces named resources, their labels (sorted). */
export function replacedBySetting<S extends string>(
  base: Graph,
  variants: ReadonlyMap<S, Graph>,
  types: NamedTypes,
): Partial<Record<S, string[]>> {
  return Object.fromEntries(
    [...variants].flatMap(([setting, graph]) => {
      const replaced = replacements(base, graph, types).replaced.map(label).sort();
      return replaced.length > 0 ? [[setting, replaced]] : [];
    }),
  ) as Partial<Record<S, string[]>>;
}
