import type { DockerHost } from "../../ephemeral/docker-host";
import type { GitRunner } from "../../ephemeral/image-tag";
import { projectName } from "./example-config";
import { runProgram, type Graph, type RunProgramOptions } from "./run-program";

/** The two Pulumi projects, as their Pulumi.yaml names them. */
export const PERSISTENT_PROJECT_NAME = projectName("persistent");
export const EPHEMERAL_PROJECT_NAME = projectName("ephemeral");

export interface ProgramRun extends Pick<
  RunProgramOptions,
  "stack" | "organization" | "config" | "overrideState" | "keepSecrets" | "beforeAnswer"
> {
  /** What exists in the account; its region defaults to the config's `aws:region`. */
  world?: RunProgramOptions["world"];
}

/** The account the programs run in: the config's region unless the caller says otherwise. */
function worldOf({ config, world }: ProgramRun): RunProgramOptions["world"] {
  const region = config["aws:region"];
  return typeof region === "string" ? { region, ...world } : world;
}

/** `<org>/<project>/<stack>`: how a StackReference names a stack. */
export const qualifiedStackName = (organization: string, project: string, stack: string) =>
  `${organization}/${project}/${stack}`;

/** Runs the persistent program under the mock engine. */
export function runPersistentProgram(run: ProgramRun): Promise<Graph> {
  return runProgram({
    project: PERSISTENT_PROJECT_NAME,
    stack: run.stack,
    organization: run.organization,
    config: run.config,
    world: worldOf(run),
    overrideState: run.overrideState,
    keepSecrets: run.keepSecrets,
    beforeAnswer: run.beforeAnswer,
    program: async () => (await import("../../persistent/program.js")).createPersistent(),
  });
}

export interface EphemeralRun extends ProgramRun {
  /** Stacks its StackReference can read: fully qualified name → outputs. */
  stacks: Record<string, Record<string, unknown>>;
  git?: GitRunner;
  /** What Docker can do here. Default: a daemon logged in to every registry (synthesis shows the build path). */
  docker?: Partial<DockerHost>;
}

/** Runs the ephemeral program under the mock engine against the given persistent outputs. */
export function runEphemeralProgram(run: EphemeralRun): Promise<Graph> {
  return runProgram({
    project: EPHEMERAL_PROJECT_NAME,
    stack: run.stack,
    organization: run.organization,
    config: run.config,
    stacks: run.stacks,
    world: worldOf(run),
    overrideState: run.overrideState,
    keepSecrets: run.keepSecrets,
    beforeAnswer: run.beforeAnswer,
    program: async () =>
      (await import("../../ephemeral/program.js")).createEphemeral({
        ...(run.git ? { git: run.git } : {}),
        docker: { daemonReachable: () => true, loggedInTo: () => true, ...run.docker },
      }),
  });
}
