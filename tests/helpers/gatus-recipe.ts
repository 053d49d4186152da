// How image/Dockerfile builds Gatus (version, commit, `go build` environment and flags), read
// from the Dockerfile itself: the binary the tests run and measure is built the way the image's
// is, and a bump or a flag change in the Dockerfile reaches the tests with no second copy.
import { Run } from "dockerfile-ast";
import { parseDockerfile } from "../image/dockerfile-rules/parse";
import { argDefaults, instructionsOf, lineOf, runText } from "../image/dockerfile-rules/queries";

/** GOARCH values of the task architectures ephemeral/config.ts accepts. */
export const GOARCH_OF = { ARM64: "arm64", X86_64: "amd64" } as const;
export type GoArch = (typeof GOARCH_OF)[keyof typeof GOARCH_OF];

export interface GatusRecipe {
  /** Release tag, e.g. v5.36.0 (ARG GATUS_VERSION). */
  version: string;
  /** The commit the tag must point at (ARG GATUS_COMMIT). */
  commit: string;
  /** Go module path of that release: github.com/TwiN/gatus/v5 for any v5.x.y. */
  module: string;
  /** `NAME=value` before `go build`, TARGETOS/TARGETARCH still unresolved. */
  env: Record<string, string>;
  /** What follows `go build` up to `-o`, e.g. ["-trimpath", "-ldflags", "-s -w"]. */
  flags: string[];
  /** The package built (`.`: Gatus's main package at the module root). */
  pkg: string;
}

/** Reads the recipe; throws, naming the line, when the Dockerfile no longer reads as expected. */
export function gatusRecipe(dockerfileText: string): GatusRecipe {
  const dockerfile = parseDockerfile(dockerfileText);
  const version = single(argDefaults(dockerfile, "GATUS_VERSION"), "ARG GATUS_VERSION");
  const commit = single(argDefaults(dockerfile, "GATUS_COMMIT"), "ARG GATUS_COMMIT");
  const major = /^v(\d+)\.\d+\.\d+$/.exec(version)?.[1];
  if (major === undefined) throw new Error(`ARG GATUS_VERSION=${version} is not a vX.Y.Z tag`);
  const runs = dockerfile.stages
    .flatMap((stage) => instructionsOf(stage, Run))
    .filter((run) => /\bgo\s+build\b/.test(runText(run)));
  const run = runs[0];
  if (run === undefined || runs.length > 1) {
    throw new Error(`image/Dockerfile has ${runs.length} RUN with \`go build\`; expected one`);
  }
  return {
    version,
    commit,
    module: `github.com/TwiN/gatus${Number(major) >= 2 ? `/v${major}` : ""}`,
    ...goBuildCommand(runText(run), lineOf(run)),
  };
}

/** The environment `go build` gets for a target, TARGETOS/TARGETARCH resolved as BuildKit does. */
export function resolvedEnv(recipe: GatusRecipe, goarch: GoArch): Record<string, string> {
  const target: Record<string, string> = { TARGETOS: "linux", TARGETARCH: goarch };
  return Object.fromEntries(
    Object.entries(recipe.env).map(([name, value]) => [
      name,
      value.replace(/\$\{?(TARGETOS|TARGETARCH)\}?/g, (_m, v: string) => target[v] ?? ""),
    ]),
  );
}

/** `A=1 B=2 go build <flags> -o <out> <pkg>`, one simple command: anything else is refused. */
function goBuildCommand(text: string, line: number): Pick<GatusRecipe, "env" | "flags" | "pkg"> {
  const words = shellWords(text.replace(/\\\r?\n/g, " "));
  const refuse = (why: string) =>
    new Error(
      `image/Dockerfile line ${line}: cannot read the go build command (${why}); ` +
        "tests/helpers/gatus-recipe.ts reads `NAME=value ... go build <flags> -o <out> <package>`",
    );
  const go = words.indexOf("go");
  if (go < 0 || words[go + 1] !== "build") throw refuse("no `go build`");
  const env: Record<string, string> = {};
  for (const word of words.slice(0, go)) {
    const assignment = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(word);
    if (assignment?.[1] === undefined) throw refuse(`${JSON.stringify(word)} before go`);
    env[assignment[1]] = assignment[2] ?? "";
  }
  const rest = words.slice(go + 2);
  const output = rest.indexOf("-o");
  const pkg = rest[output + 2];
  if (output < 0 || pkg === undefined || rest.length !== output + 3) {
    throw refuse("expected `-o <out> <package>` at the end");
  }
  if (rest.some((word) => /[;&|$`]/.test(word))) throw refuse("a shell operator or variable");
  return { env, flags: rest.slice(0, output), pkg };
}

/** Splits like a POSIX shell for the cases a Dockerfile RUN needs: spaces, "…" and '…'. */
function shellWords(text: string): string[] {
  const words: string[] = [];
  for (const match of text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) {
    words.push(match[1] ?? match[2] ?? match[3] ?? "");
  }
  return words;
}

function single(values: string[], what: string): string {
  const [value] = values;
  if (value === undefined || values.length > 1) {
    throw new Error(`image/Dockerfile must give ${what} exactly one default`);
  }
  return value;
}
