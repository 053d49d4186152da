/**
 * The rules over both programs' real resource graphs, recorded by the shared offline engine
 * (tests/engine) with the example config: what `pulumi preview --policy-pack` would report,
 * without credentials.
 */
import { describe, expect, it } from "vitest";
import { exampleConfig } from "../engine/example-config";
import type { Graph } from "../engine/run-program";
import { synthEphemeral, synthPersistent } from "../engine/synth";
import { evaluate } from "./exceptions";

const summary = (graph: Graph) => {
  const report = evaluate(graph.resources);
  return {
    mandatory: report.mandatory.map((f) => `${f.ruleId}: ${f.message}`),
    advisory: report.advisory.map((f) => f.ruleId),
    excepted: report.excepted.map((f) => [f.ruleId, f.resourceType]).sort(),
  };
};

describe("policy rules over the programs' mocked graphs", () => {
  it("persistent: no findings", async () => {
    expect(summary(await synthPersistent())).toEqual({ mandatory: [], advisory: [], excepted: [] });
  });

  it("ephemeral (egress nat): no mandatory or advisory findings, only the two declared exceptions", async () => {
    const persistent = await synthPersistent();
    expect(summary(await synthEphemeral(persistent.outputs))).toEqual({
      mandatory: [],
      advisory: [],
      excepted: [
        ["elb-listener-uses-https", "aws:lb/listener:Listener"],
        ["sg-no-http-from-world", "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"],
      ],
    });
  });

  it("ephemeral (egress public): the public IP is an advisory finding, not a mandatory one", async () => {
    const persistent = await synthPersistent();
    const config = { ...exampleConfig("ephemeral"), "gatus-ephemeral:egress": "public" };
    const result = summary(await synthEphemeral(persistent.outputs, { config }));
    expect(result.mandatory).toEqual([]);
    expect(result.advisory).toEqual(["ecs-service-public-ip-acknowledged"]);
  });
});
