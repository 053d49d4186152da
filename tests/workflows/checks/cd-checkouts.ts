// CD checkouts: every checkout in CD, direct or through the shared setup action, is the commit CI
// tested (workflow_run.head_sha). In a workflow_run, github.sha is main's tip when CD starts,
// which may be a newer commit that CI has not passed.
import { checkSetupAction } from "./setup-action";
import {
  ACTIONS,
  HEAD_SHA,
  SETUP_ACTION_USES,
  actionName,
  str,
  workflow,
  type Repo,
} from "../workflows";

export function checkCdCheckouts(repo: Repo): string[] {
  const problems: string[] = [];
  const cd = workflow(repo, "cd.yml");
  if (/\$\{\{[^}]*\bgithub\.sha\b[^}]*\}\}/.test(cd.text)) {
    problems.push(
      "cd.yml: mentions github.sha, which is main's tip when CD starts, not CI's commit",
    );
  }
  for (const [id, j] of Object.entries(cd.doc.jobs)) {
    for (const [i, s] of j.steps.entries()) {
      const isCheckout = s.uses !== undefined && actionName(s.uses) === ACTIONS.checkout;
      if ((isCheckout || s.uses === SETUP_ACTION_USES) && s.with?.ref !== HEAD_SHA) {
        problems.push(
          `cd.yml job ${id} step ${i + 1} (${s.uses}): ref must be ${HEAD_SHA}, got ${str(s.with?.ref)}`,
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
