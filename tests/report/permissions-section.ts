/**
 * The deploy role's permissions, per resource type, as the permission manifest renders them
 * for the example persistent stack, and whether the manifest covers what the ephemeral
 * program creates.
 */
import type { PersistentContract } from "../../persistent/contract";
import {
  EPHEMERAL_INVOKES,
  EPHEMERAL_MANIFEST,
  type ScopeContext,
} from "../../persistent/permissions";
import {
  MANAGED_POLICY_MAX_CHARS,
  deployStatements,
  packStatements,
} from "../../persistent/policy-documents";
import type { Coverage } from "../engine/coverage";
import { code, table } from "./markdown";

/** The scope the persistent program renders the deploy policy with, from its contract. */
export function scopeFromContract(contract: PersistentContract): ScopeContext {
  return {
    partition: contract.ecrRepositoryArn.split(":")[1] ?? "aws",
    region: contract.awsRegion,
    accountId: contract.awsAccountId,
    resourcePrefix: contract.resourcePrefix,
    hostedZoneId: contract.hostedZoneId,
    hostname: contract.hostname,
    ecrRepositoryArn: contract.ecrRepositoryArn,
    passRoleArns: [contract.taskExecutionRoleArn, contract.taskRoleArn],
  };
}

const codes = (values: readonly string[]) => values.map(code).join(" ");

function grantRows(scope: ScopeContext, side: "read" | "write"): string[][] {
  return [...EPHEMERAL_MANIFEST, ...EPHEMERAL_INVOKES].flatMap((entry) =>
    entry[side].map((grant) => {
      const condition = grant.condition?.(scope);
      return [
        code(entry.type),
        codes([...grant.actions].sort()),
        codes(grant.resources(scope)),
        condition ? code(JSON.stringify(condition)) : "",
        grant.why ?? "",
      ];
    }),
  );
}

export function permissionsSection(scope: ScopeContext, coverage: Coverage): string {
  const statements = deployStatements(scope);
  const policies = packStatements(statements);
  const uncovered = [...coverage.uncoveredTypes, ...coverage.uncoveredInvokes];
  return [
    `Rendered from \`persistent/permissions/\` for the example scope (account ${scope.accountId}, ` +
      `region ${scope.region}, prefix ${code(scope.resourcePrefix)}, zone ${code(scope.hostedZoneId)}). ` +
      `The deploy role gets ${statements.length} statements in ${policies.length} managed ` +
      `polic${policies.length === 1 ? "y" : "ies"} (each at most ${MANAGED_POLICY_MAX_CHARS} characters); ` +
      "the preview role gets the read grants only.",
    "",
    `**Coverage** (\`permissionCoverage\` over the ephemeral graph): ${coverage.types.length} AWS ` +
      `resource types created, ${coverage.types.length - coverage.uncoveredTypes.length} covered; ` +
      `uncovered: ${uncovered.length === 0 ? "none" : codes(uncovered)}.`,
    "",
    codes(coverage.types),
    "",
    "**Read grants** per resource type:",
    "",
    table(
      ["Type", "Actions", "Resources", "Condition", "Why this broad"],
      grantRows(scope, "read"),
    ),
    "",
    "**Write grants** per resource type:",
    "",
    table(
      ["Type", "Actions", "Resources", "Condition", "Why this broad"],
      grantRows(scope, "write"),
    ),
  ].join("\n");
}
