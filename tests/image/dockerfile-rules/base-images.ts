// Base images: every external image (FROM and COPY --from) is pinned by digest, because a tag can
// be re-pushed; and the runtime stage is FROM scratch, because every file in a base image is
// attack surface and scanner noise that the static Gatus binary does not need.
import { Copy, Instruction } from "dockerfile-ast";
import { parseDockerfile } from "./parse";
import { finalStage, instructionsOf, lineOf } from "./queries";

const SHA256_DIGEST = /^sha256:[0-9a-f]{64}$/;

/** Every external image (FROM and COPY --from) is pinned by an immutable sha256 digest. */
export function baseImagesPinnedByDigest(dockerfileText: string): string[] {
  const dockerfile = parseDockerfile(dockerfileText);
  const stageNames = new Set<string>();
  const findings: string[] = [];
  const isLocal = (image: string) =>
    image === "scratch" || stageNames.has(image.toLowerCase()) || /^\d+$/.test(image);
  const requireDigest = (image: string, digest: string | null, where: Instruction) => {
    if (digest === null || !SHA256_DIGEST.test(digest)) {
      findings.push(
        `line ${lineOf(where)}: ${image} is not pinned by digest; a tag can be re-pushed, so the ` +
          `same commit could build from different bits. Append @sha256:<index digest>.`,
      );
    }
  };
  for (const stage of dockerfile.stages) {
    const image = stage.from.getImage() ?? "";
    if (!isLocal(image)) requireDigest(image, stage.from.getImageDigest(), stage.from);
    for (const copy of instructionsOf(stage, Copy)) {
      const source = copy.getFromFlag()?.getValue();
      if (source && !isLocal(source)) {
        requireDigest(source, /@(sha256:.*)$/.exec(source)?.[1] ?? null, copy);
      }
    }
    if (stage.name !== null) stageNames.add(stage.name.toLowerCase());
  }
  return findings;
}

/** The runtime image is `FROM scratch`: no shell, no package manager, no OS CVEs. */
export function finalStageIsScratch(dockerfileText: string): string[] {
  const stage = finalStage(parseDockerfile(dockerfileText));
  if (stage === undefined) return ["the Dockerfile has no FROM instruction"];
  const image = stage.from.getImage();
  if (image === "scratch") return [];
  return [
    `line ${lineOf(stage.from)}: the final stage is FROM ${image ?? "(nothing)"}, not scratch; ` +
      `every file in a base image is attack surface and scanner noise the static Gatus binary ` +
      `does not need.`,
  ];
}
