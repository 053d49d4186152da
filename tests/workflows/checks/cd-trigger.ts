// CD trigger: CD runs on workflow_run of CI (completed, on main) only, and every CD job requires
// that CI succeeded on a push from this repository, so nothing deploys a commit CI did not pass.
import { oneLine, triggers, workflow, type Repo } from "../workflows";

const SUCCESS_CONDITION = "github.event.workflow_run.conclusion == 'success'";
const PUSH_CONDITION = "github.event.workflow_run.event == 'push'";
const SAME_REPO_CONDITION =
  "github.event.workflow_run.head_repository.full_name == github.repository";

export function checkCdTrigger(repo: Repo): string[] {
  const problems: string[] = [];
  const cd = workflow(repo, "cd.yml").doc;
  const ci = workflow(repo, "ci.yml").doc;
  const on = triggers(cd);
  if (Object.keys(on).join() !== "workflow_run") {
    problems.push(`cd.yml: must run on workflow_run only, runs on ${Object.keys(on).join(", ")}`);
  }
  const run = (on.workflow_run ?? {}) as Record<string, unknown>;
  const same = (key: string, expected: string[]) => {
    if (JSON.stringify(run[key]) !== JSON.stringify(expected)) {
      problems.push(
        `cd.yml: workflow_run.${key} must be ${JSON.stringify(expected)}, got ${JSON.stringify(run[key])}`,
      );
    }
  };
  same("workflows", [ci.name]);
  same("types", ["completed"]);
  same("branches", ["main"]);
  const ciOn = triggers(ci);
  if (JSON.stringify((ciOn.push as { branches?: unknown } | null)?.branches) !== '["main"]') {
    problems.push("ci.yml: must run on push to main (CD follows those runs)");
  }
  for (const [id, j] of Object.entries(cd.jobs)) {
    const condition = oneLine(j.if);
    for (const required of [SUCCESS_CONDITION, PUSH_CONDITION, SAME_REPO_CONDITION]) {
      if (!condition.includes(required)) {
        problems.push(`cd.yml job ${id}: its if: must require ${required}`);
      }
    }
    if (/\|\||always\(\)|failure\(\)|cancelled\(\)/.test(condition)) {
      problems.push(`cd.yml job ${id}: its if: must be a plain conjunction, got "${condition}"`);
    }
  }
  return problems;
}
