import { describe, expect, it } from "vitest";
import { evaluate, violationsOf } from "./exceptions";
import { cases } from "./fixtures/cases";
import { rules } from "./rules/all";

const rows = rules.map((rule) => ({ id: rule.id, description: rule.description, rule }));
// Arrays, so the titles print the whole invariant (object fields are truncated in titles).
const titled = rules.map((rule) => [rule.description, rule.id, rule] as const);

describe("rule catalogue", () => {
  it("every rule has a failing and a passing fixture, and every fixture has a rule", () => {
    expect(Object.keys(cases).sort()).toEqual(rules.map((r) => r.id).sort());
    for (const rule of rules) {
      const c = cases[rule.id];
      expect(c?.failing.length, `${rule.id} failing fixture`).toBeGreaterThan(0);
      expect(c?.passing.length, `${rule.id} passing fixture`).toBeGreaterThan(0);
    }
  });

  it("rule ids are unique kebab-case names", () => {
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it.each(rows)("$id states its invariant, control, level, types and why", ({ rule }) => {
    expect(rule.description).toMatch(/ must /);
    expect(rule.control.trim()).not.toBe("");
    expect(["mandatory", "advisory"]).toContain(rule.level);
    expect(rule.resourceTypes.length).toBeGreaterThan(0);
    for (const type of rule.resourceTypes)
      // awsx.ec2.Vpc, a component, is the VPC the program declares.
      expect(type).toMatch(/^aws:[a-z0-9]+\/[a-zA-Z0-9]+:[A-Z][A-Za-z0-9]+$|^awsx:ec2:Vpc$/);
    expect(rule.why.length).toBeGreaterThan(20);
  });

  it("every rule is tagged with an FSBP control or a Checkov id (or a design lesson)", () => {
    for (const rule of rules) {
      expect(rule.control, rule.id).toMatch(
        /FSBP [A-Za-z0-9]+\.\d+|CKV2?_AWS_\d+|^[A-Z][A-Za-z0-9]*\.\d+|Design lesson/,
      );
    }
  });
});

describe("each rule fails on its failing fixture", () => {
  it.each(titled)("%s (%s): violation reported", (_description, _id, rule) => {
    const failing = cases[rule.id]?.failing ?? [];
    const found = violationsOf(rule, failing);
    expect(found.length).toBeGreaterThan(0);
    for (const { resource, message } of found) {
      // Findings say where: the message names the resource it is about.
      expect(message).toContain(`"${resource.name}"`);
      expect(rule.resourceTypes).toContain(resource.type);
    }
  });
});

describe("each rule accepts its passing fixture", () => {
  it.each(titled)("%s (%s): no violation", (_description, _id, rule) => {
    expect(violationsOf(rule, cases[rule.id]?.passing ?? [])).toEqual([]);
  });
});

describe("evaluate", () => {
  it("sorts findings by the rule's level and carries control and resource", () => {
    const failing = cases["ecs-service-public-ip-acknowledged"]?.failing ?? [];
    const report = evaluate(failing);
    expect(report.mandatory).toEqual([]);
    expect(report.advisory).toEqual([
      expect.objectContaining({
        ruleId: "ecs-service-public-ip-acknowledged",
        control: "FSBP ECS.2 / CKV_AWS_333",
        level: "advisory",
        resourceType: "aws:ecs/service:Service",
        resourceName: "gatus",
      }),
    ]);
  });

  it("reports a mandatory finding for the same public IP without the egress marker tag", () => {
    const report = evaluate(cases["ecs-service-no-public-ip"]?.failing ?? []);
    expect(report.mandatory.map((f) => f.ruleId)).toEqual(["ecs-service-no-public-ip"]);
    expect(report.advisory).toEqual([]);
  });

  it("returns nothing for an empty graph", () => {
    expect(evaluate([])).toEqual({ mandatory: [], advisory: [], excepted: [] });
  });
});
