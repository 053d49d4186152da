import { describe, expect, it } from "vitest";
import {
  MAX_RESOURCE_PREFIX,
  NAME_HASH_LENGTH,
  resourcePrefixProblem,
} from "../../persistent/lib/resource-prefix";

describe("the resource prefix (`<namePrefix>-<stack>`) is a name every AWS service accepts", () => {
  it.each(["gatus-dev", "gatus-production-eu", "a1-b2-c3", "sgx-dev", "internals-dev", "g-dev"])(
    "accepts %j",
    (prefix) => {
      expect(resourcePrefixProblem(prefix)).toBeUndefined();
    },
  );

  it.each([
    // ECR: (?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)* (CreateRepository).
    ["gatus--dev", "single hyphens"],
    ["gatus-dev-", "single hyphens"],
    ["gatus-Dev", "single hyphens"],
    ["gatus-dev_eu", "single hyphens"],
    ["1gatus-dev", "start with a letter"],
    // EC2 CreateSecurityGroup: "Constraints: ... Cannot start with sg-".
    ["sg-dev", 'start with "sg-"'],
    // ELB CreateLoadBalancer: "must not begin with internal-".
    ["internal-dev", 'start with "internal-"'],
    ["gatus-production-europe-1", `at most ${MAX_RESOURCE_PREFIX}`],
  ])("rejects %j (%s)", (prefix, reason) => {
    expect(resourcePrefixProblem(prefix)).toContain(reason);
  });

  it("leaves room for the load balancer's replacement hash within ELB's 32 characters", () => {
    const longest = `${"a".repeat(MAX_RESOURCE_PREFIX)}-${"f".repeat(NAME_HASH_LENGTH)}`;
    expect(longest.length).toBeLessThanOrEqual(32);
    expect(NAME_HASH_LENGTH).toBeGreaterThanOrEqual(7);
  });
});
