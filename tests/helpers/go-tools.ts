import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { firstLine, installOnce, TOOLS_DIR, unavailable, type Tool } from "./toolchain";

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

/**
 * Go's environment for building pinned tools: exactly the Go on PATH (GOTOOLCHAIN=local, as the Dockerfile sets),
 * modules from the configured proxy, no workspace and no GOFLAGS of the user's that a clean builder
 * (the Dockerfile's) would not have.
 */
export function goEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GOTOOLCHAIN: "local",
    GOWORK: "off",
    GOFLAGS: "-mod=readonly",
    ...extra,
  };
}

/**
 * A Go program installed with `go install <pkg>@<version>` into `.tools/`, once per machine.
 * The module proxy serves it and the checksum database (sum.golang.org) verifies it, so the
 * version is a pin.
 */
export function goInstalled(pkg: string, version: string, name: string): Tool {
  const dir = path.join(TOOLS_DIR, `${name}-${version}`);
  const bin = path.join(dir, name);
  if (existsSync(bin)) return { path: bin };
  const go = goTool();
  if (go.skip !== undefined) return go;
  try {
    installOnce(dir, (tmp) =>
      execFileSync("go", ["install", `${pkg}@${version}`], {
        cwd: tmpdir(),
        env: goEnv({ GOBIN: tmp, GOFLAGS: "" }),
        stdio: ["ignore", "ignore", "pipe"],
        timeout: 15 * 60_000,
      }),
    );
  } catch (error) {
    return unavailable(
      `go install ${pkg}@${version} failed: ${firstLine(error)}`,
      "check access to the Go module proxy (GOPROXY), then run npm test again",
    );
  }
  return { path: bin };
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
