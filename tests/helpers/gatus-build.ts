import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { gzipSync } from "node:zlib";
import { REPO_ROOT } from "../engine/example-config";
import { type GatusRecipe, type GoArch, gatusRecipe, resolvedEnv } from "./gatus-recipe";
import { goEnv, goTool, olderGo } from "./go-tools";
import { firstLine, installOnce, TOOLS_DIR, unavailable, type Tool } from "./toolchain";

const DOCKERFILE = path.join(REPO_ROOT, "image", "Dockerfile");

/** How image/Dockerfile builds Gatus: version, commit, go build environment and flags. */
export function dockerfileGatusRecipe(): GatusRecipe {
  return gatusRecipe(readFileSync(DOCKERFILE, "utf8"));
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
export function gatusBinary(
  goarch: GoArch = hostGoarch(),
  { build = true }: { build?: boolean } = {},
): Tool {
  const recipe = dockerfileGatusRecipe();
  const env = resolvedEnv(recipe, goarch);
  const key = createHash("sha256")
    .update(JSON.stringify([recipe.commit, env, recipe.flags, recipe.pkg]))
    .digest("hex")
    .slice(0, 12);
  const dir = path.join(TOOLS_DIR, `gatus-${recipe.version}-linux-${goarch}-${key}`);
  const bin = path.join(dir, "gatus");
  if (existsSync(bin)) return { path: bin };
  // A report only reads what the tests built; it never starts a minutes-long build itself.
  if (!build)
    return {
      skip: `Gatus for linux/${goarch} is not built here yet (npm test builds it once, with Go)`,
    };
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
