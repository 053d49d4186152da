// Parsing: a Dockerfile split into its global ARGs and its build stages, the structure every rule
// reads. Rules take the text and parse it themselves, so each can run on its own.
import { Arg, DockerfileParser, From, Instruction } from "dockerfile-ast";

/** One build stage: its FROM and every instruction up to the next FROM. */
export interface Stage {
  readonly from: From;
  readonly name: string | null;
  readonly instructions: readonly Instruction[];
}

/** A Dockerfile split into its global ARGs (before the first FROM) and its stages. */
export interface ParsedDockerfile {
  readonly globalArgs: readonly Arg[];
  readonly stages: readonly Stage[];
}

export function parseDockerfile(text: string): ParsedDockerfile {
  const globalArgs: Arg[] = [];
  const stages: { from: From; name: string | null; instructions: Instruction[] }[] = [];
  for (const instruction of DockerfileParser.parse(text).getInstructions()) {
    if (instruction instanceof From) {
      stages.push({ from: instruction, name: instruction.getBuildStage(), instructions: [] });
    } else if (stages.length === 0) {
      if (instruction instanceof Arg) globalArgs.push(instruction);
    } else {
      stages[stages.length - 1]?.instructions.push(instruction);
    }
  }
  return { globalArgs, stages };
}
