// CD deploy: what the approver approves is what is applied, from the state it was previewed on.
// - The preview job records the stack's last update version; the deploy job runs in the
//   production environment (the approval gate) and, before changing anything, refuses to start
//   if the stack has been updated since.
// - Update plans are opt-in through one repository variable, in every place they appear.
// - The image is built and pushed by a targeted `pulumi up` of the image resource, with Docker
//   logged in to ECR outside Pulumi, and Trivy gates the pushed digest before the update that
//   serves it.
// - The health check runs after the update with its outputs, which the program and the health
//   check's usage really have.
import {
  ACTIONS,
  actionName,
  environmentName,
  needsOf,
  oneLine,
  resolveEnv,
  str,
  workflow,
  type Job,
  type Repo,
  type Step,
} from "../workflows";

/** The repository variable that turns update plans on, and the expressions that read it. */
export const PLANS_ON = "vars.PULUMI_UPDATE_PLANS == 'true'";
export const PLAN_INPUT = `\${{ ${PLANS_ON} && 'plan.json' || '' }}`;
export const EXPERIMENTAL = `\${{ ${PLANS_ON} }}`;
const PLAN_PATH = "ephemeral/plan.json";
const STACK_HISTORY = /pulumi stack history --stack "\$STACK" --output json/;

export interface CdDeployInputs {
  /** ephemeral/program.ts, for the outputs it declares. */
  programSource: string;
  /** The health check's usage text, for the flags it accepts. */
  usage: string;
  /** The image's URN as the workflow must spell it (with `${{ vars.PULUMI_STACK }}`). */
  imageUrn: string;
}

const isAction = (s: Step, action: string) => s.uses !== undefined && actionName(s.uses) === action;
const pulumiCommand = (s: Step) => (isAction(s, ACTIONS.pulumi) ? str(s.with?.command) : undefined);

function jobWith(repo: Repo, test: (j: Job) => boolean): [string, Job] | undefined {
  return Object.entries(workflow(repo, "cd.yml").doc.jobs).find(([, j]) => test(j));
}

