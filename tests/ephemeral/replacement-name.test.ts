import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { replacementName } from "../../ephemeral/replacement-name";
import { MAX_RESOURCE_PREFIX } from "../../persistent/lib/resource-prefix";
import { ephemeralNames } from "../../persistent/permissions/names";

const nameOf = (prefix: string, forcing: Record<string, string | number | boolean>) =>
  new Promise<string>((resolve) => replacementName(prefix, forcing).apply(resolve));

/** IAM's wildcards: "?" is one character, "*" any run of them. */
const iamMatches = (pattern: string, value: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\?/g, ".")
      .replace(/\*/g, ".*")}$`,
  ).test(value);

const placement = { internal: false, loadBalancerType: "application", vpcId: "vpc-0123" };

describe("a name that changes with every input that forces a replacement", () => {
  it("is the prefix and a short hash of the inputs, the same on every run", async () => {
    const name = await nameOf("gatus-dev", placement);
    expect(name).toMatch(/^gatus-dev-[0-9a-f]{7}$/);
    expect(await nameOf("gatus-dev", { ...placement })).toBe(name);
  });

  it.each(Object.keys(placement))("changes when %s does", async (input) => {
    const changed = {
      ...placement,
      [input]: `${String(placement[input as keyof typeof placement])}x`,
    };
    expect(await nameOf("gatus-dev", changed)).not.toBe(await nameOf("gatus-dev", placement));
  });

  it("does not depend on the order the inputs are given in", async () => {
    const reversed = Object.fromEntries(Object.entries(placement).reverse());
    expect(await nameOf("gatus-dev", reversed)).toBe(await nameOf("gatus-dev", placement));
  });

  it("waits for inputs that are outputs of other resources (the VPC's id)", async () => {
    const fromOutput = await nameOf("gatus-dev", {
      ...placement,
      vpcId: pulumi.output("vpc-0123"),
    } as never);
    expect(fromOutput).toBe(await nameOf("gatus-dev", placement));
  });

  it("fits ELB's 32 characters for the longest prefix the configuration allows", async () => {
    const name = await nameOf("a".repeat(MAX_RESOURCE_PREFIX), placement);
    expect(name.length).toBeLessThanOrEqual(32);
    expect(name).toMatch(/^[a-z0-9][a-z0-9-]*[a-z0-9]$/);
  });

  it("is what the deploy role's load balancer scope matches, and no sibling stack's name is", async () => {
    const pattern = ephemeralNames("gatus-dev").loadBalancer;
    expect(iamMatches(pattern, await nameOf("gatus-dev", placement))).toBe(true);
    for (const sibling of ["gatus-dev-eu", "gatus-dev-a", "gatus-dee", "gatus-de"]) {
      expect(iamMatches(pattern, await nameOf(sibling, placement)), sibling).toBe(false);
    }
  });
});
