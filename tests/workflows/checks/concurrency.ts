// Concurrency: deploy and teardown share one never-cancelled, queueing group per stack, and nothing
// else is in it. Two runs changing one stack at once race on its state, and a cancelled run can
// leave the stack half-updated with its lock held.
import { allJobs, concurrencyOf, triggers, type Repo } from "../workflows";

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
