// Every shell script the pipeline runs: each `run:` of the workflows and of the shared setup
// action, and the .ci/ scripts. Workflow expressions are replaced as actionlint does before it
// hands a script to ShellCheck, so `${{ ... }}` is not read as shell.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../engine/example-config";
import type { Repo, Step } from "./workflows";

export interface ShellScript {
  /** Where it lives, e.g. "cd.yml job deploy step 'Health check'". */
  where: string;
  /** The dialect ShellCheck checks it as. */
  shell: "bash" | "sh";
  script: string;
}

/** Each `${{ ... }}` becomes underscores of the same length: a plain word to the shell. */
export const withoutExpressions = (script: string) =>
  script.replace(/\$\{\{[\s\S]*?\}\}/g, (expression) => "_".repeat(expression.length));

function shellOf(step: Step, where: string): "bash" | "sh" {
  const shell = step.shell ?? "bash"; // GitHub's default on Linux runners
  if (shell === "bash" || shell.startsWith("bash ")) return "bash";
  if (shell === "sh" || shell.startsWith("sh ")) return "sh";
  throw new Error(`${where}: shell "${shell}" is not checked; use bash`);
}

function stepScripts(steps: Step[], where: string): ShellScript[] {
  return steps.flatMap((step, i) => {
    if (step.run === undefined) return [];
    const at = `${where} step ${step.name ? `'${step.name}'` : i + 1}`;
    return [{ where: at, shell: shellOf(step, at), script: withoutExpressions(step.run) }];
  });
}

/** The files under .ci/ that are shell scripts, relative to the repository root. */
export const CI_SCRIPTS = [".ci/run", ".ci/env.sh"];

export function shellScripts(repo: Repo): ShellScript[] {
  return [
    ...repo.workflows.flatMap((wf) =>
      Object.entries(wf.doc.jobs).flatMap(([id, job]) =>
        stepScripts(job.steps, `${wf.file} job ${id}`),
      ),
    ),
    ...stepScripts(repo.setup.doc.runs.steps, repo.setup.file),
    ...CI_SCRIPTS.map((file) => ({
      where: file,
      shell: "bash" as const,
      script: readFileSync(path.join(REPO_ROOT, file), "utf8"),
    })),
  ];
}
