// Which workflow files hold the jobs that assume the deploy role: the deploy role's trust pins
// GitHub's job_workflow_ref claim to DEPLOY_WORKFLOWS (persistent/trust.ts), so a job elsewhere
// gets no credentials, and a stale path locks the real job out.
import { ROLE_VARIABLES } from "./trust";
import { ACTIONS, allJobs, environmentName, stepsUsing, type Repo } from "./workflows";

/** A job the deploy role trusts: its OIDC context (`environment:<name>`) and workflow file. */
export interface TrustedDeployJob {
  context: string;
  workflow: string;
}

const WORKFLOWS_PREFIX = ".github/workflows/";

/** Every job that assumes the deploy role, with the workflow file and the environment. */
export function deployRoleJobs(
  repo: Repo,
): { workflow: string; id: string; environment: string | undefined }[] {
  return allJobs(repo)
    .filter(({ job }) =>
      stepsUsing(job, ACTIONS.awsCredentials).some(
        (step) => ROLE_VARIABLES[String(step.with?.["role-to-assume"])] === "deploy",
      ),
    )
    .map(({ wf, id, job }) => ({
      workflow: `${WORKFLOWS_PREFIX}${wf.file}`,
      id,
      environment: environmentName(job),
    }));
}

/** Problems with the pinned workflow files; [] when each holds its job and no job is elsewhere. */
export function deployWorkflowProblems(repo: Repo, trusted: readonly TrustedDeployJob[]): string[] {
  const jobs = deployRoleJobs(repo);
  const problems: string[] = [];
  for (const { context, workflow } of trusted) {
    const environment = context.replace(/^environment:/, "");
    if (!jobs.some((j) => j.workflow === workflow && j.environment === environment)) {
      problems.push(
        `${workflow} has no job in environment ${environment} that assumes the deploy role, but the ` +
          "deploy role trusts that environment only from there: set DEPLOY_WORKFLOWS in persistent/trust.ts " +
          "to the workflow file that holds the job (a reusable workflow's own file)",
      );
    }
  }
  for (const j of jobs) {
    if (
      !trusted.some(
        (t) => t.workflow === j.workflow && t.context === `environment:${j.environment ?? ""}`,
      )
    ) {
      problems.push(
        `${j.workflow} job ${j.id} assumes the deploy role in environment ${j.environment ?? "(none)"}, ` +
          "which the deploy role does not trust from that file: STS would refuse it",
      );
    }
  }
  return problems;
}
