/**
 * The README embeds blocks generated from the example's synthesis, each between two markers
 * (`<!-- <name>:start -->` … `<!-- <name>:end -->`): the architecture diagram and the cost
 * figures. These functions read and replace those blocks; they never touch anything outside.
 * The cost block holds tables Prettier would pad, so the README wraps it in
 * `<!-- prettier-ignore-start -->` … `<!-- prettier-ignore-end -->`: the generated text stays
 * exactly what the staleness test compares.
 */
export const UPDATE_COMMAND = "npm run synth -- --update-readme";

export type BlockName = "architecture" | "cost";

export const startMarker = (name: BlockName) => `<!-- ${name}:start -->`;
export const endMarker = (name: BlockName) => `<!-- ${name}:end -->`;
export const README_START = startMarker("architecture");
export const README_END = endMarker("architecture");

const generatedNote = (what: string) =>
  `_Generated from the example configuration's synthesis (${what}); \`${UPDATE_COMMAND}\` ` +
  "refreshes it, and a test fails when it is stale. Do not edit by hand._";

function markers(readme: string, name: BlockName): { start: number; end: number } {
  const start = readme.indexOf(startMarker(name));
  const end = readme.indexOf(endMarker(name));
  if (start === -1 || end === -1 || end < start) {
    throw new Error(
      `README.md has no "${startMarker(name)}" … "${endMarker(name)}" block to hold the generated ${name}`,
    );
  }
  return { start: start + startMarker(name).length, end };
}

/** The block between the architecture markers, for a diagram (Mermaid source ending in \n). */
export function diagramBlock(diagram: string): string {
  return `\n\n${generatedNote("also written to `synth/architecture.mmd`")}\n\n\`\`\`mermaid\n${diagram.trimEnd()}\n\`\`\`\n\n`;
}

/** The block between the cost markers: Markdown from the report's cost figures. */
export function costBlock(costText: string): string {
  return `\n\n${generatedNote("itemised in `synth/report.md`")}\n\n${costText.trimEnd()}\n\n`;
}

/** The Mermaid source currently embedded in the README, or undefined when there is none. */
export function embeddedDiagram(readme: string): string | undefined {
  const { start, end } = markers(readme, "architecture");
  const match = /```mermaid\n([\s\S]*?)\n```/.exec(readme.slice(start, end));
  return match?.[1] === undefined ? undefined : `${match[1]}\n`;
}

/** The README with one generated block replaced. */
export function embedBlock(readme: string, name: BlockName, block: string): string {
  const { start, end } = markers(readme, name);
  return `${readme.slice(0, start)}${block}${readme.slice(end)}`;
}

/** The README with the block between the architecture markers replaced by the diagram. */
export const embedDiagram = (readme: string, diagram: string) =>
  embedBlock(readme, "architecture", diagramBlock(diagram));

/** What the README's generated blocks should hold, given the example's report. */
export function generatedBlocks(report: {
  diagram: string;
  readmeCost: string;
}): Record<BlockName, string> {
  return { architecture: diagramBlock(report.diagram), cost: costBlock(report.readmeCost) };
}

/** The README with every generated block replaced. */
export function embedGenerated(
  readme: string,
  report: { diagram: string; readmeCost: string },
): string {
  return Object.entries(generatedBlocks(report)).reduce(
    (text, [name, block]) => embedBlock(text, name as BlockName, block),
    readme,
  );
}

/** Why a generated block of the README is stale, or undefined when it matches. */
export function readmeStaleness(
  readme: string,
  report: { diagram: string; readmeCost: string },
): string | undefined {
  const stale = Object.entries(generatedBlocks(report))
    .filter(([name, block]) => {
      const { start, end } = markers(readme, name as BlockName);
      return readme.slice(start, end) !== block;
    })
    .map(([name]) => name);
  if (stale.length === 0) return undefined;
  return `README.md's generated ${stale.join(" and ")} ${stale.length === 1 ? "block does" : "blocks do"} not match the example's synthesis. Run \`${UPDATE_COMMAND}\` and commit README.md.`;
}
