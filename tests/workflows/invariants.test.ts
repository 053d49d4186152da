// One test per pipeline invariant: the real workflows satisfy it, and a mutated copy that breaks
// it is caught (so the check cannot pass vacuously). The checks live in checks/, one per concern.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { CREDENTIAL_VARIABLES } from "../../ephemeral/health-check/basic-auth";
import { USAGE } from "../../ephemeral/health-check/options";
import { imageUrn } from "../../ephemeral/image-resource";
import { EPHEMERAL_PROJECT, PERSISTENT_PROJECT } from "../../persistent/config";
import { REPO_ROOT, projectName } from "../engine/example-config";
import { checkCdCheckouts } from "./checks/cd-checkouts";
import { checkCdDeploy, EXPERIMENTAL, PLAN_INPUT, PLANS_ON } from "./checks/cd-deploy";
import { checkCdImageTag } from "./checks/cd-image-tag";
import { checkCdTrigger } from "./checks/cd-trigger";
import { checkCi } from "./checks/ci";
import { DEPLOY_GROUP, checkConcurrency } from "./checks/concurrency";
import { checkPathsExist } from "./checks/paths";
import { checkPermissions } from "./checks/permissions";
import { checkPinnedActions } from "./checks/pinning";
import { checkPrPreviews } from "./checks/previews";
import { checkNoCacheWithCredentials } from "./checks/credentials";
import { checkDigest } from "./checks/digest";
import { checkToolVersions, type ToolVersions } from "./checks/tool-versions";
import { checkRoleVariables } from "./checks/roles";
import { checkSetupAction } from "./checks/setup-action";
import { checkTeardown } from "./checks/teardown";
import { checkTriggersAndHeaders } from "./checks/triggers-and-headers";
import {
  ACTIONS,
  COMMIT_SHA,
  SETUP_ACTION_USES,
  actionName,
  clone,
  job,
  loadRepo,
  parseWorkflow,
  workflow,
  type Job,
  type Repo,
  type Step,
} from "./workflows";

const repo = loadRepo();
const packageJson = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
  dependencies: Record<string, string>;
  scripts: Record<string, string>;
};
const programSource = readFileSync(path.join(REPO_ROOT, "ephemeral", "program.ts"), "utf8");
const projects = { persistent: PERSISTENT_PROJECT, ephemeral: EPHEMERAL_PROJECT };
const cdInputs = {
  programSource,
  usage: USAGE,
  imageUrn: imageUrn("${{ vars.PULUMI_STACK }}", EPHEMERAL_PROJECT),
};
const toolVersions: ToolVersions = {
  pulumi: readFileSync(path.join(REPO_ROOT, ".pulumi-version"), "utf8"),
  trivy: readFileSync(path.join(REPO_ROOT, ".trivy-version"), "utf8"),
  sdk: packageJson.dependencies["@pulumi/pulumi"] ?? "",
  go: readFileSync(path.join(REPO_ROOT, ".go-version"), "utf8"),
  dockerfileGo:
    /^FROM .*golang:(\d+\.\d+\.\d+)-/m.exec(
      readFileSync(path.join(REPO_ROOT, "image", "Dockerfile"), "utf8"),
    )?.[1] ?? "",
};
const stepNamed = (j: Job, name: string): Step => {
  const found = j.steps.find((s) => s.name === name);
  if (found === undefined) throw new Error(`no step ${name}`);
  return found;
};

/** A deep copy of the repository with `change` applied: the broken variant a check must catch. */
function mutated(change: (r: Repo) => void): Repo {
  const copy = clone(repo);
  change(copy);
  return copy;
}

/** Rewrites a workflow's text and re-parses it (for checks that read comments or raw text). */
function withText(r: Repo, file: string, edit: (text: string) => string): void {
  const index = r.workflows.findIndex((w) => w.file === file);
  const current = r.workflows[index];
  if (current === undefined) throw new Error(`no workflow ${file}`);
  const text = edit(current.text);
  expect(text).not.toBe(current.text);
  r.workflows[index] = parseWorkflow(file, text);
}

const stepOf = (j: Job, action: string, index = 0): Step => {
  const found = j.steps.filter((s) => s.uses !== undefined && actionName(s.uses) === action)[index];
  if (found === undefined) throw new Error(`no ${action} step`);
  return found;
};
const pulumiStep = (j: Job) => stepOf(j, ACTIONS.pulumi);
const setupStep = (j: Job): Step => {
  const found = j.steps.find((s) => s.uses === SETUP_ACTION_USES);
  if (found === undefined) throw new Error("no setup step");
  return found;
};