export function checkCdDeploy(repo: Repo, inputs: CdDeployInputs): string[] {
  const problems: string[] = [];
  const previewEntry = jobWith(repo, (j) => j.steps.some((s) => pulumiCommand(s) === "preview"));
  const deployEntry = jobWith(repo, (j) => j.steps.some((s) => pulumiCommand(s) === "up"));
  if (!previewEntry || !deployEntry) return ["cd.yml: needs a preview job and a deploy (up) job"];
  const [previewId, preview] = previewEntry;
  const [deployId, deploy] = deployEntry;
  const at = (id: string) => `cd.yml job ${id}`;

  if (environmentName(deploy) !== "production") {
    problems.push(`${at(deployId)}: must run in the production environment (the approval gate)`);
  }
  if (environmentName(preview) !== undefined) {
    problems.push(`${at(previewId)}: the preview needs no environment (no approval to preview)`);
  }
  if (!needsOf(deploy).includes(previewId))
    problems.push(`${at(deployId)}: must need ${previewId}`);

  // The stack version the approver saw, recorded and compared.
  const recorder = preview.steps.find((s) => STACK_HISTORY.test(s.run ?? ""));
  const output = (preview.outputs as Record<string, string> | undefined)?.["stack-version"];
  if (recorder?.id === undefined || output !== `\${{ steps.${recorder.id}.outputs.version }}`) {
    problems.push(
      `${at(previewId)}: record the stack's last update version (pulumi stack history) as job output stack-version`,
    );
  }
  const firstUp = deploy.steps.findIndex((s) => pulumiCommand(s) === "up");
  const guard = deploy.steps.findIndex(
    (s) =>
      STACK_HISTORY.test(s.run ?? "") &&
      /exit 1/.test(s.run ?? "") &&
      Object.values(s.env ?? {}).includes(`\${{ needs.${previewId}.outputs.stack-version }}`),
  );
  if (guard === -1 || guard > firstUp) {
    problems.push(
      `${at(deployId)}: before any pulumi up, fail when the stack's version differs from needs.${previewId}.outputs.stack-version`,
    );
  }

  // Update plans: opt-in, everywhere the same switch.
  for (const [id, j] of [previewEntry, deployEntry]) {
    if (str(j.env?.PULUMI_EXPERIMENTAL) !== EXPERIMENTAL) {
      problems.push(`${at(id)}: PULUMI_EXPERIMENTAL must be ${EXPERIMENTAL} (plans need it)`);
    }
  }
  const previewStep = preview.steps.find((s) => pulumiCommand(s) === "preview");
  const upSteps = deploy.steps.filter((s) => pulumiCommand(s) === "up");
  const finalUp = upSteps.find((s) => s.with?.target === undefined);
  const targeted = upSteps.find((s) => s.with?.target !== undefined);
  if (str(previewStep?.with?.plan) !== PLAN_INPUT || str(finalUp?.with?.plan) !== PLAN_INPUT) {
    problems.push(`cd.yml: the preview and the final up must both take plan: ${PLAN_INPUT}`);
  }
  const upload = preview.steps.find((s) => isAction(s, ACTIONS.uploadArtifact));
  if (
    upload === undefined ||
    oneLine(upload.if) !== PLANS_ON ||
    upload.with?.path !== PLAN_PATH ||
    String(upload.with?.["retention-days"]) !== "30"
  ) {
    problems.push(
      `${at(previewId)}: upload ${PLAN_PATH} only if ${PLANS_ON}, kept 30 days (as long as an approval can wait)`,
    );
  }
  const download = deploy.steps.findIndex((s) => isAction(s, ACTIONS.downloadArtifact));
  const downloadStep = deploy.steps[download];
  if (
    downloadStep === undefined ||
    oneLine(downloadStep.if) !== PLANS_ON ||
    downloadStep.with?.name !== upload?.with?.name ||
    download > deploy.steps.indexOf(finalUp as Step)
  ) {
    problems.push(
      `${at(deployId)}: download the preview's plan (only if ${PLANS_ON}) before the final pulumi up`,
    );
  }

  // The image: pushed by a targeted up with Docker's own login, its digest scanned before use.
  const ecrLogin = deploy.steps.findIndex((s) => isAction(s, ACTIONS.ecrLogin));
  const targetedIndex = targeted === undefined ? -1 : deploy.steps.indexOf(targeted);
  const finalIndex = finalUp === undefined ? -1 : deploy.steps.indexOf(finalUp);
  if (ecrLogin === -1 || ecrLogin > firstUp) {
    problems.push(`${at(deployId)}: log in to ECR (amazon-ecr-login) before any pulumi up`);
  }
  if (
    targeted === undefined ||
    resolveEnv(str(targeted.with?.target), deploy.env) !== inputs.imageUrn
  ) {
    problems.push(
      `${at(deployId)}: build and push the image with a pulumi up targeting ${inputs.imageUrn}, got ${str(targeted?.with?.target)}`,
    );
  } else if (targeted.with?.plan !== undefined) {
    problems.push(`${at(deployId)}: the targeted image push takes no plan`);
  }
  const gateIndex = deploy.steps.findIndex(
    (s) =>
      isAction(s, ACTIONS.trivy) &&
      String(s.with?.["exit-code"]) === "1" &&
      s.with?.severity === "HIGH,CRITICAL" &&
      String(s.with?.["ignore-unfixed"]) === "true",
  );
  const gate = deploy.steps[gateIndex];
  const digestStep = deploy.steps.find(
    (s) =>
      s.id !== undefined && str(gate?.with?.["image-ref"]) === `\${{ steps.${s.id}.outputs.ref }}`,
  );
  if (
    gate === undefined ||
    digestStep === undefined ||
    !/aws ecr describe-images/.test(digestStep.run ?? "") ||
    deploy.steps.indexOf(digestStep) < targetedIndex ||
    gateIndex < targetedIndex ||
    gateIndex > finalIndex
  ) {
    problems.push(
      `${at(deployId)}: between the image push and the final pulumi up, a Trivy gate (exit-code 1, HIGH,CRITICAL, ignore-unfixed) on the pushed digest (a step that resolves it with aws ecr describe-images)`,
    );
  }

  // The health check runs after the final up, with its outputs.
  const upId = finalUp?.id;
  const outputs = new Set(
    [
      ...(/interface EphemeralOutputs \{([^}]*)\}/.exec(inputs.programSource)?.[1] ?? "").matchAll(
        /^\s*(\w+):/gm,
      ),
    ].map((m) => m[1]),
  );
  const check = deploy.steps
    .slice(finalIndex + 1)
    .find((s) => s.run?.includes("npm run health-check"));
  if (upId === undefined || check === undefined) {
    problems.push(`${at(deployId)}: run npm run health-check after pulumi up (which needs an id)`);
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
    if (!inputs.usage.includes(`${flag} `)) problems.push(`health check usage has no ${flag}`);
    if (!outputs.has(output)) problems.push(`ephemeral/program.ts exports no output ${output}`);
    const m = new RegExp(`${flag}\\s+"\\$(\\w+)"`).exec(check.run ?? "");
    const variable = m?.[1];
    const value = variable === undefined ? undefined : check.env?.[variable];
    if (value !== `\${{ steps.${upId}.outputs.${output} }}`) {
      problems.push(
        `${at(deployId)}: health check ${flag} must come from steps.${upId}.outputs.${output}, got ${str(value)}`,
      );
    }
  }
  return problems;
}
