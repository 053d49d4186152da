import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import * as path from "node:path";

/** Every file synth writes: what an earlier output directory may hold. */
export const SYNTH_OUTPUT_FILES = [
  "persistent.json",
  "ephemeral.json",
  "report.md",
  "architecture.mmd",
  "digest.md",
] as const;

/**
 * Writes synth's files to `outDir` all at once: everything goes into a fresh sibling directory
 * that then takes `outDir`'s place, so a failed run never leaves an output directory half old,
 * half new. Refuses a directory holding files synth did not write (`--out ~` must not replace
 * a home directory). Returns the paths written.
 */
export function writeOutputs(outDir: string, files: Record<string, string>): string[] {
  const own = new Set<string>(SYNTH_OUTPUT_FILES);
  if (existsSync(outDir)) {
    const foreign = readdirSync(outDir).filter((name) => !own.has(name));
    if (foreign.length > 0) {
      throw new Error(
        `--out ${outDir} holds files synth did not write (${foreign.slice(0, 5).join(", ")}${foreign.length > 5 ? ", …" : ""}); ` +
          "give a new or empty directory, or synth's own earlier output directory",
      );
    }
  }
  const parent = path.dirname(outDir);
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(path.join(parent, `.${path.basename(outDir)}.new-`));
  const previous = `${staging.replace(".new-", ".old-")}`;
  try {
    for (const [name, content] of Object.entries(files)) {
      writeFileSync(path.join(staging, name), content);
    }
    if (existsSync(outDir)) renameSync(outDir, previous);
    try {
      renameSync(staging, outDir);
    } catch (error) {
      if (existsSync(previous)) renameSync(previous, outDir);
      throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
    rmSync(previous, { recursive: true, force: true });
  }
  return Object.keys(files).map((name) => path.join(outDir, name));
}
