import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../engine/example-config";
import { installOnce, onPath, TOOLS_DIR, unavailable, type Tool } from "./toolchain";

const PYTHON_REQUIREMENTS = path.join(REPO_ROOT, ".ci", "python-tools.txt");

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
