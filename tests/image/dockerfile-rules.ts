// Guardrails for image/Dockerfile, in the cdk-nag style: one invariant per rule, each a pure
// function over the Dockerfile text that returns findings (what is wrong, where, and why it
// matters). An empty list means the rule holds. The same functions back the tests and can
// back a CI check.
import {
  Arg,
  Copy,
  DockerfileParser,
  Entrypoint,
  Env,
  From,
  Healthcheck,
  Instruction,
  Label,
  Run,
  User,
} from "dockerfile-ast";

/** The port Gatus listens on (`web.port` in image/config.yaml); the ALB forwards to it. */
export const GATUS_PORT = 8080;

/** Where the config is baked and where GATUS_CONFIG_PATH must point. */
export const GATUS_CONFIG_PATH = "/config/config.yaml";

/** The only files the build context needs; everything else stays out of it. */
export const DOCKER_CONTEXT_FILES: readonly string[] = ["Dockerfile", "config.yaml"];

/** OCI annotations every published image carries (registry UIs and scanners read them). */
export const REQUIRED_OCI_LABELS: readonly string[] = [
  "org.opencontainers.image.source",
  "org.opencontainers.image.version",
  "org.opencontainers.image.licenses",
  "org.opencontainers.image.title",
  "org.opencontainers.image.description",
];

const CA_BUNDLE_PATH = "/etc/ssl/certs/ca-certificates.crt";
const ZONEINFO_PATH = "/usr/share/zoneinfo";
const SHA256_DIGEST = /^sha256:[0-9a-f]{64}$/;
const RELEASE_TAG = /^v\d+\.\d+\.\d+$/;
const GIT_COMMIT = /^[0-9a-f]{40}$/;

/** One build stage: its FROM and every instruction up to the next FROM. */
export interface Stage {
  readonly from: From;
  readonly name: string | null;
  readonly instructions: readonly Instruction[];
}

/** A Dockerfile split into its global ARGs (before the first FROM) and its stages. */
export interface ParsedDockerfile {
  readonly globalArgs: readonly Arg[];
  readonly stages: readonly Stage[];
}

/** A rule returns one message per violation; none means the invariant holds. */
export type DockerfileRule = (dockerfileText: string) => string[];

/** A finding from `checkDockerfile`, tagged with the rule that produced it. */
export interface RuleFinding {
  readonly rule: string;
  readonly message: string;
}

export function parseDockerfile(text: string): ParsedDockerfile {
  const globalArgs: Arg[] = [];
  const stages: { from: From; name: string | null; instructions: Instruction[] }[] = [];
  for (const instruction of DockerfileParser.parse(text).getInstructions()) {
    if (instruction instanceof From) {
      stages.push({ from: instruction, name: instruction.getBuildStage(), instructions: [] });
    } else if (stages.length === 0) {
      if (instruction instanceof Arg) globalArgs.push(instruction);
    } else {
      stages[stages.length - 1]?.instructions.push(instruction);
    }
  }
  return { globalArgs, stages };
}

// ---- helpers -----------------------------------------------------------------------------

/** 1-based line number, as an editor shows it. */
function lineOf(instruction: Instruction): number {
  return instruction.getRange().start.line + 1;
}

function finalStage(dockerfile: ParsedDockerfile): Stage | undefined {
  return dockerfile.stages[dockerfile.stages.length - 1];
}

function instructionsOf<T extends Instruction>(
  stage: Stage,
  kind: abstract new (...args: never[]) => T,
): T[] {
  return stage.instructions.filter((instruction): instruction is T => instruction instanceof kind);
}

function keywordIn(stage: Stage, keyword: string): Instruction[] {
  return stage.instructions.filter((instruction) => instruction.getKeyword() === keyword);
}

function runText(run: Instruction): string {
  return run.getArgumentsContent() ?? "";
}

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

function argDeclarations(args: readonly Arg[]): { name: string; value: string | null }[] {
  return args.flatMap((arg) =>
    arg.getProperties().map((property) => ({
      name: property.getName(),
      value: property.getValue(),
    })),
  );
}

