// Trust agreement between the workflows and the persistent stack's IAM roles: which OIDC subject
// each role-assuming job will present (derived from the workflow files, the way GitHub builds
// the `sub` claim), and whether the role it assumes trusts exactly that (per persistent/trust.ts).
import {
  DRIFT_WORKFLOW,
  deployContexts,
  driftContexts,
  githubSubjects,
  previewContexts,
} from "../../persistent/trust";
import type { PersistentConfig } from "../../persistent/config";
import {
  ACTIONS,
  allJobs,
  environmentName,
  oneLine,
  stepsUsing,
  triggers,
  type Job,
  type Repo,
  type WorkflowDoc,
} from "./workflows";

export type Role = "preview" | "deploy" | "drift";
const ROLES: readonly Role[] = ["preview", "deploy", "drift"];

export const ROLE_VARIABLES: Record<string, Role> = {
  "${{ vars.AWS_PREVIEW_ROLE_ARN }}": "preview",
  "${{ vars.AWS_DEPLOY_ROLE_ARN }}": "deploy",
  "${{ vars.AWS_DRIFT_ROLE_ARN }}": "drift",
};

/**
 * Roles whose trust also pins GitHub's `job_workflow_ref` to one file (persistent/identity.ts):
 * a job in any other file is refused. (The deploy role's pins, per environment, are checked by
 * deploy-workflows.ts.)
 */
const PINNED_WORKFLOWS: Partial<Record<Role, string>> = { drift: DRIFT_WORKFLOW };

/** A context no trust policy can admit: GitHub would present a subject we cannot predict. */
export const UNPREDICTABLE = "ref:refs/heads/*";

export interface RoleUse {
  where: string;
  /** The workflow's path in the repository, as `job_workflow_ref` names it. */
  workflow: string;
  role: Role | undefined;
  /** The `sub` contexts (`pull_request`, `ref:refs/heads/main`, `environment:production`). */
  contexts: string[];
}

/**
 * The OIDC subject contexts a job presents, following GitHub's documented rules:
 * - a job with `environment:` presents `environment:<name>`, whatever the trigger;
 * - otherwise a `pull_request` run presents `pull_request`;
 * - otherwise the ref: for `push`, the pushed branch (from the workflow's branch filter); for
 *   `workflow_run` and `schedule`, GITHUB_REF is the repository's default branch, which the
 *   persistent stack's `defaultBranch` names; for `workflow_dispatch`, whatever branch the user
 *   picks, unless the job is guarded by `if: github.ref == 'refs/heads/<branch>'`.
 */
export function subjectContexts(doc: WorkflowDoc, job: Job, defaultBranch: string): string[] {
  const env = environmentName(job);
  if (env !== undefined) return [`environment:${env}`];
  const guard = /github\.ref == 'refs\/heads\/([^']+)'/.exec(oneLine(job.if))?.[1];
  const contexts = Object.entries(triggers(doc)).flatMap(([event, filter]): string[] => {
    switch (event) {
      case "pull_request":
        return ["pull_request"];
      case "push": {
        const branches = (filter as { branches?: string[] } | null)?.branches;
        return branches === undefined || branches.some((b) => /[*?[\]!]/.test(b))
          ? [UNPREDICTABLE]
          : branches.map((b) => `ref:refs/heads/${b}`);
      }
      case "workflow_run":
      case "schedule":
        return [`ref:refs/heads/${defaultBranch}`];
      case "workflow_dispatch":
        return [guard === undefined ? UNPREDICTABLE : `ref:refs/heads/${guard}`];
      default:
        // Any other trigger (pull_request_target, issue_comment, ...) is not modelled: refuse it.
        return [`unmodelled-event:${event}`];
    }
  });
  return [...new Set(contexts)];
}

/** Every job that assumes an AWS role, with the role and the subjects it will present. */
export function roleUses(repo: Repo, defaultBranch: string): RoleUse[] {
  return allJobs(repo).flatMap(({ wf, id, job }) =>
    stepsUsing(job, ACTIONS.awsCredentials).map((step) => ({
      where: `${wf.file} job ${id}`,
      workflow: `.github/workflows/${wf.file}`,
      role: ROLE_VARIABLES[String(step.with?.["role-to-assume"])],
      contexts: subjectContexts(wf.doc, job, defaultBranch),
    })),
  );
}

export interface TrustModel {
  repository: {
    repository: string;
    ownerId?: string | undefined;
    repositoryId?: string | undefined;
  };
  contexts: Record<Role, string[]>;
}

/** The contexts each role trusts, exactly as persistent/identity.ts builds the trust policies. */
export function trustModel(config: PersistentConfig): TrustModel {
  return {
    repository: {
      repository: config.githubRepository,
      ownerId: config.githubOwnerId,
      repositoryId: config.githubRepositoryId,
    },
    contexts: {
      preview: previewContexts(config.defaultBranch),
      deploy: deployContexts({
        deploy: config.deployEnvironment,
        teardown: config.teardownEnvironment,
      }),
      drift: driftContexts(config.defaultBranch),
    },
  };
}

/**
 * No job may present a subject its role does not trust (it would fail at STS), and each role
 * must trust exactly the contexts of the jobs that use it (no unused, over-broad trust).
 */
export function checkTrustAgreement(uses: RoleUse[], model: TrustModel): string[] {
  const problems: string[] = [];
  const subjects = (contexts: string[]) =>
    new Set(contexts.flatMap((c) => githubSubjects(model.repository, c)));
  const used: Record<Role, Set<string>> = {
    preview: new Set(),
    deploy: new Set(),
    drift: new Set(),
  };
  for (const use of uses) {
    if (use.role === undefined) {
      problems.push(
        `${use.where}: role-to-assume must be one of ${Object.keys(ROLE_VARIABLES)
          .map((v) => v.replace(/^\$\{\{ | \}\}$/g, ""))
          .join(", ")}`,
      );
      continue;
    }
    const pinned = PINNED_WORKFLOWS[use.role];
    if (pinned !== undefined && use.workflow !== pinned) {
      problems.push(
        `${use.where}: the ${use.role} role trusts only ${pinned} (job_workflow_ref), so STS refuses this job`,
      );
    }
    const trusted = subjects(model.contexts[use.role]);
    for (const context of use.contexts) {
      used[use.role].add(context);
      const presented = githubSubjects(model.repository, context);
      const refused = presented.filter((s) => !trusted.has(s));
      if (refused.length > 0) {
        problems.push(
          `${use.where}: presents ${refused.join(" / ")}, which the ${use.role} role does not trust (it trusts ${[...trusted].join(", ")})`,
        );
      }
    }
  }
  for (const role of ROLES) {
    for (const context of model.contexts[role].filter((c) => !used[role].has(c))) {
      problems.push(`the ${role} role trusts ${context}, but no workflow job uses it from there`);
    }
  }
  return problems;
}
