/**
 * The cost estimate comes from the graphs the configuration produces: change egress, the CPU
 * architecture, the task size, the region or the uptime schedule and the itemised cost moves
 * by exactly the unit price × quantity of what changed.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { one } from "../helpers/graph";
import {
  costSection,
  DEFAULT_ASSUMPTIONS,
  estimateCost,
  leversTable,
  type CostEstimate,
} from "./cost";
import { costLevers, leverCombinations } from "./levers";
import { usd } from "./markdown";
import { buildReport } from "./report";
import { testGraphs, type TestGraphs } from "./test-graphs";
import { footprintOf } from "./footprint";
import { PRICES, pricesFor } from "./prices";
import { rolloutSettingsFromConfig, rolloutSettingsFromGraph } from "./rollout";
import { HOURS_PER_MONTH, monthlyHours, parseUptime } from "./schedule";

const london = PRICES["eu-west-2"]!;
const virginia = PRICES["us-east-1"]!;
const H = HOURS_PER_MONTH;
const TEARDOWN_H = (12 * 5 * 730) / 168;

/** A priced line: its amounts as numbers (a test of an unpriced line uses `estimate.lines`). */
const line = (estimate: CostEstimate, item: string) => {
  const found = estimate.lines.find((l) => l.item === item);
  if (!found)
    throw new Error(`no cost line "${item}" in ${estimate.lines.map((l) => l.item).join(", ")}`);
  if (found.alwaysOn === undefined || found.scheduled === undefined)
    throw new Error(`cost line "${item}" is unpriced`);
  return { ...found, alwaysOn: found.alwaysOn, scheduled: found.scheduled };
};
const items = (estimate: CostEstimate) => estimate.lines.map((l) => l.item);
const estimateOf = (g: TestGraphs, schedule?: string) =>
  estimateCost(
    footprintOf(g.persistent, g.ephemeral),
    schedule ? { schedule: parseUptime(schedule) } : {},
  );

