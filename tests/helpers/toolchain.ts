import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../engine/example-config";

/**
 * Tools some tests need beyond Node.js (ShellCheck from PyPI, Gatus built with Go, ...). Each is
 * installed by the tests themselves into the git-ignored `.tools/`, once per machine, from
 * pinned sources. Where the toolchain that installs it is missing (a laptop without Python,
 * say) the tests that need the tool are skipped and say why, except under `CI=true`: there a
 * missing tool fails the run, because a CI that skips work proves nothing.
 */

export type Tool = { path: string; skip?: undefined } | { path?: undefined; skip: string };

export const TOOLS_DIR = path.join(REPO_ROOT, ".tools");

export const onCi = () => process.env.CI === "true";

/**
 * A tool that cannot be had here: skipped with the reason, or under `CI=true` an error.
 * `process.env.CI` is read at call time so that tests can exercise both sides.
 */
export function unavailable(what: string, fix: string): Tool {
  if (onCi()) {
    throw new Error(`CI=true and ${what}: under CI no test may skip. ${fix}`);
  }
  const skip = `${what} (${fix})`;
  console.warn(`skipped: ${skip}`);
  return { skip };
}

/** The first command on PATH that answers `--version`, if any. */
export function onPath(...commands: string[]): string | undefined {
  return commands.find((command) => {
    try {
      execFileSync(command, ["--version"], { stdio: "ignore", timeout: 10_000 });
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Builds `dir` with `build(tmp)` unless it exists. The work happens in a temporary sibling that
 * is renamed into place, so a failed install never leaves half a tool behind; a lock makes
 * concurrent test workers wait for the one that builds instead of building the same tool twice
 * (a Gatus build takes minutes).
 */
export function installOnce(dir: string, build: (tmp: string) => void): void {
  if (existsSync(dir)) return;
  mkdirSync(path.dirname(dir), { recursive: true });
  const lock = `${dir}.lock`;
  if (!takeLock(lock)) {
    waitForLock(lock, dir);
    if (existsSync(dir)) return;
    // The holder gave up (or died); try ourselves.
    installOnce(dir, build);
    return;
  }
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  try {
    build(tmp);
    renameSync(tmp, dir);
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(dir)) throw error;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** mkdir is atomic: whoever creates the directory holds the lock; its pid tells if it still lives. */
function takeLock(lock: string): boolean {
  try {
    mkdirSync(lock);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    if (holderAlive(lock)) return false;
    rmSync(lock, { recursive: true, force: true });
    return takeLock(lock);
  }
  writeFileSync(path.join(lock, "pid"), String(process.pid));
  return true;
}

function holderAlive(lock: string): boolean {
  let text = "";
  try {
    text = readFileSync(path.join(lock, "pid"), "utf8");
  } catch {
    // Not written yet; judged below.
  }
  const pid = Number(text);
  if (!Number.isInteger(pid) || pid <= 0) {
    // Just created, pid not written yet: alive unless that was long ago.
    const created = statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
    return created !== undefined && Date.now() - created < 10_000;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

const LOCK_WAIT_MS = 30 * 60_000;

/** Blocks (tests install synchronously) until the holder is done, gone, or 30 minutes passed. */
function waitForLock(lock: string, dir: string): void {
  const until = Date.now() + LOCK_WAIT_MS;
  while (existsSync(lock) && !existsSync(dir) && holderAlive(lock)) {
    if (Date.now() > until) {
      throw new Error(`waited 30 minutes for another install of ${dir}; remove ${lock} if stale`);
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
  }
}

/** The first line of a failed command's stderr, else of the error: the part worth showing. */
export function firstLine(error: unknown): string {
  const stderr = (error as { stderr?: Buffer | string }).stderr?.toString().trim();
  const text =
    stderr !== undefined && stderr !== ""
      ? stderr
      : error instanceof Error
        ? error.message
        : String(error);
  return text.split("\n")[0] ?? "";
}
