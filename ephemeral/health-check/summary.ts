// Renders the verdict as a GitHub job summary, so a reviewer sees which check failed and
// why without opening the log.
import { appendFileSync } from "node:fs";
import { formatSeconds } from "./clock";
import { type EndpointReport, endpointId } from "./endpoint-results";
import type { CheckReport, HealthCheckResult } from "./run";

const ICON: Record<CheckReport["status"], string> = { passed: "✅", failed: "❌", skipped: "⏭️" };
// A row that does not decide the check never shows the red cross: it cannot fail the job.
const ENDPOINT_ICON: Record<EndpointReport["state"], { decides: string; reported: string }> = {
  success: { decides: "✅", reported: "✅" },
  failing: { decides: "❌", reported: "⚠️" },
  "no-result": { decides: "⏳", reported: "⚠️" },
};

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
  return `${[...lines, ...endpointLines(result)].join("\n")}\n`;
}

/** The newest result of every Gatus endpoint: the own group decides, upstreams are shown. */
function endpointLines(result: HealthCheckResult): string[] {
  if (result.endpoints.length === 0) return [];
  const { ownGroup, requireUpstreams } = result.decides;
  const rule = requireUpstreams
    ? "Every endpoint decides (`--require-upstreams`)."
    : `The own group ${code(ownGroup)} decides; other groups are reported only (\`--require-upstreams\` makes them decide too).`;
  return [
    "",
    "#### Gatus endpoints (newest result)",
    "",
    rule,
    "",
    "| | Endpoint | Decides | Newest result |",
    "|---|---|---|---|",
    ...result.endpoints.map(
      (e) =>
        `| ${ENDPOINT_ICON[e.state][e.required ? "decides" : "reported"]} | ${code(endpointId(e))} | ` +
        `${e.required ? "yes" : "no"} | ${inline(e.detail)} |`,
    ),
  ];
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
