import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

/**
 * Reads a stack configuration file (`Pulumi.<stack>.yaml`) the way the Pulumi CLI does, for the
 * offline engine: keys without a namespace belong to the project (`zoneName` is
 * `<project>:zoneName`), structured values stay structured. Values encrypted by `pulumi config
 * set --secret` cannot be decrypted offline, so they are refused with the key and the fix
 * rather than passed on as ciphertext.
 */

export class StackConfigFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StackConfigFileError";
  }
}

export interface StackConfigFile {
  /** `"<namespace>:<key>" → value`, as the program's config sees it. */
  config: Record<string, unknown>;
  /** The stack the file belongs to, from its name (`Pulumi.<stack>.yaml`), if it follows it. */
  stack: string | undefined;
}

/** `Pulumi.prod.yaml` → `prod`; `Pulumi.acme.prod.yaml` is not a stack file name Pulumi uses. */
export function stackFromFileName(file: string): string | undefined {
  return /^Pulumi\.([^.]+)\.ya?ml$/.exec(path.basename(file))?.[1];
}

const isSecure = (value: unknown) =>
  value !== null && typeof value === "object" && "secure" in value;

export function readStackConfigFile(file: string, project: string): StackConfigFile {
  if (!existsSync(file)) {
    throw new StackConfigFileError(
      `${file}: no such file. Give the path of a stack config file, e.g. ${project.replace(/^gatus-/, "")}/Pulumi.<stack>.yaml`,
    );
  }
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new StackConfigFileError(
      `${file}: not valid YAML (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`,
    );
  }
  const raw = doc ?? {};
  if (typeof raw !== "object" || Array.isArray(raw)) {
    throw new StackConfigFileError(`${file}: expected a mapping with a config: section`);
  }
  const section = (raw as { config?: unknown }).config ?? {};
  if (typeof section !== "object" || section === null || Array.isArray(section)) {
    throw new StackConfigFileError(`${file}: config: must be a mapping of key: value`);
  }
  const config: Record<string, unknown> = {};
  const secure: string[] = [];
  for (const [key, value] of Object.entries(section as Record<string, unknown>)) {
    const qualified = key.includes(":") ? key : `${project}:${key}`;
    if (isSecure(value)) secure.push(qualified);
    config[qualified] = value;
  }
  if (secure.length > 0) {
    throw new StackConfigFileError(
      `${file}: ${secure.join(", ")} ${secure.length === 1 ? "is a secret" : "are secrets"} (secure:), which synth cannot decrypt offline. ` +
        "Fix: copy the file and put a plain stand-in value in its place; synth only needs a value of the right shape.",
    );
  }
  return { config, stack: stackFromFileName(file) };
}
