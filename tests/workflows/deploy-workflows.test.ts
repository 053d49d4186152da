import { existsSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { DEPLOY_WORKFLOWS, deployJobs } from "../../persistent/trust";
import { REPO_ROOT } from "../engine/example-config";
import { deployRoleJobs, deployWorkflowProblems } from "./deploy-workflows";
import { clone, loadRepo, workflow } from "./workflows";

const repo = loadRepo();
// The environments the workflows are written for (the persistent config's defaults).
const trusted = deployJobs({ deploy: "production", teardown: "teardown" });

describe("the workflow files the deploy role's trust is pinned to (job_workflow_ref)", () => {
  it.each(Object.values(DEPLOY_WORKFLOWS))("%s exists", (file) => {
    expect(existsSync(path.join(REPO_ROOT, file))).toBe(true);
  });

  it("each holds the job that assumes the deploy role in its environment, and no other file does", () => {
    expect(
      deployRoleJobs(repo)
        .map((j) => `${j.workflow} ${j.environment ?? ""}`)
        .sort(),
    ).toEqual([`${DEPLOY_WORKFLOWS.deploy} production`, `${DEPLOY_WORKFLOWS.teardown} teardown`]);
    expect(deployWorkflowProblems(repo, trusted)).toEqual([]);
  });

  it("fails when the deploy job moves to another file (a reusable workflow) and the pin does not", () => {
    const moved = clone(repo);
    workflow(moved, "cd.yml").file = "deploy.yml";
    const problems = deployWorkflowProblems(moved, trusted);
    expect(problems).toEqual([
      expect.stringContaining(".github/workflows/cd.yml has no job in environment production"),
      expect.stringContaining(
        ".github/workflows/deploy.yml job deploy assumes the deploy role in environment production",
      ),
    ]);
  });

  it("fails when another workflow assumes the deploy role in a trusted environment", () => {
    const extra = clone(repo);
    extra.workflows.push({
      ...structuredClone(workflow(repo, "teardown.yml")),
      file: "cleanup.yml",
    });
    expect(deployWorkflowProblems(extra, trusted)).toEqual([
      expect.stringContaining(
        ".github/workflows/cleanup.yml job destroy assumes the deploy role in environment teardown",
      ),
    ]);
  });
});
