import {
  COMPONENT_CHILDREN,
  COMPONENT_INVOKES,
  EPHEMERAL_INVOKES,
  EPHEMERAL_MANIFEST,
  needsNoAwsPermissions,
  type ManifestEntry,
} from "../../persistent/permissions";
import type { Graph } from "./run-program";

export interface Coverage {
  /** AWS resource types the program creates (awsx components expanded to their children). */
  types: string[];
  /** Data sources the program calls, and those its awsx components call. */
  invokes: string[];
  /** Types the manifest does not cover: the deploy role would fail on them. */
  uncoveredTypes: string[];
  /** Invokes (data sources) the manifest does not cover. */
  uncoveredInvokes: string[];
}

/** Which resource types and invokes of a graph the permission manifest does not cover. */
export function permissionCoverage(
  graph: Graph,
  manifest: readonly ManifestEntry[] = EPHEMERAL_MANIFEST,
  invokes: readonly ManifestEntry[] = EPHEMERAL_INVOKES,
  children: Readonly<Record<string, readonly string[]>> = COMPONENT_CHILDREN,
): Coverage {
  const registered = [...new Set(graph.resources.map((r) => r.type))];
  const types = [
    ...new Set(
      registered
        .flatMap((type) => children[type] ?? [type])
        .filter((type) => type !== "pulumi:pulumi:StackReference" && !needsNoAwsPermissions(type)),
    ),
  ].sort();
  const called = [
    ...new Set([...graph.invokes, ...registered.flatMap((type) => COMPONENT_INVOKES[type] ?? [])]),
  ].sort();
  const covered = new Set(manifest.map((e) => e.type));
  const coveredInvokes = new Set(invokes.map((e) => e.type));
  return {
    types,
    invokes: called,
    uncoveredTypes: types.filter((t) => !covered.has(t)),
    uncoveredInvokes: called.filter((t) => !coveredInvokes.has(t)),
  };
}

/**
 * Manifest entries no graph uses: a type the program no longer creates, or a data source it no
 * longer calls, whose permissions would linger in the roles.
 */
export function unusedEntries(
  coverages: readonly Coverage[],
  entries: readonly ManifestEntry[] = [...EPHEMERAL_MANIFEST, ...EPHEMERAL_INVOKES],
): string[] {
  const used = new Set(coverages.flatMap((c) => [...c.types, ...c.invokes]));
  return entries.map((e) => e.type).filter((type) => !used.has(type));
}
