import { EPHEMERAL_PROJECT, PERSISTENT_PROJECT } from "../../persistent/config";
import {
  ACTIONS,
  calledWorkflow,
  expandMatrix,
  resolveEnv,
  stackExpression,
  stepsUsing,
  str,
  triggers,
  type Repo,
  type Workflow,
} from "../workflows/workflows";
import { resourcesOf, TYPES, type ControlProject } from "./control-project";

/**
 * Who runs each unattended operation on the two stacks: GitHub Actions (the workflows) or Pulumi
 * Deployments (the root Pulumi.yaml). Two owners of one operation race: Deployments runs outside
 * the `deploy-<stack>` lock that CD and teardown.yml share, so a scheduled run meeting a CD run
 * fails with HTTP 409 and is not retried. Each operation therefore has at most one owner, and the
 * rules below say where none is not good enough either.
 */

export const OPERATIONS = {
  nightlyDestroy: "nightly destroy of the ephemeral stack",
  drift: "drift check of the persistent stack",
  morningCreate: "morning re-create of the ephemeral stack",
  prPreviews: "pull-request previews of the persistent stack",
} as const;
export type Operation = keyof typeof OPERATIONS;

export type System = "GitHub Actions" | "Pulumi Deployments";

export interface Owner {
  operation: Operation;
  system: System;
  /** Where it is declared, for messages: "teardown.yml (schedule)", "Pulumi.yaml ephemeralMorningCreate". */
  where: string;
  /** The 5-field UTC crons it runs on; [] for operations triggered by an event. */
  crons: string[];
}

// ---------------------------------------------------------------------------------------------
// GitHub Actions: what each workflow's pulumi/actions steps do, and on which trigger.

interface PulumiRun {
  command: string;
  stack: string | undefined;
}

/** The pulumi/actions commands a workflow's jobs run, including those of workflows they call. */
function pulumiRuns(repo: Repo, wf: Workflow, seen = new Set<string>()): PulumiRun[] {
  if (seen.has(wf.file)) return [];
  seen.add(wf.file);
  return Object.values(wf.doc.jobs).flatMap((raw) => {
    const called = calledWorkflow(raw);
    if (called !== undefined) {
      const target = repo.workflows.find((w) => w.file === called);
      return target === undefined ? [] : pulumiRuns(repo, target, seen);
    }
    return expandMatrix(raw).flatMap((j) =>
      stepsUsing(j, ACTIONS.pulumi).flatMap((s): PulumiRun[] => {
        const command = str(s.with?.command);
        // Without a command the action only installs the CLI.
        return command === undefined
          ? []
          : [{ command, stack: resolveEnv(str(s.with?.["stack-name"]), j.env) }];
      }),
    );
  });
}

/** A workflow's `schedule:` crons; [] when it has no schedule. */
export function scheduleCrons(wf: Workflow): string[] {
  const schedule = triggers(wf.doc).schedule;
  if (!Array.isArray(schedule)) return [];
  return schedule.flatMap((entry: unknown) => {
    const cron = (entry as { cron?: unknown } | null)?.cron;
    return typeof cron === "string" ? [cron] : [];
  });
}

export function workflowOwners(repo: Repo): Owner[] {
  const ephemeral = stackExpression(EPHEMERAL_PROJECT);
  const persistent = stackExpression(PERSISTENT_PROJECT);
  const owners: Owner[] = [];
  for (const wf of repo.workflows) {
    const crons = scheduleCrons(wf);
    const onPullRequest = "pull_request" in triggers(wf.doc);
    const runs = pulumiRuns(repo, wf);
    const add = (operation: Operation, where: string, withCrons: string[]) => {
      if (!owners.some((o) => o.operation === operation && o.where === where))
        owners.push({ operation, system: "GitHub Actions", where, crons: withCrons });
    };
    for (const run of runs) {
      if (crons.length > 0) {
        const where = `${wf.file} (schedule)`;
        if (run.command === "destroy" && run.stack === ephemeral)
          add("nightlyDestroy", where, crons);
        if ((run.command === "preview" || run.command === "refresh") && run.stack === persistent)
          add("drift", where, crons);
        if ((run.command === "up" || run.command === "update") && run.stack === ephemeral)
          add("morningCreate", where, crons);
      }
      if (onPullRequest && run.command === "preview" && run.stack === persistent)
        add("prPreviews", `${wf.file} (pull_request)`, []);
    }
  }
  return owners;
}

// ---------------------------------------------------------------------------------------------
// Pulumi Deployments: the schedules, drift schedules and settings of the control project.

