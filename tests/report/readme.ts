/**
 * The README embeds the generated architecture diagram between two markers. These functions
 * read and replace that block; they never touch anything outside the markers.
 */
export const README_START = "<!-- architecture:start -->";
export const README_END = "<!-- architecture:end -->";
export const UPDATE_COMMAND = "npm run synth -- --update-readme";

const NOTE =
  "_Generated from the two programs' resource graphs (also written to `synth/architecture.mmd`); " +
  `\`${UPDATE_COMMAND}\` refreshes it, and a test fails when it is stale. Do not edit by hand._`;

function markers(readme: string): { start: number; end: number } {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start === -1 || end === -1 || end < start) {
    throw new Error(
      `README.md has no "${README_START}" … "${README_END}" block to hold the architecture diagram`,
    );
  }
  return { start: start + README_START.length, end };
}

/** The block between the markers, for a given diagram (Mermaid source ending in a newline). */
export function diagramBlock(diagram: string): string {
  return `\n\n${NOTE}\n\n\`\`\`mermaid\n${diagram.trimEnd()}\n\`\`\`\n\n`;
}

/** The Mermaid source currently embedded in the README, or undefined when there is none. */
export function embeddedDiagram(readme: string): string | undefined {
  const { start, end } = markers(readme);
  const match = /```mermaid\n([\s\S]*?)\n```/.exec(readme.slice(start, end));
  return match?.[1] === undefined ? undefined : `${match[1]}\n`;
}

/** The README with the block between the markers replaced by the diagram. */
export function embedDiagram(readme: string, diagram: string): string {
  const { start, end } = markers(readme);
  return `${readme.slice(0, start)}${diagramBlock(diagram)}${readme.slice(end)}`;
}

/** Why the README's diagram is stale, or undefined when it matches. */
export function readmeStaleness(readme: string, diagram: string): string | undefined {
  const { start, end } = markers(readme);
  if (readme.slice(start, end) === diagramBlock(diagram)) return undefined;
  const embedded = embeddedDiagram(readme);
  return embedded === undefined
    ? `README.md has no architecture diagram between its markers. Run \`${UPDATE_COMMAND}\` and commit README.md.`
    : `README.md's architecture diagram does not match the graphs the programs produce. Run \`${UPDATE_COMMAND}\` and commit README.md.`;
}
