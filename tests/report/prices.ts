/**
 * Unit prices the cost estimate uses, per region, each with where it came from and when it was
 * read. On-Demand, USD, no free tier, no taxes. Nothing here was read from aws.amazon.com by
 * this repository (it has no network access to it): every number is second-hand, and `basis`
 * says how far to trust it. Check them with the AWS Pricing Calculator before relying on them,
 * and update `retrievedOn` when you do.
 *
 * - `price-list`: a public write-up quoting the AWS Price List bulk file
 *   (https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/<offer>/current/<region>/index.json),
 *   with the usage type and the file's publication date given in `source`.
 * - `third-party`: a pricing guide or blog (named in `source`), or AWS's own blog read through one.
 * - `derived`: computed from prices with a source, by the rule `source` states.
 * - `unverified`: commonly published, but no source was read for this region.
 */

export type PriceBasis = "price-list" | "third-party" | "derived" | "unverified";

export interface UnitPrice {
  usd: number;
  /** What one unit is, e.g. "ALB-hour". */
  unit: string;
  basis: PriceBasis;
  source: string;
  /** When this repository read the source (ISO date). */
  retrievedOn: string;
}

export type Architecture = "ARM64" | "X86_64";

/** A unit price, or undefined where this repository has no source for the region. */
export type Price = UnitPrice | undefined;

export interface RegionPrices {
  region: string;
  location: string;
  /** Why some items have no price (a region without a table); undefined when all are priced. */
  unpricedBecause?: string;
  albHour: Price;
  albLcuHour: Price;
  natGatewayHour: Price;
  natGatewayGb: Price;
  publicIpv4Hour: Price;
  fargateVcpuHour: Record<Architecture, Price>;
  fargateGbHour: Record<Architecture, Price>;
  /** Fargate Spot (capacity spot): AWS sets these per region, at up to 70% off On-Demand. */
  fargateSpotVcpuHour: Record<Architecture, Price>;
  fargateSpotGbHour: Record<Architecture, Price>;
  wafWebAclMonth: Price;
  wafRuleMonth: Price;
  wafMillionRequests: Price;
  logsIngestedGb: Price;
  alarmMonth: Price;
  metricMonth: Price;
  hostedZoneMonth: Price;
  ecrGbMonth: Price;
  kmsKeyMonth: Price;
  /** S3 Standard storage, first 50 TB: the log bucket. */
  s3GbMonth: Price;
  /** S3 PUT requests: every log file delivered is one. */
  s3ThousandPuts: Price;
  /** CloudWatch vended logs delivered to S3, first 10 TB: VPC flow logs and WAF logs. */
  vendedLogsToS3Gb: Price;
  efsStandardGbMonth: Price;
}

const READ_ON = "2026-11-26";

const priceList = (offer: string, usageType: string, published: string) =>
  `AWS Price List ${offer} (eu-west-2 file published ${published}), usage type ${usageType}; quoted by public cost write-ups, not fetched here`;

const p = (
  usd: number,
  unit: string,
  basis: PriceBasis,
  source: string,
  retrievedOn = READ_ON,
): UnitPrice => ({ usd, unit, basis, source, retrievedOn });

// A transcription of AWS's Fargate pricing page, last changed 2021-01-14 (commit e29aefb). AWS
// moves Spot prices with supply and demand, at up to 70% off On-Demand: these are that ceiling,
// so a Spot estimate is a best case until the Pricing Calculator confirms today's rate.
const FGCALC =
  "github.com/theuves/fgcalc src/utils/data.js (prices.FARGATE_SPOT; file last changed 2021-01-14, e29aefb)";
const SPOT_READ_ON = "2026-12-01";
/** An X86_64 Fargate Spot price from fgcalc. */
const fgcalcSpot = (usd: number, unit: string) => p(usd, unit, "third-party", FGCALC, SPOT_READ_ON);

/**
 * ARM64 Fargate Spot where no source gives it: the ARM64 On-Demand price at the region's X86_64
 * Spot discount. AWS prices ARM64 about 20% under X86_64 both On-Demand and Spot, so the ratio
 * carries over; only the AWS Pricing Calculator can confirm the figure.
 */
function armSpot(armOnDemand: UnitPrice, x86Spot: UnitPrice, x86OnDemand: UnitPrice): UnitPrice {
  const ratio = x86Spot.usd / x86OnDemand.usd;
  return p(
    Number((armOnDemand.usd * ratio).toPrecision(6)),
    armOnDemand.unit,
    "derived",
    `ARM64 On-Demand ${armOnDemand.usd} × this region's X86_64 Spot/On-Demand ratio ${Number(ratio.toFixed(6))} (X86_64 Spot ${x86Spot.usd}: ${x86Spot.source}); no ARM64 Spot price was read for the region`,
    x86Spot.retrievedOn,
  );
}

