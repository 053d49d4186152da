// Digest: every pull request gets the offline comparison of base and head. The job that runs the
// pull request's code holds no credentials and no write scope; the job that writes the comment
// runs no code from the pull request (no checkout) and only for pull requests from this
// repository; forks read the digest in the job summary.
import {
  ACTIONS,
  OIDC_ACTIONS,
  SETUP_ACTION_USES,
  effectivePermissions,
  oneLine,
  stepsUsing,
  triggers,
  usesAny,
  workflow,
  type Repo,
} from "../workflows";

const SAME_REPO = "github.event.pull_request.head.repo.full_name == github.repository";

export function checkDigest(repo: Repo): string[] {
  const problems: string[] = [];
  const wf = workflow(repo, "digest.yml").doc;
  if (Object.keys(triggers(wf)).join() !== "pull_request") {
    problems.push("digest.yml: must run on pull_request only");
  }
  const entries = Object.entries(wf.jobs);
  const runsCode = entries.filter(([, j]) => j.steps.some((s) => s.uses === SETUP_ACTION_USES));
  for (const [id, j] of runsCode) {
    const where = `digest.yml job ${id}`;
    if (usesAny(j, OIDC_ACTIONS)) problems.push(`${where}: runs PR code, so no credentials`);
    if (JSON.stringify(effectivePermissions(wf, j)) !== '{"contents":"read"}') {
      problems.push(`${where}: runs PR code, so contents: read and nothing else`);
    }
    const base = stepsUsing(j, ACTIONS.checkout).find(
      (s) => s.with?.ref === "${{ github.event.pull_request.base.sha }}",
    );
    if (base === undefined) problems.push(`${where}: check out the pull request's base`);
    if (!j.steps.some((s) => /npm run synth -- .*--compare/.test(s.run ?? ""))) {
      problems.push(`${where}: compare the head with the base (npm run synth -- --compare)`);
    }
    if (!j.steps.some((s) => /digest\.md.*GITHUB_STEP_SUMMARY/.test(s.run ?? ""))) {
      problems.push(`${where}: write the digest to the job summary (forks read it there)`);
    }
  }
  if (runsCode.length !== 1) problems.push("digest.yml: one job synthesises and compares");
  const commenters = entries.filter(([, j]) =>
    j.steps.some((s) => /gh api .*comments/.test(s.run ?? "")),
  );
  if (commenters.length !== 1) problems.push("digest.yml: one job comments the digest");
  for (const [id, j] of commenters) {
    const where = `digest.yml job ${id}`;
    if (
      j.steps.some(
        (s) => s.uses === SETUP_ACTION_USES || stepsUsing(j, ACTIONS.checkout).includes(s),
      )
    ) {
      problems.push(
        `${where}: holds a write token, so it must not check out or run the pull request's code`,
      );
    }
    if (!oneLine(j.if).includes(SAME_REPO)) {
      problems.push(
        `${where}: comment only on pull requests from this repository (if: ${SAME_REPO})`,
      );
    }
    if (!/PATCH/.test(j.steps.map((s) => s.run ?? "").join("\n"))) {
      problems.push(
        `${where}: update the existing comment in place instead of adding one per push`,
      );
    }
  }
  return problems;
}