describe("workflow invariants", () => {
  it("the project names the workflows use are the Pulumi.yaml names", () => {
    expect(projectName("persistent")).toBe(PERSISTENT_PROJECT);
    expect(projectName("ephemeral")).toBe(EPHEMERAL_PROJECT);
  });

  it("every uses: is local or pinned to a commit SHA with a version comment, one pin per action", () => {
    expect(checkPinnedActions(repo)).toEqual([]);
    const byTag = mutated((r) =>
      withText(r, "ci.yml", (t) =>
        t.replace(/actions\/checkout@[0-9a-f]{40} # v[\d.]+/, "actions/checkout@v7"),
      ),
    );
    expect(checkPinnedActions(byTag).join("\n")).toMatch(/not pinned to a full 40-character/);
    const noComment = mutated((r) =>
      withText(r, "drift.yml", (t) => t.replace(/(pulumi\/actions@[0-9a-f]{40}) # v[\d.]+/, "$1")),
    );
    expect(checkPinnedActions(noComment).join("\n")).toMatch(/needs a "# vX.Y.Z" comment/);
    const shortSha = mutated((r) => {
      r.setup.text = r.setup.text.replace(/(actions\/setup-node@[0-9a-f]{8})[0-9a-f]{32}/, "$1");
    });
    expect(checkPinnedActions(shortSha).join("\n")).toMatch(
      /setup-node@[0-9a-f]{8}" is not pinned/,
    );
    const twoPins = mutated((r) =>
      withText(r, "teardown.yml", (t) =>
        t.replace(/(pulumi\/actions@[0-9a-f]{40}) # v[\d.]+/, "$1 # v6.6.1"),
      ),
    );
    expect(checkPinnedActions(twoPins).join("\n")).toMatch(/pin one release everywhere/);
  });

  it("permissions are minimal: none by default, each write scope only where a step needs it", () => {
    expect(checkPermissions(repo)).toEqual([]);
    const writeAll = mutated((r) => {
      workflow(r, "ci.yml").doc.permissions = "write-all";
    });
    expect(checkPermissions(writeAll).join("\n")).toMatch(/ci.yml: top-level permissions/);
    const idTokenInCi = mutated((r) => {
      job(r, "ci.yml", "test").permissions = { contents: "read", "id-token": "write" };
    });
    expect(checkPermissions(idTokenInCi)).toEqual([
      expect.stringMatching(/ci.yml job test: id-token: write without a step that exchanges/),
    ]);
    const missingIdToken = mutated((r) => {
      job(r, "cd.yml", "deploy").permissions = { contents: "read" };
    });
    expect(checkPermissions(missingIdToken).join("\n")).toMatch(
      /job deploy: has a step .* but not id-token: write/,
    );
    const extraScope = mutated((r) => {
      job(r, "drift.yml", "persistent").permissions = {
        contents: "write",
        "id-token": "write",
      };
    });
    expect(checkPermissions(extraScope).join("\n")).toMatch(/contents: write is never needed/);
    const inherited = mutated((r) => {
      delete job(r, "preview.yml", "fork").permissions;
    });
    expect(checkPermissions(inherited).join("\n")).toMatch(/declare the job's permissions/);
  });

  it("CD runs on push to main, calls CI first and every job depends on it; no workflow_run anywhere", () => {
    expect(checkCdTrigger(repo)).toEqual([]);
    const workflowRun = mutated((r) => {
      workflow(r, "cd.yml").doc.on = { workflow_run: { workflows: ["CI"], types: ["completed"] } };
    });
    expect(checkCdTrigger(workflowRun).join("\n")).toMatch(
      /cd.yml: workflow_run is a dangerous trigger/,
    );
    const skipsCi = mutated((r) => {
      job(r, "cd.yml", "preview").needs = [];
    });
    expect(checkCdTrigger(skipsCi)).toEqual([
      "cd.yml job preview: must need the CI job (ci)",
      "cd.yml job deploy: must need the CI job (ci)",
    ]);
    const afterFailure = mutated((r) => {
      job(r, "cd.yml", "deploy").if = "always()";
    });
    expect(checkCdTrigger(afterFailure)).toEqual([
      "cd.yml job deploy: its if: must not run it after a failed CI",
    ]);
    const ciOnPush = mutated((r) => {
      (workflow(r, "ci.yml").doc.on as Record<string, unknown>).push = { branches: ["main"] };
    });
    expect(checkCdTrigger(ciOnPush).join("\n")).toMatch(
      /ci.yml: must run on pull_request and workflow_call only/,
    );
    const noCi = mutated((r) => {
      delete workflow(r, "cd.yml").doc.jobs.ci;
    });
    expect(checkCdTrigger(noCi)).toEqual([
      "cd.yml: one job must call ./.github/workflows/ci.yml, found 0",
    ]);
  });

  it("every CD checkout, direct or through the setup action, is the pushed commit CI tested", () => {
    expect(checkCdCheckouts(repo)).toEqual([]);
    const setupDefault = mutated((r) => {
      delete setupStep(job(r, "cd.yml", "deploy")).with?.ref;
    });
    expect(checkCdCheckouts(setupDefault).join("\n")).toMatch(
      /job deploy step \d+ \(\.\/\.github\/actions\/setup\): ref must be/,
    );
    const otherRef = mutated((r) => {
      const s = stepOf(job(r, "cd.yml", "preview"), ACTIONS.checkout);
      s.with = { ...s.with, ref: "main" };
    });
    expect(checkCdCheckouts(otherRef).join("\n")).toMatch(
      /job preview step \d+ \(actions\/checkout@.*\): ref must be \$\{\{ github.sha \}\}, got main/,
    );
    const textWorkflowRun = mutated((r) =>
      withText(r, "cd.yml", (t) =>
        t.replace(
          '--region "$REGION"',
          '--region "$REGION" # ${{ github.event.workflow_run.head_sha }}',
        ),
      ),
    );
    expect(checkCdCheckouts(textWorkflowRun).join("\n")).toMatch(/mentions workflow_run/);
    const compositeDefault = mutated((r) => {
      const ref = r.setup.doc.inputs.ref;
      if (ref) ref.default = "${{ github.sha }}";
    });
    expect(checkCdCheckouts(compositeDefault).join("\n")).toMatch(
      /input ref must be required, with no default/,
    );
    const compositeIgnoresRef = mutated((r) => {
      const s = r.setup.doc.runs.steps[0];
      if (s?.with) delete s.with.ref;
    });
    expect(checkCdCheckouts(compositeIgnoresRef).join("\n")).toMatch(
      /must check out once, with ref/,
    );
  });

  it("every caller of the setup action passes its required inputs and only known ones", () => {
    expect(checkSetupAction(repo)).toEqual([]);
    const missing = mutated((r) => {
      delete setupStep(job(r, "ci.yml", "test")).with?.ref;
    });
    expect(checkSetupAction(missing)).toEqual([
      "ci.yml job test: the setup action needs input ref",
    ]);
    const unknown = mutated((r) => {
      const s = setupStep(job(r, "drift.yml", "persistent"));
      s.with = { ...s.with, "node-versoin": "22" };
    });
    expect(checkSetupAction(unknown)).toEqual([
      "drift.yml job persistent: the setup action has no input node-versoin",
    ]);
  });

  it("the image tag is the pushed commit, passed identically to every Pulumi operation in CD", () => {
    expect(checkCdImageTag(repo)).toEqual([]);
    const upOnMain = mutated((r) => {
      const s = stepNamed(job(r, "cd.yml", "deploy"), "pulumi up");
      s.with = { ...s.with, "config-map": 'imageTag:\n  value: "main"\n  secret: false\n' };
    });
    const problems = checkCdImageTag(upOnMain).join("\n");
    expect(problems).toMatch(/job deploy \(pulumi up\): config-map imageTag must be/);
    expect(problems).toMatch(/identical config-map/);
    const implicit = mutated((r) => {
      delete stepNamed(job(r, "cd.yml", "preview"), "pulumi preview").with?.["config-map"];
    });
    expect(checkCdImageTag(implicit).join("\n")).toMatch(
      /job preview \(pulumi preview\): pass the image tag explicitly/,
    );
    expect(COMMIT_SHA).toBe("${{ github.sha }}");
  });

  it("the deploy job runs in production and refuses a stack changed since the preview", () => {
    const check = (r: Repo) => checkCdDeploy(r, cdInputs);
    expect(check(repo)).toEqual([]);
    const noEnvironment = mutated((r) => {
      delete job(r, "cd.yml", "deploy").environment;
    });
    expect(check(noEnvironment).join("\n")).toMatch(/must run in the production environment/);
    const unrecorded = mutated((r) => {
      delete (job(r, "cd.yml", "preview") as { outputs?: unknown }).outputs;
    });
    expect(check(unrecorded).join("\n")).toMatch(/record the stack's last update version/);
    const unchecked = mutated((r) => {
      const j = job(r, "cd.yml", "deploy");
      j.steps = j.steps.filter(
        (s) => s.name !== "Refuse to start if the stack changed since the preview",
      );
    });
    expect(check(unchecked).join("\n")).toMatch(
      /before any pulumi up, fail when the stack's version differs from needs.preview.outputs.stack-version/,
    );
  });

  it("the health check alone gets the dashboard login, from secrets, in its environment (never argv)", () => {
    const secretOf = {
      [CREDENTIAL_VARIABLES.username]: "DASHBOARD_USERNAME",
      [CREDENTIAL_VARIABLES.password]: "DASHBOARD_PASSWORD",
    };
    const check = (r: Repo): string[] => {
      const step = stepNamed(job(r, "cd.yml", "deploy"), "Health check");
      const problems = Object.entries(secretOf)
        .filter(([variable, secret]) => step.env?.[variable] !== `\${{ secrets.${secret} }}`)
        .map(([variable, secret]) => `Health check: env ${variable} must be secrets.${secret}`);
      if (/DASHBOARD|secrets\./.test(step.run ?? "")) problems.push("Health check: login in run");
      const elsewhere = r.workflows.flatMap((w) =>
        Object.entries(w.doc.jobs).flatMap(([id, j]) =>
          j.steps
            .filter((st) => st !== step && /secrets\.DASHBOARD_/.test(JSON.stringify(st)))
            .map((st) => `${w.file} job ${id} step ${st.name ?? "?"} reads the dashboard login`),
        ),
      );
      return [...problems, ...elsewhere];
    };
    expect(check(repo)).toEqual([]);
    const inArgv = mutated((r) => {
      const st = stepNamed(job(r, "cd.yml", "deploy"), "Health check");
      delete st.env?.[CREDENTIAL_VARIABLES.password];
      st.run = `${st.run ?? ""} --password "\${{ secrets.DASHBOARD_PASSWORD }}"`;
    });
    expect(check(inArgv)).toEqual([
      "Health check: env GATUS_DASHBOARD_PASSWORD must be secrets.DASHBOARD_PASSWORD",
      "Health check: login in run",
    ]);
    const leaked = mutated((r) => {
      const st = stepNamed(job(r, "cd.yml", "deploy"), "pulumi up");
      st.env = { ...st.env, P: "${{ secrets.DASHBOARD_PASSWORD }}" };
    });
    expect(check(leaked)).toEqual(["cd.yml job deploy step pulumi up reads the dashboard login"]);
  });

  it("update plans are opt-in through PULUMI_UPDATE_PLANS, everywhere at once", () => {
    const check = (r: Repo) => checkCdDeploy(r, cdInputs);
    expect(PLAN_INPUT).toBe("${{ vars.PULUMI_UPDATE_PLANS == 'true' && 'plan.json' || '' }}");
    const alwaysPlans = mutated((r) => {
      const s = stepNamed(job(r, "cd.yml", "deploy"), "pulumi up");
      s.with = { ...s.with, plan: "plan.json" };
    });
    expect(check(alwaysPlans).join("\n")).toMatch(
      /the preview and the final up must both take plan/,
    );
    const shortLived = mutated((r) => {
      const s = stepOf(job(r, "cd.yml", "preview"), ACTIONS.uploadArtifact);
      s.with = { ...s.with, "retention-days": 7 };
    });
    expect(check(shortLived).join("\n")).toMatch(/kept 30 days/);
    const unconditional = mutated((r) => {
      delete stepOf(job(r, "cd.yml", "deploy"), ACTIONS.downloadArtifact).if;
    });
    expect(check(unconditional).join("\n")).toMatch(
      new RegExp(`only if ${PLANS_ON.replace(/[()|.]/g, "\\$&")}`),
    );
    const noExperimental = mutated((r) => {
      delete job(r, "cd.yml", "deploy").env?.PULUMI_EXPERIMENTAL;
    });
    expect(check(noExperimental).join("\n")).toContain(
      `PULUMI_EXPERIMENTAL must be ${EXPERIMENTAL}`,
    );
  });

  it("the image is pushed by a targeted up and its pushed digest passes Trivy before the update", () => {
    const check = (r: Repo) => checkCdDeploy(r, cdInputs);
    expect(cdInputs.imageUrn).toBe(
      "urn:pulumi:${{ vars.PULUMI_STACK }}::gatus-ephemeral::docker:index/image:Image::gatus",
    );
    const wrongUrn = mutated((r) => {
      const s = stepNamed(
        job(r, "cd.yml", "deploy"),
        "Build and push the image (pulumi up --target the image)",
      );
      s.with = {
        ...s.with,
        target: "urn:pulumi:dev::gatus-ephemeral::docker:index/image:Image::image",
      };
    });
    expect(check(wrongUrn).join("\n")).toMatch(
      /build and push the image with a pulumi up targeting/,
    );
    const noLogin = mutated((r) => {
      const j = job(r, "cd.yml", "deploy");
      j.steps = j.steps.filter((s) => !s.uses?.startsWith("aws-actions/amazon-ecr-login@"));
    });
    expect(check(noLogin).join("\n")).toMatch(
      /log in to ECR \(amazon-ecr-login\) before any pulumi up/,
    );
    const scansAfter = mutated((r) => {
      const j = job(r, "cd.yml", "deploy");
      const gate = stepNamed(j, "Trivy gate on the pushed digest");
      j.steps = [...j.steps.filter((s) => s !== gate), gate];
    });
    expect(check(scansAfter).join("\n")).toMatch(/a Trivy gate .* on the pushed digest/);
    const scansTag = mutated((r) => {
      const s = stepNamed(job(r, "cd.yml", "deploy"), "Trivy gate on the pushed digest");
      s.with = { ...s.with, "image-ref": "${{ steps.image.outputs.url }}:${{ github.sha }}" };
    });
    expect(check(scansTag).join("\n")).toMatch(/a Trivy gate .* on the pushed digest/);
  });

  it("the health check runs after the update, with the update's real outputs", () => {
    const check = (r: Repo) => checkCdDeploy(r, cdInputs);
    const wrongOutput = mutated((r) => {
      const s = job(r, "cd.yml", "deploy").steps.find((step) => step.run?.includes("health-check"));
      if (s?.env) s.env.CLUSTER = "${{ steps.up.outputs.cluster }}";
    });
    expect(check(wrongOutput).join("\n")).toMatch(
      /--cluster must come from steps.up.outputs.clusterName/,
    );
    const noHealthCheck = mutated((r) => {
      const j = job(r, "cd.yml", "deploy");
      j.steps = j.steps.filter((s) => !s.run?.includes("health-check"));
    });
    expect(check(noHealthCheck).join("\n")).toMatch(/run npm run health-check after pulumi up/);
    expect(checkCdDeploy(repo, { ...cdInputs, usage: "usage: --url <u>" }).join("\n")).toMatch(
      /health check usage has no --cluster/,
    );
    expect(
      checkCdDeploy(repo, {
        ...cdInputs,
        programSource: "interface EphemeralOutputs { url: x }",
      }).join("\n"),
    ).toMatch(/exports no output clusterName/);
  });

  it("no job that holds credentials restores the npm cache", () => {
    expect(checkNoCacheWithCredentials(repo)).toEqual([]);
    const cached = mutated((r) => {
      const s = setupStep(job(r, "drift.yml", "persistent"));
      s.with = { ...s.with, "npm-cache": "true" };
    });
    expect(checkNoCacheWithCredentials(cached)).toEqual([
      'drift.yml job persistent: holds credentials, so the setup action needs npm-cache: "false"',
    ]);
  });

  it("the preview role is used only outside environments, the deploy role only inside them", () => {
    expect(checkRoleVariables(repo)).toEqual([]);
    const swapped = mutated((r) => {
      const s = stepOf(job(r, "cd.yml", "preview"), ACTIONS.awsCredentials);
      s.with = { ...s.with, "role-to-assume": "${{ vars.AWS_DEPLOY_ROLE_ARN }}" };
      const t = stepOf(job(r, "teardown.yml", "destroy"), ACTIONS.awsCredentials);
      t.with = { ...t.with, "role-to-assume": "${{ vars.AWS_PREVIEW_ROLE_ARN }}" };
    });
    expect(checkRoleVariables(swapped)).toEqual([
      "cd.yml job preview: uses the deploy role outside a protected environment",
      "teardown.yml job destroy: uses the preview role inside environment teardown",
    ]);
  });

  it("deploy and teardown share one never-cancelled, queueing group per stack; nothing else is in it", () => {
    expect(checkConcurrency(repo)).toEqual([]);
    expect(DEPLOY_GROUP).toContain("vars.PULUMI_STACK");
    const cancels = mutated((r) => {
      workflow(r, "teardown.yml").doc.concurrency = {
        group: DEPLOY_GROUP,
        "cancel-in-progress": true,
        queue: "max",
      };
    });
    expect(checkConcurrency(cancels).join("\n")).toMatch(/cancel-in-progress: false/);
    const dropsPending = mutated((r) => {
      workflow(r, "cd.yml").doc.concurrency = { group: DEPLOY_GROUP, "cancel-in-progress": false };
    });
    expect(checkConcurrency(dropsPending).join("\n")).toMatch(/must set queue: max/);
    const ciJoins = mutated((r) => {
      workflow(r, "ci.yml").doc.concurrency = {
        group: DEPLOY_GROUP,
        "cancel-in-progress": false,
        queue: "max",
      };
    });
    expect(checkConcurrency(ciJoins).join("\n")).toMatch(
      /must hold exactly cd.yml and teardown.yml, holds cd.yml, ci.yml, teardown.yml/,
    );
    const teardownAlone = mutated((r) => {
      workflow(r, "teardown.yml").doc.concurrency = {
        group: "teardown",
        "cancel-in-progress": false,
      };
    });
    expect(checkConcurrency(teardownAlone).join("\n")).toMatch(
      /teardown.yml job destroy: uses the deploy role outside/,
    );
    const lookalike = mutated((r) => {
      workflow(r, "drift.yml").doc.concurrency = {
        group: "deploy-${{ vars.PULUMI_ORG }}",
        "cancel-in-progress": false,
      };
    });
    expect(checkConcurrency(lookalike).join("\n")).toMatch(/looks like the deploy group/);
    const badQueue = mutated((r) => {
      workflow(r, "preview.yml").doc.concurrency = {
        group: "p",
        "cancel-in-progress": true,
        queue: "max",
      };
    });
    expect(checkConcurrency(badQueue).join("\n")).toMatch(
      /queue: max with cancel-in-progress: true is invalid/,
    );
  });

  it("tool versions come from one file each; the Pulumi CLI equals the SDK in package.json", () => {
    expect(checkToolVersions(repo, toolVersions)).toEqual([]);
    expect(checkToolVersions(repo, { ...toolVersions, sdk: "3.999.0" }).join("\n")).toMatch(
      /.pulumi-version says .* but package.json has @pulumi\/pulumi 3.999.0/,
    );
    const inline = mutated((r) => {
      const s = pulumiStep(job(r, "drift.yml", "persistent"));
      s.with = { ...s.with, "pulumi-version": "3.200.0" };
    });
    expect(checkToolVersions(inline, toolVersions).join("\n")).toMatch(
      /drift.yml job persistent: pulumi-version is set inline/,
    );
    expect(checkToolVersions(repo, { ...toolVersions, pulumi: "^3\n" }).join("\n")).toMatch(
      /must hold one exact x.y.z, got "\^3"/,
    );
    expect(toolVersions.dockerfileGo).toMatch(/^\d+\.\d+\.\d+$/);
    expect(checkToolVersions(repo, { ...toolVersions, go: "1.25.0\n" }).join("\n")).toMatch(
      /.go-version says "1.25.0" but image\/Dockerfile builds Gatus with Go/,
    );
    const goInline = mutated((r) => {
      const s = stepOf(job(r, "ci.yml", "test"), ACTIONS.setupGo);
      s.with = { "go-version": "1.26.x" };
    });
    expect(checkToolVersions(goInline, toolVersions).join("\n")).toMatch(
      /actions\/setup-go must read go-version-file/,
    );
    const trivyInline = mutated((r) => {
      const s = stepOf(job(r, "ci.yml", "image"), ACTIONS.trivy, 1);
      s.with = { ...s.with, version: "v0.70.0" };
    });
    expect(checkToolVersions(trivyInline, toolVersions).join("\n")).toMatch(
      /ci.yml job image: Trivy's version must come from .trivy-version/,
    );
  });

  it("PR previews cover both stacks with the policy pack and a PR comment; forks get a notice", () => {
    expect(checkPrPreviews(repo, projects)).toEqual([]);
    const forksFail = mutated((r) => {
      delete job(r, "preview.yml", "preview").if;
    });
    expect(checkPrPreviews(forksFail, projects).join("\n")).toMatch(/must skip fork pull requests/);
    const silentSkip = mutated((r) => {
      delete workflow(r, "preview.yml").doc.jobs.fork;
    });
    expect(checkPrPreviews(silentSkip, projects).join("\n")).toMatch(
      /must write a ::notice:: and a job summary/,
    );
    const onlyOne = mutated((r) => {
      const j = job(r, "preview.yml", "preview");
      if (j.strategy?.matrix) j.strategy.matrix.project = ["ephemeral"];
    });
    expect(checkPrPreviews(onlyOne, projects)).toEqual(["preview.yml: no preview of persistent"]);
    const noPolicies = mutated((r) => {
      delete pulumiStep(job(r, "preview.yml", "preview")).with?.policyPacks;
    });
    expect(checkPrPreviews(noPolicies, projects).join("\n")).toMatch(/policyPacks/);
    const adminToken = mutated((r) => {
      const s = stepOf(job(r, "preview.yml", "preview"), ACTIONS.pulumiAuth);
      s.with = {
        ...s.with,
        "requested-token-type": "urn:pulumi:token-type:access_token:organization",
      };
    });
    expect(checkPrPreviews(adminToken, projects).join("\n")).toMatch(
      /pull-request code must get a read-only Pulumi token/,
    );
    const fallsBackToAdmin = mutated((r) => {
      const s = stepNamed(job(r, "preview.yml", "preview"), "Choose the read-only Pulumi identity");
      s.run = (s.run ?? "").replace(
        /echo "::error[\s\S]*exit 1/,
        'echo "token-type=urn:pulumi:token-type:access_token:organization" >> "$GITHUB_OUTPUT"',
      );
    });
    expect(checkPrPreviews(fallsBackToAdmin, projects).join("\n")).toMatch(
      /pull-request code must get a read-only Pulumi token/,
    );
  });

  it("teardown requires the typed stack name, runs in its environment and destroys only ephemeral", () => {
    expect(checkTeardown(repo, EPHEMERAL_PROJECT)).toEqual([]);
    const unguarded = mutated((r) => {
      job(r, "teardown.yml", "destroy").if = "always()";
    });
    expect(checkTeardown(unguarded, EPHEMERAL_PROJECT).join("\n")).toMatch(
      /its if: must require inputs.confirm ==/,
    );
    const optional = mutated((r) => {
      const on = workflow(r, "teardown.yml").doc.on as {
        workflow_dispatch: { inputs: { confirm: { required: boolean } } };
      };
      on.workflow_dispatch.inputs.confirm.required = false;
    });
    expect(checkTeardown(optional, EPHEMERAL_PROJECT).join("\n")).toMatch(
      /required string input confirm/,
    );
    const persistent = mutated((r) => {
      const s = pulumiStep(job(r, "teardown.yml", "destroy"));
      s.with = {
        ...s.with,
        "stack-name": "${{ vars.PULUMI_ORG }}/gatus-persistent/${{ vars.PULUMI_STACK }}",
        "work-dir": "persistent",
      };
    });
    expect(checkTeardown(persistent, EPHEMERAL_PROJECT).join("\n")).toMatch(
      /may destroy only .*gatus-ephemeral/,
    );
    const noGuardJob = mutated((r) => {
      delete job(r, "teardown.yml", "destroy").needs;
    });
    expect(checkTeardown(noGuardJob, EPHEMERAL_PROJECT).join("\n")).toMatch(
      /must need a job that fails/,
    );
    const unprotected = mutated((r) => {
      delete job(r, "teardown.yml", "destroy").environment;
    });
    expect(checkTeardown(unprotected, EPHEMERAL_PROJECT).join("\n")).toMatch(
      /teardown environment/,
    );
    const destroyElsewhere = mutated((r) => {
      const s = pulumiStep(job(r, "drift.yml", "persistent"));
      s.with = { ...s.with, command: "destroy" };
    });
    expect(checkTeardown(destroyElsewhere, EPHEMERAL_PROJECT).join("\n")).toMatch(
      /destroy belongs in teardown.yml only/,
    );
    const silentFailure = mutated((r) => {
      const j = job(r, "teardown.yml", "destroy");
      j.steps = j.steps.filter((s) => s.name !== "Alert when the nightly destroy fails");
    });
    expect(checkTeardown(silentFailure, EPHEMERAL_PROJECT).join("\n")).toMatch(
      /must raise ::error and publish to the alarm topic/,
    );
    const uncommented = mutated((r) =>
      withText(r, "teardown.yml", (t) => t.replace(/^\s+#.*\n/gm, "")),
    );
    expect(checkTeardown(uncommented, EPHEMERAL_PROJECT).join("\n")).toMatch(
      /cron needs a comment/,
    );
    // Without its schedule (nightly teardown off, or moved to Deployments) it is still valid;
    // another trigger is not.
    const unscheduled = mutated((r) =>
      withText(r, "teardown.yml", (t) => t.replace(/^ {2}schedule:\n {4}- cron: .*\n/m, "")),
    );
    expect(checkTeardown(unscheduled, EPHEMERAL_PROJECT)).toEqual([]);
    const onPush = mutated((r) => {
      (workflow(r, "teardown.yml").doc.on as Record<string, unknown>).push = null;
    });
    expect(checkTeardown(onPush, EPHEMERAL_PROJECT).join("\n")).toMatch(
      /must run on workflow_dispatch and optionally schedule, only/,
    );
  });

  it("no workflow uses pull_request_target; each says what it is for and has a unique name", () => {
    expect(checkTriggersAndHeaders(repo)).toEqual([]);
    const dangerous = mutated((r) => {
      (workflow(r, "preview.yml").doc.on as Record<string, unknown>).pull_request_target = null;
    });
    expect(checkTriggersAndHeaders(dangerous)).toEqual([
      "preview.yml: pull_request_target runs fork code with secrets; use pull_request",
    ]);
    const headless = mutated((r) => withText(r, "drift.yml", (t) => t.replace(/^(#.*\n)+/, "")));
    expect(checkTriggersAndHeaders(headless)).toEqual([
      "drift.yml: start with a comment saying what it is for",
    ]);
  });

  it("every path a workflow names exists (a misspelt directory must fail, not scan nothing)", () => {
    expect(checkPathsExist(repo)).toEqual([]);
    const misspelt = mutated((r) => {
      const s = stepOf(job(r, "ci.yml", "image"), ACTIONS.buildPush);
      s.with = { ...s.with, context: "imgae", file: "imgae/Dockerfile" };
    });
    expect(checkPathsExist(misspelt)).toEqual([
      "ci.yml job image: build context imgae does not exist",
      "ci.yml job image: Dockerfile imgae/Dockerfile does not exist",
    ]);
    const packTypo = mutated((r) => {
      const s = pulumiStep(job(r, "cd.yml", "deploy"));
      s.with = { ...s.with, policyPacks: "${{ github.workspace }}/tests/policies/pack" };
    });
    expect(checkPathsExist(packTypo)).toEqual([
      "cd.yml job deploy: policy pack tests/policies/pack/PulumiPolicy.yaml does not exist",
    ]);
  });

  it("CI runs the tests and synth, builds the image for linux/arm64 and gates it with Trivy", () => {
    expect(checkCi(repo, packageJson.scripts)).toEqual([]);
    const amd64 = mutated((r) => {
      const s = stepOf(job(r, "ci.yml", "image"), ACTIONS.buildPush);
      s.with = { ...s.with, platforms: "linux/amd64" };
    });
    expect(checkCi(amd64, packageJson.scripts).join("\n")).toMatch(/linux\/arm64/);
    const noGate = mutated((r) => {
      const s = stepOf(job(r, "ci.yml", "image"), ACTIONS.trivy, 1);
      s.with = { ...s.with, "exit-code": "0" };
    });
    expect(checkCi(noGate, packageJson.scripts).join("\n")).toMatch(
      /a Trivy gate with exit-code 1/,
    );
    const wrongImage = mutated((r) => {
      const s = stepOf(job(r, "ci.yml", "image"), ACTIONS.trivy, 0);
      s.with = { ...s.with, "image-ref": "gatus:latest" };
    });
    expect(checkCi(wrongImage, packageJson.scripts).join("\n")).toMatch(
      /must scan the image just built/,
    );
  });

  it("every pull request gets the offline digest; the commenting job never runs the PR's code", () => {
    expect(checkDigest(repo)).toEqual([]);
    const credentialed = mutated((r) => {
      job(r, "digest.yml", "digest").permissions = { contents: "read", "pull-requests": "write" };
    });
    expect(checkDigest(credentialed)).toEqual([
      "digest.yml job digest: runs PR code, so contents: read and nothing else",
    ]);
    const checksOut = mutated((r) => {
      const j = job(r, "digest.yml", "comment");
      j.steps.unshift({ uses: SETUP_ACTION_USES, with: { ref: "${{ github.sha }}" } });
    });
    expect(checkDigest(checksOut).join("\n")).toMatch(
      /must not check out or run the pull request's code/,
    );
    const forks = mutated((r) => {
      delete job(r, "digest.yml", "comment").if;
    });
    expect(checkDigest(forks).join("\n")).toMatch(
      /comment only on pull requests from this repository/,
    );
    const appends = mutated((r) => {
      const s = stepNamed(job(r, "digest.yml", "comment"), "Create or update the digest comment");
      s.run =
        'gh api --method POST "repos/${REPO}/issues/${PR}/comments" -f body="$(cat digest/digest.md)"';
    });
    expect(checkDigest(appends).join("\n")).toMatch(/update the existing comment in place/);
  });
});
