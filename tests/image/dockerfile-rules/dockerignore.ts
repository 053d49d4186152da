// .dockerignore: deny everything first, then allow exactly the files the build needs, so new files
// (keys, .env, node_modules) never join the build context. Paths match as Docker matches them.
import { DOCKER_CONTEXT_FILES } from "./build-context";

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

function parseDockerignore(text: string): IgnorePattern[] {
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
