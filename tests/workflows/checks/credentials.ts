// Credentials and caches: a job that exchanges an OIDC token for AWS or Pulumi credentials
// restores no npm cache (actions/setup-node's advice for privileged jobs: a cache written by
// another workflow, a pull request's say, could plant code that then runs with the credentials).
import { OIDC_ACTIONS, SETUP_ACTION_USES, allJobs, usesAny, type Repo } from "../workflows";

export function checkNoCacheWithCredentials(repo: Repo): string[] {
  const problems: string[] = [];
  for (const { wf, id, job: j } of allJobs(repo)) {
    if (!usesAny(j, OIDC_ACTIONS)) continue;
    for (const s of j.steps.filter((step) => step.uses === SETUP_ACTION_USES)) {
      if (String(s.with?.["npm-cache"]) !== "false") {
        problems.push(
          `${wf.file} job ${id}: holds credentials, so the setup action needs npm-cache: "false"`,
        );
      }
    }
  }
  return problems;
}
