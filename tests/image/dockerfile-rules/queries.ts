// Small queries over the parsed Dockerfile that several rules share: where an instruction is,
// which stage is final, what a COPY reads and writes, which defaults an ARG has, what ENV sets.
import { Arg, Copy, Env, Instruction } from "dockerfile-ast";
import type { ParsedDockerfile, Stage } from "./parse";

/** 1-based line number, as an editor shows it. */
export function lineOf(instruction: Instruction): number {
  return instruction.getRange().start.line + 1;
}

export function finalStage(dockerfile: ParsedDockerfile): Stage | undefined {
  return dockerfile.stages[dockerfile.stages.length - 1];
}

export function instructionsOf<T extends Instruction>(
  stage: Stage,
  kind: abstract new (...args: never[]) => T,
): T[] {
  return stage.instructions.filter((instruction): instruction is T => instruction instanceof kind);
}

export function keywordIn(stage: Stage, keyword: string): Instruction[] {
  return stage.instructions.filter((instruction) => instruction.getKeyword() === keyword);
}

export function runText(run: Instruction): string {
  return run.getArgumentsContent() ?? "";
}

export function argDeclarations(args: readonly Arg[]): { name: string; value: string | null }[] {
  return args.flatMap((arg) =>
    arg.getProperties().map((property) => ({
      name: property.getName(),
      value: property.getValue(),
    })),
  );
}

function allArgDeclarations(dockerfile: ParsedDockerfile) {
  const stageArgs = dockerfile.stages.flatMap((stage) => instructionsOf(stage, Arg));
  return argDeclarations([...dockerfile.globalArgs, ...stageArgs]);
}

/** Defaults given to a build argument anywhere in the file (global or per stage). */
export function argDefaults(dockerfile: ParsedDockerfile, name: string): string[] {
  return allArgDeclarations(dockerfile)
    .filter((declaration) => declaration.name === name && declaration.value !== null)
    .map((declaration) => declaration.value ?? "");
}

export function copyDestination(copy: Copy): string | undefined {
  const json = copy.getJSONStrings();
  if (json.length > 0) return json[json.length - 1]?.getJSONValue();
  const args = copy.getArguments();
  return args[args.length - 1]?.getValue();
}

export function copySources(copy: Copy): string[] {
  const json = copy.getJSONStrings();
  if (json.length > 0) return json.slice(0, -1).map((argument) => argument.getJSONValue());
  return copy
    .getArguments()
    .slice(0, -1)
    .map((argument) => argument.getValue());
}

/** The last value a stage gives an ENV key, or undefined if it never sets it. */
export function envValue(stage: Stage, key: string): string | null | undefined {
  const properties = instructionsOf(stage, Env).flatMap((env) => env.getProperties());
  const matching = properties.filter((property) => property.getName() === key);
  return matching.length === 0 ? undefined : matching[matching.length - 1]?.getValue();
}
