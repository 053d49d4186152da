// CI: runs the same tests and synth as npm, uploads the synth output, builds the image for the
// task's platform (linux/arm64) without pushing it, and gates it with a Trivy scan (its version
// pinned in .trivy-version, see tool-versions.ts) whose SARIF reaches code scanning. CD calls this
// workflow first and deploys only what it passed.
import { ACTIONS, str, stepsUsing, usesAny, workflow, type Repo } from "../workflows";

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
