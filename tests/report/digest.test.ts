/**
 * The pull-request digest: a fixture pair of graphs per kind of change, and an unchanged pair
 * that must read "No changes". The base goes through the JSON files synth writes, as in CI.
 */
import { CONTRACT_VERSION } from "../../persistent/contract";
import { beforeAll, describe, expect, it } from "vitest";
import { graphFromJson } from "../engine/graph-json";
import { graphJson } from "../engine/render";
import type { Graph } from "../engine/run-program";
import { digestMarkdown, digestOf, hasChanges, type GraphPair } from "./digest";
import { testGraphs } from "./test-graphs";

/** What CI's base side is: the graphs written to disk and read back. */
const throughJson = (pair: GraphPair): GraphPair => ({
  persistent: graphFromJson(JSON.parse(JSON.stringify(graphJson(pair.persistent)))),
  ephemeral: graphFromJson(JSON.parse(JSON.stringify(graphJson(pair.ephemeral)))),
});

/** A copy of a graph with one resource's inputs edited. */
function edited(
  graph: Graph,
  type: string,
  edit: (inputs: Record<string, unknown>) => void,
): Graph {
  const copy = structuredClone(graph);
  const r = copy.resources.find((x) => x.type === type);
  if (r === undefined) throw new Error(`no ${type}`);
  edit(r.inputs);
  return copy;
}

describe("the offline digest of a change", () => {
  let base: GraphPair;
  let publicEgress: GraphPair;
  let slowerDrain: GraphPair;

  beforeAll(async () => {
    const graphs = await testGraphs();
    base = { persistent: graphs.persistent, ephemeral: graphs.ephemeral };
    const pub = await testGraphs({
      persistentGraph: graphs.persistent,
      ephemeral: { "gatus-ephemeral:egress": "public" },
    });
    publicEgress = { persistent: pub.persistent, ephemeral: pub.ephemeral };
    const slow = await testGraphs({
      persistentGraph: graphs.persistent,
      ephemeral: { "gatus-ephemeral:deregistrationDelaySeconds": "120" },
    });
    slowerDrain = { persistent: slow.persistent, ephemeral: slow.ephemeral };
  });

  it("an unchanged graph, written to JSON and read back, says there are no changes", () => {
    const digest = digestOf(throughJson(base), base);
    expect(hasChanges(digest)).toBe(false);
    expect(digestMarkdown(digest)).toContain("No changes:");
  });

  it("a new commit's image tag and digest alone are not a change", () => {
    const retagged = structuredClone(base);
    const tag = String(base.ephemeral.outputs.imageTag);
    const json = JSON.stringify(retagged.ephemeral).split(tag).join("f".repeat(40));
    expect(hasChanges(digestOf(base, { ...retagged, ephemeral: JSON.parse(json) as Graph }))).toBe(
      false,
    );
  });

  it("egress public: resources by concern, the cost, the diagram", () => {
    const digest = digestOf(throughJson(base), publicEgress);
    const text = digestMarkdown(digest);
    expect(digest.resources.changed.map((c) => `${c.component} ${c.type}`)).toContain(
      "Network awsx:ec2:Vpc",
    );
    expect(digest.cost.after.alwaysOn).toBeLessThan(digest.cost.before.alwaysOn);
    expect(text).toMatch(/- always on: \$\d+\.\d\d → \$\d+\.\d\d \(−\$\d+\.\d\d\)/);
    expect(digest.diagram.changed).toBe(true);
    expect(text).toContain("#### Architecture (changed)");
  });

  it("a longer deregistration delay: the changed input and the slower rollout", () => {
    const digest = digestOf(base, slowerDrain);
    const tg = digest.resources.changed.find((c) => c.type === "aws:lb/targetGroup:TargetGroup");
    expect(tg?.inputs).toContain("deregistrationDelay: 15 → 120");
    expect(digest.rollout.after.handover - digest.rollout.before.handover).toBe(105);
  });

  it("a new unscoped grant to the deploy role is called out first", () => {
    const wider = {
      ...base,
      persistent: edited(base.persistent, "aws:iam/policy:Policy", (inputs) => {
        const doc = JSON.parse(String(inputs.policy)) as { Statement: unknown[] };
        doc.Statement.push({ Effect: "Allow", Action: "ec2:DeleteVpc", Resource: "*" });
        inputs.policy = JSON.stringify(doc);
      }),
    };
    const digest = digestOf(base, wider);
    expect(digest.permissions.newlyUnscoped.map((g) => `${g.role} ${g.action}`)).toEqual([
      expect.stringMatching(/^(deploy|preview) ec2:DeleteVpc$/),
    ]);
    const text = digestMarkdown(digest);
    expect(text.indexOf("Newly unscoped permissions")).toBeLessThan(text.indexOf("#### Resources"));
  });

  it("a policy finding introduced, and resolved when reverted", () => {
    const weaker = {
      ...base,
      ephemeral: edited(base.ephemeral, "aws:lb/loadBalancer:LoadBalancer", (inputs) => {
        inputs.dropInvalidHeaderFields = false;
      }),
    };
    expect(digestOf(base, weaker).policy.added.join("\n")).toMatch(/LoadBalancer/);
    expect(digestOf(weaker, base).policy.resolved.join("\n")).toMatch(/LoadBalancer/);
  });

  it("a contract key removed and the version bumped", () => {
    const persistent = structuredClone(base.persistent);
    delete persistent.outputs.alarmTopicArn;
    persistent.outputs.contractVersion = CONTRACT_VERSION + 1;
    const digest = digestOf(base, { ...base, persistent });
    expect(digest.contract).toMatchObject({
      versionBefore: CONTRACT_VERSION,
      versionAfter: CONTRACT_VERSION + 1,
      removed: ["alarmTopicArn"],
    });
    expect(digestMarkdown(digest)).toContain("- key removed: `alarmTopicArn`");
  });
});
