// The deploy role's statements are packed into managed policies `<role>-<n>`; when the manifest
// shrinks (a resource type leaves the ephemeral program), fewer policies are needed and
// `pulumi up` of persistent deletes the last ones. Pulumi refuses to delete (or replace) a
// protected resource, so nothing the packing can drop may be protected.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Graph, RecordedResource } from "../engine/run-program";
import { ofType } from "../helpers/graph";
import { runPersistent } from "./run";

const manifest = vi.hoisted(() => ({ statements: Infinity }));

vi.mock("../../persistent/policy-documents", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../persistent/policy-documents")>();
  return {
    ...actual,
    deployStatements: (...args: Parameters<typeof actual.deployStatements>) =>
      actual.deployStatements(...args).slice(0, manifest.statements),
  };
});

const POLICY = "aws:iam/policy:Policy";
const describeResource = (r: RecordedResource) => `${r.type} ${r.name}`;

let full: Graph;
let smaller: Graph;
beforeAll(async () => {
  full = await runPersistent();
  manifest.statements = 1;
  smaller = await runPersistent();
});

describe("a smaller deploy manifest: persistent's next pulumi up", () => {
  it("needs fewer deploy policies (the case this file is about)", () => {
    const deployPolicies = (g: Graph) =>
      ofType(g, POLICY).filter((p) => p.name.startsWith("deploy-"));
    expect(deployPolicies(full).length).toBeGreaterThan(1);
    expect(deployPolicies(smaller)).toHaveLength(1);
  });

  it("deletes no protected resource", () => {
    const remaining = new Set(smaller.resources.map((r) => r.urn));
    const deleted = full.resources.filter((r) => !remaining.has(r.urn));
    expect(deleted.map(describeResource)).toContain(`${POLICY} deploy-2`);
    expect(deleted.filter((r) => r.protect).map(describeResource)).toEqual([]);
  });

  it("changes no protected resource (no update, no replacement)", () => {
    const after = new Map(smaller.resources.map((r) => [r.urn, r]));
    const changed = full.resources
      .filter((r) => r.protect)
      .filter((r) => JSON.stringify(after.get(r.urn)?.inputs) !== JSON.stringify(r.inputs));
    expect(changed.map(describeResource)).toEqual([]);
  });
});