/** A region's Fargate Spot prices: X86_64 from a source, ARM64 derived from it. */
function fargateSpot(
  onDemand: { vcpu: Record<Architecture, UnitPrice>; gb: Record<Architecture, UnitPrice> },
  x86: { vcpu: UnitPrice; gb: UnitPrice },
): Pick<RegionPrices, "fargateSpotVcpuHour" | "fargateSpotGbHour"> {
  return {
    fargateSpotVcpuHour: {
      ARM64: armSpot(onDemand.vcpu.ARM64, x86.vcpu, onDemand.vcpu.X86_64),
      X86_64: x86.vcpu,
    },
    fargateSpotGbHour: {
      ARM64: armSpot(onDemand.gb.ARM64, x86.gb, onDemand.gb.X86_64),
      X86_64: x86.gb,
    },
  };
}

// AWS's Networking & Content Delivery blog ("Cost-effective ways for securing your web
// applications using AWS WAF"): the same price in every region, monthly fees prorated hourly.
const WAF_BLOG =
  "aws.amazon.com/blogs/networking-and-content-delivery/cost-effective-ways-for-securing-your-web-applications-using-aws-waf/ (same price in all regions, prorated hourly); amounts from c3x.dev/blog/aws-waf-cost-explained";
const waf = {
  wafWebAclMonth: p(5, "web ACL-month", "third-party", WAF_BLOG),
  wafRuleMonth: p(1, "rule or rule group-month", "third-party", WAF_BLOG),
  wafMillionRequests: p(0.6, "million requests", "third-party", WAF_BLOG),
};

// Vended logs: billed in the region of the resource that logs (a WAF web ACL's, not the
// bucket's), per GB delivered; ALB access logs are free to deliver, S3 charges only.
const VENDED_SOURCES =
  "github.com/aws-samples/sample-cfm-tips-mcp services/cloudwatch_service_vended_log.py (CloudWatchLogsPricingCalculator: $0.25/GB vended to S3, first 10 TB); tech.enechange.co.jp/entry/2023/02/07/170405 (WAF logs to S3 are billed as CloudWatch vended logs of the web ACL's region)";

const ROUTE53_ZONE = p(
  0.5,
  "hosted zone-month (first 25)",
  "price-list",
  "AWS Price List AmazonRoute53 (global file published 2026-09-11), usage type HostedZone; quoted by a public cost write-up, not fetched here",
);

const PUBLIC_IPV4 = p(
  0.005,
  "address-hour",
  "third-party",
  'repost.aws "Public IPv4 Addresses Cost Projection" (same price in all regions since 2024-02-01)',
);

// Fargate On-Demand, London.
const LONDON_FARGATE = {
  vcpu: {
    ARM64: p(
      0.03725,
      "vCPU-hour",
      "price-list",
      priceList("AmazonECS", "EUW2-Fargate-ARM-vCPU-Hours:perCPU", "2026-09-11"),
    ),
    X86_64: p(
      0.04656,
      "vCPU-hour",
      "price-list",
      `${priceList("AmazonECS", "EUW2-Fargate-vCPU-Hours:perCPU", "2026-09-11")}; same figure in github.com/theuves/fgcalc src/utils/data.js`,
    ),
  },
  gb: {
    ARM64: p(
      0.00409,
      "GB-hour",
      "price-list",
      priceList("AmazonECS", "EUW2-Fargate-ARM-GB-Hours", "2026-09-11"),
    ),
    X86_64: p(
      0.00511,
      "GB-hour",
      "price-list",
      `${priceList("AmazonECS", "EUW2-Fargate-GB-Hours", "2026-09-11")}; same figure in github.com/theuves/fgcalc src/utils/data.js`,
    ),
  },
};

// Fargate On-Demand, N. Virginia.
const VIRGINIA_FARGATE = {
  vcpu: {
    ARM64: p(0.03238, "vCPU-hour", "third-party", "vantage.sh/blog/fargate-pricing"),
    X86_64: p(
      0.04048,
      "vCPU-hour",
      "third-party",
      "vantage.sh/blog/fargate-pricing; github.com/theuves/fgcalc src/utils/data.js",
    ),
  },
  gb: {
    ARM64: p(0.00356, "GB-hour", "third-party", "vantage.sh/blog/fargate-pricing"),
    X86_64: p(
      0.004445,
      "GB-hour",
      "third-party",
      "vantage.sh/blog/fargate-pricing; github.com/theuves/fgcalc src/utils/data.js",
    ),
  },
};

