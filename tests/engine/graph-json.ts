import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { Graph, RecordedResource } from "./run-program";

/**
 * Reads a graph written by synth (`<out>/<project>.json`) back into a Graph. The file leaves out
 * what can be derived: each resource's URN is its parent's URN with its own type and name
 * appended, as the real engine builds URNs (without the root stack, which the mock engine
 * writes into some of them); resources are custom unless they are `gatus:` components.
 */
interface GraphFile {
  project: string;
  stack: string;
  resources: {
    type: string;
    name: string;
    parent: string | null;
    protect: boolean;
    inputs: Record<string, unknown>;
  }[];
  outputs: Record<string, unknown>;
}

/** `urn:pulumi:s::p::A$B::parent` + (C, name) → `urn:pulumi:s::p::A$B$C::name`. */
export function childUrn(parentUrn: string, type: string, name: string): string {
  const cut = parentUrn.lastIndexOf("::");
  return `${parentUrn.slice(0, cut)}$${type}::${name}`;
}

/** A URN as the real engine writes it: the root stack is not part of a resource's type. */
export const engineUrn = (urn: string) => urn.replace("pulumi:pulumi:Stack$", "");

export function graphFromJson(json: GraphFile): Graph {
  const resources: RecordedResource[] = json.resources.map((r) => {
    const parent = r.parent === null ? null : engineUrn(r.parent);
    return {
      ...r,
      parent,
      urn:
        parent === null
          ? `urn:pulumi:${json.stack}::${json.project}::${r.type}::${r.name}`
          : childUrn(parent, r.type, r.name),
      custom: !r.type.startsWith("gatus:"),
    };
  });
  return {
    project: json.project,
    stack: json.stack,
    resources,
    outputs: json.outputs,
    invokes: [],
  };
}

/** The persistent and ephemeral graphs of a synth output directory. */
export function readSynthGraphs(dir: string): { persistent: Graph; ephemeral: Graph } {
  const read = (file: string) => {
    const full = path.join(dir, file);
    try {
      return graphFromJson(JSON.parse(readFileSync(full, "utf8")) as GraphFile);
    } catch (error) {
      throw new Error(
        `--compare ${dir}: cannot read ${file} (${error instanceof Error ? error.message.split("\n")[0] : String(error)}); give a directory an earlier npm run synth wrote`,
        { cause: error },
      );
    }
  };
  return { persistent: read("persistent.json"), ephemeral: read("ephemeral.json") };
}
