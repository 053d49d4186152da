/**
 * The roles' permissions as the least-privilege proof shows them: per resource type, the calls
 * the provider makes and whether the deploy role is allowed them; the preview role's reads; the
 * probes that must be denied; the resource policies; and every grant that reaches beyond the
 * stack's own resources, with its reason. Plus whether the manifest covers what the ephemeral
 * program creates.
 */
import type { PersistentContract } from "../../persistent/contract";
import type { Grant, ScopeContext } from "../../persistent/permissions";
import {
  DEPLOY_GRANTS,
  MANAGED_POLICY_MAX_CHARS,
  DRIFT_GRANTS,
  PREVIEW_GRANTS,
  deployStatements,
  packStatements,
  previewStatements,
} from "../../persistent/policy-documents";
import type { Coverage } from "../engine/coverage";
import type { LeastPrivilegeProof, Simulated } from "../iam/proof";
import { code, table } from "./markdown";

/** The scope the persistent program renders the policies with, from its contract. */
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
const allowed = <T>(results: readonly Simulated<T>[]) =>
  results.filter((r) => r.decision === "Allowed").length;
const unique = (values: readonly string[]) => [...new Set(values)].sort();

/** One row per resource type (and data source): its calls, how many allowed, which actions. */
function callRows(proof: LeastPrivilegeProof): string[][] {
  const types = unique(proof.deploy.map((r) => r.subject.type));
  return types.map((type) => {
    const calls = proof.deploy.filter((r) => r.subject.type === type);
    return [
      code(type),
      String(calls.length),
      String(allowed(calls)),
      codes(unique(calls.map((r) => r.subject.action))),
    ];
  });
}

function probeRows(proof: LeastPrivilegeProof): string[][] {
  const groups = unique(proof.probes.map((p) => p.subject.group));
  return groups.map((group) => {
    const probes = proof.probes.filter((p) => p.subject.group === group);
    const examples = unique(probes.map((p) => p.subject.what)).slice(0, 3);
    return [
      `${group} (${probes[0]?.subject.role ?? ""} role)`,
      String(probes.length),
      String(probes.length - allowed(probes)),
      examples.join("; "),
    ];
  });
}

function resourcePolicyRows(proof: LeastPrivilegeProof): string[][] {
  return proof.resourcePolicies.map((r) => [r.subject.what, r.subject.expected, r.decision]);
}

/**
 * Every grant with a reason to reach beyond the stack's own resources, for both roles: one row
 * per reason, resources and roles, with the actions it covers.
 */
function broadGrantRows(scope: ScopeContext): string[][] {
  const byAction = new Map<
    string,
    { action: string; resources: string[]; why: string; roles: Set<string> }
  >();
  const add = (role: string, grants: readonly Grant[]) => {
    for (const grant of grants.filter((g) => g.why !== undefined)) {
      for (const action of grant.actions) {
        const resources = grant.resources(scope);
        const key = JSON.stringify([action, resources]);
        const entry = byAction.get(key) ?? {
          action,
          resources,
          why: grant.why ?? "",
          roles: new Set(),
        };
        entry.roles.add(role);
        byAction.set(key, entry);
      }
    }
  };
  add("deploy", [...DEPLOY_GRANTS.read, ...DEPLOY_GRANTS.write]);
  add("preview", PREVIEW_GRANTS.read);
  add("drift", DRIFT_GRANTS.read);
  const rows = new Map<string, string[][]>();
  for (const entry of byAction.values()) {
    const roles = [...entry.roles].sort().join(", ");
    const key = JSON.stringify([entry.why, entry.resources, roles]);
    rows.set(key, [...(rows.get(key) ?? []), [entry.action]]);
  }
  return [...rows.entries()]
    .map(([key, actions]) => {
      const [why, resources, roles] = JSON.parse(key) as [string, string[], string];
      return [codes(unique(actions.flat())), roles, codes(resources), why];
    })
    .sort((a, b) => (a[0] ?? "").localeCompare(b[0] ?? ""));
}

