import { parseEphemeralConfig, type EphemeralConfig } from "../../ephemeral/config";
import { EPHEMERAL_PROJECT } from "../../persistent/config";
import { projectKeys } from "../../persistent/lib/stack-config";

/**
 * The ephemeral configuration a stack config (`"project:key" → value`, as in
 * `Pulumi.<stack>.yaml`) stands for, validated by the program's own parser.
 */
export function ephemeralConfigOf(
  config: Record<string, unknown>,
  context: { stack: string; organization: string },
): EphemeralConfig {
  const raw = projectKeys(config, EPHEMERAL_PROJECT);
  const region = config["aws:region"];
  return parseEphemeralConfig(raw, {
    ...context,
    region: typeof region === "string" ? region : undefined,
  });
}
