import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { contextFilesCopiedBy, DOCKER_CONTEXT_FILES } from "./dockerfile-rules/build-context";
import { checkDockerignore, isExcludedByDockerignore } from "./dockerfile-rules/dockerignore";
import { checkDockerfile, dockerfileRules } from "./dockerfile-rules/pack";

const imageDir = path.join(__dirname, "..", "..", "image");
const dockerfile = readFileSync(path.join(imageDir, "Dockerfile"), "utf8");
const dockerignore = readFileSync(path.join(imageDir, ".dockerignore"), "utf8");

/**
 * Applies one small edit to the real Dockerfile. The pattern must match exactly once, so a
 * change to the Dockerfile that makes a mutation meaningless fails loudly instead of
 * leaving a test that proves nothing.
 */
function mutate(text: string, pattern: RegExp, replacement: string): string {
  const matches = text.match(new RegExp(pattern.source, `${pattern.flags.replace("g", "")}g`));
  if (matches?.length !== 1) {
    throw new Error(`${String(pattern)} matched ${matches?.length ?? 0} times in image/Dockerfile`);
  }
  return text.replace(pattern, () => replacement);
}

/** Names of the rules that report anything for the given Dockerfile text. */
function rulesViolatedBy(text: string): string[] {
  return Object.entries(dockerfileRules)
    .filter(([, check]) => check(text).length > 0)
    .map(([name]) => name);
}

type Mutation = readonly [rule: string, edit: string, pattern: RegExp, replacement: string];

// Each row is a realistic regression, made by a small edit to the real Dockerfile.
const mutations: readonly Mutation[] = [
  ["base images must be pinned by digest", "the Go image by tag only", /@sha256:[0-9a-f]{64}/, ""],
  [
    "base images must be pinned by digest",
    "COPY --from an unpinned external image",
    /^FROM scratch$/m,
    "FROM scratch\nCOPY --from=busybox:1.36 /bin/busybox /busybox",
  ],
  [
    "final stage must be FROM scratch",
    "runtime built on the builder",
    /^FROM scratch$/m,
    "FROM build",
  ],
  [
    "the Go build must cross-compile from $BUILDPLATFORM",
    "no --platform=$BUILDPLATFORM",
    /--platform=\$BUILDPLATFORM /,
    "",
  ],
  [
    "the Go build must cross-compile from $BUILDPLATFORM",
    "ARG TARGETARCH not declared",
    /^ARG TARGETARCH\n/m,
    "",
  ],
  [
    "the Go build must cross-compile from $BUILDPLATFORM",
    "GOARCH hard-coded",
    /GOARCH=\$TARGETARCH/,
    "GOARCH=amd64",
  ],
  [
    "go build must be static, trimmed and stripped",
    "cgo enabled",
    /CGO_ENABLED=0/,
    "CGO_ENABLED=1",
  ],
  ["go build must be static, trimmed and stripped", "no -trimpath", /-trimpath /, ""],
  ["go build must be static, trimmed and stripped", "symbols kept", /"-s -w"/, '"-w"'],
  ["final stage must run as a numeric non-root USER", "USER root", /^USER .*$/m, "USER root"],
  ["final stage must run as a numeric non-root USER", "USER 0:0", /^USER .*$/m, "USER 0:0"],
  ["final stage must run as a numeric non-root USER", "root group", /^USER .*$/m, "USER 65532:0"],
  ["final stage must run as a numeric non-root USER", "a user name", /^USER .*$/m, "USER nonroot"],
  ["final stage must run as a numeric non-root USER", "no USER at all", /^USER .*\n/m, ""],
  ["final stage must EXPOSE 8080", "another port", /^EXPOSE 8080$/m, "EXPOSE 9090"],
  [
    "ENTRYPOINT must be exec form",
    "shell form",
    /^ENTRYPOINT \["\/gatus"\]$/m,
    "ENTRYPOINT /gatus",
  ],
  [
    "there must be no HEALTHCHECK",
    "a HEALTHCHECK added",
    /^ENTRYPOINT /m,
    'HEALTHCHECK CMD ["/gatus", "--health"]\nENTRYPOINT ',
  ],
  [
    "OCI labels must be present",
    "source label dropped",
    /^\s*org\.opencontainers\.image\.source=.*\n/m,
    "",
  ],
  [
    "CA certificates and zoneinfo must be copied into the final stage",
    "no CA bundle",
    /^COPY --from=build \/etc\/ssl\/certs\/.*\n/m,
    "",
  ],
  [
    "CA certificates and zoneinfo must be copied into the final stage",
    "no zoneinfo",
    /^COPY --from=build \/usr\/share\/zoneinfo .*\n/m,
    "",
  ],
  [
    "the Gatus version must be a pinned release",
    "a branch",
    /^ARG GATUS_VERSION=.*$/m,
    "ARG GATUS_VERSION=master",
  ],
  [
    "the Gatus version must be a pinned release",
    "no default",
    /^ARG GATUS_VERSION=.*$/m,
    "ARG GATUS_VERSION",
  ],
  [
    "the Gatus source must be verified against a pinned commit",
    "an abbreviated commit",
    /^ARG GATUS_COMMIT=.*$/m,
    "ARG GATUS_COMMIT=ed1107b",
  ],
  [
    "the Gatus source must be verified against a pinned commit",
    "the commit check removed",
    / \\\n\s*&& test "\$\(git rev-parse HEAD\)".*$/m,
    "",
  ],
  [
    "the config must be baked at GATUS_CONFIG_PATH",
    "config copied elsewhere",
    /^COPY config\.yaml security\.yaml \/config\/$/m,
    "COPY config.yaml /etc/gatus/config.yaml\nCOPY security.yaml /config/",
  ],
  [
    "the config must be baked at GATUS_CONFIG_PATH",
    "Gatus pointed at the directory: security.yaml read, and empty, without a login",
    /^ENV GATUS_CONFIG_PATH=.*$/m,
    "ENV GATUS_CONFIG_PATH=/config",
  ],
  [
    "security.yaml must sit in the config directory",
    "security.yaml left out",
    /^COPY config\.yaml security\.yaml \/config\/$/m,
    "COPY config.yaml /config/",
  ],
  [
    "security.yaml must sit in the config directory",
    "security.yaml copied elsewhere",
    /^COPY config\.yaml security\.yaml \/config\/$/m,
    "COPY config.yaml /config/\nCOPY security.yaml /etc/gatus/security.yaml",
  ],
  [
    "the config must be baked at GATUS_CONFIG_PATH",
    "GATUS_CONFIG_PATH not set",
    /^ENV GATUS_CONFIG_PATH=.*\n/m,
    "",
  ],
];