function allArgDeclarations(dockerfile: ParsedDockerfile) {
  const stageArgs = dockerfile.stages.flatMap((stage) => instructionsOf(stage, Arg));
  return argDeclarations([...dockerfile.globalArgs, ...stageArgs]);
}

/** Defaults given to a build argument anywhere in the file (global or per stage). */
function argDefaults(dockerfile: ParsedDockerfile, name: string): string[] {
  return allArgDeclarations(dockerfile)
    .filter((declaration) => declaration.name === name && declaration.value !== null)
    .map((declaration) => declaration.value ?? "");
}

function copyDestination(copy: Copy): string | undefined {
  const json = copy.getJSONStrings();
  if (json.length > 0) return json[json.length - 1]?.getJSONValue();
  const args = copy.getArguments();
  return args[args.length - 1]?.getValue();
}

function copySources(copy: Copy): string[] {
  const json = copy.getJSONStrings();
  if (json.length > 0) return json.slice(0, -1).map((argument) => argument.getJSONValue());
  return copy
    .getArguments()
    .slice(0, -1)
    .map((argument) => argument.getValue());
}

function withoutTrailingSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, "") : path;
}

/** The last value a stage gives an ENV key, or undefined if it never sets it. */
function envValue(stage: Stage, key: string): string | null | undefined {
  const properties = instructionsOf(stage, Env).flatMap((env) => env.getProperties());
  const matching = properties.filter((property) => property.getName() === key);
  return matching.length === 0 ? undefined : matching[matching.length - 1]?.getValue();
}

// ---- rules -------------------------------------------------------------------------------

/** Every external image (FROM and COPY --from) is pinned by an immutable sha256 digest. */
export function baseImagesPinnedByDigest(dockerfileText: string): string[] {
  const dockerfile = parseDockerfile(dockerfileText);
  const stageNames = new Set<string>();
  const findings: string[] = [];
  const isLocal = (image: string) =>
    image === "scratch" || stageNames.has(image.toLowerCase()) || /^\d+$/.test(image);
  const requireDigest = (image: string, digest: string | null, where: Instruction) => {
    if (digest === null || !SHA256_DIGEST.test(digest)) {
      findings.push(
        `line ${lineOf(where)}: ${image} is not pinned by digest; a tag can be re-pushed, so the ` +
          `same commit could build from different bits. Append @sha256:<index digest>.`,
      );
    }
  };
  for (const stage of dockerfile.stages) {
    const image = stage.from.getImage() ?? "";
    if (!isLocal(image)) requireDigest(image, stage.from.getImageDigest(), stage.from);
    for (const copy of instructionsOf(stage, Copy)) {
      const source = copy.getFromFlag()?.getValue();
      if (source && !isLocal(source)) {
        requireDigest(source, /@(sha256:.*)$/.exec(source)?.[1] ?? null, copy);
      }
    }
    if (stage.name !== null) stageNames.add(stage.name.toLowerCase());
  }
  return findings;
}

