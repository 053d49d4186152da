/** The persistent → ephemeral contract as the example run publishes it. */
import {
  CONTRACT_KEYS,
  CONTRACT_VERSION,
  OPERATOR_OUTPUT_KEYS,
  persistentContractSchema,
} from "../../persistent/contract";
import { code, show, table } from "./markdown";

export function contractSection(outputs: Record<string, unknown>): string {
  // The operator outputs are listed outside the contract; any other extra key is still flagged.
  const operator = new Set<string>(OPERATOR_OUTPUT_KEYS);
  const parsed = persistentContractSchema
    .strict()
    .safeParse(Object.fromEntries(Object.entries(outputs).filter(([key]) => !operator.has(key))));
  const verdict = parsed.success
    ? "the values validate against the schema."
    : `the values do NOT validate: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}.`;
  return [
    `\`CONTRACT_VERSION\` = ${CONTRACT_VERSION}; ${CONTRACT_KEYS.length} keys (\`persistent/contract.ts\`); ${verdict}`,
    "",
    `Outside the contract, for people: ${OPERATOR_OUTPUT_KEYS.map(code).join(", ")}.`,
    "",
    table(
      ["Key", "Value (example run)"],
      CONTRACT_KEYS.map((key) => [code(key), code(show(outputs[key] ?? null))]),
    ),
  ].join("\n");
}
