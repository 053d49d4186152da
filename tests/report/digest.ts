/**
 * The reviewer's digest of a change: two synthesised commits (base and head), compared by what
 * a reviewer of infrastructure wants to know before any credential is used. Everything is
 * computed from the two pairs of graphs with the head's code, so a base written by an older
 * synth compares the same way.
 */
import { persistentContractSchema } from "../../persistent/contract";
import { engineUrn } from "../engine/graph-json";
import type { Graph, RecordedResource } from "../engine/run-program";
import { estimateCost, type CostTotals } from "./cost";
import { architectureDiagram } from "./diagram";
import { footprintOf } from "./footprint";
import { grantText, roleGrants, type Grant } from "./grants";
import { duration, table, usd } from "./markdown";
import { policyResults } from "./policy-section";
import { groupByComponent } from "./resources";
import { rolloutBudget, rolloutSettingsFromGraph } from "./rollout";
import type { UptimeSchedule } from "./schedule";

export interface GraphPair {
  persistent: Graph;
  ephemeral: Graph;
}

export interface ResourceChange {
  stack: string;
  component: string;
  type: string;
  name: string;
  /** For a changed resource: `path: before → after` per changed input. */
  inputs: string[];
}

export interface Digest {
  resources: { added: ResourceChange[]; removed: ResourceChange[]; changed: ResourceChange[] };
  permissions: { added: Grant[]; removed: Grant[]; newlyUnscoped: Grant[] };
  policy: { added: string[]; resolved: string[] };
  cost: { before: CostTotals; after: CostTotals };
  rollout: { before: { handover: number; up: number }; after: { handover: number; up: number } };
  contract: { versionBefore: unknown; versionAfter: unknown; added: string[]; removed: string[] };
  diagram: { changed: boolean; after: string };
}

const ROLES = ["-deploy", "-preview", "-drift"] as const;

function keyed(graph: Graph): Map<string, { r: RecordedResource; component: string }> {
  const map = new Map<string, { r: RecordedResource; component: string }>();
  for (const group of groupByComponent(graph)) {
    for (const r of group.resources)
      map.set(`${graph.project}::${engineUrn(r.urn)}`, { r, component: group.component });
  }
  return map;
}

const short = (v: unknown) => {
  const text = JSON.stringify(v) ?? "undefined";
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

function inputChanges(x: unknown, y: unknown, at = ""): string[] {
  if (x !== null && y !== null && typeof x === "object" && typeof y === "object") {
    const keys = [...new Set([...Object.keys(x), ...Object.keys(y)])].sort();
    return keys.flatMap((k) =>
      inputChanges(
        (x as Record<string, unknown>)[k],
        (y as Record<string, unknown>)[k],
        at === "" ? k : `${at}.${k}`,
      ),
    );
  }
  if (typeof x === "string" && typeof y === "string" && x.startsWith("{") && y.startsWith("{")) {
    try {
      return inputChanges(JSON.parse(x), JSON.parse(y), at); // JSON documents: policies, containers
    } catch {
      // not JSON after all
    }
  }
  return JSON.stringify(x) === JSON.stringify(y) ? [] : [`${at}: ${short(x)} → ${short(y)}`];
}

/**
 * The graph with its commit's image tag and digest replaced by placeholders: every commit has
 * its own (the tag is the SHA), so they are not a change a reviewer needs to see.
 */
function withoutCommit(graph: Graph): Graph {
  const tag = graph.outputs.imageTag;
  const ref = graph.outputs.imageRef;
  const digest = /@(sha256:[0-9a-f]{64})$/.exec(typeof ref === "string" ? ref : "")?.[1];
  const scrub = (v: unknown): unknown => {
    if (typeof v === "string") {
      let out = v;
      if (typeof tag === "string" && tag !== "") out = out.split(tag).join("<commit>");
      if (digest !== undefined) out = out.split(digest).join("<digest>");
      return out;
    }
    if (Array.isArray(v)) return v.map(scrub);
    if (v !== null && typeof v === "object")
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, scrub(x)]));
    return v;
  };
  return {
    ...graph,
    resources: graph.resources.map((r) => ({
      ...r,
      inputs: scrub(r.inputs) as Record<string, unknown>,
    })),
  };
}