/** The runtime image is `FROM scratch`: no shell, no package manager, no OS CVEs. */
export function finalStageIsScratch(dockerfileText: string): string[] {
  const stage = finalStage(parseDockerfile(dockerfileText));
  if (stage === undefined) return ["the Dockerfile has no FROM instruction"];
  const image = stage.from.getImage();
  if (image === "scratch") return [];
  return [
    `line ${lineOf(stage.from)}: the final stage is FROM ${image ?? "(nothing)"}, not scratch; ` +
      `every file in a base image is attack surface and scanner noise the static Gatus binary ` +
      `does not need.`,
  ];
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

/** The final stage ends with a numeric, non-root `USER uid[:gid]`. */
export function finalStageRunsAsNumericNonRootUser(dockerfileText: string): string[] {
  const stage = finalStage(parseDockerfile(dockerfileText));
  if (stage === undefined) return ["the Dockerfile has no FROM instruction"];
  const users = instructionsOf(stage, User);
  const user = users[users.length - 1];
  if (user === undefined) {
    return [
      "the final stage sets no USER, so Gatus runs as root (UID 0); a compromise of the " +
        "process would be a root compromise of the container.",
    ];
  }
  const value = user.getArgumentsContent() ?? "";
  const numeric = /^(\d+)(?::(\d+))?$/.exec(value);
  if (numeric === null) {
    return [
      `line ${lineOf(user)}: USER ${value} is not numeric; scratch has no /etc/passwd to resolve ` +
        `names, and ECS/Kubernetes can only prove non-root from a numeric UID.`,
    ];
  }
  const [, uid, gid] = numeric;
  if (Number(uid) === 0 || (gid !== undefined && Number(gid) === 0)) {
    return [`line ${lineOf(user)}: USER ${value} is root (UID or GID 0); use 65532:65532.`];
  }
  return [];
}

/** The final stage documents Gatus's port with `EXPOSE 8080`. */
export function exposesGatusPort(dockerfileText: string): string[] {
  const stage = finalStage(parseDockerfile(dockerfileText));
  if (stage === undefined) return ["the Dockerfile has no FROM instruction"];
  const ports = keywordIn(stage, "EXPOSE").flatMap((expose) =>
    expose.getArguments().map((argument) => argument.getValue()),
  );
  if (ports.includes(String(GATUS_PORT)) || ports.includes(`${GATUS_PORT}/tcp`)) return [];
  return [
    `the final stage does not EXPOSE ${GATUS_PORT} (found: ${ports.join(", ") || "none"}); it ` +
      `is the port Gatus serves and the ALB target group forwards to.`,
  ];
}

/** ENTRYPOINT is exec form, so Gatus is PID 1 and receives SIGTERM from ECS. */
export function entrypointIsExecForm(dockerfileText: string): string[] {
  const stage = finalStage(parseDockerfile(dockerfileText));
  if (stage === undefined) return ["the Dockerfile has no FROM instruction"];
  const entrypoints = instructionsOf(stage, Entrypoint);
  const entrypoint = entrypoints[entrypoints.length - 1];
  if (entrypoint === undefined) return ["the final stage has no ENTRYPOINT"];
  const isJsonArray =
    entrypoint.getOpeningBracket() !== null &&
    entrypoint.getClosingBracket() !== null &&
    entrypoint.getJSONStrings().length > 0;
  if (isJsonArray) return [];
  return [
    `line ${lineOf(entrypoint)}: ENTRYPOINT is shell form; that needs /bin/sh (absent in ` +
      `scratch) and would keep SIGTERM from reaching Gatus. Write ENTRYPOINT ["/gatus"].`,
  ];
}

/** No HEALTHCHECK: scratch has no shell or curl to run one; the ALB and the pipeline check. */
export function noHealthcheck(dockerfileText: string): string[] {
  const dockerfile = parseDockerfile(dockerfileText);
  return dockerfile.stages
    .flatMap((stage) => instructionsOf(stage, Healthcheck))
    .filter((healthcheck) => healthcheck.getArguments()[0]?.getValue().toUpperCase() !== "NONE")
    .map(
      (healthcheck) =>
        `line ${lineOf(healthcheck)}: HEALTHCHECK in a scratch image has nothing to run (no ` +
        `shell, no curl) and ECS ignores image health checks; health is the ALB target ` +
        `group's /health probe and the CD pipeline's job.`,
    );
}

/** The final stage carries the OCI labels scanners and registries read. */
export function ociLabelsPresent(dockerfileText: string): string[] {
  const stage = finalStage(parseDockerfile(dockerfileText));
  if (stage === undefined) return ["the Dockerfile has no FROM instruction"];
  const labels = new Map(
    instructionsOf(stage, Label)
      .flatMap((label) => label.getProperties())
      .map((property) => [property.getName(), property.getValue() ?? ""]),
  );
  const missing = REQUIRED_OCI_LABELS.filter((key) => (labels.get(key) ?? "").trim() === "");
  if (missing.length === 0) return [];
  return [
    `the final stage lacks OCI label(s) ${missing.join(", ")}; without them nobody can tell ` +
      `from the registry which Gatus version, source and licence an image holds.`,
  ];
}

/** The CA bundle (TLS probes) and the time zone database are in the final image. */
export function caCertsAndZoneinfoCopied(dockerfileText: string): string[] {
  const stage = finalStage(parseDockerfile(dockerfileText));
  if (stage === undefined) return ["the Dockerfile has no FROM instruction"];
  const destinations = instructionsOf(stage, Copy).map((copy) =>
    withoutTrailingSlash(copyDestination(copy) ?? ""),
  );
  const findings: string[] = [];
  if (!destinations.some((dest) => dest === CA_BUNDLE_PATH || dest === "/etc/ssl/certs")) {
    findings.push(
      `the final stage does not copy ${CA_BUNDLE_PATH}; scratch has no CA roots, so every ` +
        `HTTPS probe would fail with "certificate signed by unknown authority".`,
    );
  }
  if (!destinations.includes(ZONEINFO_PATH)) {
    findings.push(
      `the final stage does not copy ${ZONEINFO_PATH}; scratch has no time zone database, so ` +
        `TZ and maintenance-window time zones depend on whatever data the binary happens to embed.`,
    );
  }
  return findings;
}

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

/** config.yaml is baked at GATUS_CONFIG_PATH and the ENV points Gatus at it. */
export function configBakedAtConfigPath(dockerfileText: string): string[] {
  const stage = finalStage(parseDockerfile(dockerfileText));
  if (stage === undefined) return ["the Dockerfile has no FROM instruction"];
  const findings: string[] = [];
  const bakesConfig = instructionsOf(stage, Copy).some(
    (copy) =>
      copy.getFromFlag() === null &&
      copySources(copy).includes("config.yaml") &&
      copyDestination(copy) === GATUS_CONFIG_PATH,
  );
  if (!bakesConfig) {
    findings.push(
      `the final stage does not COPY config.yaml to ${GATUS_CONFIG_PATH}; Gatus would start ` +
        `with no endpoints (or fail), and the config would not be versioned with the image.`,
    );
  }
  const configPath = envValue(stage, "GATUS_CONFIG_PATH");
  if (configPath !== GATUS_CONFIG_PATH) {
    findings.push(
      `ENV GATUS_CONFIG_PATH is ${configPath ?? "unset"}, expected ${GATUS_CONFIG_PATH}; say ` +
        `explicitly which file Gatus reads rather than rely on its relative default.`,
    );
  }
  return findings;
}

/** Every rule, keyed by the invariant it enforces (the names tests and reports use). */
export const dockerfileRules: Readonly<Record<string, DockerfileRule>> = {
  "base images must be pinned by digest": baseImagesPinnedByDigest,
  "final stage must be FROM scratch": finalStageIsScratch,
  "the Go build must cross-compile from $BUILDPLATFORM": builderCrossCompiles,
  "go build must be static, trimmed and stripped": goBuildIsStaticAndStripped,
  "final stage must run as a numeric non-root USER": finalStageRunsAsNumericNonRootUser,
  "final stage must EXPOSE 8080": exposesGatusPort,
  "ENTRYPOINT must be exec form": entrypointIsExecForm,
  "there must be no HEALTHCHECK": noHealthcheck,
  "OCI labels must be present": ociLabelsPresent,
  "CA certificates and zoneinfo must be copied into the final stage": caCertsAndZoneinfoCopied,
  "the Gatus version must be a pinned release": gatusVersionPinned,
  "the Gatus source must be verified against a pinned commit": gatusSourceVerifiedAgainstCommit,
  "the config must be baked at GATUS_CONFIG_PATH": configBakedAtConfigPath,
};

/** Runs every rule; an empty result means the Dockerfile meets all of them. */
export function checkDockerfile(dockerfileText: string): RuleFinding[] {
  return Object.entries(dockerfileRules).flatMap(([rule, check]) =>
    check(dockerfileText).map((message) => ({ rule, message })),
  );
}

// ---- build context -----------------------------------------------------------------------

/** Context paths the Dockerfile reads: sources of COPY/ADD without --from. */
export function contextFilesCopiedBy(dockerfileText: string): string[] {
  const dockerfile = parseDockerfile(dockerfileText);
  const copies = dockerfile.stages.flatMap((stage) =>
    stage.instructions.filter(
      (instruction): instruction is Copy =>
        instruction instanceof Copy && instruction.getFromFlag() === null,
    ),
  );
  const adds = dockerfile.stages.flatMap((stage) => keywordIn(stage, "ADD"));
  const addSources = adds.flatMap((add) =>
    add
      .getArguments()
      .slice(0, -1)
      .map((argument) => argument.getValue())
      .filter((source) => !source.startsWith("--")),
  );
  return [...copies.flatMap(copySources), ...addSources];
}

interface IgnorePattern {
  readonly allow: boolean;
  readonly pattern: string;
  readonly matcher: RegExp;
}

function cleanPattern(pattern: string): string {
  return pattern.replace(/^(\.\/|\/)+/, "").replace(/\/+$/, "");
}

/** .dockerignore globs: `*` and `?` stay within one path segment, `**` spans segments. */
function globToRegExp(glob: string): RegExp {
  let source = "";
  for (let index = 0; index < glob.length; index++) {
    const char = glob.charAt(index);
    if (char === "*" && glob.charAt(index + 1) === "*") {
      source += ".*";
      index += glob.charAt(index + 2) === "/" ? 2 : 1;
    } else if (char === "*") {
      source += "[^/]*";
    } else if (char === "?") {
      source += "[^/]";
    } else {
      source += char.replace(/[.+^${}()|[\]\\]/g, "\\$&");
    }
  }
  return new RegExp(`^${source}$`);
}

export function parseDockerignore(text: string): IgnorePattern[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith("#"))
    .map((line) => {
      const allow = line.startsWith("!");
      const pattern = cleanPattern(allow ? line.slice(1).trim() : line);
      return { allow, pattern, matcher: globToRegExp(pattern) };
    });
}

