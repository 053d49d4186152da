import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { parseEphemeralConfig } from "../../ephemeral/config";
import { realGit, resolveImageTag, type GitRunner } from "../../ephemeral/image-tag";
import { ConfigError, projectKeys } from "../../persistent/lib/stack-config";
import { embedGenerated } from "../report/readme";
import type { Report } from "../report/report";
import type { UptimeSchedule } from "../report/schedule";
import { REPO_ROOT } from "./example-config";
import {
  EPHEMERAL_PROJECT_NAME,
  PERSISTENT_PROJECT_NAME,
  qualifiedStackName,
  runEphemeralProgram,
  runPersistentProgram,
} from "./programs";
import { graphJson, resourceTable } from "./render";
import type { SYNTH_OUTPUT_FILES } from "./synth-output";
import type { Graph } from "./run-program";

/** One stack to synthesise: its name, its config and where that config came from. */
export interface StackInput {
  stack: string;
  /** `"<namespace>:<key>" → value`, as in `Pulumi.<stack>.yaml`. */
  config: Record<string, unknown>;
  /** The file it was read from, as the report names it. */
  source: string;
}

export interface SynthInput {
  /** The Pulumi organization (`pulumi.getOrganization()`); `organization` on a DIY backend. */
  organization: string;
  persistent: StackInput;
  ephemeral: StackInput;
  /** When the ephemeral stack is up, for the report's teardown cost column (default 12h x 5d). */
  schedule?: UptimeSchedule;
  /** How to read the commit for the image tag (default: git in image/). */
  git?: GitRunner;
}

/** Where the image tag in the synthesised graph came from. */
export type ImageTagChoice =
  | { tag: string; source: "config" | "git" }
  | { tag: string; source: "placeholder"; reason: string };

/** The tag synth uses when git cannot tell the commit (a ZIP download, say). */
export const PLACEHOLDER_IMAGE_TAG = "placeholder-no-git-checkout";

/** The files every synthesis writes (`digest.md` only with --compare). */
type SynthOutputFile = Exclude<(typeof SYNTH_OUTPUT_FILES)[number], "digest.md">;

export interface SynthResult {
  persistent: Graph;
  ephemeral: Graph;
  imageTag: ImageTagChoice;
  report: Report;
  /** File name (in the output directory) → contents. */
  files: Record<SynthOutputFile, string>;
}

/**
 * The image tag `pulumi up` would use: the configured one, else the commit. Outside a git
 * checkout `pulumi up` refuses to guess; synthesis uses a clearly named placeholder instead
 * and the report says so.
 */
export function chooseImageTag(config: Record<string, unknown>, git: GitRunner): ImageTagChoice {
  const configured = config[`${EPHEMERAL_PROJECT_NAME}:imageTag`];
  if (typeof configured === "string") return { tag: configured, source: "config" };
  try {
    return { tag: resolveImageTag(undefined, git), source: "git" };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // "imageTag: not set, and the commit could not be read from git (...). Fix: ..." → the middle.
    const reason = error.message
      .replace(/^imageTag: not set, and /, "")
      .replace(/\s*Fix:[\s\S]*$/, "");
    return { tag: PLACEHOLDER_IMAGE_TAG, source: "placeholder", reason };
  }
}

/**
 * The persistent stack the ephemeral config reads (its `persistentStack`, else the same stack
 * name under the persistent project), checked against the persistent stack being synthesised.
 */
export function persistentStackRead(input: SynthInput): string {
  const region = input.ephemeral.config["aws:region"];
  const { persistentStack } = parseEphemeralConfig(
    projectKeys(input.ephemeral.config, EPHEMERAL_PROJECT_NAME),
    {
      stack: input.ephemeral.stack,
      organization: input.organization,
      region: typeof region === "string" ? region : undefined,
    },
  );
  const synthesised = qualifiedStackName(
    input.organization,
    PERSISTENT_PROJECT_NAME,
    input.persistent.stack,
  );
  if (persistentStack !== synthesised) {
    throw new ConfigError(
      `${input.ephemeral.source} reads persistent stack "${persistentStack}", but the persistent config is for "${synthesised}". ` +
        `Fix: give both projects the same --stack and --org, or set ${EPHEMERAL_PROJECT_NAME}:persistentStack: ${synthesised}.`,
    );
  }
  return persistentStack;
}

/**
 * Runs persistent, then ephemeral against persistent's outputs (exactly as its StackReference
 * would read them), and builds the report. Writes nothing.
 */
export async function synthesize(input: SynthInput): Promise<SynthResult> {
  const persistentStack = persistentStackRead(input);
  const imageTag = chooseImageTag(input.ephemeral.config, input.git ?? realGit);
  const ephemeralConfig =
    imageTag.source === "placeholder"
      ? { ...input.ephemeral.config, [`${EPHEMERAL_PROJECT_NAME}:imageTag`]: imageTag.tag }
      : input.ephemeral.config;

  const persistent = await runPersistentProgram({
    stack: input.persistent.stack,
    organization: input.organization,
    config: input.persistent.config,
  });
  const ephemeral = await runEphemeralProgram({
    stack: input.ephemeral.stack,
    organization: input.organization,
    config: ephemeralConfig,
    stacks: { [persistentStack]: persistent.outputs },
    ...(input.git ? { git: input.git } : {}),
  });

  // Loaded here, not at the top: tests that only run programs skip the report's modules.
  const { buildReport } = await import("../report/report.js");
  const { ephemeralConfigOf } = await import("../report/ephemeral-config.js");
  const { measureImageSize } = await import("../report/image-size.js");
  const config = ephemeralConfigOf(ephemeralConfig, {
    stack: input.ephemeral.stack,
    organization: input.organization,
  });
  const { proveLeastPrivilege } = await import("../iam/proof.js");
  const report = buildReport({
    leastPrivilege: await proveLeastPrivilege(persistent, ephemeral),
    persistent,
    ephemeral,
    ephemeralConfig: config,
    imageSize: measureImageSize(config.cpuArchitecture, { build: false }),
    sources: { persistent: input.persistent.source, ephemeral: input.ephemeral.source },
    imageTag,
    ...(input.schedule ? { schedule: input.schedule } : {}),
  });
  const files: Record<SynthOutputFile, string> = {
    "persistent.json": json(persistent),
    "ephemeral.json": json(ephemeral),
    "report.md": report.markdown,
    "architecture.mmd": report.diagram,
  };
  return { persistent, ephemeral, imageTag, report, files };
}

const json = (graph: Graph) => `${JSON.stringify(graphJson(graph), null, 2)}\n`;

export const README_PATH = path.join(REPO_ROOT, "README.md");

/**
 * Puts the report's generated blocks (the architecture diagram, the cost figures) into a README
 * between their markers, touching nothing else. Returns whether the file changed.
 */
export function updateReadme(report: Report, file = README_PATH): boolean {
  const before = readFileSync(file, "utf8");
  const after = embedGenerated(before, report);
  if (after === before) return false;
  writeFileSync(file, after);
  return true;
}

export { resourceTable };
