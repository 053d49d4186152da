// CD image tag: the CD preview and up pass imageTag explicitly as the head SHA, in the identical
// config-map, so the approved preview and the deployment are of the image CI built and tested.
import { parse } from "yaml";
import { ACTIONS, HEAD_SHA, stepsUsing, str, workflow, type Repo, type Step } from "../workflows";

interface PulumiStep {
  jobId: string;
  step: Step;
}

function pulumiSteps(repo: Repo, file: string): PulumiStep[] {
  return Object.entries(workflow(repo, file).doc.jobs).flatMap(([jobId, j]) =>
    stepsUsing(j, ACTIONS.pulumi).map((step) => ({ jobId, step })),
  );
}

export function checkCdImageTag(repo: Repo): string[] {
  const problems: string[] = [];
  const steps = pulumiSteps(repo, "cd.yml");
  const commands = steps.map((p) => str(p.step.with?.command)).sort();
  if (JSON.stringify(commands) !== JSON.stringify(["preview", "up"])) {
    problems.push(
      `cd.yml: expected one pulumi preview and one pulumi up, got ${commands.join(", ")}`,
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
    if (parsed?.imageTag?.value !== HEAD_SHA || parsed.imageTag.secret !== false) {
      problems.push(
        `${where}: config-map imageTag must be { value: "${HEAD_SHA}", secret: false }`,
      );
    }
  }
  if (maps.size > 1) problems.push("cd.yml: preview and up must pass the identical config-map");
  return problems;
}