/** A path or any of its parent directories matching a pattern counts, as in Docker. */
function matchesPathOrParent(matcher: RegExp, path: string): boolean {
  const segments = cleanPattern(path).split("/");
  return segments.some((_, index) => matcher.test(segments.slice(0, index + 1).join("/")));
}

/** Docker's rule: the last pattern that matches a path decides whether it is excluded. */
export function isExcludedByDockerignore(dockerignoreText: string, path: string): boolean {
  let excluded = false;
  for (const { allow, matcher } of parseDockerignore(dockerignoreText)) {
    if (matchesPathOrParent(matcher, path)) excluded = !allow;
  }
  return excluded;
}

/** Deny everything first, then allow exactly the files the build needs. */
export function checkDockerignore(
  dockerignoreText: string,
  neededFiles: readonly string[] = DOCKER_CONTEXT_FILES,
): string[] {
  const patterns = parseDockerignore(dockerignoreText);
  const findings: string[] = [];
  const first = patterns[0];
  if (first === undefined || first.allow || first.pattern !== "*") {
    findings.push(
      "the first pattern must be `*` (deny everything); otherwise new files (keys, .env, " +
        "node_modules) silently join the build context.",
    );
  }
  const extraAllows = patterns
    .filter((entry) => entry.allow && !neededFiles.includes(entry.pattern))
    .map((entry) => entry.pattern);
  if (extraAllows.length > 0) {
    findings.push(
      `it allows ${extraAllows.join(", ")}, which the build does not need; keep the context ` +
        `to ${neededFiles.join(", ")}.`,
    );
  }
  for (const file of neededFiles) {
    if (isExcludedByDockerignore(dockerignoreText, file)) {
      findings.push(`it excludes ${file}, which the build needs; add !${file} after \`*\`.`);
    }
  }
  return findings;
}
