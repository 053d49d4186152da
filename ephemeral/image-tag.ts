import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { ConfigError, reasonOf } from "../persistent/lib/stack-config";

/** Runs git with the given arguments in the repository and returns its stdout. */
export type GitRunner = (args: string[]) => string;

export const IMAGE_DIR = path.resolve(__dirname, "..", "image");

export const realGit: GitRunner = (args) =>
  execFileSync("git", args, {
    cwd: IMAGE_DIR,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });

/**
 * The image tag for this deployment: the configured override, else the commit SHA. When the
 * build context (image/) has uncommitted changes the image would not be the commit's, so the
 * tag becomes `<sha>-dirty-<content hash>`: a dirty tree never pushes under a clean commit's
 * tag, and the same dirty content maps to the same tag (ECR tags are immutable).
 */
export function resolveImageTag(override: string | undefined, git: GitRunner = realGit): string {
  if (override !== undefined) return override;
  let sha: string;
  let changes: string;
  try {
    sha = git(["rev-parse", "HEAD"]).trim();
    changes = git(["status", "--porcelain", "--untracked-files=all", "--", "."]).trim();
  } catch (err) {
    throw new ConfigError(
      `imageTag: not set, and the commit could not be read from git (${reasonOf(err)}). ` +
        "Fix: run from a git checkout, or pulumi config set imageTag <an existing tag>.",
    );
  }
  if (!/^[0-9a-f]{40}$/.test(sha))
    throw new ConfigError(`imageTag: git returned "${sha}" as the commit, not a SHA.`);
  if (changes === "") return sha;
  return `${sha}-dirty-${contextHash(changes)}`;
}

// Hashes the changed files' contents (and their status lines, so deletions count too).
function contextHash(statusLines: string): string {
  const hash = createHash("sha256").update(statusLines);
  for (const line of statusLines.split("\n")) {
    const file = line.slice(3).trim().split(" -> ").pop();
    if (file === undefined || file === "") continue;
    try {
      hash.update(readFileSync(path.join(IMAGE_DIR, path.relative("image", file))));
    } catch {
      // Deleted file: its status line is already in the hash.
    }
  }
  return hash.digest("hex").slice(0, 12);
}
