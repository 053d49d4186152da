import { beforeAll, describe, expect, it } from "vitest";
import { EPHEMERAL_INVOKES, EPHEMERAL_MANIFEST } from "../../persistent/permissions";
import { permissionCoverage, unusedEntries } from "../engine/coverage";
import type { Graph } from "../engine/run-program";
import { FULL_CONTRACT } from "../helpers/contract-fixture";
import { TEST_PERSISTENT_STACK } from "../helpers/test-stacks";
import { runEphemeral } from "./run";

let graphs: Graph[];
beforeAll(async () => {
  // Both egress modes, both capacities, Container Insights off and on, with and without the
  // redirect listener, both image paths and both history modes, so every type the program can
  // create is seen.
  graphs = [
    await runEphemeral({ "gatus-ephemeral:egress": "nat" }),
    await runEphemeral({
      "gatus-ephemeral:egress": "public",
      "gatus-ephemeral:httpRedirect": "false",
      "gatus-ephemeral:capacity": "spot",
      "gatus-ephemeral:containerInsights": "true",
    }),
    await runEphemeral({}, { stacks: { [TEST_PERSISTENT_STACK]: { ...FULL_CONTRACT } } }),
  ];
});

describe("permission coverage: the deploy role can manage everything ephemeral creates", () => {
  it("the manifest covers every resource type the program registers (awsx expanded)", () => {
    for (const graph of graphs) {
      const coverage = permissionCoverage(graph);
      expect(coverage.types.length).toBeGreaterThan(20);
      expect(coverage.types).toEqual(
        expect.arrayContaining([
          "aws:ec2/subnet:Subnet",
          "aws:ec2/natGateway:NatGateway",
          "docker:index/image:Image",
        ]),
      );
      expect(coverage.uncoveredTypes).toEqual([]);
    }
  });

  it("the manifest covers every data source the program calls", () => {
    for (const graph of graphs) {
      expect(graph.invokes.length).toBeGreaterThan(0);
      expect(permissionCoverage(graph).uncoveredInvokes).toEqual([]);
    }
  });

  it.each([
    "aws:ecs/service:Service",
    "aws:wafv2/webAclAssociation:WebAclAssociation",
    "aws:route53/record:Record",
    "aws:ec2/subnet:Subnet",
    "aws:efs/mountTarget:MountTarget",
  ])("fails when %s is removed from the manifest", (type) => {
    const trimmed = EPHEMERAL_MANIFEST.filter((e) => e.type !== type);
    // The sqlite graph registers every type the nat graph does, and the mount targets.
    expect(permissionCoverage(graphs[2]!, trimmed).uncoveredTypes).toEqual([type]);
  });

  it("lists no type or data source the program no longer uses: its permissions would linger", () => {
    // Remove these entries from persistent/permissions/ (and their calls from tests/iam/calls/).
    expect(unusedEntries(graphs.map((g) => permissionCoverage(g)))).toEqual([]);
  });

  it("fails when the manifest keeps an entry the program no longer uses", () => {
    const stale = { type: "aws:index/getCallerIdentity:getCallerIdentity", read: [], write: [] };
    const coverages = graphs.map((g) => permissionCoverage(g));
    expect(unusedEntries(coverages, [...EPHEMERAL_MANIFEST, stale])).toEqual([stale.type]);
  });

  it("fails when a data source is removed from the manifest", () => {
    const trimmed = EPHEMERAL_INVOKES.filter((e) => e.type !== "aws:ecr/getImages:getImages");
    expect(permissionCoverage(graphs[0]!, EPHEMERAL_MANIFEST, trimmed).uncoveredInvokes).toEqual([
      "aws:ecr/getImages:getImages",
    ]);
  });

  it("fails when an awsx component's children are not declared", () => {
    const coverage = permissionCoverage(graphs[0]!, EPHEMERAL_MANIFEST, EPHEMERAL_INVOKES, {});
    expect(coverage.uncoveredTypes).toEqual(["awsx:ec2:Vpc"]);
  });
});