export const PRICES: Readonly<Record<string, RegionPrices>> = {
  "eu-west-2": {
    region: "eu-west-2",
    location: "Europe (London)",
    albHour: p(
      0.02646,
      "ALB-hour",
      "price-list",
      priceList("AWSELB", "EUW2-LoadBalancerUsage", "2026-09-11"),
    ),
    albLcuHour: p(
      0.0084,
      "LCU-hour",
      "price-list",
      priceList("AWSELB", "EUW2-LCUUsage", "2026-09-11"),
    ),
    natGatewayHour: p(
      0.05,
      "NAT gateway-hour",
      "price-list",
      priceList("AmazonEC2", "EUW2-NatGateway-Hours", "2026-09-25"),
    ),
    natGatewayGb: p(
      0.05,
      "GB processed",
      "price-list",
      priceList("AmazonEC2", "EUW2-NatGateway-Bytes", "2026-09-25"),
    ),
    publicIpv4Hour: p(
      0.005,
      "address-hour",
      "price-list",
      priceList("AmazonVPC", "EUW2-PublicIPv4:InUseAddress", "2026-09-17"),
    ),
    fargateVcpuHour: LONDON_FARGATE.vcpu,
    fargateGbHour: LONDON_FARGATE.gb,
    // 30% of On-Demand: the 70% discount AWS advertises as the most Spot takes off.
    ...fargateSpot(LONDON_FARGATE, {
      vcpu: fgcalcSpot(0.013968, "vCPU-hour"),
      gb: fgcalcSpot(0.001533, "GB-hour"),
    }),
    ...waf,
    logsIngestedGb: p(
      0.5985,
      "GB ingested (Standard)",
      "price-list",
      priceList("AmazonCloudWatch", "EUW2-DataProcessing-Bytes", "2026-09-22"),
    ),
    alarmMonth: p(
      0.1,
      "standard alarm-month",
      "price-list",
      priceList("AmazonCloudWatch", "EUW2-CW:AlarmMonitorUsage", "2026-09-22"),
    ),
    metricMonth: p(
      0.3,
      "metric-month (first 10,000)",
      "price-list",
      priceList("AmazonCloudWatch", "EUW2-CW:MetricMonitorUsage", "2026-09-22"),
    ),
    hostedZoneMonth: ROUTE53_ZONE,
    ecrGbMonth: p(
      0.1,
      "GB-month",
      "price-list",
      priceList("AmazonECR", "EUW2-TimedStorage-ByteHrs", "2026-09-11"),
    ),
    kmsKeyMonth: p(
      1,
      "customer-managed key-month",
      "price-list",
      priceList("awskms", "eu-west-2-KMS-Keys", "2026-09-11"),
    ),
    s3GbMonth: p(
      0.024,
      "GB-month (S3 Standard, first 50 TB)",
      "unverified",
      "commonly published London S3 Standard price; no source read for eu-west-2",
    ),
    s3ThousandPuts: p(
      0.0053,
      "1,000 PUT requests",
      "unverified",
      "commonly published London S3 PUT price; no source read for eu-west-2",
    ),
    vendedLogsToS3Gb: p(
      0.3,
      "GB delivered (vended logs to S3, first 10 TB)",
      "unverified",
      `us-east-1's $0.25 (${VENDED_SOURCES}) × London's CloudWatch ingestion premium (0.5985 / 0.50), rounded; not read for eu-west-2`,
    ),
    efsStandardGbMonth: p(
      0.33,
      "GB-month (EFS Standard)",
      "unverified",
      "commonly published for London; no source was read for eu-west-2",
    ),
  },
  "us-east-1": {
    region: "us-east-1",
    location: "US East (N. Virginia)",
    albHour: p(
      0.0225,
      "ALB-hour",
      "third-party",
      "aws.amazon.com/elasticloadbalancing/pricing/ us-east-1 example, as transcribed by api-evangelist/amazon-elastic-load-balancing; handbook.vantage.sh/aws/services/elb-pricing",
    ),
    albLcuHour: p(
      0.008,
      "LCU-hour",
      "third-party",
      "aws.amazon.com/elasticloadbalancing/pricing/ us-east-1 example, as transcribed by api-evangelist/amazon-elastic-load-balancing",
    ),
    natGatewayHour: p(
      0.045,
      "NAT gateway-hour",
      "third-party",
      "cloudburn.io/blog/aws-nat-gateway-pricing; basavytix.com/blog/aws-nat-gateway-pricing",
    ),
    natGatewayGb: p(
      0.045,
      "GB processed",
      "third-party",
      "cloudburn.io/blog/aws-nat-gateway-pricing; basavytix.com/blog/aws-nat-gateway-pricing",
    ),
    publicIpv4Hour: PUBLIC_IPV4,
    fargateVcpuHour: VIRGINIA_FARGATE.vcpu,
    fargateGbHour: VIRGINIA_FARGATE.gb,
    ...fargateSpot(VIRGINIA_FARGATE, {
      vcpu: fgcalcSpot(0.01264355, "vCPU-hour"),
      gb: fgcalcSpot(0.00138835, "GB-hour"),
    }),
    ...waf,
    logsIngestedGb: p(
      0.5,
      "GB ingested (Standard)",
      "third-party",
      "c3x.dev/blog/cloudwatch-logs-cost-optimization",
    ),
    alarmMonth: p(
      0.1,
      "standard alarm-month",
      "third-party",
      "c3x.dev/resources/aws/aws_cloudwatch_metric_alarm",
    ),
    metricMonth: p(
      0.3,
      "metric-month (first 10,000)",
      "unverified",
      "commonly published; the London price list shows the same $0.30",
    ),
    hostedZoneMonth: ROUTE53_ZONE,
    ecrGbMonth: p(0.1, "GB-month", "third-party", "cloudburn.io/blog/amazon-ecr-pricing"),
    kmsKeyMonth: p(
      1,
      "customer-managed key-month",
      "third-party",
      "cloudburn.io/blog/amazon-ecr-pricing (KMS for ECR)",
    ),
    s3GbMonth: p(
      0.023,
      "GB-month (S3 Standard, first 50 TB)",
      "third-party",
      "github.com/aws-samples/sample-cfm-tips-mcp services/cloudwatch_service_vended_log.py (S3_STORAGE_COST)",
    ),
    s3ThousandPuts: p(
      0.005,
      "1,000 PUT requests",
      "third-party",
      "cloudkaramchari.com/blog/understanding-per-1000-put-copy-post-or-list-requests-in-amazon-s3-pricing",
    ),
    vendedLogsToS3Gb: p(
      0.25,
      "GB delivered (vended logs to S3, first 10 TB)",
      "third-party",
      VENDED_SOURCES,
    ),
    efsStandardGbMonth: p(
      0.3,
      "GB-month (EFS Standard)",
      "third-party",
      "aws.amazon.com/efs/pricing/ ($0.30/GB-month), as stored in this repository's search corpus",
    ),
  },
};

