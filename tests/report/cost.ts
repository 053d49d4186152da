/**
 * A monthly cost estimate of the two stacks: the footprint counted from the graphs × the unit
 * prices of the region × the hours each item exists. Two columns: always on (730 h) and a
 * teardown schedule (the ephemeral stack destroyed at night). Persistent items (zone, ECR, KMS)
 * exist in both columns; every ephemeral item is destroyed with the stack.
 */
import type { Footprint } from "./footprint";
import type { CostLever, LeverCombination } from "./levers";
import { table, unitUsd, usd, num } from "./markdown";
import { pricesFor, type Price, type RegionPrices } from "./prices";
import { targetsTable, type TargetResult } from "./targets";
import {
  DEFAULT_TEARDOWN,
  HOURS_PER_MONTH,
  describeUptime,
  monthlyHours,
  type UptimeSchedule,
} from "./schedule";

/** Usage nobody can count from a graph. Each is a guess, shown as such in the report. */
export interface CostAssumptions {
  /** Average LCUs per ALB-hour: a dashboard for a few people plus internet scanners. */
  albLcu: number;
  /** GB a month through the NAT gateway when always on: probes, image pulls, log shipping. */
  natGbPerMonth: number;
  /** Million requests a month the WAF inspects when always on (scanners included). */
  wafMillionRequestsPerMonth: number;
  /** GB a month of Gatus's own container logs ingested when always on. */
  logsGbPerMonth: number;
  /** Custom metrics Container Insights publishes for one cluster, service and task family. */
  containerInsightsMetrics: number;
  /**
   * GB a month of Container Insights performance events (containerInsights on), ingested into
   * the performance log group like any log: about 4 events a minute (cluster, service, task,
   * container) of about 1 KB each, 43,800 minutes a month.
   */
  containerInsightsLogsGbPerMonth: number;
  /** Compressed size of one scratch Gatus image in ECR. */
  imageSizeMb: number;
  /** GB a month of ALB access logs (gzip) when always on. */
  albAccessLogsGbPerMonth: number;
  /** GB a month of VPC flow logs when always on: ALB, NAT and task interfaces, scanners. */
  flowLogsGbPerMonth: number;
  /** GB a month of WAF logs when always on (one JSON record per inspected request). */
  wafLogsGbPerMonth: number;
  /** Size of Gatus's SQLite history on EFS: a few hundred results per endpoint, kilobytes each. */
  historyGb: number;
}

export const DEFAULT_ASSUMPTIONS: CostAssumptions = {
  albLcu: 0.5,
  natGbPerMonth: 3,
  wafMillionRequestsPerMonth: 1,
  logsGbPerMonth: 0.5,
  containerInsightsMetrics: 25,
  containerInsightsLogsGbPerMonth: 0.2,
  imageSizeMb: 30,
  albAccessLogsGbPerMonth: 0.2,
  flowLogsGbPerMonth: 1,
  wafLogsGbPerMonth: 1,
  historyGb: 0.1,
};

export type Stack = "persistent" | "ephemeral";

export interface CostLine {
  stack: Stack;
  item: string;
  /** Quantity × time; `h` is the hours the stack exists in the month. */
  formula: string;
  /** Undefined where the region has no price for the item. */
  price: Price;
  /** Monthly USD when always on (h = 730); undefined when unpriced. */
  alwaysOn: number | undefined;
  /** Monthly USD on the teardown schedule; undefined when unpriced. */
  scheduled: number | undefined;
  /** The item survives a teardown (it belongs to the persistent stack). */
  persists: boolean;
  /** Part of the quantity is an assumption, not counted from the graph. */
  assumed: boolean;
}

export interface CostTotals {
  /** Sum of the priced lines. */
  alwaysOn: number;
  scheduled: number;
  /** Lines without a price: when above 0, the totals are partial. */
  unpriced: number;
}

