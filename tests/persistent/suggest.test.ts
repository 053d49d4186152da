import { describe, expect, it } from "vitest";
import { closest, editDistance } from "../../persistent/lib/suggest";

describe("editDistance", () => {
  it.each([
    ["zoneName", "zoneName", 0],
    ["desiredcount", "desiredCount", 0], // case does not count
    ["hostnme", "hostname", 1], // deletion
    ["cpuu", "cpu", 1], // insertion
    ["memery", "memory", 1], // substitution
    ["zoneNmae", "zoneName", 1], // adjacent transposition counts as one edit
    ["eu-west", "eu-west-1", 2],
    ["", "abc", 3],
    ["kitten", "sitting", 3],
  ])("%s → %s is %i", (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});

describe("closest", () => {
  const keys = ["zoneName", "hostname", "cpu", "memory", "githubOwnerId", "githubRepositoryId"];
  it.each<[string, readonly string[], string[]]>([
    ["zoneNmae", keys, ["zoneName"]],
    ["ZONENAME", keys, ["zoneName"]],
    ["hostnme", keys, ["hostname"]],
    ["cpuu", keys, ["cpu"]],
    // Too far for its length: a guess would mislead more than the list of keys helps.
    ["tyop", keys, []],
    ["vpc", keys, []],
    ["zone", keys, []],
    ["githubId", keys, []],
    // Every candidate at the smallest distance, in the candidates' order.
    [
      "eu-west",
      ["us-west-1", "eu-west-1", "eu-west-2", "eu-west-3"],
      ["eu-west-1", "eu-west-2", "eu-west-3"],
    ],
    ["", keys, []],
  ])("%s → %j", (input, candidates, expected) => {
    expect(closest(input, candidates)).toEqual(expected);
  });
});
