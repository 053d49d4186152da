// The pipeline's invariants as pure functions: each takes the loaded workflows (or a mutated
// copy) and returns the list of problems, empty when the invariant holds. The tests assert the
// real files pass and that a broken variant is caught, so no check can pass vacuously.
import { existsSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { REPO_ROOT } from "../engine/example-config";
import {
  ACTIONS,
  HEAD_SHA,
  OIDC_ACTIONS,
  SETUP_ACTION_USES,
  actionName,
  allJobs,
  concurrencyOf,
  effectivePermissions,
  environmentName,
  needsOf,
  oneLine,
  stackExpression,
  stepsUsing,
  triggers,
  usesAny,
  workflow,
  type Job,
  type Repo,
  type Step,
} from "./workflows";

/** A `with:` or `if:` value as text (they are strings, booleans or numbers). */
const str = (value: string | boolean | number | undefined) =>
  value === undefined ? undefined : String(value);

// ---------------------------------------------------------------------------------------------
// Pinning: every `uses:` is local or a full commit SHA with a `# vX.Y.Z` comment.

const PINNED = /^([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_./-]+)?)@([0-9a-f]{40})$/;
const USES_LINE = /^\s*(?:-\s+)?uses:\s*(\S+)\s*(?:#\s*(.*))?$/;
const VERSION_COMMENT = /^v\d+\.\d+\.\d+$/;

export interface UsesLine {
  file: string;
  line: number;
  uses: string;
  comment: string | undefined;
}

/** `uses:` lines read from the raw text, because the version comment is not in the YAML data. */
export function usesLines(repo: Repo): UsesLine[] {
  const files = [
    ...repo.workflows.map((w) => ({ file: `.github/workflows/${w.file}`, text: w.text })),
    { file: repo.setup.file, text: repo.setup.text },
  ];
  return files.flatMap(({ file, text }) =>
    text.split("\n").flatMap((raw, i) => {
      const m = USES_LINE.exec(raw);
      if (!m?.[1]) return [];
      return [{ file, line: i + 1, uses: m[1].replace(/^["']|["']$/g, ""), comment: m[2]?.trim() }];
    }),
  );
}

export function checkPinnedActions(repo: Repo): string[] {
  const problems: string[] = [];
  const lines = usesLines(repo);
  const seen = new Map<string, { sha: string; version: string; where: string }>();
  for (const l of lines) {
    const where = `${l.file}:${l.line}`;
    if (l.uses.startsWith("./")) continue;
    const m = PINNED.exec(l.uses);
    if (!m?.[1] || !m[2]) {
      problems.push(`${where}: "${l.uses}" is not pinned to a full 40-character commit SHA`);
      continue;
    }
    if (l.comment === undefined || !VERSION_COMMENT.test(l.comment)) {
      problems.push(`${where}: "${l.uses}" needs a "# vX.Y.Z" comment naming the pinned release`);
      continue;
    }
    // upload-sarif and init are paths in one repository: one pin for the repository.
    const repoName = m[1].split("/").slice(0, 2).join("/");
    const previous = seen.get(repoName);
    if (previous === undefined) seen.set(repoName, { sha: m[2], version: l.comment, where });
    else if (previous.sha !== m[2] || previous.version !== l.comment) {
      problems.push(
        `${where}: ${repoName}@${m[2]} # ${l.comment} differs from ${previous.where} (${previous.sha} # ${previous.version}); pin one release everywhere`,
      );
    }
  }
  // Every `uses:` the YAML has must have been seen as a line (no flow-style hiding a pin).
  const yamlUses = [
    ...repo.workflows.flatMap((w) =>
      Object.values(w.doc.jobs).flatMap((j) => j.steps.map((s) => s.uses)),
    ),
    ...repo.setup.doc.runs.steps.map((s) => s.uses),
  ].filter((u): u is string => u !== undefined);
  if (yamlUses.length !== lines.length) {
    problems.push(`found ${yamlUses.length} uses: in the YAML but ${lines.length} uses: lines`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Permissions: read-only by default; each write scope only where a step needs it.

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
    why: "a pulumi/actions step with comment-on-pr: true",
    needed: (j) =>
      stepsUsing(j, ACTIONS.pulumi).some((s) => String(s.with?.["comment-on-pr"]) === "true"),
  },
};

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
        else if (!rule.needed(j)) problems.push(`${where}: ${scope}: write without ${rule.why}`);
      }
      for (const [scope, rule] of Object.entries(WRITE_SCOPE_NEEDS)) {
        if (rule.needed(j) && perms?.[scope] !== "write") {
          problems.push(`${where}: has ${rule.why} but not ${scope}: write`);
        }
      }
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// CD trigger: workflow_run of CI, completed, on main; every job requires success.

export const SUCCESS_CONDITION = "github.event.workflow_run.conclusion == 'success'";
const PUSH_CONDITION = "github.event.workflow_run.event == 'push'";
const SAME_REPO_CONDITION =
  "github.event.workflow_run.head_repository.full_name == github.repository";

export function checkCdTrigger(repo: Repo): string[] {
  const problems: string[] = [];
  const cd = workflow(repo, "cd.yml").doc;
  const ci = workflow(repo, "ci.yml").doc;
  const on = triggers(cd);
  if (Object.keys(on).join() !== "workflow_run") {
    problems.push(`cd.yml: must run on workflow_run only, runs on ${Object.keys(on).join(", ")}`);
  }
  const run = (on.workflow_run ?? {}) as Record<string, unknown>;
  const same = (key: string, expected: string[]) => {
    if (JSON.stringify(run[key]) !== JSON.stringify(expected)) {
      problems.push(
        `cd.yml: workflow_run.${key} must be ${JSON.stringify(expected)}, got ${JSON.stringify(run[key])}`,
      );
    }
  };
  same("workflows", [ci.name]);
  same("types", ["completed"]);
  same("branches", ["main"]);
  const ciOn = triggers(ci);
  if (JSON.stringify((ciOn.push as { branches?: unknown } | null)?.branches) !== '["main"]') {
    problems.push("ci.yml: must run on push to main (CD follows those runs)");
  }
  for (const [id, j] of Object.entries(cd.jobs)) {
    const condition = oneLine(j.if);
    for (const required of [SUCCESS_CONDITION, PUSH_CONDITION, SAME_REPO_CONDITION]) {
      if (!condition.includes(required)) {
        problems.push(`cd.yml job ${id}: its if: must require ${required}`);
      }
    }
    if (/\|\||always\(\)|failure\(\)|cancelled\(\)/.test(condition)) {
      problems.push(`cd.yml job ${id}: its if: must be a plain conjunction, got "${condition}"`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// CD checkouts: every one (direct, or through the setup action) is the tested commit.

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

/** The composite action checks out exactly its required `ref` input; every caller passes one. */
export function checkSetupAction(repo: Repo): string[] {
  const problems: string[] = [];
  const { doc } = repo.setup;
  const ref = doc.inputs.ref;
  if (ref?.required !== true || ref.default !== undefined) {
    problems.push(`${repo.setup.file}: input ref must be required, with no default`);
  }
  const checkouts = doc.runs.steps.filter(
    (s) => s.uses !== undefined && actionName(s.uses) === ACTIONS.checkout,
  );
  if (checkouts.length !== 1 || checkouts[0]?.with?.ref !== "${{ inputs.ref }}") {
    problems.push(`${repo.setup.file}: must check out once, with ref: \${{ inputs.ref }}`);
  }
  for (const [i, s] of doc.runs.steps.entries()) {
    if (s.run !== undefined && s.shell === undefined) {
      problems.push(`${repo.setup.file} step ${i + 1}: composite run steps need a shell`);
    }
  }
  const known = new Set(Object.keys(doc.inputs));
  const required = Object.entries(doc.inputs)
    .filter(([, input]) => input.required === true)
    .map(([name]) => name);
  for (const { wf, id, job: j } of allJobs(repo)) {
    for (const s of j.steps.filter((step) => step.uses === SETUP_ACTION_USES)) {
      const given = Object.keys(s.with ?? {});
      for (const name of required.filter((r) => !given.includes(r))) {
        problems.push(`${wf.file} job ${id}: the setup action needs input ${name}`);
      }
      for (const name of given.filter((g) => !known.has(g))) {
        problems.push(`${wf.file} job ${id}: the setup action has no input ${name}`);
      }
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// CD image tag and plan: preview and up see the same tag (the head SHA) and the same plan.

interface PulumiStep {
  jobId: string;
  step: Step;
}

function pulumiSteps(repo: Repo, file: string): PulumiStep[] {
  return Object.entries(workflow(repo, file).doc.jobs).flatMap(([jobId, j]) =>
    stepsUsing(j, ACTIONS.pulumi).map((step) => ({ jobId, step })),
  );
}

export function checkCdImageTag(repo: Repo): string[] {
  const problems: string[] = [];
  const steps = pulumiSteps(repo, "cd.yml");
  const commands = steps.map((p) => str(p.step.with?.command)).sort();
  if (JSON.stringify(commands) !== JSON.stringify(["preview", "up"])) {
    problems.push(
      `cd.yml: expected one pulumi preview and one pulumi up, got ${commands.join(", ")}`,
    );
  }
  const maps = new Set<string>();
  for (const { jobId, step } of steps) {
    const raw = str(step.with?.["config-map"]);
    const where = `cd.yml job ${jobId} (pulumi ${str(step.with?.command)})`;
    if (raw === undefined) {
      problems.push(`${where}: pass the image tag explicitly with config-map`);
      continue;
    }
    maps.add(raw);
    const parsed = parse(raw) as { imageTag?: { value?: unknown; secret?: unknown } } | null;
    if (parsed?.imageTag?.value !== HEAD_SHA || parsed.imageTag.secret !== false) {
      problems.push(
        `${where}: config-map imageTag must be { value: "${HEAD_SHA}", secret: false }`,
      );
    }
  }
  if (maps.size > 1) problems.push("cd.yml: preview and up must pass the identical config-map");
  return problems;
}

export function checkCdDeployAppliesPlan(
  repo: Repo,
  programSource: string,
  usage: string,
): string[] {
  const problems: string[] = [];
  const cd = workflow(repo, "cd.yml").doc;
  const deployEntry = Object.entries(cd.jobs).find(([, j]) =>
    stepsUsing(j, ACTIONS.pulumi).some((s) => s.with?.command === "up"),
  );
  const previewEntry = Object.entries(cd.jobs).find(([, j]) =>
    stepsUsing(j, ACTIONS.pulumi).some((s) => s.with?.command === "preview"),
  );
  if (!deployEntry || !previewEntry) return ["cd.yml: needs a preview job and a deploy (up) job"];
  const [deployId, deploy] = deployEntry;
  const [previewId, preview] = previewEntry;
  const previewStep = stepsUsing(preview, ACTIONS.pulumi)[0];
  const upIndex = deploy.steps.findIndex(
    (s) => s.uses !== undefined && actionName(s.uses) === ACTIONS.pulumi,
  );
  const up = deploy.steps[upIndex];
  if (!previewStep || !up) return ["cd.yml: pulumi steps missing"];

  if (environmentName(deploy) !== "production") {
    problems.push(
      `cd.yml job ${deployId}: must run in the production environment (the approval gate)`,
    );
  }
  if (environmentName(preview) !== undefined) {
    problems.push(
      `cd.yml job ${previewId}: the plan job needs no environment (no approval to plan)`,
    );
  }
  if (!needsOf(deploy).includes(previewId)) {
    problems.push(`cd.yml job ${deployId}: must need ${previewId}`);
  }
  for (const key of ["stack-name", "work-dir", "policyPacks", "pulumi-version"]) {
    if (up.with?.[key] !== previewStep.with?.[key]) {
      problems.push(`cd.yml: preview and up differ in ${key}`);
    }
  }
  const workDir = str(up.with?.["work-dir"]) ?? ".";
  const plan = str(up.with?.plan);
  if (plan === undefined || previewStep.with?.plan !== plan) {
    problems.push(
      `cd.yml: preview must save and up must apply the same plan file, got ${str(previewStep.with?.plan)} / ${plan}`,
    );
  }
  const planPath = path.posix.join(workDir, plan ?? "");
  const uploads = stepsUsing(preview, ACTIONS.uploadArtifact).filter(
    (s) => s.with?.path === planPath,
  );
  if (uploads.length !== 1) {
    problems.push(`cd.yml job ${previewId}: must upload ${planPath} as an artifact`);
  }
  const downloadIndex = deploy.steps.findIndex(
    (s) =>
      s.uses !== undefined &&
      actionName(s.uses) === ACTIONS.downloadArtifact &&
      s.with?.name === uploads[0]?.with?.name &&
      s.with?.path === workDir,
  );
  if (downloadIndex === -1 || downloadIndex > upIndex) {
    problems.push(
      `cd.yml job ${deployId}: must download the preview's plan artifact into ${workDir} before pulumi up`,
    );
  }
  for (const [id, j] of Object.entries(cd.jobs)) {
    if (stepsUsing(j, ACTIONS.pulumi).some((s) => s.with?.plan !== undefined)) {
      const flag = j.env?.PULUMI_EXPERIMENTAL ?? cd.env?.PULUMI_EXPERIMENTAL;
      if (String(flag) !== "true") {
        problems.push(`cd.yml job ${id}: update plans need PULUMI_EXPERIMENTAL: "true"`);
      }
    }
  }

  // The health check runs after up, with up's outputs, and those outputs exist.
  const upId = up.id;
  const outputs = new Set(
    [
      ...(/interface EphemeralOutputs \{([^}]*)\}/.exec(programSource)?.[1] ?? "").matchAll(
        /^\s*(\w+):/gm,
      ),
    ].map((m) => m[1]),
  );
  const check = deploy.steps
    .slice(upIndex + 1)
    .find((s) => s.run?.includes("npm run health-check"));
  if (upId === undefined || check === undefined) {
    problems.push(
      `cd.yml job ${deployId}: run npm run health-check after pulumi up (which needs an id)`,
    );
    return problems;
  }
  const flagToOutput: Record<string, string> = {
    "--url": "url",
    "--cluster": "clusterName",
    "--service": "serviceName",
    "--task-definition-arn": "taskDefinitionArn",
    "--region": "awsRegion",
  };
  for (const [flag, output] of Object.entries(flagToOutput)) {
    if (!usage.includes(`${flag} `)) problems.push(`health check usage has no ${flag}`);
    if (!outputs.has(output)) problems.push(`ephemeral/program.ts exports no output ${output}`);
    const m = new RegExp(`${flag}\\s+"\\$(\\w+)"`).exec(check.run ?? "");
    const variable = m?.[1];
    const value = variable === undefined ? undefined : check.env?.[variable];
    if (value !== `\${{ steps.${upId}.outputs.${output} }}`) {
      problems.push(
        `cd.yml job ${deployId}: health check ${flag} must come from steps.${upId}.outputs.${output}, got ${str(value)}`,
      );
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Role variables: preview role outside environments, deploy role only inside them.

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

// ---------------------------------------------------------------------------------------------
// Concurrency: deploy and teardown share one never-cancelled, queueing group per stack.

export const DEPLOY_GROUP = "deploy-${{ vars.PULUMI_STACK }}";

export function checkConcurrency(repo: Repo): string[] {
  const problems: string[] = [];
  const members = new Set<string>();
  for (const { wf, id, job: j } of allJobs(repo)) {
    const groups = concurrencyOf(wf.doc, j);
    for (const c of groups) {
      if (c.queue !== undefined && !["single", "max"].includes(c.queue)) {
        problems.push(`${wf.file} job ${id}: queue must be single or max, got ${c.queue}`);
      }
      if (c.queue === "max" && String(c.cancelInProgress) === "true") {
        problems.push(`${wf.file} job ${id}: queue: max with cancel-in-progress: true is invalid`);
      }
      if (c.group.toLowerCase().startsWith("deploy-") && c.group !== DEPLOY_GROUP) {
        problems.push(
          `${wf.file} job ${id}: "${c.group}" looks like the deploy group but is not it`,
        );
      }
    }
    const deploy = groups.find((c) => c.group === DEPLOY_GROUP);
    if (deploy !== undefined) {
      members.add(wf.file);
      if (deploy.cancelInProgress !== false) {
        problems.push(`${wf.file} job ${id}: the deploy group must set cancel-in-progress: false`);
      }
      if (deploy.queue !== "max") {
        problems.push(
          `${wf.file} job ${id}: the deploy group must set queue: max (the default cancels pending runs)`,
        );
      }
    }
    // Whatever can change or destroy the stack holds the lock.
    if (JSON.stringify(j).includes("vars.AWS_DEPLOY_ROLE_ARN") && deploy === undefined) {
      problems.push(`${wf.file} job ${id}: uses the deploy role outside the ${DEPLOY_GROUP} group`);
    }
  }
  const expected = ["cd.yml", "teardown.yml"];
  if (JSON.stringify([...members].sort()) !== JSON.stringify(expected)) {
    problems.push(
      `the ${DEPLOY_GROUP} group must hold exactly ${expected.join(" and ")}, holds ${[...members].sort().join(", ") || "nothing"}`,
    );
  }
  for (const wf of repo.workflows) {
    for (const [id, j] of Object.entries(wf.doc.jobs)) {
      if (
        !members.has(wf.file) &&
        concurrencyOf(wf.doc, j).length === 0 &&
        Object.keys(triggers(wf.doc)).some((t) => t !== "workflow_dispatch")
      ) {
        problems.push(`${wf.file} job ${id}: give it a concurrency group of its own`);
      }
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// The Pulumi CLI: one version everywhere, equal to the SDK in package.json.

export function checkPulumiVersion(repo: Repo, sdkVersion: string): string[] {
  const problems: string[] = [];
  const versions = new Set<string>();
  for (const { wf, id, job: j } of allJobs(repo)) {
    for (const s of stepsUsing(j, ACTIONS.pulumi)) {
      const v = str(s.with?.["pulumi-version"]);
      if (s.with?.["pulumi-version-file"] !== undefined) {
        problems.push(`${wf.file} job ${id}: use pulumi-version, not pulumi-version-file`);
      }
      if (v === undefined || !/^\d+\.\d+\.\d+$/.test(v)) {
        problems.push(`${wf.file} job ${id}: pulumi-version must be an exact x.y.z, got ${v}`);
      } else versions.add(v);
    }
  }
  if (versions.size !== 1) {
    problems.push(`one Pulumi CLI version everywhere, found ${[...versions].join(", ") || "none"}`);
  }
  for (const v of versions) {
    if (v !== sdkVersion) {
      problems.push(`pulumi-version ${v} must equal @pulumi/pulumi ${sdkVersion} in package.json`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// PR previews: both stacks, policy pack, PR comment; forks skipped with a notice.

export const FORK_GUARD = "github.event.pull_request.head.repo.full_name == github.repository";
const FORK_MATCH = "github.event.pull_request.head.repo.full_name != github.repository";
export const POLICY_PACKS = "${{ github.workspace }}/tests/policy/pack";

export function checkPrPreviews(repo: Repo, projects: Record<string, string>): string[] {
  const problems: string[] = [];
  const wf = workflow(repo, "preview.yml");
  const on = Object.keys(triggers(wf.doc));
  if (on.join() !== "pull_request")
    problems.push(`preview.yml: must run on pull_request only, runs on ${on.join(", ")}`);
  const covered = new Set<string>();
  for (const [id, raw] of Object.entries(wf.doc.jobs)) {
    const credentialed = usesAny(raw, OIDC_ACTIONS);
    if (credentialed && !oneLine(raw.if).includes(FORK_GUARD)) {
      problems.push(`preview.yml job ${id}: must skip fork pull requests (if: ${FORK_GUARD})`);
    }
    for (const j of allJobs({ ...repo, workflows: [wf] }).filter((e) => e.id === id)) {
      for (const s of stepsUsing(j.job, ACTIONS.pulumi)) {
        const dir = str(s.with?.["work-dir"]) ?? "";
        const project = projects[dir];
        const where = `preview.yml job ${id} (${dir})`;
        if (s.with?.command !== "preview") problems.push(`${where}: command must be preview`);
        if (project === undefined) {
          problems.push(`${where}: work-dir must be one of ${Object.keys(projects).join(", ")}`);
          continue;
        }
        if (s.with?.["stack-name"] !== stackExpression(project)) {
          problems.push(`${where}: stack-name must be ${stackExpression(project)}`);
        }
        if (String(s.with?.["comment-on-pr"]) !== "true")
          problems.push(`${where}: comment-on-pr: true`);
        if (s.with?.policyPacks !== POLICY_PACKS)
          problems.push(`${where}: policyPacks: ${POLICY_PACKS}`);
        covered.add(dir);
      }
    }
  }
  for (const dir of Object.keys(projects)) {
    if (!covered.has(dir)) problems.push(`preview.yml: no preview of ${dir}`);
  }
  const notice = Object.entries(wf.doc.jobs).find(
    ([, j]) =>
      oneLine(j.if).includes(FORK_MATCH) &&
      j.steps.some((s) => s.run?.includes("::notice") && s.run.includes("$GITHUB_STEP_SUMMARY")),
  );
  if (!notice) {
    problems.push(
      `preview.yml: a job for fork pull requests (if: ${FORK_MATCH}) must write a ::notice:: and a job summary`,
    );
  } else if (usesAny(notice[1], OIDC_ACTIONS) || JSON.stringify(notice[1].permissions) !== "{}") {
    problems.push(
      `preview.yml job ${notice[0]}: the fork notice needs no permissions or credentials`,
    );
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Teardown: typed confirmation, ephemeral only; no other workflow destroys or updates.

/** The comment lines directly above the first line whose trimmed text starts with `key`. */
export function commentAbove(text: string, key: string): string {
  const lines = text.split("\n");
  const at = lines.findIndex((l) => l.trim().startsWith(key));
  const comment: string[] = [];
  for (let i = at - 1; i >= 0 && (lines[i] ?? "").trim().startsWith("#"); i--) {
    comment.unshift((lines[i] ?? "").trim());
  }
  return comment.join("\n");
}

/** The destroy job's condition: the typed name, spelt as GitHub's format() of the stack name. */
export const confirmCondition = (ephemeralProject: string) =>
  `inputs.confirm == format('{0}/${ephemeralProject}/{1}', vars.PULUMI_ORG, vars.PULUMI_STACK)`;

export function checkTeardown(repo: Repo, ephemeralProject: string): string[] {
  const problems: string[] = [];
  const wf = workflow(repo, "teardown.yml");
  const on = triggers(wf.doc);
  if (Object.keys(on).sort().join() !== "schedule,workflow_dispatch") {
    problems.push(`teardown.yml: must run on schedule and workflow_dispatch only`);
  }
  const confirm = (
    on.workflow_dispatch as { inputs?: Record<string, Record<string, unknown>> } | null
  )?.inputs?.confirm;
  if (confirm?.required !== true || confirm.type !== "string") {
    problems.push("teardown.yml: workflow_dispatch needs a required string input confirm");
  }
  const expected = stackExpression(ephemeralProject);
  const CONFIRM_CONDITION = confirmCondition(ephemeralProject);
  const destroyers = Object.entries(wf.doc.jobs).filter(
    ([, j]) => stepsUsing(j, ACTIONS.pulumi).length > 0,
  );
  if (destroyers.length === 0) problems.push("teardown.yml: no pulumi step");
  for (const [id, j] of destroyers) {
    const where = `teardown.yml job ${id}`;
    const condition = oneLine(j.if);
    if (!condition.includes(CONFIRM_CONDITION)) {
      problems.push(`${where}: its if: must require ${CONFIRM_CONDITION}`);
    }
    const alternatives = condition.split("||").map((c) => c.trim());
    if (
      !alternatives.every((c) => c === "github.event_name == 'schedule'" || c === CONFIRM_CONDITION)
    ) {
      problems.push(
        `${where}: its if: may only allow the schedule or the typed confirmation, got "${condition}"`,
      );
    }
    if (environmentName(j) !== "teardown")
      problems.push(`${where}: must run in the teardown environment`);
    const guard = needsOf(j)
      .map((n) => wf.doc.jobs[n])
      .find((g) =>
        g?.steps.some(
          (s) =>
            s.env?.TYPED === "${{ inputs.confirm }}" &&
            s.env.EXPECTED === expected &&
            /\[ "\$TYPED" != "\$EXPECTED" \]/.test(s.run ?? "") &&
            /exit 1/.test(s.run ?? ""),
        ),
      );
    if (guard === undefined) {
      problems.push(`${where}: must need a job that fails when inputs.confirm is not ${expected}`);
    }
    for (const s of stepsUsing(j, ACTIONS.pulumi)) {
      if (s.with?.command !== "destroy") problems.push(`${where}: pulumi command must be destroy`);
      if (s.with?.["stack-name"] !== expected || s.with?.["work-dir"] !== "ephemeral") {
        problems.push(`${where}: may destroy only ${expected} in ephemeral/`);
      }
      if (String(s.with?.remove) === "true") problems.push(`${where}: keep the stack (no remove)`);
    }
  }
  if (
    !/(change|edit)/i.test(commentAbove(wf.text, "schedule:")) ||
    !/(delete|remove|disable)/i.test(commentAbove(wf.text, "schedule:"))
  ) {
    problems.push("teardown.yml: the cron needs a comment on how to change or remove it");
  }
  // Nothing else changes infrastructure: previews everywhere, up only in CD, destroy only here.
  for (const { wf: other, id, job: j } of allJobs(repo)) {
    for (const s of stepsUsing(j, ACTIONS.pulumi)) {
      const command = str(s.with?.command);
      const stack = str(s.with?.["stack-name"]);
      const where = `${other.file} job ${id}`;
      if (command === "destroy" && other.file !== "teardown.yml") {
        problems.push(`${where}: destroy belongs in teardown.yml only`);
      }
      if ((command === "up" || command === "update") && other.file !== "cd.yml") {
        problems.push(`${where}: only cd.yml may update a stack`);
      }
      if (command !== "preview" && stack !== expected) {
        problems.push(
          `${where}: pulumi ${command} of ${stack}: only the ephemeral stack may change`,
        );
      }
      if (command === "refresh")
        problems.push(`${where}: refresh writes state; use preview --refresh`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// No pull_request_target anywhere; every workflow explains itself in its first line.

export function checkTriggersAndHeaders(repo: Repo): string[] {
  const problems: string[] = [];
  for (const wf of repo.workflows) {
    if ("pull_request_target" in triggers(wf.doc) || wf.text.includes("pull_request_target")) {
      problems.push(
        `${wf.file}: pull_request_target runs fork code with secrets; use pull_request`,
      );
    }
    if (!wf.text.startsWith("# "))
      problems.push(`${wf.file}: start with a comment saying what it is for`);
  }
  const names = repo.workflows.map((w) => w.doc.name);
  if (new Set(names).size !== names.length)
    problems.push(`workflow names must be unique: ${names.join(", ")}`);
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Paths a workflow names exist (lesson 1: a misspelt scan directory silently scanned nothing).

export function checkPathsExist(repo: Repo, root = REPO_ROOT): string[] {
  const problems: string[] = [];
  const need = (where: string, relative: string, what: string) => {
    if (!existsSync(path.join(root, relative)))
      problems.push(`${where}: ${what} ${relative} does not exist`);
  };
  for (const { wf, id, job: j } of allJobs(repo)) {
    const where = `${wf.file} job ${id}`;
    for (const s of j.steps) {
      if (s.uses?.startsWith("./")) need(where, path.join(s.uses, "action.yml"), "local action");
      const name = s.uses === undefined ? undefined : actionName(s.uses);
      if (name === ACTIONS.pulumi) {
        const dir = str(s.with?.["work-dir"]) ?? ".";
        need(where, path.join(dir, "Pulumi.yaml"), "Pulumi project");
        const packs = str(s.with?.policyPacks);
        if (packs !== undefined) {
          need(
            where,
            path.join(packs.replace("${{ github.workspace }}/", ""), "PulumiPolicy.yaml"),
            "policy pack",
          );
        }
      }
      if (name === ACTIONS.buildPush) {
        const context = str(s.with?.context) ?? "(git context)";
        need(where, context, "build context");
        need(where, str(s.with?.file) ?? path.join(context, "Dockerfile"), "Dockerfile");
      }
      if (name === ACTIONS.checkout) {
        for (const p of (str(s.with?.["sparse-checkout"]) ?? "").split("\n").filter(Boolean)) {
          need(where, p.trim(), "sparse-checkout path");
        }
      }
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// CI: tests, synth artifact, image for the task platform, Trivy pinned, SARIF, gate.

export function checkCi(repo: Repo, scripts: Record<string, string>): string[] {
  const problems: string[] = [];
  const wf = workflow(repo, "ci.yml");
  const jobs = Object.entries(wf.doc.jobs);
  const runs = jobs.flatMap(([, j]) => j.steps.map((s) => s.run ?? ""));
  for (const script of ["test", "synth"]) {
    if (scripts[script] === undefined) problems.push(`package.json has no ${script} script`);
    if (!runs.some((r) => r.trim() === `npm ${script === "test" ? "test" : `run ${script}`}`)) {
      problems.push(`ci.yml: must run npm ${script === "test" ? "test" : `run ${script}`}`);
    }
  }
  const synthUpload = jobs.some(([, j]) =>
    stepsUsing(j, ACTIONS.uploadArtifact).some((s) => s.with?.path === "synth/"),
  );
  if (!synthUpload) problems.push("ci.yml: upload synth/ as an artifact");

  const imageJob = jobs.find(([, j]) => stepsUsing(j, ACTIONS.buildPush).length > 0);
  if (!imageJob) return [...problems, "ci.yml: no image build"];
  const [id, j] = imageJob;
  const where = `ci.yml job ${id}`;
  if (!usesAny(j, [ACTIONS.buildx])) problems.push(`${where}: set up Buildx`);
  const build = stepsUsing(j, ACTIONS.buildPush)[0];
  const tag = str(build?.with?.tags);
  if (build?.with?.platforms !== "linux/arm64")
    problems.push(`${where}: build for linux/arm64 (the task's platform)`);
  if (String(build?.with?.load) !== "true" || String(build?.with?.push) !== "false") {
    problems.push(`${where}: load the image locally, never push it from CI`);
  }
  const trivy = stepsUsing(j, ACTIONS.trivy);
  for (const t of trivy) {
    if (t.with?.version !== "v0.70.0")
      problems.push(`${where}: pin Trivy itself (version: v0.70.0)`);
    if (t.with?.["image-ref"] !== tag)
      problems.push(`${where}: Trivy must scan the image just built (${tag})`);
  }
  const sarif = trivy.find((t) => t.with?.format === "sarif");
  if (sarif === undefined || String(sarif.with?.["limit-severities-for-sarif"]) !== "true") {
    problems.push(`${where}: a SARIF scan with limit-severities-for-sarif: true`);
  }
  const upload = stepsUsing(j, ACTIONS.uploadSarif)[0];
  if (upload === undefined || upload.with?.sarif_file !== sarif?.with?.output) {
    problems.push(`${where}: upload the Trivy SARIF file with codeql-action/upload-sarif`);
  }
  const gate = trivy.find(
    (t) =>
      String(t.with?.["exit-code"]) === "1" &&
      t.with?.severity === "HIGH,CRITICAL" &&
      String(t.with?.["ignore-unfixed"]) === "true",
  );
  if (gate === undefined) {
    problems.push(
      `${where}: a Trivy gate with exit-code 1, severity HIGH,CRITICAL, ignore-unfixed`,
    );
  }
  return problems;
}