// The same in every region: AWS's WAF blog, Route 53's global price, and public IPv4's flat rate
// since 2024-02-01 (the us-east-1 entry's source).
const REGION_INDEPENDENT = { ...waf, hostedZoneMonth: ROUTE53_ZONE, publicIpv4Hour: PUBLIC_IPV4 };

/**
 * The price table of a region. A region without one still gets the prices that are the same
 * everywhere; every other item is unpriced, with the reason, and the estimate says it is partial.
 */
export function pricesFor(
  region: string,
  table: Readonly<Record<string, RegionPrices>> = PRICES,
): RegionPrices {
  const prices = table[region];
  if (prices !== undefined) return prices;
  return {
    region,
    location: "no price table",
    unpricedBecause:
      `tests/report/prices.ts has no price table for ${region} (it has ${Object.keys(table).sort().join(", ")}); ` +
      "add one with sources to price every item",
    albHour: undefined,
    albLcuHour: undefined,
    natGatewayHour: undefined,
    natGatewayGb: undefined,
    fargateVcpuHour: { ARM64: undefined, X86_64: undefined },
    fargateGbHour: { ARM64: undefined, X86_64: undefined },
    fargateSpotVcpuHour: { ARM64: undefined, X86_64: undefined },
    fargateSpotGbHour: { ARM64: undefined, X86_64: undefined },
    logsIngestedGb: undefined,
    alarmMonth: undefined,
    metricMonth: undefined,
    ecrGbMonth: undefined,
    kmsKeyMonth: undefined,
    s3GbMonth: undefined,
    s3ThousandPuts: undefined,
    vendedLogsToS3Gb: undefined,
    efsStandardGbMonth: undefined,
    ...REGION_INDEPENDENT,
  };
}
