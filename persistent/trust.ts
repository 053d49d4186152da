/**
 * Who may assume which role: the OIDC subjects, computed in one place. The roles' trust
 * policies, the workflow tests and the Pulumi Deployments tests all derive from these
 * functions, so a subject is never copied by hand.
 */
import { arn } from "./lib/arn";

export const GITHUB_OIDC_URL = "https://token.actions.githubusercontent.com";
export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";
/** The audience that aws-actions/configure-aws-credentials requests. */
export const GITHUB_OIDC_AUDIENCE = "sts.amazonaws.com";
export const PULUMI_OIDC_URL = "https://api.pulumi.com/oidc";
export const PULUMI_OIDC_HOST = "api.pulumi.com/oidc";

export interface GithubRepositoryIdentity {
  /** "OWNER/REPO". */
  repository: string;
  /** Numeric ids: when both are given, GitHub's ID-based subject format is trusted as well. */
  ownerId?: string | undefined;
  repositoryId?: string | undefined;
}

/**
 * The `sub` claims a GitHub job presents for one context: `pull_request`,
 * `ref:refs/heads/main`, `environment:production`. Name-based always; ID-based
 * (`repo:OWNER@ID/REPO@ID:...`, the default for repositories created since July 2026)
 * when the ids are configured.
 */
export function githubSubjects(repo: GithubRepositoryIdentity, context: string): string[] {
  const [owner, name] = repo.repository.split("/");
  const subjects = [`repo:${owner}/${name}:${encodeClaim(context)}`];
  if (repo.ownerId !== undefined && repo.repositoryId !== undefined) {
    subjects.push(
      `repo:${owner}@${repo.ownerId}/${name}@${repo.repositoryId}:${encodeClaim(context)}`,
    );
  }
  return subjects;
}

// GitHub encodes ':' inside claim values as %3A (e.g. an environment named "prod:eu").
function encodeClaim(context: string): string {
  const [kind, ...rest] = context.split(":");
  return rest.length === 0 ? context : `${kind}:${rest.join(":").replace(/:/g, "%3A")}`;
}

/** Contexts of the read-only preview jobs: PR previews and the CD preview on the default branch. */
export function previewContexts(defaultBranch: string): string[] {
  return ["pull_request", `ref:refs/heads/${defaultBranch}`];
}

/**
 * The drift check: its schedule (and a manual run guarded to the default branch) presents the
 * default branch's ref, and the trust pins `job_workflow_ref` to this file, so no other workflow
 * on that branch (the CD preview included) gets the role that may decrypt the stack's secrets.
 */
export const DRIFT_WORKFLOW = ".github/workflows/drift.yml";

/** Contexts of the drift check: the default branch only, never a pull request. */
export function driftContexts(defaultBranch: string): string[] {
  return [`ref:refs/heads/${defaultBranch}`];
}

/**
 * The workflow file of the job that assumes the deploy role in each environment. The trust pins
 * GitHub's `job_workflow_ref` claim to it, so another workflow that names the environment gets
 * no credentials. When the deploy job moves into a reusable workflow, its own file goes here
 * (job_workflow_ref names the reusable workflow, not its caller);
 * tests/workflows/deploy-workflows.test.ts checks each file holds the job.
 */
export const DEPLOY_WORKFLOWS = {
  deploy: ".github/workflows/cd.yml",
  teardown: ".github/workflows/teardown.yml",
} as const;

/** The jobs that change infrastructure: each protected environment, from its workflow file. */
export function deployJobs(environments: {
  deploy: string;
  teardown: string;
}): { context: string; workflow: string }[] {
  return [
    { context: `environment:${environments.deploy}`, workflow: DEPLOY_WORKFLOWS.deploy },
    { context: `environment:${environments.teardown}`, workflow: DEPLOY_WORKFLOWS.teardown },
  ];
}

/** Contexts of the jobs that change infrastructure: the protected environments only. */
export function deployContexts(environments: { deploy: string; teardown: string }): string[] {
  return deployJobs(environments).map((job) => job.context);
}

/** GitHub's `job_workflow_ref` claim: `OWNER/REPO/<workflow path>@refs/heads/<branch>`. */
export function jobWorkflowRef(repository: string, workflowPath: string, branch: string): string {
  return `${repository}/${workflowPath}@refs/heads/${branch}`;
}

/** A Deployments run's operation, as the OIDC subject names it. */
export type PulumiOperation = "preview" | "update" | "refresh" | "destroy" | "detect-drift";

/**
 * What Deployments runs on the ephemeral stack (root Pulumi.yaml): the morning re-create and the
 * runbook's manual `pulumi deployment run update|destroy`.
 */
export const DEPLOY_PULUMI_OPERATIONS: readonly PulumiOperation[] = ["update", "destroy"];

/**
 * What Deployments runs on the persistent stack: previews (pull requests, opt-in, or by hand).
 * Drift detection is drift.yml's (GitHub Actions, drift role); should it move to a Deployments
 * DriftSchedule, add `detect-drift`, the operation Deployments records for it (REST API OperationContext;
 * Pulumi's OIDC guide lists only preview, update, refresh and destroy: if the first drift run is
 * refused by STS, CloudTrail's AssumeRoleWithWebIdentity event shows the subject it presents).
 * tests/deployments fails until the two sides agree.
 */
export const PREVIEW_PULUMI_OPERATIONS: readonly PulumiOperation[] = ["preview"];

/** The `sub` claim of a Pulumi Deployments run (pulumi docs, "OIDC: AWS"). */
export function pulumiDeploymentsSubject(args: {
  organization: string;
  project: string;
  stack: string;
  operation: PulumiOperation;
}): string {
  return `pulumi:deploy:org:${args.organization}:project:${args.project}:stack:${args.stack}:operation:${args.operation}:scope:write`;
}

export function pulumiDeploymentsSubjects(args: {
  organization: string;
  project: string;
  stack: string;
  operations: readonly PulumiOperation[];
}): string[] {
  return args.operations.map((operation) => pulumiDeploymentsSubject({ ...args, operation }));
}

export interface OidcTrust {
  providerArn: string;
  /** Issuer host as IAM condition keys spell it, e.g. token.actions.githubusercontent.com. */
  host: string;
  audience: string;
  subjects: string[];
  /** Further claims the token must carry, e.g. `job_workflow_ref` (AWS STS checks GitHub's). */
  claims?: Record<string, string>;
}

/**
 * A trust policy with one statement per trust: each admits exactly its subjects, with the
 * expected audience and claims.
 */
export function oidcTrustPolicy(trusts: OidcTrust[]): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: trusts.map((t) => ({
      Effect: "Allow",
      Principal: { Federated: t.providerArn },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: {
        StringEquals: {
          [`${t.host}:aud`]: t.audience,
          [`${t.host}:sub`]: [...t.subjects].sort(),
          ...Object.fromEntries(
            Object.entries(t.claims ?? {}).map(([claim, value]) => [`${t.host}:${claim}`, value]),
          ),
        },
      },
    })),
  });
}

/**
 * Trust for ECS tasks, limited to tasks of this account and region (confused-deputy protection:
 * ECS passes the task's ARN and account as aws:SourceArn and aws:SourceAccount).
 */
export function ecsTasksTrustPolicy(where: {
  partition: string;
  region: string;
  accountId: string;
}): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "ecs-tasks.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": where.accountId },
          ArnLike: {
            "aws:SourceArn": arn(where, "ecs", "*"),
          },
        },
      },
    ],
  });
}
