import type { Graph, RecordedResource } from "../engine/run-program";

/** All resources of a type. */
export function ofType(graph: Graph, type: string): RecordedResource[] {
  return graph.resources.filter((r) => r.type === type);
}

/** The one resource of a type (and name): fails loudly when there are none or several. */
export function one(graph: Graph, type: string, name?: string): RecordedResource {
  const found = ofType(graph, type).filter((r) => name === undefined || r.name === name);
  if (found.length !== 1) {
    throw new Error(
      `expected exactly one ${type}${name ? ` named ${name}` : ""}, found ${found.length}`,
    );
  }
  return found[0] as RecordedResource;
}

/** Parses a JSON-document input (IAM policies, container definitions). */
export function jsonInput<T = unknown>(resource: RecordedResource, key: string): T {
  const value = resource.inputs[key];
  if (typeof value !== "string")
    throw new Error(`${resource.type} ${resource.name}: ${key} is not a JSON string`);
  return JSON.parse(value) as T;
}

export interface IamStatement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource?: string | string[];
  Principal?: Record<string, string | string[]>;
  Condition?: Record<string, Record<string, string | string[]>>;
}

export const asList = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];