export interface CostEstimate {
  region: string;
  location: string;
  /** Why some lines are unpriced (a region without a price table), if any are. */
  unpricedBecause: string | undefined;
  schedule: UptimeSchedule;
  /** Hours a month the ephemeral stack exists on the schedule. */
  scheduledHours: number;
  lines: CostLine[];
  totals: Record<Stack | "all", CostTotals>;
}

export interface EstimateOptions {
  schedule?: UptimeSchedule;
  prices?: RegionPrices;
  assumptions?: CostAssumptions;
}

interface LineSpec {
  stack: Stack;
  item: string;
  formula: string;
  price: Price;
  /** Units billed in a month when the stack exists `h` hours. */
  units: (h: number) => number;
  assumed?: boolean;
}

const plural = (n: number, word: string, words = `${word}s`) =>
  `${num(n)} ${n === 1 ? word : words}`;

function lineSpecs(f: Footprint, prices: RegionPrices, a: CostAssumptions): LineSpec[] {
  const e = f.ephemeral;
  const monthShare = (h: number) => h / HOURS_PER_MONTH;
  const eph = (spec: Omit<LineSpec, "stack">): LineSpec => ({ stack: "ephemeral", ...spec });
  const specs: LineSpec[] = [
    eph({
      item: "ALB hours",
      formula: `${plural(e.loadBalancers, "ALB")} × h`,
      price: prices.albHour,
      units: (h) => e.loadBalancers * h,
    }),
    eph({
      item: "ALB capacity units",
      formula: `${plural(e.loadBalancers, "ALB")} × ${num(a.albLcu)} LCU (assumed) × h`,
      price: prices.albLcuHour,
      units: (h) => e.loadBalancers * a.albLcu * h,
      assumed: true,
    }),
    eph({
      item: "Public IPv4: ALB",
      formula: `${plural(e.loadBalancers, "ALB")} × ${plural(e.availabilityZones, "AZ")} × h`,
      price: prices.publicIpv4Hour,
      units: (h) => e.loadBalancers * e.availabilityZones * h,
    }),
  ];
  if (e.natGateways > 0) {
    specs.push(
      eph({
        item: "NAT gateway hours",
        formula: `${plural(e.natGateways, "NAT gateway")} × h`,
        price: prices.natGatewayHour,
        units: (h) => e.natGateways * h,
      }),
      eph({
        item: "NAT gateway data",
        formula: `${num(a.natGbPerMonth)} GB/month (assumed) × h/730`,
        price: prices.natGatewayGb,
        units: (h) => a.natGbPerMonth * monthShare(h),
        assumed: true,
      }),
      eph({
        item: "Public IPv4: NAT gateway EIP",
        formula: `${plural(e.natGateways, "EIP")} × h`,
        price: prices.publicIpv4Hour,
        units: (h) => e.natGateways * h,
      }),
    );
  }
  if (e.publicTaskIps > 0) {
    specs.push(
      eph({
        item: "Public IPv4: task (egress public)",
        formula: `${plural(e.publicTaskIps, "task")} × h`,
        price: prices.publicIpv4Hour,
        units: (h) => e.publicTaskIps * h,
      }),
    );
  }
  const { count, cpuUnits, memoryMiB, architecture, capacity } = e.tasks;
  const spot = capacity === "spot";
  const fargate = spot ? "Fargate Spot" : "Fargate";
  specs.push(
    eph({
      item: `${fargate} vCPU (${architecture})`,
      formula: `${plural(count, "task")} × ${num(cpuUnits / 1024)} vCPU × h`,
      price: (spot ? prices.fargateSpotVcpuHour : prices.fargateVcpuHour)[architecture],
      units: (h) => count * (cpuUnits / 1024) * h,
    }),
    eph({
      item: `${fargate} memory (${architecture})`,
      formula: `${plural(count, "task")} × ${num(memoryMiB / 1024)} GB × h`,
      price: (spot ? prices.fargateSpotGbHour : prices.fargateGbHour)[architecture],
      units: (h) => count * (memoryMiB / 1024) * h,
    }),
  );
  if (e.webAcls > 0) {
    specs.push(
      eph({
        item: "WAF web ACL",
        formula: `${plural(e.webAcls, "web ACL")} × h/730`,
        price: prices.wafWebAclMonth,
        units: (h) => e.webAcls * monthShare(h),
      }),
      eph({
        item: "WAF rules and rule groups",
        formula: `${plural(e.wafRules, "rule")} × h/730`,
        price: prices.wafRuleMonth,
        units: (h) => e.wafRules * monthShare(h),
      }),
      eph({
        item: "WAF requests",
        formula: `${num(a.wafMillionRequestsPerMonth)} M requests/month (assumed) × h/730`,
        price: prices.wafMillionRequests,
        units: (h) => a.wafMillionRequestsPerMonth * monthShare(h),
        assumed: true,
      }),
    );
  }
  specs.push(
    eph({
      item: "CloudWatch Logs ingestion",
      formula: `${num(a.logsGbPerMonth)} GB/month (assumed) × h/730`,
      price: prices.logsIngestedGb,
      units: (h) => a.logsGbPerMonth * monthShare(h),
      assumed: true,
    }),
    eph({
      item: "CloudWatch alarms",
      formula: `${plural(e.alarms, "alarm")} × h/730`,
      price: prices.alarmMonth,
      units: (h) => e.alarms * monthShare(h),
    }),
  );
  if (e.containerInsights) {
    specs.push(
      eph({
        item: "Container Insights metrics",
        formula: `${num(a.containerInsightsMetrics)} metrics (assumed) × h/730`,
        price: prices.metricMonth,
        units: (h) => a.containerInsightsMetrics * monthShare(h),
        assumed: true,
      }),
      // The performance log group the stack owns when insights are on (1-day retention, so
      // ingestion is its whole cost).
      eph({
        item: "Container Insights performance events",
        formula: `${num(a.containerInsightsLogsGbPerMonth)} GB/month (assumed) × h/730`,
        price: prices.logsIngestedGb,
        units: (h) => a.containerInsightsLogsGbPerMonth * monthShare(h),
        assumed: true,
      }),
    );
  }
  specs.push(...trailSpecs(f, prices, a).map(eph));
  const p = f.persistent;
  const ecrGb = (p.ecrImagesKept * a.imageSizeMb) / 1024;
  const persistentLine = (spec: Omit<LineSpec, "stack">): LineSpec => ({
    stack: "persistent",
    ...spec,
  });
  specs.push(
    persistentLine({
      item: "Route 53 hosted zone",
      formula: plural(p.hostedZones, "zone"),
      price: prices.hostedZoneMonth,
      units: () => p.hostedZones,
    }),
    persistentLine({
      item: "ECR storage",
      formula: `${plural(p.ecrImagesKept, "image")} kept × ${num(a.imageSizeMb)} MB (assumed) = ${num(ecrGb)} GB`,
      price: prices.ecrGbMonth,
      units: () => ecrGb,
      assumed: true,
    }),
    persistentLine({
      item: "KMS customer-managed keys",
      formula: plural(p.kmsKeys, "key"),
      price: prices.kmsKeyMonth,
      units: () => p.kmsKeys,
    }),
  );
  if (p.historyFileSystems > 0) {
    // Bursting throughput bills no reads or writes; EFS bills storage only (history.ts).
    specs.push(
      persistentLine({
        item: "EFS storage (Gatus history)",
        formula: `${plural(p.historyFileSystems, "file system")} × ${num(a.historyGb)} GB (assumed)`,
        price: prices.efsStandardGbMonth,
        units: () => p.historyFileSystems * a.historyGb,
        assumed: true,
      }),
    );
  }
  return specs;
}

