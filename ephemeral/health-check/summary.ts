// Renders the verdict as a GitHub job summary, so a reviewer sees which check failed and
// why without opening the log.
import { appendFileSync } from "node:fs";
import { formatSeconds } from "./clock";
import type { CheckReport, HealthCheckResult } from "./run";

const ICON: Record<CheckReport["status"], string> = { passed: "✅", failed: "❌", skipped: "⏭️" };

export function renderSummary(result: HealthCheckResult): string {
  const { target } = result;
  const rows = result.checks.map(
    (c) =>
      `| ${ICON[c.status]} | ${c.title} | ${c.status === "skipped" ? "–" : c.attempts} | ` +
      `${c.status === "skipped" ? "–" : `${formatSeconds(c.elapsedMs)} s`} | ${inline(c.detail)} |`,
  );
  const lines = [
    `### Health check ${result.ok ? "✅ passed" : "❌ failed"}`,
    "",
    "| | Check | Attempts | Time | Detail |",
    "|---|---|---|---|---|",
    ...rows,
    "",
    `- URL: ${code(target.url)}`,
    `- Service: ${code(target.service)} in cluster ${code(target.cluster)}`,
    `- Task definition: ${code(target.taskDefinitionArn)}`,
    `- Elapsed: ${formatSeconds(result.elapsedMs)} s (deadline ${formatSeconds(result.deadlineMs)} s)`,
  ];
  if (result.reason) lines.push(`- **Failure:** ${inline(result.reason)}`);
  return `${lines.join("\n")}\n`;
}

/** Appends (never overwrites): other steps of the same job write to the same file. */
export function appendSummary(file: string, markdown: string): void {
  appendFileSync(file, `${markdown}\n`, "utf8");
}

/** Text from servers and AWS goes into Markdown (and table cells): one line, inert. */
function inline(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .replace(/[\\`*_<>[\]|]/g, (ch) => `\\${ch}`)
    .trim();
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}
