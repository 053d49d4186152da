import { EPHEMERAL_PROJECT, PERSISTENT_PROJECT } from "../../persistent/config";
import { pulumiDeploymentsSubject, type PulumiOperation } from "../../persistent/trust";
import { TYPES, resourcesOf, settingsFor, type ControlProject } from "./control-project";

/**
 * The OIDC `operation` a scheduled drift-detection run presents: the deployment is recorded as
 * `detect-drift` (PULUMI_CI_OPERATION, the REST API's OperationContext enum). Pulumi's OIDC guide
 * lists only preview, update, refresh and destroy and no public source shows the token of a
 * drift run; if the first one is refused by STS, CloudTrail's AssumeRoleWithWebIdentity event
 * shows the subject it presents, and PREVIEW_PULUMI_OPERATIONS in persistent/trust.ts changes
 * with this constant.
 */
export const DRIFT_DETECTION_OIDC_OPERATION: PulumiOperation = "detect-drift";

/**
 * Runs an operator starts by hand through Deployments on the configured stacks, as the README
 * says to: re-create the ephemeral stack at a deployed commit (`pulumi deployment run update
 * --git-commit`), take it down (`pulumi deployment run destroy`), and preview persistent to
 * check the set-up. No schedule causes them, but the roles must trust them all the same.
 */
export const MANUAL_RUNS: readonly { project: string; operation: PulumiOperation }[] = [
  { project: EPHEMERAL_PROJECT, operation: "update" },
  { project: EPHEMERAL_PROJECT, operation: "destroy" },
  { project: PERSISTENT_PROJECT, operation: "preview" },
];

/** A Deployments run the control project will cause, and the OIDC operation it presents. */
export interface PlannedRun {
  organization: string;
  project: string;
  stack: string;
  operation: PulumiOperation;
  /** Which resource causes it, for messages. */
  cause: string;
}

/** Every run the settings, schedules, drift schedule and webhook will start, and the manual ones. */
export function plannedRuns(project: ControlProject): PlannedRun[] {
  const runs: PlannedRun[] = [];
  for (const s of resourcesOf(project, TYPES.settings)) {
    const target = s.properties;
    for (const manual of MANUAL_RUNS.filter((m) => m.project === target.project))
      runs.push({ ...target, operation: manual.operation, cause: `manual ${manual.operation}` });
    if (target.vcs.deployCommits) runs.push({ ...target, operation: "update", cause: s.name });
    if (target.vcs.previewPullRequests)
      runs.push({ ...target, operation: "preview", cause: s.name });
  }
  for (const s of resourcesOf(project, TYPES.schedule))
    runs.push({ ...s.properties, operation: s.properties.pulumiOperation, cause: s.name });
  for (const d of resourcesOf(project, TYPES.drift)) {
    runs.push({ ...d.properties, operation: DRIFT_DETECTION_OIDC_OPERATION, cause: d.name });
    // Remediation is `pulumi up --refresh`.
    if (d.properties.autoRemediate === true)
      runs.push({ ...d.properties, operation: "update", cause: `${d.name} (remediation)` });
  }
  // Counted whether or not the webhook is active: switching it on must not need new trust.
  for (const w of resourcesOf(project, TYPES.webhook)) {
    if (w.properties.format !== "pulumi_deployments") continue;
    const [targetProject, targetStack, ...rest] = w.properties.payloadUrl.split("/");
    if (targetProject === undefined || targetStack === undefined || rest.length > 0)
      throw new Error(`${w.name}: payloadUrl must be "<project>/<stack>"`);
    runs.push({
      organization: w.properties.organizationName,
      project: targetProject,
      stack: targetStack,
      operation: "update",
      cause: w.name,
    });
  }
  return runs;
}

const SUBJECT =
  /^pulumi:deploy:org:([^:]+):project:([^:]+):stack:([^:]+):operation:([^:]+):scope:write$/;

/**
 * Compares what the control project will run with what the persistent roles trust.
 * `trustedByOutput` maps a persistent stack output (e.g. "deployRoleArn") to the Pulumi
 * Deployments subjects in the trust policy of the role that output names. Returns every problem
 * found; [] means each run can assume its stack's role and each trusted stack is one the
 * settings configure with that role.
 */
export function subjectProblems(
  project: ControlProject,
  trustedByOutput: Record<string, readonly string[]>,
): string[] {
  const problems: string[] = [];
  for (const run of plannedRuns(project)) {
    const settings = settingsFor(project, run);
    const stackName = `${run.organization}/${run.project}/${run.stack}`;
    if (settings === undefined) {
      problems.push(`${run.cause}: no DeploymentSettings for ${stackName}`);
      continue;
    }
    const outputKey = settings.properties.operationContext.oidc.aws.roleARN.stackOutput.key;
    const subject = pulumiDeploymentsSubject(run);
    if (!(trustedByOutput[outputKey] ?? []).includes(subject)) {
      problems.push(
        `${run.cause}: ${run.operation} on ${stackName} presents "${subject}", which the role in ` +
          `persistent output ${outputKey} (used by ${settings.name}) does not trust`,
      );
    }
  }
  const presented = new Set(plannedRuns(project).map((run) => pulumiDeploymentsSubject(run)));
  for (const [outputKey, subjects] of Object.entries(trustedByOutput)) {
    const users = resourcesOf(project, TYPES.settings).filter(
      (s) => s.properties.operationContext.oidc.aws.roleARN.stackOutput.key === outputKey,
    );
    for (const subject of subjects.filter((s) => !presented.has(s))) {
      problems.push(
        `the role in persistent output ${outputKey} trusts "${subject}", but no run of the control ` +
          "project presents it: trust only the operations it runs (persistent/trust.ts)",
      );
    }
    for (const subject of subjects) {
      const [, organization, projectName, stack] = SUBJECT.exec(subject) ?? [];
      const configured = users.some(
        (s) =>
          s.properties.organization === organization &&
          s.properties.project === projectName &&
          s.properties.stack === stack,
      );
      if (!configured) {
        problems.push(
          `the role in persistent output ${outputKey} trusts "${subject}", but no DeploymentSettings ` +
            `for ${organization}/${projectName}/${stack} uses that role`,
        );
      }
    }
  }
  return problems;
}