/** Log files a trail delivers per hour: ELB one per node (AZ) and flow logs and WAF one per 5 minutes. */
const FILES_PER_HOUR = 12;

/**
 * The audit trails: vended-log delivery of flow and WAF logs, and the log bucket's storage and
 * PUTs. The bucket is persistent, but logs arrive only while ephemeral runs, so every line
 * scales with its hours; storage holds logExpiryDays of them.
 */
function trailSpecs(
  f: Footprint,
  prices: RegionPrices,
  a: CostAssumptions,
): Omit<LineSpec, "stack">[] {
  const t = f.ephemeral.trails;
  const share = (h: number) => h / HOURS_PER_MONTH;
  const sources = [
    {
      on: t.albAccessLogs > 0,
      gb: a.albAccessLogsGbPerMonth,
      files: f.ephemeral.availabilityZones * t.albAccessLogs,
    },
    { on: t.flowLogs > 0, gb: a.flowLogsGbPerMonth, files: t.flowLogs },
    { on: t.wafLogging > 0, gb: a.wafLogsGbPerMonth, files: t.wafLogging },
  ].filter((x) => x.on);
  if (sources.length === 0) return [];
  const gbPerMonth = sources.reduce((n, x) => n + x.gb, 0);
  const filesPerHour = sources.reduce((n, x) => n + x.files, 0) * FILES_PER_HOUR;
  const held = f.persistent.logExpiryDays / 30;
  // Flow and WAF logs are vended logs: delivery is billed per GB on top of S3.
  const vendedDelivery = (on: boolean, item: string, gb: number): Omit<LineSpec, "stack">[] =>
    on
      ? [
          {
            item,
            formula: `${num(gb)} GB/month (assumed) × h/730`,
            price: prices.vendedLogsToS3Gb,
            units: (h) => gb * share(h),
            assumed: true,
          },
        ]
      : [];
  return [
    ...vendedDelivery(t.flowLogs > 0, "VPC flow logs delivery to S3", a.flowLogsGbPerMonth),
    ...vendedDelivery(t.wafLogging > 0, "WAF logs delivery to S3", a.wafLogsGbPerMonth),
    {
      item: "S3 log storage",
      formula: `${num(gbPerMonth)} GB/month of logs (assumed) × h/730 × ${num(f.persistent.logExpiryDays)} days kept / 30`,
      price: prices.s3GbMonth,
      units: (h) => gbPerMonth * share(h) * held,
      assumed: true,
    },
    {
      item: "S3 log PUT requests",
      formula: `${num(filesPerHour)} log files/hour × h / 1,000`,
      price: prices.s3ThousandPuts,
      units: (h) => (filesPerHour * h) / 1000,
    },
  ];
}

