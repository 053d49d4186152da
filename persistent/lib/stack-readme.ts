import { readFileSync } from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { reasonOf } from "./stack-config";

/**
 * Pulumi Cloud's stack README: a stack output named `readme` whose value is Markdown, shown on
 * the stack's README tab with every `${outputs.<name>}` (also `${outputs.a.b}`, `${outputs.a[0]}`)
 * replaced by that stack output. The template conventionally lives next to `Pulumi.yaml` as
 * `Pulumi.README.md`. Sources: https://www.pulumi.com/docs/pulumi-cloud/projects-and-stacks/
 * ("Stack README") and pulumi/examples `stack-readme-ts`.
 */
export const STACK_README_FILE = "Pulumi.README.md";

/** Raised when the README template cannot be read; a RunError, so Pulumi prints only the message. */
export class StackReadmeError extends pulumi.RunError {
  constructor(message: string) {
    super(message);
    this.name = "StackReadmeError";
  }
}

/**
 * Reads `<projectDir>/Pulumi.README.md` for the `readme` output. Pass the program's own
 * `__dirname`, not the working directory: the tests and `npm run synth` run from the repository
 * root. A missing file fails the run instead of quietly exporting no README.
 */
export function readStackReadme(projectDir: string): string {
  const file = path.join(projectDir, STACK_README_FILE);
  try {
    return readFileSync(file, "utf8");
  } catch (err) {
    throw new StackReadmeError(
      `Cannot read the stack README template ${file} (${reasonOf(err)}). The program exports it as the \`readme\` output, which Pulumi Cloud shows on the stack's README tab. Fix: restore it with \`git checkout -- ${file}\`, or create it.`,
    );
  }
}
