import { statSync } from "node:fs";
import * as path from "node:path";

/**
 * The file names the Pulumi CLI accepts as a project file, in the order it tries them in each
 * directory: `ProjectFile = "Pulumi"` plus `encoding.Exts = [".json", ".yaml", ".yml"]`
 * (pulumi/pulumi sdk/go/common/workspace/paths.go `findProjectInDir`, and
 * sdk/go/common/encoding/marshal.go).
 */
export const PROJECT_FILE_NAMES = ["Pulumi.json", "Pulumi.yaml", "Pulumi.yml"] as const;

const isFile = (file: string): boolean => {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
};

/**
 * The project file the CLI uses when run in `cwd`: `DetectProjectPathFrom` walks up from the
 * directory and stops at the first directory holding a project file (a directory named
 * Pulumi.yaml does not count: `isMarkupFile` requires a file). Undefined when none is found.
 */
export function findProjectFile(cwd: string, fileExists: (file: string) => boolean = isFile) {
  let dir = path.resolve(cwd);
  for (;;) {
    for (const name of PROJECT_FILE_NAMES) {
      const candidate = path.join(dir, name);
      if (fileExists(candidate)) return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
