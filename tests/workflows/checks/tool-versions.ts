// Tool versions: one file per tool (.go-version equals the Go of the Dockerfile's build stage), read by every workflow step that installs it, so a bump is a
// one-line change. `.pulumi-version` (pulumi/actions reads it: pulumi-version-file) must equal
// the @pulumi/pulumi SDK in package.json, so previews and deployments run the engine the tests ran
// against; `.trivy-version` reaches trivy-action through a step output (it has no file input).
import { ACTIONS, allJobs, str, stepsUsing, type Repo } from "../workflows";

export const PULUMI_VERSION_FILE = ".pulumi-version";
export const TRIVY_VERSION_FILE = ".trivy-version";
export const GO_VERSION_FILE = ".go-version";
const EXACT = /^v?\d+\.\d+\.\d+$/;

export interface ToolVersions {
  /** The text of .pulumi-version and .trivy-version. */
  pulumi: string;
  trivy: string;
  /** @pulumi/pulumi in package.json. */
  sdk: string;
  /** The text of .go-version, and the Go version of the Dockerfile's golang build stage. */
  go: string;
  dockerfileGo: string;
}

export function checkToolVersions(repo: Repo, versions: ToolVersions): string[] {
  const problems: string[] = [];
  const pulumi = versions.pulumi.trim();
  if (!EXACT.test(pulumi) || pulumi.startsWith("v")) {
    problems.push(`${PULUMI_VERSION_FILE} must hold one exact x.y.z, got "${pulumi}"`);
  } else if (pulumi !== versions.sdk) {
    problems.push(
      `${PULUMI_VERSION_FILE} says ${pulumi} but package.json has @pulumi/pulumi ${versions.sdk}; make them equal`,
    );
  }
  if (!EXACT.test(versions.trivy.trim()) || !versions.trivy.trim().startsWith("v")) {
    problems.push(
      `${TRIVY_VERSION_FILE} must hold one exact vX.Y.Z, got "${versions.trivy.trim()}"`,
    );
  }
  if (versions.go.trim() !== versions.dockerfileGo) {
    problems.push(
      `${GO_VERSION_FILE} says "${versions.go.trim()}" but image/Dockerfile builds Gatus with Go ${versions.dockerfileGo}; the tests must build it the same way`,
    );
  }
  for (const { wf, id, job: j } of allJobs(repo)) {
    const where = `${wf.file} job ${id}`;
    for (const s of stepsUsing(j, ACTIONS.setupGo)) {
      if (s.with?.["go-version-file"] !== GO_VERSION_FILE || s.with["go-version"] !== undefined) {
        problems.push(`${where}: actions/setup-go must read go-version-file: ${GO_VERSION_FILE}`);
      }
    }
    for (const s of stepsUsing(j, ACTIONS.pulumi)) {
      if (s.with?.["pulumi-version"] !== undefined) {
        problems.push(
          `${where}: pulumi-version is set inline; use pulumi-version-file: ${PULUMI_VERSION_FILE}`,
        );
      }
      if (s.with?.["pulumi-version-file"] !== PULUMI_VERSION_FILE) {
        problems.push(
          `${where}: every pulumi/actions step needs pulumi-version-file: ${PULUMI_VERSION_FILE}`,
        );
      }
    }
    const reader = j.steps.find(
      (s) => s.run?.trim() === `echo "version=$(cat ${TRIVY_VERSION_FILE})" >> "$GITHUB_OUTPUT"`,
    );
    for (const s of stepsUsing(j, ACTIONS.trivy)) {
      const expected =
        reader?.id === undefined ? undefined : `\${{ steps.${reader.id}.outputs.version }}`;
      if (expected === undefined || str(s.with?.version) !== expected) {
        problems.push(
          `${where}: Trivy's version must come from ${TRIVY_VERSION_FILE} through a step output, got ${str(s.with?.version)}`,
        );
      }
    }
  }
  return problems;
}
