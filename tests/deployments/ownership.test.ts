import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REPO_ROOT } from "../engine/example-config";
import { clone, job, loadRepo, triggers, workflow, type Repo } from "../workflows/workflows";
import {
  CONTROL_EXAMPLE_FILE,
  CONTROL_PROJECT_FILE,
  loadControlProject,
  type ControlProject,
} from "./control-project";
import { owners, ownershipProblems, type Operation, type Owner } from "./ownership";

/**
 * One owner per unattended operation, across the workflows and the root Pulumi.yaml: the real
 * files pass, and each mutated copy (a second owner, a missing owner where that matters) is caught.
 */

const repo = loadRepo();
const projectText = readFileSync(CONTROL_PROJECT_FILE, "utf8");
const exampleText = readFileSync(CONTROL_EXAMPLE_FILE, "utf8");
const control = loadControlProject();

/** A copy of the workflows with `change` applied. */
function workflowsWith(change: (r: Repo) => void): Repo {
  const copy = clone(repo);
  change(copy);
  return copy;
}
const withoutSchedule = (file: string) => (r: Repo) => {
  const on = triggers(workflow(r, file).doc);
  expect(on.schedule).toBeDefined();
  delete on.schedule;
  workflow(r, file).doc.on = on;
};

/** The control project with resource blocks added (YAML text) or removed (undefined). */
function controlWith(
  blocks: Record<string, string | undefined>,
  stackConfig = exampleText,
): ControlProject {
  const doc = parse(projectText) as { resources: Record<string, unknown> };
  const resources = { ...doc.resources };
  for (const [name, block] of Object.entries(blocks)) {
    if (block === undefined) {
      expect(resources[name]).toBeDefined();
      delete resources[name];
    } else resources[name] = parse(block);
  }
  return loadControlProject({ project: JSON.stringify({ ...doc, resources }), stackConfig });
}

const DEPLOYMENTS_DESTROY = `
type: pulumiservice:index:DeploymentSchedule
properties:
  organization: \${organization}
  project: gatus-ephemeral
  stack: \${ephemeralStack}
  scheduleCron: 0 20 * * *
  pulumiOperation: destroy
options:
  dependsOn:
    - \${ephemeralSettings}
`;
const FAILURE_ALERT = `
type: pulumiservice:index:Webhook
properties:
  organizationName: \${organization}
  projectName: gatus-ephemeral
  stackName: \${ephemeralStack}
  displayName: ephemeral deployment failed
  format: slack
  payloadUrl: https://hooks.slack.com/services/T000/B000/XXXX
  filters:
    - deployment_failed
  active: true
options:
  dependsOn:
    - \${ephemeralSettings}
`;
const DRIFT_SCHEDULE = `
type: pulumiservice:index:DriftSchedule
properties:
  organization: \${organization}
  project: gatus-persistent
  stack: \${persistentStack}
  scheduleCron: 17 6 * * 1-5
  autoRemediate: false
options:
  dependsOn:
    - \${persistentSettings}
`;
const SECOND_CREATE = `
type: pulumiservice:index:DeploymentSchedule
properties:
  organization: \${organization}
  project: gatus-ephemeral
  stack: \${ephemeralStack}
  scheduleCron: 0 12 * * 6
  pulumiOperation: update
options:
  dependsOn:
    - \${ephemeralSettings}
`;

