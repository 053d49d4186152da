import type { DockerHost } from "../../ephemeral/docker-host";
import { PERSISTENT_SECRET_KEYS } from "../../persistent/config";
import type { GitRunner } from "../../ephemeral/image-tag";
import { projectName } from "./example-config";
import { runProgram, type Graph, type RunProgramOptions } from "./run-program";

/** The two Pulumi projects, as their Pulumi.yaml names them. */
export const PERSISTENT_PROJECT_NAME = projectName("persistent");
export const EPHEMERAL_PROJECT_NAME = projectName("ephemeral");

export interface ProgramRun extends Pick<
  RunProgramOptions,
  | "stack"
  | "organization"
  | "config"
  | "overrideState"
  | "keepSecrets"
  | "beforeAnswer"
  | "secretKeys"
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

/**
 * The persistent keys that hold credentials, as a stack set with `--secret` stores them: what
 * the programs run with unless a test says otherwise (an offline config file holds plain
 * stand-ins for them, see stack-config-file.ts).
 */
export const PERSISTENT_SECRET_CONFIG_KEYS = PERSISTENT_SECRET_KEYS.map(
  (key) => `${PERSISTENT_PROJECT_NAME}:${key}`,
);

/** Runs the persistent program under the mock engine. */
export function runPersistentProgram(run: ProgramRun): Promise<Graph> {
  return runProgram({
    project: PERSISTENT_PROJECT_NAME,
    stack: run.stack,
    organization: run.organization,
    config: run.config,
    secretKeys: run.secretKeys ?? PERSISTENT_SECRET_CONFIG_KEYS,
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