describe("image/Dockerfile", () => {
  it("passes every rule", () => {
    expect(checkDockerfile(dockerfile)).toEqual([]);
  });

  it.each(Object.keys(dockerfileRules))("passes: %s", (rule) => {
    expect(dockerfileRules[rule]?.(dockerfile)).toEqual([]);
  });

  it("every rule has at least one failing case below", () => {
    const covered = new Set(mutations.map(([rule]) => rule));
    expect(Object.keys(dockerfileRules).filter((rule) => !covered.has(rule))).toEqual([]);
  });
});

describe("each Dockerfile rule catches its regression, and only that rule does", () => {
  it.each(mutations)("%s (%s)", (rule, _edit, pattern, replacement) => {
    const broken = mutate(dockerfile, pattern, replacement);

    expect(rulesViolatedBy(broken)).toEqual([rule]);
    const findings = checkDockerfile(broken);
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) expect(finding.message.length).toBeGreaterThan(20);
  });
});

describe("image/.dockerignore", () => {
  it("exists under exactly that lower-case name, with no differently-cased twin", () => {
    const entries = readdirSync(imageDir);
    expect(entries).toContain(".dockerignore");
    const twins = entries.filter(
      (entry) => entry.toLowerCase() === ".dockerignore" && entry !== ".dockerignore",
    );
    expect(twins).toEqual([]);
  });

  it("denies everything and allows only the files the build needs", () => {
    expect(checkDockerignore(dockerignore)).toEqual([]);
  });

  it.each(["README.md", ".env", "node_modules/x/index.js", "secrets/key.pem", "Pulumi.yaml"])(
    "keeps %s out of the build context",
    (file) => {
      expect(isExcludedByDockerignore(dockerignore, file)).toBe(true);
    },
  );

  it("allows every context file the Dockerfile COPYs, and each one exists", () => {
    const copied = contextFilesCopiedBy(dockerfile);
    expect(copied).toContain("config.yaml");
    for (const file of copied) {
      expect(isExcludedByDockerignore(dockerignore, file), file).toBe(false);
      expect(existsSync(path.join(imageDir, file)), file).toBe(true);
    }
  });

  it("the allow-list is exactly what the Dockerfile reads (plus the Dockerfile)", () => {
    const needed = new Set(["Dockerfile", ...contextFilesCopiedBy(dockerfile)]);
    expect([...needed].sort()).toEqual([...DOCKER_CONTEXT_FILES].sort());
  });
});

describe("checkDockerignore can fail", () => {
  it.each([
    ["no deny-all first", "node_modules\n!Dockerfile\n!config.yaml\n", "first pattern"],
    ["empty file", "", "first pattern"],
    ["config.yaml not allowed", "*\n!Dockerfile\n", "excludes config.yaml"],
    ["an extra allow", "*\n!Dockerfile\n!config.yaml\n!*.pem\n", "allows *.pem"],
  ])("%s", (_case, text, expected) => {
    const findings = checkDockerignore(text);
    expect(findings.join("\n")).toContain(expected);
  });

  it("applies the last matching pattern, as Docker does", () => {
    expect(isExcludedByDockerignore("*\n!config.yaml\n", "config.yaml")).toBe(false);
    expect(isExcludedByDockerignore("!config.yaml\n*\n", "config.yaml")).toBe(true);
    expect(isExcludedByDockerignore("secrets\n", "secrets/key.pem")).toBe(true);
    expect(isExcludedByDockerignore("**/*.pem\n", "a/b/key.pem")).toBe(true);
  });
});
