import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { gzipSync } from "node:zlib";
import { REPO_ROOT } from "../engine/example-config";
import { type GatusRecipe, type GoArch, gatusRecipe, resolvedEnv } from "./gatus-recipe";

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

/** `go`, if one answers on PATH; the version it reports, e.g. go1.26.8. */
export function goTool(): Tool & { version?: string } {
  try {
    const version = execFileSync("go", ["env", "GOVERSION"], {
      encoding: "utf8",
      timeout: 30_000,
    }).trim();
    return { path: "go", version };
  } catch {
    return unavailable(
      "building Gatus needs Go, and no go answers on PATH",
      "install Go from https://go.dev/dl/ (at least the go version in the pinned Gatus go.mod), then run again",
    );
  }
}

const DOCKERFILE = path.join(REPO_ROOT, "image", "Dockerfile");

/** How image/Dockerfile builds Gatus: version, commit, go build environment and flags. */
export function dockerfileGatusRecipe(): GatusRecipe {
  return gatusRecipe(readFileSync(DOCKERFILE, "utf8"));
}

/**
 * Go's environment for Gatus: exactly the Go on PATH (GOTOOLCHAIN=local, as the Dockerfile sets),
 * modules from the configured proxy, no workspace and no GOFLAGS of the user's that the
 * Dockerfile's clean builder would not have.
 */
function goEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GOTOOLCHAIN: "local",
    GOWORK: "off",
    GOFLAGS: "-mod=readonly",
    ...extra,
  };
}

/** Gatus's source at the Dockerfile's version, from the Go module proxy into the module cache. */
export function gatusSource(): Tool {
  const go = goTool();
  if (go.skip !== undefined) return go;
  const recipe = dockerfileGatusRecipe();
  let info: { Dir?: string; GoMod?: string; Origin?: { Hash?: string } };
  try {
    const out = execFileSync(
      "go",
      ["mod", "download", "-json", `${recipe.module}@${recipe.version}`],
      // Outside any module, so no go.mod nearby changes what is resolved.
      { cwd: tmpdir(), env: goEnv({ GOFLAGS: "" }), encoding: "utf8", timeout: 600_000 },
    );
    info = JSON.parse(out) as typeof info;
  } catch (error) {
    return unavailable(
      `downloading ${recipe.module}@${recipe.version} failed: ${firstLine(error)}`,
      "check access to the Go module proxy (GOPROXY), then run npm test again",
    );
  }
  const origin = info.Origin?.Hash;
  if (origin !== undefined && origin !== recipe.commit) {
    throw new Error(
      `${recipe.module}@${recipe.version} is commit ${origin}, not GATUS_COMMIT ${recipe.commit} ` +
        "(image/Dockerfile): the tag moved or the pin is wrong; check the release before building",
    );
  }
  if (info.Dir === undefined || info.GoMod === undefined) {
    throw new Error("go mod download -json reported no Dir or GoMod");
  }
  const needed = /^go (\S+)$/m.exec(readFileSync(info.GoMod, "utf8"))?.[1];
  if (needed !== undefined && go.version !== undefined && olderGo(go.version, needed)) {
    return unavailable(
      `Gatus ${recipe.version} needs Go ${needed} or newer (its go.mod), and go on PATH is ${go.version}`,
      `install Go ${needed} or newer, then run npm test again`,
    );
  }
  return { path: info.Dir };
}

/**
 * The Gatus binary image/Dockerfile would build for linux/`goarch`, with its exact `go build`
 * environment and flags, built once per machine into `.tools/` (the first build downloads the
 * modules and compiles for minutes; later runs find it there).
 */
export function gatusBinary(goarch: GoArch = hostGoarch()): Tool {
  const recipe = dockerfileGatusRecipe();
  const env = resolvedEnv(recipe, goarch);
  const key = createHash("sha256")
    .update(JSON.stringify([recipe.commit, env, recipe.flags, recipe.pkg]))
    .digest("hex")
    .slice(0, 12);
  const dir = path.join(TOOLS_DIR, `gatus-${recipe.version}-linux-${goarch}-${key}`);
  const bin = path.join(dir, "gatus");
  if (existsSync(bin)) return { path: bin };
  const source = gatusSource();
  if (source.skip !== undefined) return source;
  installOnce(dir, (tmp) => {
    const started = Date.now();
    console.warn(
      `building Gatus ${recipe.version} for linux/${goarch} into ${dir} (once per machine)`,
    );
    execFileSync("go", ["build", ...recipe.flags, "-o", path.join(tmp, "gatus"), recipe.pkg], {
      cwd: source.path,
      env: goEnv(env),
      stdio: ["ignore", "ignore", "pipe"],
      timeout: 20 * 60_000,
    });
    // What a registry would store for the binary: measured once, here, not on every report.
    const gzipped = gzipSync(readFileSync(path.join(tmp, "gatus"))).length;
    writeFileSync(path.join(tmp, "gatus.gzip-bytes"), String(gzipped));
    console.warn(
      `built Gatus ${recipe.version} for linux/${goarch} in ${Math.round((Date.now() - started) / 1000)} s`,
    );
  });
  return { path: bin };
}

/** The GOARCH of this machine, for a binary the tests can run. */
export function hostGoarch(): GoArch {
  if (process.arch === "arm64") return "arm64";
  if (process.arch === "x64") return "amd64";
  throw new Error(`no Gatus build for this machine's architecture ${process.arch}`);
}

/** Whether `have` (go1.26.8) is older than `need` (1.26.3). */
export function olderGo(have: string, need: string): boolean {
  const parts = (v: string) =>
    (/(\d+)\.(\d+)(?:\.(\d+))?/.exec(v) ?? []).slice(1, 4).map((n) => Number(n ?? 0));
  const [a, b] = [parts(have), parts(need)];
  for (let i = 0; i < 3; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x < y;
  }
  return false;
}

function firstLine(error: unknown): string {
  const stderr = (error as { stderr?: Buffer | string }).stderr?.toString().trim();
  const text =
    stderr !== undefined && stderr !== ""
      ? stderr
      : error instanceof Error
        ? error.message
        : String(error);
  return text.split("\n")[0] ?? "";
}