describe("cost estimate from the synthesised graphs", () => {
  let example: TestGraphs;
  let publicEgress: TestGraphs;
  let x86: TestGraphs;
  let bigger: TestGraphs;
  let usEast: TestGraphs;
  let spot: TestGraphs;
  let x86Spot: TestGraphs;
  let insights: TestGraphs;

  beforeAll(async () => {
    // One program at a time: the mock engine is process-global.
    example = await testGraphs();
    const reuse = { persistentGraph: example.persistent };
    publicEgress = await testGraphs({
      ...reuse,
      ephemeral: { "gatus-ephemeral:egress": "public" },
    });
    x86 = await testGraphs({
      ...reuse,
      ephemeral: { "gatus-ephemeral:cpuArchitecture": "X86_64" },
    });
    bigger = await testGraphs({
      ...reuse,
      ephemeral: { "gatus-ephemeral:cpu": "1024", "gatus-ephemeral:memory": "2048" },
    });
    usEast = await testGraphs({ region: "us-east-1" });
    spot = await testGraphs({ ...reuse, ephemeral: { "gatus-ephemeral:capacity": "spot" } });
    x86Spot = await testGraphs({
      ...reuse,
      ephemeral: {
        "gatus-ephemeral:capacity": "spot",
        "gatus-ephemeral:cpuArchitecture": "X86_64",
      },
    });
    insights = await testGraphs({
      ...reuse,
      ephemeral: { "gatus-ephemeral:containerInsights": "true" },
    });
  });

  it("counts the example footprint from the graphs", () => {
    expect(footprintOf(example.persistent, example.ephemeral)).toEqual({
      region: "eu-west-2",
      // The test stack turns on alerting and sqlite history: the file system, still one key.
      persistent: {
        hostedZones: 1,
        kmsKeys: 1,
        historyFileSystems: 1,
        ecrImagesKept: 30,
        logExpiryDays: 90,
      },
      ephemeral: {
        egress: "nat",
        loadBalancers: 1,
        availabilityZones: 2,
        natGateways: 1,
        publicTaskIps: 0,
        tasks: {
          count: 1,
          cpuUnits: 256,
          memoryMiB: 512,
          architecture: "ARM64",
          capacity: "on-demand",
        },
        webAcls: 1,
        wafRules: 3,
        alarms: 6,
        containerInsights: false,
        trails: { albAccessLogs: 1, flowLogs: 1, wafLogging: 1 },
      },
    });
  });

  it("prices the audit trails: vended-log delivery of flow and WAF logs, the log bucket's storage and PUTs", () => {
    const e = estimateOf(example);
    const a = DEFAULT_ASSUMPTIONS;
    expect(line(e, "VPC flow logs delivery to S3").alwaysOn).toBeCloseTo(
      a.flowLogsGbPerMonth * 0.3,
      9,
    );
    expect(line(e, "WAF logs delivery to S3").alwaysOn).toBeCloseTo(a.wafLogsGbPerMonth * 0.3, 9);
    const gb = a.albAccessLogsGbPerMonth + a.flowLogsGbPerMonth + a.wafLogsGbPerMonth;
    // 90 days kept: three months of logs in the bucket at any time.
    expect(line(e, "S3 log storage").alwaysOn).toBeCloseTo(gb * 3 * 0.024, 9);
    expect(line(e, "S3 log storage").scheduled).toBeCloseTo(gb * (TEARDOWN_H / H) * 3 * 0.024, 9);
    // ALB: one file per AZ node every 5 minutes (2 AZs); flow logs and WAF one every 5 minutes.
    expect(line(e, "S3 log PUT requests").formula).toBe("48 log files/hour × h / 1,000");
    expect(line(e, "S3 log PUT requests").alwaysOn).toBeCloseTo((48 * H * 0.0053) / 1000, 9);
  });

  it("a trail turned off drops its lines", async () => {
    const off = await testGraphs({
      persistentGraph: example.persistent,
      ephemeral: {
        "gatus-ephemeral:auditTrailsOff": JSON.stringify({
          vpcFlowLogs: "not needed in this test stack",
          wafLogging: "not needed in this test stack",
        }),
      },
    });
    const e = estimateOf(off);
    expect(items(e)).not.toContain("VPC flow logs delivery to S3");
    expect(items(e)).not.toContain("WAF logs delivery to S3");
    expect(line(e, "S3 log PUT requests").formula).toBe("24 log files/hour × h / 1,000");
  });

  it("prices the example (eu-west-2, nat, ARM64 256/512) item by item", () => {
    const e = estimateOf(example);
    expect(line(e, "ALB hours").alwaysOn).toBeCloseTo(0.02646 * H, 9);
    expect(line(e, "ALB hours").scheduled).toBeCloseTo(0.02646 * TEARDOWN_H, 9);
    expect(line(e, "NAT gateway hours").alwaysOn).toBeCloseTo(36.5, 9);
    expect(line(e, "Public IPv4: ALB").alwaysOn).toBeCloseTo(2 * 0.005 * H, 9);
    expect(line(e, "Public IPv4: NAT gateway EIP").alwaysOn).toBeCloseTo(3.65, 9);
    expect(line(e, "Fargate vCPU (ARM64)").alwaysOn).toBeCloseTo(0.25 * 0.03725 * H, 9);
    expect(line(e, "Fargate memory (ARM64)").alwaysOn).toBeCloseTo(0.5 * 0.00409 * H, 9);
    expect(line(e, "WAF rules and rule groups").alwaysOn).toBeCloseTo(3, 9);
    expect(line(e, "CloudWatch alarms").alwaysOn).toBeCloseTo(0.6, 9);
    expect(items(e)).not.toContain("Public IPv4: task (egress public)");
  });

  it("keeps persistent items whole through a teardown and scales every ephemeral one", () => {
    const e = estimateOf(example);
    for (const l of e.lines) {
      if (l.persists) expect(l.scheduled).toBe(l.alwaysOn);
      else expect(l.scheduled).toBeCloseTo(((l.alwaysOn ?? NaN) * TEARDOWN_H) / H, 9);
    }
    expect(e.lines.filter((l) => l.persists).map((l) => l.item)).toEqual([
      "Route 53 hosted zone",
      "ECR storage",
      "KMS customer-managed keys",
      "EFS storage (Gatus history)",
    ]);
    expect(e.totals.persistent.alwaysOn).toBeCloseTo(
      0.5 + (30 * 30) / 1024 / 10 + 1 + DEFAULT_ASSUMPTIONS.historyGb * 0.33,
      9,
    );
    expect(e.totals.all.scheduled).toBeCloseTo(
      e.totals.persistent.alwaysOn + (e.totals.ephemeral.alwaysOn * TEARDOWN_H) / H,
      9,
    );
  });

  it("prices the history's EFS storage only with storage sqlite, and it survives a teardown", async () => {
    const memory = await testGraphs({
      persistent: { "gatus-persistent:storage": undefined },
    });
    expect(items(estimateOf(memory))).not.toContain("EFS storage (Gatus history)");
    const efs = line(estimateOf(example), "EFS storage (Gatus history)");
    expect(efs).toMatchObject({ persists: true, assumed: true });
    expect(efs.alwaysOn).toBeCloseTo(DEFAULT_ASSUMPTIONS.historyGb * 0.33, 9);
    expect(efs.scheduled).toBe(efs.alwaysOn);
  });

  it("egress public: no NAT gateway, its hours, data or EIP; one public IP per task instead", () => {
    const nat = estimateOf(example);
    const pub = estimateOf(publicEgress);
    expect(footprintOf(publicEgress.persistent, publicEgress.ephemeral).ephemeral).toMatchObject({
      egress: "public",
      natGateways: 0,
      publicTaskIps: 1,
    });
    expect(items(pub)).not.toContain("NAT gateway hours");
    expect(items(pub)).not.toContain("NAT gateway data");
    expect(items(pub)).not.toContain("Public IPv4: NAT gateway EIP");
    expect(line(pub, "Public IPv4: task (egress public)").alwaysOn).toBeCloseTo(0.005 * H, 9);
    const natOnly = 0.05 * H + DEFAULT_ASSUMPTIONS.natGbPerMonth * 0.05 + 0.005 * H;
    expect(nat.totals.all.alwaysOn - pub.totals.all.alwaysOn).toBeCloseTo(natOnly - 0.005 * H, 9);
  });

  it("cpuArchitecture X86_64 prices Fargate at the x86 rates", () => {
    const arm = estimateOf(example);
    const intel = estimateOf(x86);
    expect(line(intel, "Fargate vCPU (X86_64)").price).toBe(london.fargateVcpuHour.X86_64);
    expect(line(intel, "Fargate vCPU (X86_64)").alwaysOn).toBeCloseTo(0.25 * 0.04656 * H, 9);
    expect(intel.totals.all.alwaysOn - arm.totals.all.alwaysOn).toBeCloseTo(
      0.25 * (0.04656 - 0.03725) * H + 0.5 * (0.00511 - 0.00409) * H,
      9,
    );
  });

  it("cpu and memory scale the Fargate lines (1024/2048 = 4 × the vCPU, 4 × the GB)", () => {
    const small = estimateOf(example);
    const large = estimateOf(bigger);
    expect(line(large, "Fargate vCPU (ARM64)").formula).toBe("1 task × 1 vCPU × h");
    expect(line(large, "Fargate vCPU (ARM64)").alwaysOn).toBeCloseTo(
      4 * line(small, "Fargate vCPU (ARM64)").alwaysOn,
      9,
    );
    expect(line(large, "Fargate memory (ARM64)").alwaysOn).toBeCloseTo(2 * 0.00409 * H, 9);
  });

  it("capacity spot prices the task at the Fargate Spot rates of its architecture, and nothing else", () => {
    const onDemand = estimateOf(example);
    const arm = estimateOf(spot);
    expect(footprintOf(spot.persistent, spot.ephemeral).ephemeral.tasks.capacity).toBe("spot");
    expect(items(arm)).not.toContain("Fargate vCPU (ARM64)");
    expect(line(arm, "Fargate Spot vCPU (ARM64)").price).toBe(london.fargateSpotVcpuHour.ARM64);
    expect(line(arm, "Fargate Spot vCPU (ARM64)").alwaysOn).toBeCloseTo(0.25 * 0.011175 * H, 9);
    expect(line(arm, "Fargate Spot memory (ARM64)").alwaysOn).toBeCloseTo(0.5 * 0.001227 * H, 9);
    expect(onDemand.totals.all.alwaysOn - arm.totals.all.alwaysOn).toBeCloseTo(
      0.25 * (0.03725 - 0.011175) * H + 0.5 * (0.00409 - 0.001227) * H,
      9,
    );
    const intel = estimateOf(x86Spot);
    expect(line(intel, "Fargate Spot vCPU (X86_64)").alwaysOn).toBeCloseTo(0.25 * 0.013968 * H, 9);
    expect(line(intel, "Fargate Spot memory (X86_64)").price?.basis).toBe("third-party");
  });

  it("containerInsights true adds its custom metrics and its performance events, and nothing else", () => {
    const off = estimateOf(example);
    const on = estimateOf(insights);
    const metrics = DEFAULT_ASSUMPTIONS.containerInsightsMetrics * 0.3;
    // The performance log group's events, at London's log ingestion price.
    const events = DEFAULT_ASSUMPTIONS.containerInsightsLogsGbPerMonth * 0.5985;
    expect(items(off).filter((item) => item.startsWith("Container Insights"))).toEqual([]);
    expect(line(on, "Container Insights metrics").alwaysOn).toBeCloseTo(metrics, 9);
    const performance = line(on, "Container Insights performance events");
    expect(performance.alwaysOn).toBeCloseTo(events, 9);
    expect(performance.price).toBe(london.logsIngestedGb);
    expect(performance.assumed).toBe(true);
    expect(on.totals.all.alwaysOn - off.totals.all.alwaysOn).toBeCloseTo(metrics + events, 9);
  });

  it("region us-east-1 uses that region's price table", () => {
    const e = estimateOf(usEast);
    expect(e.region).toBe("us-east-1");
    expect(line(e, "ALB hours").alwaysOn).toBeCloseTo(0.0225 * H, 9);
    expect(line(e, "NAT gateway hours").alwaysOn).toBeCloseTo(0.045 * H, 9);
    expect(line(e, "Fargate vCPU (ARM64)").price).toBe(virginia.fargateVcpuHour.ARM64);
    expect(estimateOf(example).totals.all.alwaysOn - e.totals.all.alwaysOn).toBeCloseTo(
      (0.02646 - 0.0225) * H +
        (0.0084 - 0.008) * DEFAULT_ASSUMPTIONS.albLcu * H +
        (0.05 - 0.045) * H +
        (0.05 - 0.045) * DEFAULT_ASSUMPTIONS.natGbPerMonth +
        0.25 * (0.03725 - 0.03238) * H +
        0.5 * (0.00409 - 0.00356) * H +
        (0.5985 - 0.5) * DEFAULT_ASSUMPTIONS.logsGbPerMonth +
        (0.3 - 0.25) *
          (DEFAULT_ASSUMPTIONS.flowLogsGbPerMonth + DEFAULT_ASSUMPTIONS.wafLogsGbPerMonth) +
        (0.024 - 0.023) *
          3 *
          (DEFAULT_ASSUMPTIONS.albAccessLogsGbPerMonth +
            DEFAULT_ASSUMPTIONS.flowLogsGbPerMonth +
            DEFAULT_ASSUMPTIONS.wafLogsGbPerMonth) +
        ((0.0053 - 0.005) * 48 * H) / 1000 +
        (0.33 - 0.3) * DEFAULT_ASSUMPTIONS.historyGb,
      9,
    );
  });

  it("the uptime schedule changes only the teardown column, by hours × rate", () => {
    const weekdays = estimateOf(example);
    const evenings = estimateOf(example, "8h x 7d");
    expect(monthlyHours(parseUptime("8h x 7d"))).toBeCloseTo((8 * 7 * 730) / 168, 9);
    expect(line(evenings, "ALB hours").scheduled).toBeCloseTo(0.02646 * ((8 * 7 * 730) / 168), 9);
    expect(evenings.totals.all.alwaysOn).toBe(weekdays.totals.all.alwaysOn);
    expect(
      line(evenings, "ALB hours").scheduled - line(weekdays, "ALB hours").scheduled,
    ).toBeCloseTo((0.02646 * ((56 - 60) * 730)) / 168, 9);
  });

  it("the rollout settings derived from the config are what the graph deploys", () => {
    // The example's persistent stack keeps the history on EFS: the rollout stops first.
    const settings = rolloutSettingsFromConfig(example.ephemeralConfig, true);
    expect(rolloutSettingsFromGraph(example.ephemeral)).toEqual(settings);
    const tg = one(example.ephemeral, "aws:lb/targetGroup:TargetGroup");
    const service = one(example.ephemeral, "aws:ecs/service:Service");
    expect(tg.inputs).toMatchObject({
      deregistrationDelay: settings.deregistrationDelaySeconds,
      healthCheck: {
        interval: settings.healthCheckIntervalSeconds,
        healthyThreshold: settings.healthyThreshold,
        timeout: settings.healthCheckTimeoutSeconds,
      },
    });
    expect(service.inputs.healthCheckGracePeriodSeconds).toBe(
      settings.healthCheckGracePeriodSeconds,
    );
  });

  it("renders every line with its formula, unit price and both columns, and lists the sources", () => {
    const text = costSection(estimateOf(example));
    expect(text).toContain(
      "| ephemeral | NAT gateway hours | 1 NAT gateway × h | $0.05 / NAT gateway-hour | $36.50 | $13.04 | no |",
    );
    expect(text).toContain(
      "| persistent | KMS customer-managed keys | 1 key | $1 / customer-managed key-month | $1.00 | $1.00 | yes (persistent) |",
    );
    expect(text).toContain("EUW2-Fargate-ARM-vCPU-Hours:perCPU");
    expect(text).toMatch(/\| WAF web ACL \| .* \(third-party\) \|/);
  });
});

