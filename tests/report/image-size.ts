// The image's size, estimated without Docker: the Gatus binary built with the Dockerfile's exact
// go build flags for the task's architecture, plus the two things the Dockerfile copies beside it
// (the CA bundle and zoneinfo). Shown next to the seed article's headline figure.
import { lstatSync, readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { gzipSync } from "node:zlib";
import type { CpuArchitecture } from "../../ephemeral/config";
import { GOARCH_OF } from "../helpers/gatus-recipe";
import { dockerfileGatusRecipe, gatusBinary } from "../helpers/gatus-build";

/** The seed repository's "Container image size" (shared/reference/seed-repo.md, metrics table). */
export const SEED_IMAGE_MB = 24;

/** What image/Dockerfile copies beside the binary, at the paths it copies them from. */
export interface CopiedFiles {
  caBundle: string;
  zoneinfo: string;
}

/** The same paths on this machine (the image takes Alpine's copies; sizes are close). */
export const COPIED_FILES: CopiedFiles = {
  caBundle: "/etc/ssl/certs/ca-certificates.crt",
  zoneinfo: "/usr/share/zoneinfo",
};

export type ImageSize =
  | {
      kind: "measured";
      /** e.g. "Gatus v5.36.0 linux/arm64". */
      binary: string;
      binaryBytes: number;
      caBundleBytes: number;
      zoneinfoBytes: number;
      /** gzip of the three, close to what a registry stores and a task pulls. */
      compressedBytes: number;
    }
  | { kind: "not-measured"; reason: string };

/**
 * Measures the binary for the task's architecture. With `build` (the tests) it is built once per
 * machine, and a missing Go says why, or under CI=true is an error (tests/helpers/toolchain.ts);
 * without (synth, a report) only a binary the tests already built is measured.
 */
export function measureImageSize(
  architecture: CpuArchitecture,
  { files = COPIED_FILES, build = true }: { files?: CopiedFiles; build?: boolean } = {},
): ImageSize {
  const goarch = GOARCH_OF[architecture];
  const binary = gatusBinary(goarch, { build });
  if (binary.skip !== undefined) return { kind: "not-measured", reason: binary.skip };
  const missing = Object.values(files).find(
    (file) => statSync(file, { throwIfNoEntry: false }) === undefined,
  );
  if (missing !== undefined) {
    return { kind: "not-measured", reason: `no ${missing} on this machine to measure` };
  }
  const ca = readFileSync(files.caBundle);
  const zoneinfo = Buffer.concat(filesUnder(files.zoneinfo).map((file) => readFileSync(file)));
  const binaryGzip = Number(readFileSync(`${binary.path}.gzip-bytes`, "utf8"));
  return {
    kind: "measured",
    binary: `Gatus ${dockerfileGatusRecipe().version} linux/${goarch}`,
    binaryBytes: statSync(binary.path).size,
    caBundleBytes: ca.length,
    zoneinfoBytes: sizeUnder(files.zoneinfo),
    compressedBytes: binaryGzip + gzipSync(ca).length + gzipSync(zoneinfo).length,
  };
}

/** The report's summary line. */
export function imageSizeLine(size: ImageSize): string {
  const seed = `the seed's headline: ${SEED_IMAGE_MB} MB`;
  if (size.kind === "not-measured") return `image size: not measured: ${size.reason} (${seed})`;
  const total = size.binaryBytes + size.caBundleBytes + size.zoneinfoBytes;
  return (
    `image size (estimate): ${size.binary} binary ${mb(size.binaryBytes)} + CA bundle ` +
    `${mb(size.caBundleBytes)} + zoneinfo ${mb(size.zoneinfoBytes)} = ${mb(total)} uncompressed, ` +
    `about ${mb(size.compressedBytes)} compressed (${seed})`
  );
}

/** Megabytes as registries and `docker images` count them (10^6 bytes). */
function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** Regular files below `dir`; symlinks are copied as links, so their targets are not counted twice. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return entry.isFile() ? [full] : [];
  });
}

function sizeUnder(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((total, entry) => {
    const full = path.join(dir, entry.name);
    return total + (entry.isDirectory() ? sizeUnder(full) : lstatSync(full).size);
  }, 0);
}
