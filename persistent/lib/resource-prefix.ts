// The resource prefix (`<namePrefix>-<stack>`) starts every physical name of both projects and is
// the ECR repository's whole name, so it must satisfy the strictest of the services' rules.

/**
 * Hex characters of the hash a physical name carries when it must change with every input that
 * forces the resource's replacement (the load balancer's: ephemeral/replacement-name.ts).
 */
export const NAME_HASH_LENGTH = 7;

/**
 * The longest prefix: the load balancer is `<prefix>-<hash>` (ephemeral/load-balancer.ts) and
 * ELB allows 32 characters (CreateLoadBalancer, Name).
 */
export const MAX_RESOURCE_PREFIX = 32 - "-".length - NAME_HASH_LENGTH;

/** Names AWS refuses when they start this way, and which service refuses them. */
const RESERVED_STARTS = [
  // CreateSecurityGroup, GroupName: "Constraints: ... Cannot start with sg-."
  { start: "sg-", why: "EC2 refuses security group names that do (they would read as group ids)" },
  // CreateLoadBalancer, Name: "must not begin with \"internal-\"".
  { start: "internal-", why: "ELB refuses load balancer names that do" },
] as const;

/**
 * Why AWS would reject `prefix` in a name, or undefined. The shape is ECR's repository-name
 * pattern (`[a-z0-9]+(?:[._-][a-z0-9]+)*`, CreateRepository) narrowed to what ELB, EC2 and
 * CloudWatch also accept: lower-case letters and digits joined by single hyphens.
 */
export function resourcePrefixProblem(prefix: string): string | undefined {
  if (!/^[a-z]/.test(prefix)) return "must start with a letter";
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(prefix)) {
    return "must be lower-case letters and digits joined by single hyphens, with none at the end (ECR repository names allow nothing else)";
  }
  for (const { start, why } of RESERVED_STARTS) {
    if (prefix.startsWith(start)) return `must not start with "${start}": ${why}`;
  }
  if (prefix.length > MAX_RESOURCE_PREFIX) {
    return `must be at most ${MAX_RESOURCE_PREFIX} characters, because AWS limits load balancer names to 32`;
  }
  return undefined;
}