const sum = (lines: CostLine[], pick: (l: CostLine) => number | undefined) =>
  lines.reduce((total, l) => total + (pick(l) ?? 0), 0);

/** Prices a footprint: always on, and on the teardown schedule (default 12 h × 5 d). */
export function estimateCost(footprint: Footprint, options: EstimateOptions = {}): CostEstimate {
  const prices = options.prices ?? pricesFor(footprint.region);
  const schedule = options.schedule ?? DEFAULT_TEARDOWN;
  const scheduledHours = monthlyHours(schedule);
  const priced = (units: number, price: Price) =>
    price === undefined ? undefined : units * price.usd;
  const lines = lineSpecs(footprint, prices, options.assumptions ?? DEFAULT_ASSUMPTIONS).map(
    (spec): CostLine => ({
      stack: spec.stack,
      item: spec.item,
      formula: spec.formula,
      price: spec.price,
      alwaysOn: priced(spec.units(HOURS_PER_MONTH), spec.price),
      // The persistent stack is never torn down.
      scheduled: priced(
        spec.units(spec.stack === "persistent" ? HOURS_PER_MONTH : scheduledHours),
        spec.price,
      ),
      persists: spec.stack === "persistent",
      assumed: spec.assumed ?? false,
    }),
  );
  const totals = (stack?: Stack): CostTotals => {
    const of = lines.filter((l) => stack === undefined || l.stack === stack);
    return {
      alwaysOn: sum(of, (l) => l.alwaysOn),
      scheduled: sum(of, (l) => l.scheduled),
      unpriced: of.filter((l) => l.price === undefined).length,
    };
  };
  return {
    region: prices.region,
    location: prices.location,
    unpricedBecause: lines.some((l) => l.price === undefined) ? prices.unpricedBecause : undefined,
    schedule,
    scheduledHours,
    lines,
    totals: { persistent: totals("persistent"), ephemeral: totals("ephemeral"), all: totals() },
  };
}

