// CD checkouts: every checkout in CD, direct or through the shared setup action, is the pushed
// commit (github.sha), which the CD run's own CI job tested. Nothing refers to workflow_run.
import { checkSetupAction } from "./setup-action";
import {
  ACTIONS,
  COMMIT_SHA,
  SETUP_ACTION_USES,
  actionName,
  str,
  workflow,
  type Repo,
} from "../workflows";

export function checkCdCheckouts(repo: Repo): string[] {
  const problems: string[] = [];
  const cd = workflow(repo, "cd.yml");
  if (/workflow_run/.test(cd.text)) {
    problems.push("cd.yml: mentions workflow_run; CD runs on push and checks out github.sha");
  }
  for (const [id, j] of Object.entries(cd.doc.jobs)) {
    for (const [i, s] of j.steps.entries()) {
      const isCheckout = s.uses !== undefined && actionName(s.uses) === ACTIONS.checkout;
      if ((isCheckout || s.uses === SETUP_ACTION_USES) && s.with?.ref !== COMMIT_SHA) {
        problems.push(
          `cd.yml job ${id} step ${i + 1} (${s.uses}): ref must be ${COMMIT_SHA}, got ${str(s.with?.ref)}`,
        );
      }
    }
    if (
      j.steps.some((s) => s.run !== undefined) &&
      !j.steps.some((s) => s.uses === SETUP_ACTION_USES)
    ) {
      problems.push(`cd.yml job ${id}: runs commands without the shared setup (and its checkout)`);
    }
  }
  problems.push(...checkSetupAction(repo));
  return problems;
}