function resourceChanges(baseGraph: Graph, headGraph: Graph): Digest["resources"] {
  const base = withoutCommit(baseGraph);
  const head = withoutCommit(headGraph);
  const before = keyed(base);
  const after = keyed(head);
  const change = (e: { r: RecordedResource; component: string }, inputs: string[] = []) => ({
    stack: head.project,
    component: e.component,
    type: e.r.type,
    name: e.r.name,
    inputs,
  });
  const added = [...after].filter(([k]) => !before.has(k)).map(([, e]) => change(e));
  const removed = [...before].filter(([k]) => !after.has(k)).map(([, e]) => change(e));
  const changed = [...after].flatMap(([k, e]) => {
    const old = before.get(k);
    if (old === undefined) return [];
    const diffs = inputChanges(old.r.inputs, e.r.inputs);
    if (old.r.protect !== e.r.protect) diffs.push(`(protect): ${old.r.protect} → ${e.r.protect}`);
    return diffs.length === 0 ? [] : [change(e, diffs)];
  });
  return { added, removed, changed };
}

const grantKey = (g: Grant) => `${g.role}|${g.effect}|${g.action}|${g.resource}|${g.condition}`;

const findings = (pair: GraphPair) =>
  policyResults([pair.persistent, pair.ephemeral]).flatMap(({ project, report }) =>
    [
      ...report.mandatory.map((f) => ["mandatory", f] as const),
      ...report.advisory.map((f) => ["advisory", f] as const),
    ].map(
      ([level, f]) =>
        `${level} \`${f.ruleId}\` (${f.control}) on ${project} \`${f.resourceType}\` ${f.resourceName}`,
    ),
  );

function rolloutOf(pair: GraphPair) {
  const budget = rolloutBudget(rolloutSettingsFromGraph(pair.ephemeral));
  return { handover: budget.handover.seconds, up: budget.upToSteadyState.seconds };
}

function contractKeys(persistent: Graph): string[] {
  return Object.keys(persistentContractSchema.shape).filter((k) => k in persistent.outputs);
}

export function digestOf(base: GraphPair, head: GraphPair, schedule?: UptimeSchedule): Digest {
  const resources = [
    resourceChanges(base.persistent, head.persistent),
    resourceChanges(base.ephemeral, head.ephemeral),
  ].reduce((a, b) => ({
    added: [...a.added, ...b.added],
    removed: [...a.removed, ...b.removed],
    changed: [...a.changed, ...b.changed],
  }));
  const grantsBefore = new Map(roleGrants(base.persistent, ROLES).map((g) => [grantKey(g), g]));
  const grantsAfter = new Map(roleGrants(head.persistent, ROLES).map((g) => [grantKey(g), g]));
  const added = [...grantsAfter].filter(([k]) => !grantsBefore.has(k)).map(([, g]) => g);
  const removed = [...grantsBefore].filter(([k]) => !grantsAfter.has(k)).map(([, g]) => g);
  const policyBefore = new Set(findings(base));
  const policyAfter = new Set(findings(head));
  const costOf = (pair: GraphPair) =>
    estimateCost(footprintOf(pair.persistent, pair.ephemeral), schedule ? { schedule } : {}).totals
      .all;
  const keysBefore = contractKeys(base.persistent);
  const keysAfter = contractKeys(head.persistent);
  const diagramBefore = architectureDiagram(base.persistent, base.ephemeral);
  const diagramAfter = architectureDiagram(head.persistent, head.ephemeral);
  return {
    resources,
    permissions: {
      added,
      removed,
      newlyUnscoped: added.filter((g) => g.effect === "Allow" && g.resource === "*"),
    },
    policy: {
      added: [...policyAfter].filter((f) => !policyBefore.has(f)),
      resolved: [...policyBefore].filter((f) => !policyAfter.has(f)),
    },
    cost: { before: costOf(base), after: costOf(head) },
    rollout: { before: rolloutOf(base), after: rolloutOf(head) },
    contract: {
      versionBefore: base.persistent.outputs.contractVersion,
      versionAfter: head.persistent.outputs.contractVersion,
      added: keysAfter.filter((k) => !keysBefore.includes(k)),
      removed: keysBefore.filter((k) => !keysAfter.includes(k)),
    },
    diagram: { changed: diagramBefore !== diagramAfter, after: diagramAfter },
  };
}

const moneyChanged = (d: Digest) =>
  Math.abs(d.cost.after.alwaysOn - d.cost.before.alwaysOn) >= 0.005 ||
  Math.abs(d.cost.after.scheduled - d.cost.before.scheduled) >= 0.005 ||
  d.cost.after.unpriced !== d.cost.before.unpriced;