/** A total for a table cell: partial totals say so, with how many lines they lack. */
export function totalText(amount: number, unpriced: number): string {
  return unpriced === 0 ? usd(amount) : `partial: ${usd(amount)} + ${unpriced} unpriced`;
}

const NOT_PRICED = [
  "Data transfer out to the internet (dashboard pages; AWS waives the first 100 GB a month across services).",
  "Route 53 queries: alias queries to the ALB are free; others $0.40 per million.",
  "SNS alarm e-mails, KMS requests (20,000 a month free), CloudWatch Logs storage (the persistent log group: logRetentionDays, 30 by default, of well under a GB, kept through teardown; Container Insights' performance events kept 1 day), Fargate ephemeral storage (20 GB included), ACM public certificates (free).",
  "Partial hours: the ALB and NAT gateway bill each started hour in full, so every nightly re-create adds up to one hour of each.",
  "Free tiers (10 alarms, 10 metrics, 5 GB of logs): the estimate assumes they are used up elsewhere in the account.",
];

const signed = (amount: number) => (amount <= 0 ? `−${usd(-amount)}` : `+${usd(amount)}`);

/** The levers table: each choice, what switching it changes a month, and what it gives up. */
export function leversTable(levers: CostLever[], schedule: UptimeSchedule): string {
  return table(
    [
      "Config key",
      "Now",
      "Switch to",
      "Always on",
      `Teardown ${describeUptime(schedule)}`,
      "Trade-off",
    ],
    levers.map((l) => [
      `\`${l.key}\``,
      `\`${l.current}\``,
      `\`${l.alternative}\``,
      `${signed(l.alwaysOnDelta)}${l.complete ? "" : " (partial)"}`,
      `${signed(l.scheduledDelta)}${l.complete ? "" : " (partial)"}`,
      l.tradeOff,
    ]),
  );
}

/** Every combination of the levers with its totals, cheapest first, the configured one marked. */
export function combinationsTable(combos: LeverCombination[], schedule: UptimeSchedule): string {
  const keys = Object.keys(combos[0]?.settings ?? {});
  const amount = (value: number, c: LeverCombination) =>
    `${usd(value)}${c.complete ? "" : " (partial)"}`;
  return table(
    [...keys.map((k) => `\`${k}\``), "Always on", `Teardown ${describeUptime(schedule)}`, ""],
    combos.map((c) => [
      ...keys.map((k) => c.settings[k] ?? ""),
      amount(c.alwaysOn, c),
      amount(c.scheduled, c),
      c.configured ? "configured" : "",
    ]),
  );
}

/** What the cost section shows beyond the itemised estimate (each part only when given). */
export interface CostSectionParts {
  levers?: CostLever[];
  combinations?: LeverCombination[];
  targets?: TargetResult[];
}

/**
 * The cost section of the report: both stacks, itemised, the levers, their combinations, the
 * cost targets, the price sources.
 */
