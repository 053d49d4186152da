// Loads .github/workflows/*.yml and the shared composite action into typed objects, plus the
// small queries the invariant tests share. Each check in checks/ is a pure function of these
// objects, so a test can hand it a mutated copy and prove the check catches a broken variant.
import { readFileSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { REPO_ROOT } from "../engine/example-config";

export const WORKFLOWS_DIR = path.join(REPO_ROOT, ".github", "workflows");
export const SETUP_ACTION_DIR = ".github/actions/setup";
export const SETUP_ACTION_USES = `./${SETUP_ACTION_DIR}`;
export const SETUP_ACTION_FILE = path.join(REPO_ROOT, SETUP_ACTION_DIR, "action.yml");

/**
 * The commit CD tests and deploys: on `push`, the pushed commit, which CD's own CI job tested.
 * Every CD checkout, the image tag and the plan use it.
 */
export const COMMIT_SHA = "${{ github.sha }}";
/** The fully qualified stack names, as the workflows spell them. */
export const stackExpression = (project: string) =>
  `\${{ vars.PULUMI_ORG }}/${project}/\${{ vars.PULUMI_STACK }}`;

const expression = z.union([z.string(), z.boolean(), z.number()]);
const permissionLevel = z.enum(["read", "write", "none"]);
const permissions = z.union([
  z.enum(["read-all", "write-all"]),
  z.record(z.string(), permissionLevel),
]);
const concurrency = z.union([
  z.string(),
  z.looseObject({
    group: z.string(),
    "cancel-in-progress": expression.optional(),
    queue: z.string().optional(),
  }),
]);
const environment = z.union([
  z.string(),
  z.looseObject({ name: z.string(), url: z.string().optional() }),
]);
const env = z.record(z.string(), expression);

const stepSchema = z.looseObject({
  id: z.string().optional(),
  name: z.string().optional(),
  if: expression.optional(),
  uses: z.string().optional(),
  run: z.string().optional(),
  shell: z.string().optional(),
  with: z.record(z.string(), expression).optional(),
  env: env.optional(),
});

const jobSchema = z.looseObject({
  name: z.string().optional(),
  if: expression.optional(),
  needs: z.union([z.string(), z.array(z.string())]).optional(),
  /** A job that calls a reusable workflow (`uses: ./.github/workflows/x.yml`) has no steps. */
  uses: z.string().optional(),
  "runs-on": z.string().optional(),
  "timeout-minutes": z.number().optional(),
  permissions: permissions.optional(),
  environment: environment.optional(),
  concurrency: concurrency.optional(),
  env: env.optional(),
  strategy: z
    .looseObject({ matrix: z.record(z.string(), z.array(expression)).optional() })
    .optional(),
  steps: z.array(stepSchema).default([]),
});

const workflowSchema = z.looseObject({
  name: z.string(),
  on: z.union([z.string(), z.array(z.string()), z.record(z.string(), z.unknown())]),
  permissions: permissions.optional(),
  concurrency: concurrency.optional(),
  env: env.optional(),
  jobs: z.record(z.string(), jobSchema),
});

const compositeSchema = z.looseObject({
  name: z.string(),
  description: z.string(),
  inputs: z.record(
    z.string(),
    z.looseObject({
      description: z.string(),
      required: z.boolean().optional(),
      default: z.string().optional(),
    }),
  ),
  runs: z.looseObject({ using: z.literal("composite"), steps: z.array(stepSchema).min(1) }),
});

export type Step = z.infer<typeof stepSchema>;
export type Job = z.infer<typeof jobSchema>;
export type WorkflowDoc = z.infer<typeof workflowSchema>;
export type CompositeDoc = z.infer<typeof compositeSchema>;
export type Permissions = z.infer<typeof permissions>;

export interface Workflow {
  /** File name, e.g. "cd.yml". */
  file: string;
  /** The raw text: comments and the `# vX.Y.Z` pins live only here. */
  text: string;
  doc: WorkflowDoc;
}

export interface CompositeAction {
  file: string;
  text: string;
  doc: CompositeDoc;
}

/** Everything the checks look at, loaded once. Tests mutate copies made by `clone`. */
export interface Repo {
  workflows: Workflow[];
  setup: CompositeAction;
}

export function parseWorkflow(file: string, text: string): Workflow {
  const result = workflowSchema.safeParse(parse(text));
  if (!result.success) throw new Error(`${file}: ${z.prettifyError(result.error)}`);
  for (const [id, j] of Object.entries(result.data.jobs)) {
    const calls = j.uses !== undefined;
    if (calls === (j["runs-on"] !== undefined) || calls === j.steps.length > 0) {
      throw new Error(
        `${file} job ${id}: a job either runs steps (runs-on, steps) or calls a workflow (uses)`,
      );
    }
  }
  return { file, text, doc: result.data };
}

/** The local reusable workflow a job calls (`./.github/workflows/ci.yml` → `ci.yml`), if any. */
export function calledWorkflow(job: Job): string | undefined {
  const m = /^\.\/\.github\/workflows\/([^/@]+)$/.exec(job.uses ?? "");
  return m?.[1];
}

export function loadRepo(): Repo {
  const workflows = readdirSync(WORKFLOWS_DIR)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((file) => parseWorkflow(file, readFileSync(path.join(WORKFLOWS_DIR, file), "utf8")));
  const text = readFileSync(SETUP_ACTION_FILE, "utf8");
  const parsed = compositeSchema.safeParse(parse(text));
  if (!parsed.success) throw new Error(`${SETUP_ACTION_DIR}: ${z.prettifyError(parsed.error)}`);
  return {
    workflows,
    setup: { file: path.relative(REPO_ROOT, SETUP_ACTION_FILE), text, doc: parsed.data },
  };
}

export const clone = (repo: Repo): Repo => structuredClone(repo);

export function workflow(repo: Repo, file: string): Workflow {
  const found = repo.workflows.find((w) => w.file === file);
  if (!found) throw new Error(`no workflow ${file}`);
  return found;
}

export function job(repo: Repo, file: string, id: string): Job {
  const found = workflow(repo, file).doc.jobs[id];
  if (!found) throw new Error(`no job ${id} in ${file}`);
  return found;
}

/** The workflow's triggers as a map, whatever form `on:` takes. */
export function triggers(doc: WorkflowDoc): Record<string, unknown> {
  const on = doc.on;
  if (typeof on === "string") return { [on]: null };
  if (Array.isArray(on)) return Object.fromEntries(on.map((e) => [e, null]));
  return on;
}

/** `owner/repo` (or `owner/repo/path`) of a `uses:`, without the ref. */
export const actionName = (uses: string) => uses.split("@")[0] ?? uses;

export const stepsUsing = (job: Job, action: string): Step[] =>
  job.steps.filter((s) => s.uses !== undefined && actionName(s.uses) === action);

export const usesAny = (job: Job, actions: readonly string[]) =>
  job.steps.some((s) => s.uses !== undefined && actions.includes(actionName(s.uses)));

export function environmentName(job: Job): string | undefined {
  if (job.environment === undefined) return undefined;
  return typeof job.environment === "string" ? job.environment : job.environment.name;
}

export function needsOf(job: Job): string[] {
  if (job.needs === undefined) return [];
  return typeof job.needs === "string" ? [job.needs] : job.needs;
}

/** A job's permissions: its own, else the workflow's (GitHub's rule: no merging). */
export function effectivePermissions(doc: WorkflowDoc, job: Job): Permissions | undefined {
  return job.permissions ?? doc.permissions;
}

export interface Concurrency {
  group: string;
  cancelInProgress: string | boolean | number | undefined;
  queue: string | undefined;
}

function normaliseConcurrency(c: WorkflowDoc["concurrency"]): Concurrency | undefined {
  if (c === undefined) return undefined;
  if (typeof c === "string") return { group: c, cancelInProgress: undefined, queue: undefined };
  return { group: c.group, cancelInProgress: c["cancel-in-progress"], queue: c.queue };
}

/** The concurrency groups a job runs under: the workflow's and its own (both apply). */
export function concurrencyOf(doc: WorkflowDoc, job: Job): Concurrency[] {
  return [normaliseConcurrency(doc.concurrency), normaliseConcurrency(job.concurrency)].filter(
    (c): c is Concurrency => c !== undefined,
  );
}

/**
 * One copy of the job per matrix combination, with `${{ matrix.<key> }}` replaced by the value,
 * so a check sees e.g. `work-dir: persistent` and `work-dir: ephemeral`.
 */
export function expandMatrix(j: Job): Job[] {
  const matrix = j.strategy?.matrix;
  if (matrix === undefined) return [j];
  let combos: Record<string, string>[] = [{}];
  for (const [key, values] of Object.entries(matrix)) {
    combos = combos.flatMap((c) => values.map((v) => ({ ...c, [key]: String(v) })));
  }
  return combos.map((combo) => {
    let json = JSON.stringify(j);
    for (const [key, value] of Object.entries(combo)) {
      json = json.split(`\${{ matrix.${key} }}`).join(value);
    }
    return JSON.parse(json) as Job;
  });
}

/** A `with:` or `if:` value as text (they are strings, booleans or numbers). */
export const str = (value: string | boolean | number | undefined) =>
  value === undefined ? undefined : String(value);

/** `${{ env.X }}` replaced by X from the given env (how a job names its stack once). */
export function resolveEnv(
  value: string | undefined,
  env: Record<string, string | boolean | number> | undefined,
): string | undefined {
  return value?.replace(/\$\{\{ env\.(\w+) \}\}/g, (whole, name: string) =>
    env?.[name] === undefined ? whole : String(env[name]),
  );
}

/** Collapses whitespace, so an `if:` written over several lines compares as one line. */
export const oneLine = (value: string | boolean | number | undefined) =>
  String(value ?? "")
    .replace(/\s+/g, " ")
    .trim();

export const ACTIONS = {
  checkout: "actions/checkout",
  uploadArtifact: "actions/upload-artifact",
  downloadArtifact: "actions/download-artifact",
  awsCredentials: "aws-actions/configure-aws-credentials",
  pulumiAuth: "pulumi/auth-actions",
  pulumi: "pulumi/actions",
  buildx: "docker/setup-buildx-action",
  buildPush: "docker/build-push-action",
  trivy: "aquasecurity/trivy-action",
  ecrLogin: "aws-actions/amazon-ecr-login",
  setupGo: "actions/setup-go",
  cache: "actions/cache",
  uploadSarif: "github/codeql-action/upload-sarif",
  hardenRunner: "step-security/harden-runner",
} as const;

/** Steps that exchange the job's GitHub OIDC token: the only reason for `id-token: write`. */
export const OIDC_ACTIONS = [ACTIONS.awsCredentials, ACTIONS.pulumiAuth] as const;

/** Every (workflow, job) pair, matrix jobs expanded. */
export function allJobs(repo: Repo): { wf: Workflow; id: string; job: Job }[] {
  return repo.workflows.flatMap((wf) =>
    Object.entries(wf.doc.jobs).flatMap(([id, j]) =>
      expandMatrix(j).map((expanded) => ({ wf, id, job: expanded })),
    ),
  );
}
