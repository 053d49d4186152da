// The shared setup action: it checks out exactly its required `ref` input (so every caller says
// which commit it builds), its run steps name a shell, and every caller passes the inputs it
// requires and no unknown ones: GitHub only warns about a misspelt input, then ignores it.
import { ACTIONS, SETUP_ACTION_USES, actionName, allJobs, type Repo } from "../workflows";

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
