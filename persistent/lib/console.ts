/**
 * AWS Management Console addresses, shared by both projects' console links. Each partition has
 * its own console domain; regional pages live on `<region>.<domain>` and still take
 * `?region=<region>`, which is what the console itself writes into its URLs.
 */

const CONSOLE_DOMAINS: readonly { regionPrefix: string; domain: string }[] = [
  { regionPrefix: "cn-", domain: "console.amazonaws.cn" },
  { regionPrefix: "us-gov-", domain: "console.amazonaws-us-gov.com" },
];
const DEFAULT_CONSOLE_DOMAIN = "console.aws.amazon.com";

/** The partition's console domain for a region, e.g. `console.aws.amazon.com`. */
function consoleDomain(region: string): string {
  return (
    CONSOLE_DOMAINS.find((d) => region.startsWith(d.regionPrefix))?.domain ?? DEFAULT_CONSOLE_DOMAIN
  );
}

/** Where a regional service's console pages live, e.g. `https://eu-west-2.console.aws.amazon.com`. */
export function consoleOrigin(region: string): string {
  return `https://${region}.${consoleDomain(region)}`;
}

/** Where a global service's (IAM, Route 53) console pages live in the region's partition. */
export function globalConsoleOrigin(region: string): string {
  return `https://${consoleDomain(region)}`;
}
