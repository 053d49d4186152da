/**
 * A stack's resources grouped by concern: the `gatus:*` component each one belongs to
 * (Identity, Registry, Dns, Alerts / Network, SecurityGroups, LoadBalancer, Waf, Service,
 * DnsRecord, Alarms), with the key settings the resource table shows.
 */
import { keySettings } from "../engine/render";
import type { Graph, RecordedResource } from "../engine/run-program";
import { code, table } from "./markdown";

export interface ComponentGroup {
  /** The component's short type ("Identity"), or "(stack)" for top-level resources. */
  component: string;
  /** The component's logical name. */
  name: string;
  resources: RecordedResource[];
}

const isComponent = (r: RecordedResource) => r.type.startsWith("gatus:");
const STACK_GROUP = "(stack)";

/** Concerns in the order the programs compose them; components not listed follow, sorted. */
export const COMPONENT_ORDER = [
  "Identity",
  "Registry",
  "Dns",
  "Alerts",
  "Network",
  "SecurityGroups",
  "LoadBalancer",
  "Waf",
  "Service",
  "DnsRecord",
  "Alarms",
];

const rank = (component: string) => {
  const i = COMPONENT_ORDER.indexOf(component);
  return i === -1 ? COMPONENT_ORDER.length : i;
};

/**
 * Groups by nearest `gatus:*` ancestor (top-level resources first, then components in
 * `COMPONENT_ORDER`), resources sorted by type and name; providers are left out.
 */
export function groupByComponent(graph: Graph): ComponentGroup[] {
  const byUrn = new Map(graph.resources.map((r) => [r.urn, r] as const));
  const componentOf = (r: RecordedResource): RecordedResource | undefined => {
    for (let p = r.parent ? byUrn.get(r.parent) : undefined; p;) {
      if (isComponent(p)) return p;
      p = p.parent ? byUrn.get(p.parent) : undefined;
    }
    return undefined;
  };
  const groups = new Map<string, ComponentGroup>();
  for (const component of graph.resources.filter(isComponent)) {
    groups.set(component.urn, {
      component: component.type.split(":").pop() ?? component.type,
      name: component.name,
      resources: [],
    });
  }
  const top: ComponentGroup = { component: STACK_GROUP, name: graph.stack, resources: [] };
  for (const r of graph.resources) {
    if (isComponent(r) || r.type.startsWith("pulumi:providers:")) continue;
    const owner = componentOf(r);
    const group = (owner ? groups.get(owner.urn) : undefined) ?? top;
    group.resources.push(r);
  }
  const byTypeAndName = (a: RecordedResource, b: RecordedResource) =>
    a.type.localeCompare(b.type) || a.name.localeCompare(b.name);
  const ordered = [...groups.values()].sort(
    (a, b) =>
      rank(a.component) - rank(b.component) ||
      a.component.localeCompare(b.component) ||
      a.name.localeCompare(b.name),
  );
  return [...(top.resources.length > 0 ? [top] : []), ...ordered].map((g) => ({
    ...g,
    resources: [...g.resources].sort(byTypeAndName),
  }));
}

/** One table per component. */
export function resourcesSection(graph: Graph): string {
  const groups = groupByComponent(graph);
  const count = groups.reduce((n, g) => n + g.resources.length, 0);
  return [
    `${count} resources, grouped by the component that creates them.`,
    ...groups.flatMap((group) => [
      "",
      `**${group.component}** (${code(group.name)})`,
      "",
      table(
        ["Type", "Name", "Protected", "Key settings"],
        group.resources.map((r) => [code(r.type), r.name, r.protect ? "yes" : "", keySettings(r)]),
      ),
    ]),
  ].join("\n");
}
