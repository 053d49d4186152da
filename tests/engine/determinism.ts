import type { Graph } from "./run-program";

/**
 * Resource inputs must not change between two runs of the same commit, config and state: an
 * update plan saved by `pulumi preview` is rejected by `pulumi up` when any input differs
 * (secrets compared by plaintext), and without plans a changing input is a needless update on
 * every run. These helpers compare two runs' graphs resource by resource.
 */

/** `"<urn>: <input path> a → b"` for every input that differs, plus resources only in one run. */
export function inputDifferences(a: Graph, b: Graph): string[] {
  const byUrn = (g: Graph) => new Map(g.resources.map((r) => [r.urn, r.inputs]));
  const first = byUrn(a);
  const second = byUrn(b);
  const problems: string[] = [];
  for (const urn of new Set([...first.keys(), ...second.keys()])) {
    const x = first.get(urn);
    const y = second.get(urn);
    if (x === undefined || y === undefined) {
      problems.push(`${urn}: registered in only one run`);
      continue;
    }
    problems.push(...diff(x, y, "").map((d) => `${urn}: ${d}`));
  }
  return problems;
}

function diff(x: unknown, y: unknown, at: string): string[] {
  if (x !== null && y !== null && typeof x === "object" && typeof y === "object") {
    const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
    return [...keys].flatMap((k) =>
      diff(
        (x as Record<string, unknown>)[k],
        (y as Record<string, unknown>)[k],
        at === "" ? k : `${at}.${k}`,
      ),
    );
  }
  return JSON.stringify(x) === JSON.stringify(y)
    ? []
    : [`${at || "(inputs)"} ${JSON.stringify(x)} → ${JSON.stringify(y)}`];
}

/** A small seeded generator (mulberry32): reproducible "random" completion orders. */
export function seeded(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}
