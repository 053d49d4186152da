/** Policy-pack results over each graph: mandatory, advisory, and excepted with reasons. */
import type { Graph } from "../engine/run-program";
import { evaluate } from "../policy/exceptions";
import { rules } from "../policy/rules/all";
import type { Finding, PolicyReport } from "../policy/types";
import { code, table } from "./markdown";

export interface StackPolicy {
  project: string;
  report: PolicyReport;
}

export function policyResults(graphs: readonly Graph[]): StackPolicy[] {
  return graphs.map((graph) => ({ project: graph.project, report: evaluate(graph.resources) }));
}

const findingRows = (findings: readonly Finding[], withReason: boolean) =>
  findings.map((f) => [
    code(f.ruleId),
    f.control,
    `${code(f.resourceType)} ${f.resourceName}`,
    withReason ? (f.reason ?? "") : f.message,
  ]);

export function policySection(results: readonly StackPolicy[]): string {
  const parts = [
    `${rules.length} rules (\`tests/policy/rules/all.ts\`), run offline by \`evaluate\` exactly as the ` +
      "CrossGuard pack runs them in previews. Mandatory findings fail a preview; advisory ones warn; " +
      "exceptions are declared in `tests/policy/exceptions.ts` with a reason.",
  ];
  for (const { project, report } of results) {
    parts.push(
      "",
      `**${project}**: ${report.mandatory.length} mandatory, ${report.advisory.length} advisory, ${report.excepted.length} excepted.`,
    );
    const sections: [string, readonly Finding[], boolean][] = [
      ["Mandatory", report.mandatory, false],
      ["Advisory", report.advisory, false],
      ["Excepted", report.excepted, true],
    ];
    for (const [label, findings, withReason] of sections) {
      if (findings.length === 0) continue;
      parts.push(
        "",
        table(
          [label, "Control", "Resource", withReason ? "Reason" : "Finding"],
          findingRows(findings, withReason),
        ),
      );
    }
  }
  return parts.join("\n");
}
