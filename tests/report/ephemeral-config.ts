import { parseEphemeralConfig, type EphemeralConfig } from "../../ephemeral/config";
import { EPHEMERAL_PROJECT } from "../../persistent/config";

/**
 * The ephemeral configuration a stack config (`"project:key" → value`, as in
 * `Pulumi.<stack>.yaml`) stands for, validated by the program's own parser.
 */
export function ephemeralConfigOf(
  config: Record<string, unknown>,
  context: { stack: string; organization: string },
): EphemeralConfig {
  const prefix = `${EPHEMERAL_PROJECT}:`;
  const raw: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    if (key.startsWith(prefix))
      raw[key.slice(prefix.length)] = typeof value === "string" ? value : JSON.stringify(value);
  }
  const region = config["aws:region"];
  return parseEphemeralConfig(raw, {
    ...context,
    region: typeof region === "string" ? region : undefined,
  });
}