export function deploymentsOwners(control: ControlProject): Owner[] {
  const owners: Owner[] = [];
  const add = (operation: Operation, name: string, crons: string[]) =>
    owners.push({
      operation,
      system: "Pulumi Deployments",
      where: `Pulumi.yaml ${name}`,
      crons,
    });
  for (const s of resourcesOf(control, TYPES.schedule)) {
    const { project, pulumiOperation, scheduleCron } = s.properties;
    // A one-off `timestamp` schedule runs once: it owns no recurring operation.
    if (scheduleCron === undefined || scheduleCron === "") continue;
    if (project === EPHEMERAL_PROJECT && pulumiOperation === "destroy")
      add("nightlyDestroy", s.name, [scheduleCron]);
    if (project === EPHEMERAL_PROJECT && pulumiOperation === "update")
      add("morningCreate", s.name, [scheduleCron]);
    if (project === PERSISTENT_PROJECT && pulumiOperation === "preview")
      add("drift", s.name, [scheduleCron]);
  }
  for (const d of resourcesOf(control, TYPES.drift))
    if (d.properties.project === PERSISTENT_PROJECT)
      add("drift", d.name, [d.properties.scheduleCron]);
  for (const s of resourcesOf(control, TYPES.settings))
    if (s.properties.project === PERSISTENT_PROJECT && s.properties.vcs.previewPullRequests)
      add("prPreviews", `${s.name} (previewPullRequests)`, []);
  return owners;
}

export const owners = (repo: Repo, control: ControlProject): Owner[] => [
  ...workflowOwners(repo),
  ...deploymentsOwners(control),
];

/** The webhooks that would tell someone a Deployments run of the ephemeral stack failed. */
function failureAlerts(control: ControlProject): string[] {
  const ephemeralStack = String(control.config.ephemeralStack);
  return resourcesOf(control, TYPES.webhook)
    .filter(
      (w) =>
        w.properties.active &&
        w.properties.format !== "pulumi_deployments" &&
        // The ephemeral stack's own webhook, or an organization webhook (every stack's events).
        ((w.properties.projectName === EPHEMERAL_PROJECT &&
          w.properties.stackName === ephemeralStack) ||
          (w.properties.projectName === undefined && w.properties.stackName === undefined)) &&
        // `deployment_failed` also fires when the run never got the stack's lock (HTTP 409);
        // `destroy_failed` only fires once the destroy itself started. No filters: every event.
        (w.properties.filters === undefined || w.properties.filters.includes("deployment_failed")),
    )
    .map((w) => w.name);
}

/**
 * Every ownership problem, each saying what, where, why it matters and the fix; [] when each
 * operation has the owners it may have.
 */
export function ownershipProblems(repo: Repo, control: ControlProject): string[] {
  const all = owners(repo, control);
  const of = (operation: Operation) => all.filter((o) => o.operation === operation);
  const list = (os: Owner[]) => os.map((o) => `${o.where} (${o.system})`).join(" and ");
  const problems: string[] = [];

  const destroys = of("nightlyDestroy");
  const creates = of("morningCreate");
  if (destroys.length > 1) {
    problems.push(
      `${OPERATIONS.nightlyDestroy} has ${destroys.length} owners: ${list(destroys)}. ` +
        `A Deployments schedule runs outside the deploy-<stack> lock, so the two collide with each ` +
        `other or with CD (HTTP 409, not retried). Keep one and delete the other schedule.`,
    );
  }
  if (destroys.length === 0 && creates.length > 0) {
    problems.push(
      `${OPERATIONS.nightlyDestroy} has no owner, but ${list(creates)} re-creates the stack every ` +
        `morning: it would never go down again and bill around the clock. Keep the schedule of ` +
        `teardown.yml, or delete the morning re-create as well.`,
    );
  }
  const alerts = failureAlerts(control);
  for (const d of destroys.filter((o) => o.system === "Pulumi Deployments")) {
    if (alerts.length === 0) {
      problems.push(
        `${d.where} destroys the ephemeral stack nightly, but nothing alerts when it fails (the ` +
          `NAT gateway and the ALB then bill all night). teardown.yml publishes to the alarm topic; ` +
          `here add an active pulumiservice:index:Webhook on gatus-ephemeral/<stack> with format ` +
          `slack, ms_teams or raw and the filter deployment_failed.`,
      );
    }
  }

  const drifts = of("drift");
  if (drifts.length > 1) {
    problems.push(
      `${OPERATIONS.drift} has ${drifts.length} owners: ${list(drifts)}. Keep one and delete the ` +
        `other schedule.`,
    );
  }

  for (const c of creates.filter((o) => o.system === "GitHub Actions")) {
    problems.push(
      `${c.where} runs pulumi up on a schedule. The ${OPERATIONS.morningCreate} belongs to Pulumi ` +
        `Deployments (Pulumi.yaml ephemeralMorningCreate): in GitHub Actions only CD updates a ` +
        `stack, behind the approval gate.`,
    );
  }
  if (creates.length > 1) {
    problems.push(
      `${OPERATIONS.morningCreate} has ${creates.length} owners: ${list(creates)}. Keep one.`,
    );
  }

  const previews = of("prPreviews");
  if (previews.length > 1) {
    problems.push(
      `${OPERATIONS.prPreviews} have ${previews.length} owners: ${list(previews)}, so every pull ` +
        `request touching persistent/ gets two preview comments. Keep previewPullRequests off while ` +
        `preview.yml previews persistent.`,
    );
  }
  if (previews.length === 0) {
    problems.push(
      `${OPERATIONS.prPreviews} have no owner: changes to the roles and their trust would reach an ` +
        `admin's \`pulumi up\` unreviewed. Keep persistent in preview.yml's matrix (or set ` +
        `previewPullRequests and remove it there).`,
    );
  }
  return problems;
}
