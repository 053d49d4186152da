// CD deploy: the up job runs in the production environment (the approval gate) after the preview
// job, applies the plan that job saved (so what was approved is what changes), then health-checks
// the service with up's outputs, which must exist in the program and in the health check's usage.
import * as path from "node:path";
import {
  ACTIONS,
  actionName,
  environmentName,
  needsOf,
  stepsUsing,
  str,
  workflow,
  type Repo,
} from "../workflows";

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