export function costSection(
  estimate: CostEstimate,
  { levers = [], combinations = [], targets = [] }: CostSectionParts = {},
): string {
  const scheduleName = `teardown ${describeUptime(estimate.schedule)} (${num(estimate.scheduledHours, 1)} h)`;
  const rows = estimate.lines.map((l) => [
    l.stack,
    `${l.item}${l.assumed ? " *" : ""}`,
    l.formula,
    l.price === undefined
      ? "unpriced †"
      : `${unitUsd(l.price.usd)} / ${l.price.unit}${l.price.basis === "price-list" ? "" : ` (${l.price.basis})`}`,
    l.alwaysOn === undefined ? "n/a" : usd(l.alwaysOn),
    l.scheduled === undefined ? "n/a" : usd(l.scheduled),
    l.persists ? "yes (persistent)" : "no",
  ]);
  const total = (label: string, t: CostTotals) => [
    "",
    `**${label}**`,
    "",
    "",
    `**${totalText(t.alwaysOn, t.unpriced)}**`,
    `**${totalText(t.scheduled, t.unpriced)}**`,
    "",
  ];
  // The levers' and combinations' prices too: a Spot price the table uses needs its source.
  const pricedLines = [
    ...estimate.lines.map((l) => l.price),
    ...combinations.flatMap((c) => c.prices),
  ].flatMap((price) => (price === undefined ? [] : [price]));
  const sources = [
    ...new Map(pricedLines.map((price) => [price.source, price] as const)).values(),
  ].map((price) => [price.basis, price.source, price.retrievedOn]);
  const partial =
    estimate.unpricedBecause === undefined
      ? []
      : [
          `† **Partial estimate:** ${estimate.totals.all.unpriced} of ${estimate.lines.length} items are unpriced because ${estimate.unpricedBecause}. ` +
            "The totals add up the priced items only.",
          "",
        ];
  return [
    ...partial,
    `Region ${estimate.region} (${estimate.location}), USD at On-Demand rates (Spot where an item says so), before free tiers and tax. ` +
      `Always on = 730 h a month; ${scheduleName} = h/day × d/week × 730/168 hours for the ` +
      "ephemeral stack, which the teardown workflow destroys at night. The persistent stack is " +
      "never torn down, so its items cost the same in both columns.",
    "",
    table(
      [
        "Stack",
        "Item",
        "Quantity (h = hours up)",
        "Unit price",
        "Always on",
        `Teardown ${describeUptime(estimate.schedule)}`,
        "Survives teardown",
      ],
      [
        ...rows,
        total("persistent", estimate.totals.persistent),
        total("ephemeral", estimate.totals.ephemeral),
        total("total", estimate.totals.all),
      ],
    ),
    "",
    ...(levers.length === 0
      ? []
      : [
          "Levers: what switching one choice would change in the monthly total (negative is cheaper).",
          "",
          leversTable(levers, estimate.schedule),
          "",
        ]),
    ...(combinations.length === 0
      ? []
      : [
          "Every combination of the levers, cheapest first (monthly totals of both stacks):",
          "",
          combinationsTable(combinations, estimate.schedule),
          "",
        ]),
    ...(targets.length === 0
      ? []
      : [
          "Cost targets (issue 14): this configuration with only the target's levers changed, " +
            "always on at most the limit and the teardown schedule at most half of always on. " +
            "The Spot rates are the 70%-off ceiling AWS advertises; a smaller discount that day " +
            "shrinks the margin.",
          "",
          targetsTable(targets, estimate.schedule),
          "",
        ]),
    "\\* the quantity includes an assumption (see `DEFAULT_ASSUMPTIONS` in `tests/report/cost.ts`); " +
      "replace it with measured usage after the first month.",
    "",
    "Not priced:",
    "",
    ...NOT_PRICED.map((n) => `- ${n}`),
    "",
    "Price sources (`tests/report/prices.ts`; basis `price-list` = quoted from the AWS Price List " +
      "bulk file by a public write-up, `third-party` = a pricing guide, `derived` = computed from " +
      "sourced prices by the rule given, `unverified` = not sourced for this region). None was read " +
      "from aws.amazon.com by this repository: confirm them with the AWS Pricing Calculator before " +
      "relying on the totals.",
    "",
    table(["Basis", "Source", "Read on"], sources),
  ].join("\n");
}
