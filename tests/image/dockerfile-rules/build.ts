// The Go build: the builder runs on the build machine's platform and cross-compiles for the task's
// (no QEMU emulation, no "exec format error" at start); go build makes a static binary (scratch
// has no libc), without build paths (reproducible) and stripped (no symbols shipped for nothing).
import { Arg, Run } from "dockerfile-ast";
import { parseDockerfile, type ParsedDockerfile, type Stage } from "./parse";
import { argDeclarations, envValue, instructionsOf, lineOf, runText } from "./queries";

function isGoBuild(run: Run): boolean {
  return /\bgo\s+build\b/.test(runText(run));
}

/** Stages that compile Gatus: the ones whose RUN calls `go build`. */
function goBuildStages(dockerfile: ParsedDockerfile): Stage[] {
  return dockerfile.stages.filter((stage) => instructionsOf(stage, Run).some(isGoBuild));
}

function goBuildRuns(dockerfile: ParsedDockerfile): Run[] {
  return dockerfile.stages.flatMap((stage) => instructionsOf(stage, Run).filter(isGoBuild));
}

/** `$NAME` or `${NAME}`. */
function isVariableReference(value: string | null | undefined, name: string): boolean {
  return value === `$${name}` || value === `\${${name}}`;
}

/** Go compiles on the build machine's platform and cross-compiles for TARGETOS/TARGETARCH. */
export function builderCrossCompiles(dockerfileText: string): string[] {
  const dockerfile = parseDockerfile(dockerfileText);
  const stages = goBuildStages(dockerfile);
  if (stages.length === 0) return ["no stage runs `go build`, so nothing compiles Gatus"];
  return stages.flatMap((stage) => crossCompileFindings(stage));
}

function crossCompileFindings(stage: Stage): string[] {
  const findings: string[] = [];
  const where = `line ${lineOf(stage.from)} (stage ${stage.name ?? "unnamed"})`;
  if (!isVariableReference(stage.from.getPlatformFlag()?.getValue(), "BUILDPLATFORM")) {
    findings.push(
      `${where}: the builder lacks --platform=$BUILDPLATFORM, so an arm64 image built on amd64 ` +
        `runs the whole Go toolchain under QEMU emulation (many times slower).`,
    );
  }
  const declared = new Set(argDeclarations(instructionsOf(stage, Arg)).map((arg) => arg.name));
  for (const name of ["TARGETOS", "TARGETARCH"]) {
    if (!declared.has(name)) {
      findings.push(
        `${where}: ARG ${name} is not declared in the stage, so BuildKit's value is invisible ` +
          `to go build and the binary is built for the builder's platform, not the task's.`,
      );
    }
  }
  for (const run of instructionsOf(stage, Run).filter(isGoBuild)) {
    const text = runText(run);
    if (!/\bGOOS=\$\{?TARGETOS\}?/.test(text) || !/\bGOARCH=\$\{?TARGETARCH\}?/.test(text)) {
      findings.push(
        `line ${lineOf(run)}: go build must set GOOS=$TARGETOS and GOARCH=$TARGETARCH, or it ` +
          `targets the builder's platform and the task fails with "exec format error".`,
      );
    }
  }
  return findings;
}

/** `go build` makes a static (`CGO_ENABLED=0`), path-free (`-trimpath`), stripped binary. */
export function goBuildIsStaticAndStripped(dockerfileText: string): string[] {
  const dockerfile = parseDockerfile(dockerfileText);
  const runs = goBuildRuns(dockerfile);
  if (runs.length === 0) return ["no RUN calls `go build`, so nothing compiles Gatus"];
  return runs.flatMap((run) => {
    const stage = dockerfile.stages.find((candidate) => candidate.instructions.includes(run));
    return goBuildFlagFindings(run, stage);
  });
}

function goBuildFlagFindings(run: Run, stage: Stage | undefined): string[] {
  const text = runText(run);
  const where = `line ${lineOf(run)}`;
  const findings: string[] = [];
  const cgoDisabled =
    /\bCGO_ENABLED=0\b/.test(text) ||
    (stage !== undefined && envValue(stage, "CGO_ENABLED") === "0");
  if (!cgoDisabled) {
    findings.push(
      `${where}: go build without CGO_ENABLED=0 may link libc dynamically, and scratch has no ` +
        `libc: the container would fail to start.`,
    );
  }
  if (!/(^|\s)-trimpath(\s|$)/.test(text)) {
    findings.push(
      `${where}: go build without -trimpath embeds the builder's file paths, so the binary is ` +
        `not reproducible and leaks build-machine details.`,
    );
  }
  const ldflags = ldflagsOf(text);
  if (!ldflags.includes("-s") || !ldflags.includes("-w")) {
    findings.push(
      `${where}: go build needs -ldflags "-s -w" (found: "${ldflags.join(" ")}"); without ` +
        `them the symbol table and DWARF data ship in the image for no runtime benefit.`,
    );
  }
  return findings;
}

/** The words inside `-ldflags "..."`, `-ldflags='...'` or `-ldflags=x`. */
function ldflagsOf(runText: string): string[] {
  const match = /-ldflags(?:=|\s+)(?:"([^"]*)"|'([^']*)'|(\S+))/.exec(runText);
  const value = match?.[1] ?? match?.[2] ?? match?.[3] ?? "";
  return value.split(/\s+/).filter((word) => word.length > 0);
}