describe("one owner per unattended operation", () => {
  it("as committed: GitHub Actions destroys nightly, checks drift and previews PRs; Deployments re-creates in the morning", () => {
    expect(ownershipProblems(repo, control)).toEqual([]);
    const summary = owners(repo, control).map(({ operation, system, where, crons }) => ({
      operation,
      system,
      where,
      crons,
    }));
    expect(summary).toEqual(
      expect.arrayContaining([
        {
          operation: "nightlyDestroy",
          system: "GitHub Actions",
          where: "teardown.yml (schedule)",
          crons: ["0 20 * * *"],
        },
        {
          operation: "drift",
          system: "GitHub Actions",
          where: "drift.yml (schedule)",
          crons: ["17 6 * * 1-5"],
        },
        {
          operation: "prPreviews",
          system: "GitHub Actions",
          where: "preview.yml (pull_request)",
          crons: [],
        },
        {
          operation: "morningCreate",
          system: "Pulumi Deployments",
          where: "Pulumi.yaml ephemeralMorningCreate",
          crons: [String(control.config.createCron)],
        },
      ]),
    );
    expect(summary).toHaveLength(4);
  });

  describe("nightly destroy of ephemeral: teardown.yml's schedule XOR a Deployments destroy schedule", () => {
    it("catches a second owner", () => {
      const problems = ownershipProblems(
        repo,
        controlWith({ ephemeralEveningDestroy: DEPLOYMENTS_DESTROY }),
      );
      expect(problems.join("\n")).toMatch(
        /nightly destroy of the ephemeral stack has 2 owners: teardown.yml \(schedule\) \(GitHub Actions\) and Pulumi.yaml ephemeralEveningDestroy \(Pulumi Deployments\)/,
      );
    });

    it("catches a missing owner while the morning re-create still brings the stack up", () => {
      const problems = ownershipProblems(
        workflowsWith(withoutSchedule("teardown.yml")),
        control,
      ).join("\n");
      expect(problems).toMatch(/nightly destroy of the ephemeral stack has no owner/);
      expect(problems).toMatch(/Pulumi.yaml ephemeralMorningCreate/);
    });

    it("allows turning both schedules off (a fork without teardown and re-create)", () => {
      expect(
        ownershipProblems(
          workflowsWith(withoutSchedule("teardown.yml")),
          controlWith({ ephemeralMorningCreate: undefined }),
        ),
      ).toEqual([]);
    });

    it("allows moving it to Deployments, but only with an alert on a failed run", () => {
      const teardownless = workflowsWith(withoutSchedule("teardown.yml"));
      expect(
        ownershipProblems(
          teardownless,
          controlWith({ ephemeralEveningDestroy: DEPLOYMENTS_DESTROY }),
        ),
      ).toEqual([expect.stringMatching(/nothing alerts when it fails/)]);
      expect(
        ownershipProblems(
          teardownless,
          controlWith({
            ephemeralEveningDestroy: DEPLOYMENTS_DESTROY,
            ephemeralFailureAlert: FAILURE_ALERT,
          }),
        ),
      ).toEqual([]);
      // An inactive webhook, or one that misses the 409 case, is no alert.
      const misses = (block: string) =>
        ownershipProblems(
          teardownless,
          controlWith({
            ephemeralEveningDestroy: DEPLOYMENTS_DESTROY,
            ephemeralFailureAlert: block,
          }),
        );
      expect(misses(FAILURE_ALERT.replace("active: true", "active: false"))).toHaveLength(1);
      expect(misses(FAILURE_ALERT.replace("deployment_failed", "destroy_failed"))).toHaveLength(1);
    });
  });

  describe("drift check of persistent: drift.yml's schedule XOR a DriftSchedule", () => {
    it("catches a second owner", () => {
      expect(
        ownershipProblems(repo, controlWith({ persistentDriftDetection: DRIFT_SCHEDULE })).join(
          "\n",
        ),
      ).toMatch(
        /drift check of the persistent stack has 2 owners: drift.yml \(schedule\) \(GitHub Actions\) and Pulumi.yaml persistentDriftDetection/,
      );
    });

    it("allows either owner alone, or none (drift checks are optional)", () => {
      const driftless = workflowsWith(withoutSchedule("drift.yml"));
      expect(ownershipProblems(driftless, control)).toEqual([]);
      expect(
        ownershipProblems(driftless, controlWith({ persistentDriftDetection: DRIFT_SCHEDULE })),
      ).toEqual([]);
    });
  });

  describe("morning re-create of ephemeral: Pulumi Deployments only", () => {
    it("catches a workflow that runs pulumi up on a schedule", () => {
      const scheduledCd = workflowsWith((r) => {
        workflow(r, "cd.yml").doc.on = {
          ...triggers(workflow(r, "cd.yml").doc),
          schedule: [{ cron: "0 8 * * 1-5" }],
        };
      });
      expect(ownershipProblems(scheduledCd, control).join("\n")).toMatch(
        /cd.yml \(schedule\) runs pulumi up on a schedule[\s\S]*morning re-create of the ephemeral stack has 2 owners/,
      );
    });

    it("catches a second Deployments update schedule", () => {
      expect(
        ownershipProblems(repo, controlWith({ ephemeralWeekendCreate: SECOND_CREATE })).join("\n"),
      ).toMatch(/morning re-create of the ephemeral stack has 2 owners/);
    });

    it("allows none: the stack then stays down until CD or a manual run brings it back", () => {
      expect(ownershipProblems(repo, controlWith({ ephemeralMorningCreate: undefined }))).toEqual(
        [],
      );
    });
  });

  describe("pull-request previews of persistent: preview.yml XOR previewPullRequests", () => {
    it("catches a second owner", () => {
      const both = controlWith({}, `${exampleText}  gatus-control:previewPullRequests: true\n`);
      expect(ownershipProblems(repo, both).join("\n")).toMatch(
        /pull-request previews of the persistent stack have 2 owners: preview.yml \(pull_request\) \(GitHub Actions\) and Pulumi.yaml persistentSettings \(previewPullRequests\)/,
      );
    });

    it("catches a missing owner: persistent changes would go unreviewed", () => {
      const ephemeralOnly = workflowsWith((r) => {
        const matrix = job(r, "preview.yml", "preview").strategy?.matrix;
        if (matrix === undefined) throw new Error("preview.yml job preview has no matrix");
        matrix.project = ["ephemeral"];
      });
      expect(ownershipProblems(ephemeralOnly, control)).toEqual([
        expect.stringMatching(/pull-request previews of the persistent stack have no owner/),
      ]);
      const moved = controlWith({}, `${exampleText}  gatus-control:previewPullRequests: true\n`);
      expect(ownershipProblems(ephemeralOnly, moved)).toEqual([]);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// The README's "Who runs what" table says the same as the files.

const ROW_LABELS: Record<Operation, string> = {
  nightlyDestroy: "Nightly destroy of ephemeral",
  drift: "Drift check of persistent",
  morningCreate: "Morning re-create of ephemeral",
  prPreviews: "Pull-request previews of persistent",
};

/** Where the README's table disagrees with the owners found in the files. */
function readmeTableProblems(readme: string, found: Owner[]): string[] {
  const section = /### Who runs what\n([\s\S]*?)\n### /.exec(readme)?.[1] ?? "";
  const rows = section
    .split("\n")
    .filter((l) => l.startsWith("|"))
    .map((l) =>
      l
        .split("|")
        .slice(1, -1)
        .map((c) => c.trim()),
    );
  const problems: string[] = [];
  for (const [operation, label] of Object.entries(ROW_LABELS) as [Operation, string][]) {
    const matching = rows.filter((r) => r[0] === label);
    const owner = found.filter((o) => o.operation === operation);
    if (matching.length !== 1 || owner.length !== 1) {
      problems.push(`${label}: ${matching.length} README rows, ${owner.length} owners`);
      continue;
    }
    const [row] = matching as [string[]];
    const [o] = owner as [Owner];
    const declared = o.where.replace(/^Pulumi\.yaml /, "").split(" ")[0] ?? "";
    if (row[1] !== o.system)
      problems.push(`${label}: README says ${row[1]}, the files ${o.system}`);
    if (!(row[2] ?? "").includes(`\`${declared}\``))
      problems.push(`${label}: README does not name ${declared}`);
    for (const cron of o.crons)
      if (!(row[2] ?? "").includes(`\`${cron}\``))
        problems.push(`${label}: README does not give the cron ${cron}`);
  }
  return problems;
}

describe("README: Who runs what", () => {
  const readme = readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
  const found = owners(repo, control);

  it("names the owner, the file or resource and the cron of every operation", () => {
    expect(readmeTableProblems(readme, found)).toEqual([]);
  });

  it("catches a table that still names the old owner", () => {
    const stale = readme.replace(
      /\| Nightly destroy of ephemeral(\s*)\| GitHub Actions(\s*)\|/,
      "| Nightly destroy of ephemeral$1| Pulumi Deployments$2|",
    );
    expect(stale).not.toBe(readme);
    expect(readmeTableProblems(stale, found)).toEqual([
      "Nightly destroy of ephemeral: README says Pulumi Deployments, the files GitHub Actions",
    ]);
    const moved = readme.replace("`teardown.yml`, `0 20 * * *`", "`teardown.yml`, `0 18 * * *`");
    expect(readmeTableProblems(moved, found)).toEqual([
      "Nightly destroy of ephemeral: README does not give the cron 0 20 * * *",
    ]);
  });
});