/** Whether anything a reviewer would care about differs. */
export function hasChanges(d: Digest): boolean {
  const { resources: r, permissions: p, policy, contract, rollout } = d;
  return (
    r.added.length + r.removed.length + r.changed.length > 0 ||
    p.added.length + p.removed.length > 0 ||
    policy.added.length + policy.resolved.length > 0 ||
    moneyChanged(d) ||
    rollout.before.handover !== rollout.after.handover ||
    rollout.before.up !== rollout.after.up ||
    contract.versionBefore !== contract.versionAfter ||
    contract.added.length + contract.removed.length > 0 ||
    d.diagram.changed
  );
}

const signedUsd = (n: number) => (n < 0 ? `−${usd(-n)}` : `+${usd(n)}`);
const bullets = (items: string[]) => items.map((i) => `- ${i}`);

/** The digest as Markdown: the PR comment and `synth/digest.md`. */
export function digestMarkdown(d: Digest, title = "Offline digest of this change"): string {
  const out = [`### ${title}`, ""];
  if (!hasChanges(d)) {
    return [
      ...out,
      "No changes: the base and head synthesise to the same resources, permissions, policy results, cost, rollout budget, contract and diagram.",
      "",
    ].join("\n");
  }
  out.push(
    "_Computed offline (`npm run synth -- --compare`): no AWS or Pulumi credentials were used._",
    "",
  );
  const { permissions: p } = d;
  if (p.newlyUnscoped.length > 0) {
    out.push(
      `**⚠ Newly unscoped permissions (Resource \`*\`):**`,
      "",
      ...bullets(p.newlyUnscoped.map((g) => `${g.role}: ${grantText(g)}`)),
      "",
    );
  }
  const { resources: r } = d;
  out.push(
    `#### Resources: ${r.added.length} added, ${r.removed.length} removed, ${r.changed.length} changed`,
    "",
  );
  if (r.added.length + r.removed.length + r.changed.length > 0) {
    out.push(
      table(
        ["Change", "Stack", "Concern", "Resource", "Inputs"],
        [
          ...r.added.map((c) => ["added", c.stack, c.component, `\`${c.type}\` ${c.name}`, ""]),
          ...r.removed.map((c) => ["removed", c.stack, c.component, `\`${c.type}\` ${c.name}`, ""]),
          ...r.changed.map((c) => [
            "changed",
            c.stack,
            c.component,
            `\`${c.type}\` ${c.name}`,
            c.inputs.slice(0, 6).join("; ") +
              (c.inputs.length > 6 ? `; … ${c.inputs.length - 6} more` : ""),
          ]),
        ],
      ),
      "",
    );
  }
  out.push(`#### Role permissions: ${p.added.length} added, ${p.removed.length} removed`, "");
  out.push(...bullets(p.added.map((g) => `added ${g.role}: ${grantText(g)}`)));
  out.push(...bullets(p.removed.map((g) => `removed ${g.role}: ${grantText(g)}`)), "");
  out.push(
    `#### Policy findings: ${d.policy.added.length} new, ${d.policy.resolved.length} resolved`,
    "",
  );
  out.push(
    ...bullets(d.policy.added.map((f) => `new ${f}`)),
    ...bullets(d.policy.resolved.map((f) => `resolved ${f}`)),
    "",
  );
  const c = d.cost;
  const costLine = (label: string, before: number, after: number) =>
    `${label}: ${usd(before)} → ${usd(after)} (${signedUsd(after - before)})`;
  out.push(
    "#### Monthly cost",
    "",
    ...bullets([
      costLine("always on", c.before.alwaysOn, c.after.alwaysOn),
      costLine("with the teardown schedule", c.before.scheduled, c.after.scheduled),
      ...(c.after.unpriced > 0
        ? [`partial: ${c.after.unpriced} items unpriced for the region`]
        : []),
    ]),
    "",
    "#### Rollout budget (worst case)",
    "",
    ...bullets([
      `new task healthy → old task gone: ${duration(d.rollout.before.handover)} → ${duration(d.rollout.after.handover)}`,
      `pulumi up → steady state: ${duration(d.rollout.before.up)} → ${duration(d.rollout.after.up)}`,
    ]),
    "",
    "#### Contract (persistent → ephemeral)",
    "",
    ...bullets([
      `version ${String(d.contract.versionBefore)} → ${String(d.contract.versionAfter)}`,
      ...d.contract.added.map((k) => `key added: \`${k}\``),
      ...d.contract.removed.map((k) => `key removed: \`${k}\``),
    ]),
    "",
  );
  if (d.diagram.changed)
    out.push("#### Architecture (changed)", "", "```mermaid", d.diagram.after.trimEnd(), "```", "");
  return out.join("\n");
}
