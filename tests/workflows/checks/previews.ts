// PR previews: both stacks are previewed with the policy pack and a PR comment. Fork pull requests
// cannot assume the preview role, so credentialed jobs skip them and a job without permissions
// says so with a notice, instead of the preview failing or vanishing silently. The Pulumi token
// a pull request's code gets can only read: a team or personal token chosen by a step that fails
// when neither read-only identity is configured, never an organization (admin) token.
import {
  ACTIONS,
  OIDC_ACTIONS,
  allJobs,
  oneLine,
  stackExpression,
  stepsUsing,
  str,
  triggers,
  usesAny,
  workflow,
  type Repo,
} from "../workflows";

const FORK_GUARD = "github.event.pull_request.head.repo.full_name == github.repository";
const FORK_MATCH = "github.event.pull_request.head.repo.full_name != github.repository";
const POLICY_PACKS = "${{ github.workspace }}/tests/policy/pack";

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
  for (const [id, raw] of Object.entries(wf.doc.jobs)) {
    for (const login of stepsUsing(raw, ACTIONS.pulumiAuth)) {
      const type = str(login.with?.["requested-token-type"]) ?? "";
      const chooser = raw.steps.find(
        (s) =>
          s.id !== undefined &&
          type === `\${{ steps.${s.id}.outputs.token-type }}` &&
          /PULUMI_PREVIEW_TEAM/.test(JSON.stringify(s.env ?? {})) &&
          /PULUMI_PREVIEW_USER/.test(JSON.stringify(s.env ?? {})) &&
          /access_token:team/.test(s.run ?? "") &&
          /access_token:personal/.test(s.run ?? "") &&
          !/access_token:organization/.test(s.run ?? "") &&
          /exit 1/.test(s.run ?? ""),
      );
      if (type.includes("organization") || chooser === undefined) {
        problems.push(
          `preview.yml job ${id}: pull-request code must get a read-only Pulumi token (team or personal, chosen from PULUMI_PREVIEW_TEAM / PULUMI_PREVIEW_USER, failing when neither is set), got ${type}`,
        );
      } else if (str(login.with?.scope) !== `\${{ steps.${chooser.id}.outputs.scope }}`) {
        problems.push(`preview.yml job ${id}: the token's scope must come from ${chooser.id}`);
      }
    }
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
