// The Gatus source: the version is a pinned release tag and the clone is checked against a pinned
// commit, so the same commit of this repository always builds the same Gatus code, even if the
// upstream tag is moved.
import { Run } from "dockerfile-ast";
import { parseDockerfile } from "./parse";
import { argDefaults, instructionsOf, runText } from "./queries";

const RELEASE_TAG = /^v\d+\.\d+\.\d+$/;
const GIT_COMMIT = /^[0-9a-f]{40}$/;

/** `ARG GATUS_VERSION` defaults to a concrete release tag, never a branch or `latest`. */
export function gatusVersionPinned(dockerfileText: string): string[] {
  const defaults = argDefaults(parseDockerfile(dockerfileText), "GATUS_VERSION");
  if (defaults.length === 0) {
    return [
      "ARG GATUS_VERSION has no default, so the Gatus version depends on whoever runs the " +
        "build; give it a release tag such as v5.36.0.",
    ];
  }
  return defaults
    .filter((value) => !RELEASE_TAG.test(value))
    .map(
      (value) =>
        `ARG GATUS_VERSION=${value} is not a release tag vX.Y.Z; a branch or "latest" builds ` +
        `different code from the same commit of this repository.`,
    );
}

/** The cloned source is checked against a pinned commit, so a moved tag fails the build. */
export function gatusSourceVerifiedAgainstCommit(dockerfileText: string): string[] {
  const dockerfile = parseDockerfile(dockerfileText);
  const findings = argDefaults(dockerfile, "GATUS_COMMIT")
    .filter((value) => !GIT_COMMIT.test(value))
    .map((value) => `ARG GATUS_COMMIT=${value} is not a full 40-character commit id.`);
  if (argDefaults(dockerfile, "GATUS_COMMIT").length === 0) {
    findings.push("ARG GATUS_COMMIT has no default: nothing pins the commit the tag must match.");
  }
  const verifies = dockerfile.stages
    .flatMap((stage) => instructionsOf(stage, Run))
    .some((run) => /git rev-parse HEAD/.test(runText(run)) && /GATUS_COMMIT/.test(runText(run)));
  if (!verifies) {
    findings.push(
      "no RUN compares `git rev-parse HEAD` with GATUS_COMMIT; git tags are mutable, so a " +
        "re-pointed tag would silently change what gets built.",
    );
  }
  return findings;
}
