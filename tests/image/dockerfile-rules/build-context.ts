// The build context: the only files the build needs, and the files the Dockerfile actually reads
// from the context (COPY/ADD without --from), so the tests can prove the two agree.
import { Copy } from "dockerfile-ast";
import { parseDockerfile } from "./parse";
import { copySources, keywordIn } from "./queries";

/** The only files the build context needs; everything else stays out of it. */
export const DOCKER_CONTEXT_FILES: readonly string[] = [
  "Dockerfile",
  "config.yaml",
  "security.yaml",
];

/** Context paths the Dockerfile reads: sources of COPY/ADD without --from. */
export function contextFilesCopiedBy(dockerfileText: string): string[] {
  const dockerfile = parseDockerfile(dockerfileText);
  const copies = dockerfile.stages.flatMap((stage) =>
    stage.instructions.filter(
      (instruction): instruction is Copy =>
        instruction instanceof Copy && instruction.getFromFlag() === null,
    ),
  );
  const adds = dockerfile.stages.flatMap((stage) => keywordIn(stage, "ADD"));
  const addSources = adds.flatMap((add) =>
    add
      .getArguments()
      .slice(0, -1)
      .map((argument) => argument.getValue())
      .filter((source) => !source.startsWith("--")),
  );
  return [...copies.flatMap(copySources), ...addSources];
}