describe("price table", () => {
  it("has eu-west-2 and us-east-1, every price with a source and a read date", () => {
    for (const region of ["eu-west-2", "us-east-1"]) {
      const prices = pricesFor(region);
      const entries = Object.values(prices).flatMap((v) =>
        typeof v === "object" && v !== null && "usd" in v
          ? [v]
          : typeof v === "object"
            ? Object.values(v)
            : [],
      ) as { usd: number; source: string; retrievedOn: string; basis: string }[];
      expect(entries.length).toBeGreaterThan(15);
      for (const price of entries) {
        expect(price.usd).toBeGreaterThan(0);
        expect(price.source.length).toBeGreaterThan(10);
        expect(price.retrievedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(["price-list", "third-party", "derived", "unverified"]).toContain(price.basis);
      }
    }
  });

  it("has Fargate Spot prices for both architectures; a derived one says what it was derived from", () => {
    for (const region of ["eu-west-2", "us-east-1"]) {
      const prices = pricesFor(region);
      for (const arch of ["ARM64", "X86_64"] as const) {
        const vcpu = prices.fargateSpotVcpuHour[arch];
        const gb = prices.fargateSpotGbHour[arch];
        expect(vcpu?.usd).toBeLessThan(prices.fargateVcpuHour[arch]?.usd ?? 0);
        expect(gb?.usd).toBeLessThan(prices.fargateGbHour[arch]?.usd ?? 0);
        for (const price of [vcpu, gb])
          if (price?.basis === "derived") expect(price.source).toMatch(/X86_64 Spot/);
      }
    }
    // London's X86_64 Spot is 30% of On-Demand; its ARM64 Spot is derived at the same ratio.
    expect(london.fargateSpotVcpuHour.X86_64?.usd).toBeCloseTo(0.3 * 0.04656, 9);
    expect(london.fargateSpotVcpuHour.ARM64).toMatchObject({ usd: 0.011175, basis: "derived" });
    expect(london.fargateSpotGbHour.ARM64?.usd).toBeCloseTo(0.001227, 9);
  });

  it("a region without a table keeps the prices that are the same everywhere, and says why the rest are missing", () => {
    const prices = pricesFor("ap-south-2");
    expect(prices.unpricedBecause).toBe(
      "tests/report/prices.ts has no price table for ap-south-2 (it has eu-west-2, us-east-1); add one with sources to price every item",
    );
    expect(prices.albHour).toBeUndefined();
    expect(prices.fargateVcpuHour.ARM64).toBeUndefined();
    expect(prices.fargateSpotVcpuHour).toEqual({ ARM64: undefined, X86_64: undefined });
    expect(prices.fargateSpotGbHour).toEqual({ ARM64: undefined, X86_64: undefined });
    expect(prices.wafWebAclMonth?.usd).toBe(5);
    expect(prices.hostedZoneMonth?.usd).toBe(0.5);
    expect(prices.publicIpv4Hour?.usd).toBe(0.005);
  });
});

describe("cost estimate in a region without a price table", () => {
  let tokyo: TestGraphs;
  beforeAll(async () => {
    tokyo = await testGraphs({ region: "ap-northeast-1" });
  });

  it("prices what it can, marks the rest unpriced and the totals partial, and never fails", () => {
    const e = estimateOf(tokyo);
    const unpriced = e.lines.filter((l) => l.price === undefined).map((l) => l.item);
    expect(unpriced).toContain("ALB hours");
    expect(unpriced).toContain("Fargate vCPU (ARM64)");
    expect(unpriced).not.toContain("WAF web ACL");
    expect(e.totals.all.unpriced).toBe(unpriced.length);
    expect(e.totals.all.alwaysOn).toBeCloseTo(
      e.lines.reduce((sum, l) => sum + (l.alwaysOn ?? 0), 0),
      9,
    );
    expect(line(e, "WAF web ACL").alwaysOn).toBeCloseTo(5, 9);
    const text = costSection(e);
    expect(text).toMatch(
      /^† \*\*Partial estimate:\*\* \d+ of \d+ items are unpriced because tests\/report\/prices\.ts has no price table for ap-northeast-1/,
    );
    expect(text).toContain("| ephemeral | ALB hours | 1 ALB × h | unpriced † | n/a | n/a | no |");
    expect(text).toMatch(/\*\*partial: \$\d+\.\d\d \+ \d+ unpriced\*\*/);
  });

  it("the report's summary and cost section say the estimate is partial", () => {
    const report = buildReport(tokyo);
    expect(report.summary.find((l) => l.startsWith("cost "))).toMatch(
      /^cost ap-northeast-1: partial estimate, \d+ of \d+ items unpriced \(no price table for ap-northeast-1\); the priced items come to \$\d+\.\d\d\/month always on/,
    );
    expect(report.markdown).toContain("**Partial estimate:**");
  });
});

describe("cost levers", () => {
  let nat: TestGraphs;
  let pub: TestGraphs;
  let natSpot: TestGraphs;
  let pubSpot: TestGraphs;
  let insights: TestGraphs;
  beforeAll(async () => {
    nat = await testGraphs();
    const reuse = { persistentGraph: nat.persistent };
    pub = await testGraphs({ ...reuse, ephemeral: { "gatus-ephemeral:egress": "public" } });
    natSpot = await testGraphs({ ...reuse, ephemeral: { "gatus-ephemeral:capacity": "spot" } });
    pubSpot = await testGraphs({
      ...reuse,
      ephemeral: { "gatus-ephemeral:egress": "public", "gatus-ephemeral:capacity": "spot" },
    });
    insights = await testGraphs({
      ...reuse,
      ephemeral: { "gatus-ephemeral:containerInsights": "true" },
    });
  });
  const footprint = (g: TestGraphs) => footprintOf(g.persistent, g.ephemeral);
  const lever = (g: TestGraphs, key: string) => {
    const found = costLevers(footprint(g)).find((l) => l.key === key);
    if (!found) throw new Error(`no lever ${key}`);
    return found;
  };
  const total = (g: TestGraphs) => estimateOf(g).totals.all;

  it("prices egress, Container Insights and capacity, in that order", () => {
    expect(costLevers(footprint(nat)).map((l) => [l.key, l.current, l.alternative])).toEqual([
      ["egress", "nat", "public"],
      ["containerInsights", "false", "true"],
      ["capacity", "on-demand", "spot"],
    ]);
  });

  it.each([
    ["containerInsights", () => insights],
    ["capacity", () => natSpot],
  ])(
    "the %s lever is exactly the difference between the two programs' estimates, both ways",
    (key, other) => {
      const there = lever(nat, key);
      expect(there.alwaysOnDelta).toBeCloseTo(total(other()).alwaysOn - total(nat).alwaysOn, 9);
      expect(there.scheduledDelta).toBeCloseTo(total(other()).scheduled - total(nat).scheduled, 9);
      expect(there.complete).toBe(true);
      const back = lever(other(), key);
      expect([back.current, back.alternative]).toEqual([there.alternative, there.current]);
      expect(back.alwaysOnDelta).toBeCloseTo(-there.alwaysOnDelta, 9);
    },
  );

  it("says what each alternative gives up", () => {
    expect(lever(nat, "capacity").tradeOff).toMatch(/2-minute warning.*short outage/);
    expect(lever(nat, "containerInsights").tradeOff).toMatch(/ECS\.12/);
    expect(lever(insights, "containerInsights").tradeOff).toMatch(/ECS\.12.*declared exception/);
  });

  it("a region without Spot prices makes the capacity lever partial, not wrong", () => {
    const noSpot = {
      ...PRICES["eu-west-2"]!,
      fargateSpotVcpuHour: { ARM64: undefined, X86_64: undefined },
      fargateSpotGbHour: { ARM64: undefined, X86_64: undefined },
    };
    const [capacity] = costLevers(footprint(nat), { prices: noSpot }).filter(
      (l) => l.key === "capacity",
    );
    expect(capacity?.complete).toBe(false);
    expect(
      leversTable(costLevers(footprint(nat), { prices: noSpot }), parseUptime("12h x 5d")),
    ).toMatch(/\| `capacity` \| `on-demand` \| `spot` \| [^|]+ \(partial\) \|/);
  });

  it("every combination of the levers is priced, the configured one equal to the estimate", () => {
    const combos = leverCombinations(footprint(nat));
    expect(combos).toHaveLength(8);
    const configured = combos.filter((c) => c.configured);
    expect(configured).toHaveLength(1);
    expect(configured[0]?.alwaysOn).toBeCloseTo(total(nat).alwaysOn, 9);
    const find = (egress: string, capacity: string, containerInsights = "false") =>
      combos.find(
        (c) =>
          c.settings.egress === egress &&
          c.settings.capacity === capacity &&
          c.settings.containerInsights === containerInsights,
      );
    expect(find("public", "spot")?.alwaysOn).toBeCloseTo(total(pubSpot).alwaysOn, 9);
    expect(find("nat", "spot")?.scheduled).toBeCloseTo(total(natSpot).scheduled, 9);
    expect(combos.map((c) => c.alwaysOn)).toEqual(
      [...combos.map((c) => c.alwaysOn)].sort((a, b) => a - b),
    );
  });

  it("the egress lever is exactly the difference between the two programs' estimates", () => {
    const [egress] = costLevers(footprintOf(nat.persistent, nat.ephemeral));
    const difference = estimateOf(pub).totals.all.alwaysOn - estimateOf(nat).totals.all.alwaysOn;
    expect(egress).toMatchObject({
      key: "egress",
      current: "nat",
      alternative: "public",
      complete: true,
    });
    expect(egress?.alwaysOnDelta).toBeCloseTo(difference, 9);
    expect(egress?.alwaysOnDelta).toBeLessThan(0);
    const [back] = costLevers(footprintOf(pub.persistent, pub.ephemeral));
    expect(back).toMatchObject({ current: "public", alternative: "nat" });
    expect(back?.alwaysOnDelta).toBeCloseTo(-difference, 9);
  });

  it("the report's cost section shows the levers table and the README text cites the same figure", () => {
    const report = buildReport(nat);
    const saving = usd(-(report.levers[0]?.alwaysOnDelta ?? 0));
    expect(report.markdown).toContain(`| \`egress\` | \`nat\` | \`public\` | −${saving} |`);
    expect(report.readmeCost).toContain(
      `\`egress: public\` instead of \`nat\`: saves **${saving} a month**`,
    );
    const spotSaving = usd(-lever(nat, "capacity").alwaysOnDelta);
    expect(report.markdown).toContain(
      `| \`capacity\` | \`on-demand\` | \`spot\` | −${spotSaving} |`,
    );
    expect(report.readmeCost).toContain(
      `\`capacity: spot\` instead of \`on-demand\`: saves **${spotSaving} a month**`,
    );
    const insightsCost = usd(lever(nat, "containerInsights").alwaysOnDelta);
    expect(report.readmeCost).toContain(
      `\`containerInsights: true\` instead of \`false\`: adds **${insightsCost} a month**`,
    );
  });

  it("the sources table names the prices the levers and combinations use (Spot, Container Insights)", () => {
    const report = buildReport(nat);
    expect(report.markdown).toContain(
      "github.com/theuves/fgcalc src/utils/data.js (prices.FARGATE_SPOT",
    );
    expect(report.markdown).toMatch(
      /\| derived \| ARM64 On-Demand 0\.03725 × this region's X86_64 Spot/,
    );
    expect(report.markdown).toContain("EUW2-CW:MetricMonitorUsage");
  });

  it("the report and the README show every combination, the configured one marked", () => {
    const report = buildReport(nat);
    const publicSpot = usd(total(pubSpot).alwaysOn);
    for (const text of [report.markdown, report.readmeCost]) {
      expect(text).toContain("| `egress` | `containerInsights` | `capacity` | Always on |");
      expect(text).toContain(`| public | false | spot | ${publicSpot} |`);
      expect(text).toMatch(
        /\| nat \| false \| on-demand \| \$\d+\.\d\d \| \$\d+\.\d\d \| configured \|/,
      );
    }
  });
});
