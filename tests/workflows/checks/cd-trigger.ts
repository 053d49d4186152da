// CD trigger: CD runs on push to main and nothing else, its first job is CI (ci.yml called as a
// reusable workflow) and every other job depends on it, so nothing deploys a commit CI did not
// pass in the same run. No workflow uses workflow_run: a dangerous trigger (it runs with the
// base repository's secrets for events from forks) whose queue also fills with runs of commits
// that never deploy.
import { calledWorkflow, needsOf, oneLine, triggers, workflow, type Repo } from "../workflows";

export function checkCdTrigger(repo: Repo): string[] {
  const problems: string[] = [];
  const cd = workflow(repo, "cd.yml").doc;
  const on = triggers(cd);
  const push = on.push as { branches?: string[] } | null | undefined;
  if (Object.keys(on).join() !== "push" || JSON.stringify(push?.branches) !== '["main"]') {
    problems.push(`cd.yml: must run on push to main only, runs on ${JSON.stringify(on)}`);
  }
  for (const wf of repo.workflows) {
    if ("workflow_run" in triggers(wf.doc)) {
      problems.push(`${wf.file}: workflow_run is a dangerous trigger; call workflows instead`);
    }
  }
  const ciTriggers = Object.keys(triggers(workflow(repo, "ci.yml").doc))
    .sort()
    .join();
  if (ciTriggers !== "pull_request,workflow_call") {
    problems.push(
      `ci.yml: must run on pull_request and workflow_call only (CD calls it for main), runs on ${ciTriggers}`,
    );
  }
  const ciJobs = Object.entries(cd.jobs)
    .filter(([, j]) => calledWorkflow(j) === "ci.yml")
    .map(([id]) => id);
  if (ciJobs.length !== 1) {
    problems.push(`cd.yml: one job must call ./.github/workflows/ci.yml, found ${ciJobs.length}`);
    return problems;
  }
  const [ci] = ciJobs as [string];
  const dependsOnCi = (id: string, seen = new Set<string>()): boolean => {
    if (seen.has(id)) return false;
    seen.add(id);
    const j = cd.jobs[id];
    return j !== undefined && needsOf(j).some((n) => n === ci || dependsOnCi(n, seen));
  };
  for (const [id, j] of Object.entries(cd.jobs)) {
    if (id === ci) continue;
    if (!dependsOnCi(id)) problems.push(`cd.yml job ${id}: must need the CI job (${ci})`);
    // A failed or skipped need skips the job unless its if: says otherwise: it must not.
    if (/always\(\)|failure\(\)|cancelled\(\)/.test(oneLine(j.if))) {
      problems.push(`cd.yml job ${id}: its if: must not run it after a failed CI`);
    }
  }
  return problems;
}
