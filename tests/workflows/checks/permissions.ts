// Permissions: read-only by default, and each write scope only in a job with a step that needs
// it (and every such job has it). A scope a job does not use is a capability handed to whatever
// code that job runs, dependencies included.
import {
  ACTIONS,
  OIDC_ACTIONS,
  calledWorkflow,
  effectivePermissions,
  stepsUsing,
  usesAny,
  workflow,
  type Job,
  type Repo,
} from "../workflows";

const WRITE_SCOPE_NEEDS: Record<string, { why: string; needed: (job: Job) => boolean }> = {
  "id-token": {
    why: "a step that exchanges the OIDC token (configure-aws-credentials, pulumi/auth-actions)",
    needed: (j) => usesAny(j, OIDC_ACTIONS),
  },
  "security-events": {
    why: "a SARIF upload (github/codeql-action/upload-sarif)",
    needed: (j) => usesAny(j, [ACTIONS.uploadSarif]),
  },
  "pull-requests": {
    why: "a pulumi/actions step with comment-on-pr: true, or a gh api call on a pull request's comments",
    needed: (j) =>
      stepsUsing(j, ACTIONS.pulumi).some((s) => String(s.with?.["comment-on-pr"]) === "true") ||
      j.steps.some((s) => /gh api .*issues\/.*comments/.test(s.run ?? "")),
  },
};

/**
 * The jobs whose needs a job's permissions must cover: itself, or for a job that calls a reusable
 * workflow, every job of that workflow (the caller's permissions are their ceiling).
 */
function jobsRunBy(repo: Repo, j: Job): Job[] {
  const called = calledWorkflow(j);
  return called === undefined ? [j] : Object.values(workflow(repo, called).doc.jobs);
}

export function checkPermissions(repo: Repo): string[] {
  const problems: string[] = [];
  for (const wf of repo.workflows) {
    const top = wf.doc.permissions;
    const topOk =
      top !== undefined &&
      typeof top === "object" &&
      Object.entries(top).every(([scope, level]) => scope === "contents" && level === "read");
    if (!topOk) {
      problems.push(
        `${wf.file}: top-level permissions must be {} or { contents: read }, got ${JSON.stringify(top)}`,
      );
    }
    for (const [id, j] of Object.entries(wf.doc.jobs)) {
      const where = `${wf.file} job ${id}`;
      if (j.permissions === undefined) {
        problems.push(`${where}: declare the job's permissions explicitly`);
      }
      const perms = effectivePermissions(wf.doc, j);
      if (typeof perms === "string") {
        problems.push(`${where}: "${perms}" grants every scope; list the scopes instead`);
        continue;
      }
      for (const [scope, level] of Object.entries(perms ?? {})) {
        if (level !== "write") continue;
        const rule = WRITE_SCOPE_NEEDS[scope];
        if (rule === undefined) problems.push(`${where}: ${scope}: write is never needed here`);
        else if (!jobsRunBy(repo, j).some(rule.needed))
          problems.push(`${where}: ${scope}: write without ${rule.why}`);
      }
      for (const [scope, rule] of Object.entries(WRITE_SCOPE_NEEDS)) {
        if (jobsRunBy(repo, j).some(rule.needed) && perms?.[scope] !== "write") {
          problems.push(`${where}: has ${rule.why} but not ${scope}: write`);
        }
      }
    }
  }
  return problems;
}
