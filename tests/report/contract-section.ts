/** The persistent → ephemeral contract as the example run publishes it. */
import {
  CONTRACT_KEYS,
  CONTRACT_VERSION,
  persistentContractSchema,
} from "../../persistent/contract";
import { code, show, table } from "./markdown";

export function contractSection(outputs: Record<string, unknown>): string {
  const parsed = persistentContractSchema.strict().safeParse(outputs);
  const verdict = parsed.success
    ? "the values validate against the schema."
    : `the values do NOT validate: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}.`;
  return [
    `\`CONTRACT_VERSION\` = ${CONTRACT_VERSION}; ${CONTRACT_KEYS.length} keys (\`persistent/contract.ts\`); ${verdict}`,
    "",
    table(
      ["Key", "Value (example run)"],
      CONTRACT_KEYS.map((key) => [code(key), code(show(outputs[key] ?? null))]),
    ),
  ].join("\n");
}
