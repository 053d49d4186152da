// Role variables: the preview role only outside environments, the deploy role only inside them,
// so the role that can change infrastructure is reachable only through a protected environment.
import { allJobs, environmentName, type Repo } from "../workflows";

export function checkRoleVariables(repo: Repo): string[] {
  const problems: string[] = [];
  for (const { wf, id, job: j } of allJobs(repo)) {
    const text = JSON.stringify(j);
    const env = environmentName(j);
    if (text.includes("vars.AWS_PREVIEW_ROLE_ARN") && env !== undefined) {
      problems.push(`${wf.file} job ${id}: uses the preview role inside environment ${env}`);
    }
    if (text.includes("vars.AWS_DEPLOY_ROLE_ARN") && env === undefined) {
      problems.push(`${wf.file} job ${id}: uses the deploy role outside a protected environment`);
    }
  }
  return problems;
}
