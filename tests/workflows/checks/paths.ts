// Paths: every path a workflow names exists (local actions, Pulumi projects, policy packs, build
// contexts, Dockerfiles, sparse-checkout paths). Lesson 1: a misspelt scan directory silently
// scanned nothing and passed.
import { existsSync } from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../engine/example-config";
import { ACTIONS, actionName, allJobs, str, type Repo } from "../workflows";

export function checkPathsExist(repo: Repo, root = REPO_ROOT): string[] {
  const problems: string[] = [];
  const need = (where: string, relative: string, what: string) => {
    if (!existsSync(path.join(root, relative)))
      problems.push(`${where}: ${what} ${relative} does not exist`);
  };
  for (const { wf, id, job: j } of allJobs(repo)) {
    const where = `${wf.file} job ${id}`;
    for (const s of j.steps) {
      if (s.uses?.startsWith("./")) need(where, path.join(s.uses, "action.yml"), "local action");
      const name = s.uses === undefined ? undefined : actionName(s.uses);
      if (name === ACTIONS.pulumi) {
        const dir = str(s.with?.["work-dir"]) ?? ".";
        need(where, path.join(dir, "Pulumi.yaml"), "Pulumi project");
        const packs = str(s.with?.policyPacks);
        if (packs !== undefined) {
          need(
            where,
            path.join(packs.replace("${{ github.workspace }}/", ""), "PulumiPolicy.yaml"),
            "policy pack",
          );
        }
      }
      if (name === ACTIONS.buildPush) {
        const context = str(s.with?.context) ?? "(git context)";
        need(where, context, "build context");
        need(where, str(s.with?.file) ?? path.join(context, "Dockerfile"), "Dockerfile");
      }
      if (name === ACTIONS.checkout) {
        for (const p of (str(s.with?.["sparse-checkout"]) ?? "").split("\n").filter(Boolean)) {
          need(where, p.trim(), "sparse-checkout path");
        }
      }
    }
  }
  return problems;
}