function proofLines(proof: LeastPrivilegeProof): string[] {
  const denied = proof.probes.length - allowed(proof.probes);
  return [
    `**Simulated against the deploy role** (\`tests/iam\`: @cloud-copilot/iam-simulate with AWS's IAM ` +
      `reference data ${proof.dataVersion}): ${allowed(proof.deploy)} of ${proof.deploy.length} calls ` +
      "the provider makes to create, read, update, tag and delete the ephemeral stack are allowed, " +
      "with realistic ARNs and the tags the provider sends (sources: terraform-provider-aws and Pike, " +
      "per type in `tests/iam/calls/`).",
    "",
    table(["Type", "Calls", "Allowed", "Actions"], callRows(proof)),
    "",
    `**Simulated against the preview role:** ${allowed(proof.previewReads)} of ` +
      `${proof.previewReads.length} reads of a preview and refresh of both stacks are allowed ` +
      "(not the decrypts of the persistent stack's secrets: a probe below).",
    "",
    `**Simulated against the drift role:** ${allowed(proof.driftReads)} of ` +
      `${proof.driftReads.length} reads of a refresh of the persistent stack, decrypts of its secrets ` +
      "included, are allowed.",
    "",
    `**Probes** (must all be denied but those allowed by design): ${denied} of ${proof.probes.length} denied; ` +
      `allowed by design (\`ALLOWED_BY_DESIGN\` in \`tests/iam/probes.ts\`, the VPC's untagged default security group): ` +
      `${unique(proof.probes.filter((p) => p.decision === "Allowed").map((p) => p.subject.what))
        .map(code)
        .join(", ")}.`,
    "",
    table(["Probes", "Count", "Denied", "For example"], probeRows(proof)),
    "",
    "**Resource policies** (the alarm topic's, the task roles' trust):",
    "",
    table(["Request", "Expected", "Simulated"], resourcePolicyRows(proof)),
  ];
}

/** The report's permissions section; without a proof, the simulation part says how to get one. */
export function permissionsSection(
  scope: ScopeContext,
  coverage: Coverage,
  proof?: LeastPrivilegeProof,
): string {
  const deploy = packStatements(deployStatements(scope));
  const preview = packStatements(previewStatements(scope));
  const uncovered = [...coverage.uncoveredTypes, ...coverage.uncoveredInvokes];
  const policies = (groups: unknown[][]) =>
    `${groups.flat().length} statements in ${groups.length} managed polic${groups.length === 1 ? "y" : "ies"}`;
  return [
    `Rendered from \`persistent/permissions/\` for the example scope (account ${scope.accountId}, ` +
      `region ${scope.region}, prefix ${code(scope.resourcePrefix)}, zone ${code(scope.hostedZoneId)}): ` +
      `the deploy role gets ${policies(deploy)}, the preview role ${policies(preview)} ` +
      `(each at most ${MANAGED_POLICY_MAX_CHARS} characters).`,
    "",
    `**Coverage** (\`permissionCoverage\` over the ephemeral graph): ${coverage.types.length} AWS ` +
      `resource types created, ${coverage.types.length - coverage.uncoveredTypes.length} covered; ` +
      `uncovered: ${uncovered.length === 0 ? "none" : codes(uncovered)}.`,
    "",
    codes(coverage.types),
    "",
    ...(proof
      ? proofLines(proof)
      : [
          "_Not simulated: pass the least-privilege proof to `buildReport` (`npm run synth` does)._",
        ]),
    "",
    '**Grants beyond the stack\'s own resources**, each with its reason (`Resource: "*"` only where ' +
      "AWS authorises the action on nothing else):",
    "",
    table(["Actions", "Roles", "Resources", "Why"], broadGrantRows(scope)),
  ].join("\n");
}
