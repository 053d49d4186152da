// Teardown: destroying needs the schedule or the typed stack name, runs in the teardown
// environment and touches only the ephemeral stack; no other workflow destroys a stack, and only
// CD updates one. A destroy is the one action here that cannot be undone.
import {
  ACTIONS,
  allJobs,
  environmentName,
  needsOf,
  oneLine,
  resolveEnv,
  stackExpression,
  stepsUsing,
  str,
  triggers,
  workflow,
  type Repo,
} from "../workflows";

/** The comment lines directly above the first line whose trimmed text starts with `key`. */
function commentAbove(text: string, key: string): string {
  const lines = text.split("\n");
  const at = lines.findIndex((l) => l.trim().startsWith(key));
  const comment: string[] = [];
  for (let i = at - 1; i >= 0 && (lines[i] ?? "").trim().startsWith("#"); i--) {
    comment.unshift((lines[i] ?? "").trim());
  }
  return comment.join("\n");
}

/** The destroy job's condition: the typed name, spelt as GitHub's format() of the stack name. */
const confirmCondition = (ephemeralProject: string) =>
  `inputs.confirm == format('{0}/${ephemeralProject}/{1}', vars.PULUMI_ORG, vars.PULUMI_STACK)`;

export function checkTeardown(repo: Repo, ephemeralProject: string): string[] {
  const problems: string[] = [];
  const wf = workflow(repo, "teardown.yml");
  const on = triggers(wf.doc);
  // The schedule may go (nightly teardown off, or moved to Pulumi Deployments: its one owner is
  // checked in tests/deployments/ownership.test.ts); the manual run stays.
  const keys = Object.keys(on).sort().join();
  if (keys !== "schedule,workflow_dispatch" && keys !== "workflow_dispatch") {
    problems.push(`teardown.yml: must run on workflow_dispatch and optionally schedule, only`);
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
    "schedule" in on &&
    (!/(change|edit)/i.test(commentAbove(wf.text, "schedule:")) ||
      !/(delete|remove|disable)/i.test(commentAbove(wf.text, "schedule:")))
  ) {
    problems.push("teardown.yml: the cron needs a comment on how to change or remove it");
  }
  // A failed nightly run would leave the stack billing all night: it must say so, loudly.
  const alert = destroyers
    .flatMap(([, j]) => j.steps)
    .find(
      (s) =>
        oneLine(s.if) === "failure() && github.event_name == 'schedule'" &&
        /aws sns publish/.test(s.run ?? "") &&
        /::error/.test(s.run ?? ""),
    );
  if (alert === undefined) {
    problems.push(
      "teardown.yml: a step that runs when the scheduled destroy fails (if: failure() && github.event_name == 'schedule') must raise ::error and publish to the alarm topic",
    );
  }
  // Nothing else changes infrastructure: previews everywhere, up only in CD, destroy only here.
  for (const { wf: other, id, job: j } of allJobs(repo)) {
    for (const s of stepsUsing(j, ACTIONS.pulumi)) {
      const command = str(s.with?.command);
      if (command === undefined) continue; // installs the CLI only
      const stack = resolveEnv(str(s.with?.["stack-name"]), j.env);
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
