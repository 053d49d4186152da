// CD image tag: every Pulumi operation in CD (the preview, the targeted image push, the update)
// passes imageTag explicitly as the pushed commit, in one identical config-map, so the approved
// preview and the deployment are of the same commit's image.
import { parse } from "yaml";
import { ACTIONS, COMMIT_SHA, stepsUsing, str, workflow, type Repo, type Step } from "../workflows";

interface PulumiStep {
  jobId: string;
  step: Step;
}

/** The pulumi/actions steps that run a command (not the ones that only install the CLI). */
export function pulumiOperations(repo: Repo, file: string): PulumiStep[] {
  return Object.entries(workflow(repo, file).doc.jobs).flatMap(([jobId, j]) =>
    stepsUsing(j, ACTIONS.pulumi)
      .filter((step) => step.with?.command !== undefined)
      .map((step) => ({ jobId, step })),
  );
}

export function checkCdImageTag(repo: Repo): string[] {
  const problems: string[] = [];
  const steps = pulumiOperations(repo, "cd.yml");
  const commands = steps.map((p) => str(p.step.with?.command)).sort();
  if (JSON.stringify(commands) !== JSON.stringify(["preview", "up", "up"])) {
    problems.push(
      `cd.yml: expected a preview and two ups (the image, then the stack), got ${commands.join(", ")}`,
    );
  }
  const maps = new Set<string>();
  for (const { jobId, step } of steps) {
    const raw = str(step.with?.["config-map"]);
    const where = `cd.yml job ${jobId} (pulumi ${str(step.with?.command)})`;
    if (raw === undefined) {
      problems.push(`${where}: pass the image tag explicitly with config-map`);
      continue;
    }
    maps.add(raw);
    const parsed = parse(raw) as { imageTag?: { value?: unknown; secret?: unknown } } | null;
    if (parsed?.imageTag?.value !== COMMIT_SHA || parsed.imageTag.secret !== false) {
      problems.push(
        `${where}: config-map imageTag must be { value: "${COMMIT_SHA}", secret: false }`,
      );
    }
  }
  if (maps.size > 1)
    problems.push("cd.yml: every Pulumi operation must pass the identical config-map");
  return problems;
}
