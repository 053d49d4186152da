import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
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
const PYTHON_REQUIREMENTS = path.join(REPO_ROOT, ".ci", "python-tools.txt");

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
 * is renamed into place, so a failed or concurrent install never leaves half a tool behind.
 */
export function installOnce(dir: string, build: (tmp: string) => void): void {
  if (existsSync(dir)) return;
  mkdirSync(path.dirname(dir), { recursive: true });
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  try {
    build(tmp);
    renameSync(tmp, dir);
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    // Another test process may have finished the same install first.
    if (!existsSync(dir)) throw error;
  }
}

/**
 * An executable from a package in `.ci/python-tools.txt`, installed with pip (hashes required)
 * into `.tools/python-<hash of that file>/`, so changing a pin installs afresh.
 */
export function pythonTool(executable: string): Tool {
  const requirements = readFileSync(PYTHON_REQUIREMENTS);
  const version = createHash("sha256").update(requirements).digest("hex").slice(0, 12);
  const dir = path.join(TOOLS_DIR, `python-${version}`);
  const bin = path.join(dir, "bin", executable);
  if (!existsSync(bin)) {
    const python = onPath("python3", "python");
    if (python === undefined) {
      return unavailable(
        `${executable} needs Python 3 with pip, and neither python3 nor python is on PATH`,
        "install Python 3, then run npm test again",
      );
    }
    installOnce(dir, (tmp) =>
      execFileSync(
        python,
        [
          "-m",
          "pip",
          "install",
          "--quiet",
          "--disable-pip-version-check",
          "--require-hashes",
          "--no-deps",
          "--target",
          tmp,
          "-r",
          PYTHON_REQUIREMENTS,
        ],
        { stdio: ["ignore", "ignore", "pipe"], timeout: 300_000 },
      ),
    );
    if (!existsSync(bin)) throw new Error(`pip installed ${dir} but it has no bin/${executable}`);
  }
  return { path: bin };
}
