import { describe, expect, it } from "vitest";
import { parseIpv4Cidr, privateCidrProblem } from "../../persistent/lib/ipv4-cidr";

const bounds = { min: 16, max: 22, why: "the reason" };

describe("IPv4 CIDR blocks", () => {
  it.each([
    ["10.0.0.0/16", "10.0.0.0", 16],
    ["192.168.4.0/22", "192.168.4.0", 22],
    ["0.0.0.0/0", "0.0.0.0", 0],
    ["255.255.255.255/32", "255.255.255.255", 32],
  ])("parses %s", (text, network, prefix) => {
    const cidr = parseIpv4Cidr(text);
    expect(cidr).toMatchObject({ prefix, network });
  });

  it.each([
    ["10.300.0.0/16", "octet 300 is above 255"],
    ["10.0.0/16", "must be an IPv4 CIDR block"],
    ["10.0.0.0", "must be an IPv4 CIDR block"],
    ["10.0.0.0/33", "prefix /33 is above /32"],
    ["010.0.0.0/16", "leading zero"],
    ["10.0.0.0/016", "must be an IPv4 CIDR block"],
    [" 10.0.0.0/16", "must be an IPv4 CIDR block"],
    ["", "must be an IPv4 CIDR block"],
  ])("refuses to parse %j (%s)", (text, reason) => {
    const cidr = parseIpv4Cidr(text);
    expect(typeof cidr).toBe("string");
    expect(cidr).toContain(reason);
  });
});

describe("private CIDR rule", () => {
  it.each([
    "10.0.0.0/16",
    "10.255.0.0/16",
    "172.16.0.0/16",
    "172.31.0.0/16",
    "192.168.0.0/16",
    "192.168.4.0/22",
  ])("accepts %s", (text) => {
    expect(privateCidrProblem(text, bounds)).toBeUndefined();
  });

  it.each([
    ["8.8.0.0/16", "not a private (RFC 1918) range"],
    ["192.0.0.0/16", "not a private (RFC 1918) range"],
    ["172.0.0.0/16", "not a private (RFC 1918) range"],
    ["172.32.0.0/16", "not a private (RFC 1918) range"],
    ["192.169.0.0/16", "not a private (RFC 1918) range"],
    ["11.0.0.0/16", "inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16"],
    ["10.0.0.1/16", "host bits are set; did you mean 10.0.0.0/16?"],
    ["192.168.1.0/16", "did you mean 192.168.0.0/16?"],
    ["172.16.2.0/22", "did you mean 172.16.0.0/22?"],
    ["10.0.0.0/8", "/8 is outside /16 to /22 (the reason)"],
    ["10.0.0.0/23", "/23 is outside /16 to /22 (the reason)"],
    ["10.300.0.0/16", "octet 300 is above 255"],
  ])("rejects %s: %s", (text, reason) => {
    expect(privateCidrProblem(text, bounds)).toContain(reason);
  });

  it("names every problem of one value", () => {
    expect(privateCidrProblem("192.0.0.1/24", bounds)).toBe(
      "/24 is outside /16 to /22 (the reason); not a private (RFC 1918) range: use one inside " +
        "10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16; host bits are set (its network address is 192.0.0.0/24)",
    );
  });
});
