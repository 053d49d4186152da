// IPv4 CIDR blocks: strict parsing and the "private network" rule for a VPC's address range.

export interface Ipv4Cidr {
  /** The address as written, as an unsigned 32-bit number. */
  address: number;
  prefix: number;
  /** The network address (host bits cleared), dotted. */
  network: string;
}

const SHAPE = "must be an IPv4 CIDR block a.b.c.d/n, e.g. 10.0.0.0/16";

/** RFC 1918: the only IPv4 ranges never routed on the internet. */
export const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"] as const;

/** Parses `a.b.c.d/n` (octets 0-255 without leading zeros, prefix 0-32), or says why not. */
export function parseIpv4Cidr(text: string): Ipv4Cidr | string {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(0|[1-9]\d?)$/.exec(text);
  if (!match) return SHAPE;
  const octets = match.slice(1, 5);
  for (const octet of octets) {
    // "010" reads as octal to some tools and as decimal to others: refuse to guess.
    if (octet.length > 1 && octet.startsWith("0"))
      return `octet ${octet} has a leading zero; ${SHAPE}`;
    if (Number(octet) > 255) return `octet ${octet} is above 255; ${SHAPE}`;
  }
  const prefix = Number(match[5]);
  if (prefix > 32) return `prefix /${prefix} is above /32; ${SHAPE}`;
  const address = octets.reduce((acc, octet) => acc * 256 + Number(octet), 0);
  return { address, prefix, network: dotted(networkOf(address, prefix)) };
}

/**
 * Why `text` is not a private network range whose prefix lies within `prefix.min` to
 * `prefix.max` (`prefix.why` says where those bounds come from): every problem, in words,
 * or undefined when it is fine.
 */
export function privateCidrProblem(
  text: string,
  prefix: { min: number; max: number; why: string },
): string | undefined {
  const cidr = parseIpv4Cidr(text);
  if (typeof cidr === "string") return cidr;
  const problems: string[] = [];
  if (cidr.prefix < prefix.min || cidr.prefix > prefix.max) {
    problems.push(`/${cidr.prefix} is outside /${prefix.min} to /${prefix.max} (${prefix.why})`);
  }
  if (!PRIVATE_RANGES.some((range) => isInside(cidr, range))) {
    const ranges = `${PRIVATE_RANGES.slice(0, -1).join(", ")} or ${PRIVATE_RANGES.at(-1)}`;
    problems.push(`not a private (RFC 1918) range: use one inside ${ranges}`);
  }
  if (networkOf(cidr.address, cidr.prefix) !== cidr.address) {
    // Suggest the network address only when it would be accepted as it is.
    const network = `${cidr.network}/${cidr.prefix}`;
    problems.push(
      problems.length === 0
        ? `host bits are set; did you mean ${network}?`
        : `host bits are set (its network address is ${network})`,
    );
  }
  return problems.length === 0 ? undefined : problems.join("; ");
}

/** Whether every address of `cidr` lies inside `range`. */
function isInside(cidr: Ipv4Cidr, range: string): boolean {
  const outer = parseIpv4Cidr(range);
  if (typeof outer === "string") throw new Error(`not a CIDR block: ${range}`);
  return cidr.prefix >= outer.prefix && networkOf(cidr.address, outer.prefix) === outer.address;
}

function networkOf(address: number, prefix: number): number {
  const hostSize = 2 ** (32 - prefix);
  return Math.floor(address / hostSize) * hostSize;
}

function dotted(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join(".");
}
