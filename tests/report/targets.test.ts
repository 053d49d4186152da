/**
 * Issue 14's cost targets, measured by the report's own cost model on the documented example
 * configuration (eu-west-2): a price, footprint or default that pushes a target over its limit
 * fails here, with the report's figures in the message.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { footprintOf } from "./footprint";
import { leverCombinations, type LeverCombination } from "./levers";
import { usd } from "./markdown";
import { PRICES } from "./prices";
import { buildReport, type Report } from "./report";
import { parseUptime } from "./schedule";
import { checkTargets, COST_TARGETS, MAX_TEARDOWN_SHARE, targetsTable } from "./targets";
import { testGraphs, type TestGraphs } from "./test-graphs";

const combo = (
  settings: Record<string, string>,
  alwaysOn: number,
  scheduled: number,
  extra: Partial<LeverCombination> = {},
): LeverCombination => ({
  settings,
  alwaysOn,
  scheduled,
  complete: true,
  configured: false,
  prices: [],
  ...extra,
});

describe("cost targets of the example configuration (eu-west-2)", () => {
  let example: TestGraphs;
  let report: Report;
  beforeAll(async () => {
    example = await testGraphs({ fromExample: true });
    report = buildReport(example);
  });

  it("is the example the issue measured: eu-west-2, NAT egress, on-demand, insights off", () => {
    expect(report.cost.region).toBe("eu-west-2");
    expect(example.ephemeralConfig).toMatchObject({
      egress: "nat",
      capacity: "on-demand",
      containerInsights: false,
    });
  });

  it.each(COST_TARGETS.map((target) => [Object.values(target.settings).join(" + "), target]))(
    "%s: always on within the limit, the teardown schedule at most half of it",
    (_, target) => {
      const result = report.targets.find((r) => r.target === target);
      const figures = `${usd(result?.combination.alwaysOn ?? NaN)} always on, ${usd(result?.combination.scheduled ?? NaN)} torn down`;
      expect(result?.misses, figures).toEqual([]);
      expect(result?.status, figures).toBe("met");
      expect(result?.combination.complete).toBe(true);
      expect(result?.combination.alwaysOn).toBeLessThanOrEqual(target.maxAlwaysOn);
      expect(result?.combination.scheduled).toBeLessThanOrEqual(
        MAX_TEARDOWN_SHARE * (result?.combination.alwaysOn ?? 0),
      );
    },
  );

  it("the figures are the report's own: the estimate of the example with those levers set", async () => {
    const natSpot = await testGraphs({
      fromExample: true,
      persistentGraph: example.persistent,
      ephemeral: { "gatus-ephemeral:capacity": "spot" },
    });
    const spotReport = buildReport(natSpot);
    const [, nat] = report.targets;
    expect(nat?.combination.alwaysOn).toBeCloseTo(spotReport.cost.totals.all.alwaysOn, 9);
    expect(nat?.combination.scheduled).toBeCloseTo(spotReport.cost.totals.all.scheduled, 9);
  });

  it("the report shows them in the summary, the cost section and the README's cost block", () => {
    const [pub, nat] = report.targets;
    expect(report.summary).toContain(
      `cost targets: public + spot ${usd(pub!.combination.alwaysOn)} always on (≤ $50.00: met), ${usd(pub!.combination.scheduled)} torn down; ` +
        `nat + spot ${usd(nat!.combination.alwaysOn)} always on (≤ $85.00: met), ${usd(nat!.combination.scheduled)} torn down`,
    );
    const row = `| \`egress: nat\` + \`capacity: spot\` | ${usd(nat!.combination.alwaysOn)} | ≤ $85.00 |`;
    expect(report.markdown).toContain(row);
    expect(report.readmeCost).toContain(row);
  });

  it("a target the prices miss is reported as missed, with the figure", () => {
    // London with the NAT gateway at twice its hourly price.
    const london = PRICES["eu-west-2"]!;
    const pricier = {
      ...london,
      natGatewayHour: london.natGatewayHour && {
        ...london.natGatewayHour,
        usd: 2 * london.natGatewayHour.usd,
      },
    };
    const combos = leverCombinations(footprintOf(example.persistent, example.ephemeral), {
      prices: pricier,
    });
    const [pub, nat] = checkTargets(combos);
    expect(pub?.status).toBe("met");
    expect(nat?.status).toBe("missed");
    expect(nat?.misses).toEqual([`always on ${usd(nat!.combination.alwaysOn)} is over $85.00`]);
    expect(targetsTable([nat!], parseUptime("12h x 5d"))).toContain("**missed**: always on");
  });
});

describe("checkTargets", () => {
  const configured = combo(
    { egress: "nat", capacity: "on-demand", containerInsights: "false" },
    90,
    34,
    {
      configured: true,
    },
  );
  const target = { settings: { egress: "nat", capacity: "spot" }, maxAlwaysOn: 85 };
  const spot = (alwaysOn: number, scheduled: number, extra: Partial<LeverCombination> = {}) =>
    combo(
      { egress: "nat", capacity: "spot", containerInsights: "false" },
      alwaysOn,
      scheduled,
      extra,
    );

  it("keeps the levers the target does not set as configured", () => {
    const withInsights = combo(
      { egress: "nat", capacity: "spot", containerInsights: "true" },
      80,
      30,
    );
    const [result] = checkTargets([withInsights, spot(84, 32), configured], [target]);
    expect(result?.combination.settings.containerInsights).toBe("false");
    expect(result?.status).toBe("met");
  });

  it.each([
    ["over the limit", spot(85.01, 32), ["always on $85.01 is over $85.00"]],
    [
      "a teardown total over half of always on",
      spot(80, 40.01),
      ["the teardown schedule's $40.01 is over half of $80.00"],
    ],
  ])("misses a target with %s", (_, combination, misses) => {
    const [result] = checkTargets([combination, configured], [target]);
    expect(result?.status).toBe("missed");
    expect(result?.misses).toEqual(misses);
  });

  it("judges no partial total (a region without prices for some items)", () => {
    const [result] = checkTargets([spot(10, 3, { complete: false }), configured], [target]);
    expect(result?.status).toBe("partial");
    expect(targetsTable([result!], parseUptime("12h x 5d"))).toContain(
      "unknown: some items are unpriced in this region",
    );
  });

  it("refuses combinations without the configured one or without the target's", () => {
    expect(() => checkTargets([spot(84, 32)], [target])).toThrow(/no configured combination/);
    expect(() => checkTargets([configured], [target])).toThrow(
      "no combination of the levers has `egress: nat` + `capacity: spot`",
    );
  });
});
