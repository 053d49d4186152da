// Triggers and headers: no workflow uses pull_request_target, which runs with the repository's
// secrets on behalf of fork code; each workflow starts with a comment saying what it is for, and
// workflow names are unique (CD follows CI by name).
import { triggers, type Repo } from "../workflows";

export function checkTriggersAndHeaders(repo: Repo): string[] {
  const problems: string[] = [];
  for (const wf of repo.workflows) {
    if ("pull_request_target" in triggers(wf.doc) || wf.text.includes("pull_request_target")) {
      problems.push(
        `${wf.file}: pull_request_target runs fork code with secrets; use pull_request`,
      );
    }
    if (!wf.text.startsWith("# "))
      problems.push(`${wf.file}: start with a comment saying what it is for`);
  }
  const names = repo.workflows.map((w) => w.doc.name);
  if (new Set(names).size !== names.length)
    problems.push(`workflow names must be unique: ${names.join(", ")}`);
  return problems;
}
