/**
 * `synth/report.md`: what the two programs would create, read offline from their graphs —
 * resources by concern, the contract, the deploy role's permissions and their coverage, the
 * policy results, the rollout-time budget, a monthly cost estimate and the architecture diagram.
 */
import type { EphemeralConfig } from "../../ephemeral/config";
import { persistentContractSchema, type PersistentContract } from "../../persistent/contract";
import { notificationGaps, notificationsOf } from "../../persistent/notifications";
import { permissionCoverage, type Coverage } from "../engine/coverage";
import type { Graph } from "../engine/run-program";
import type { LeastPrivilegeProof } from "../iam/proof";
import { contractSection } from "./contract-section";
import type { ImageTagChoice } from "../engine/synth";
import {
  combinationsTable,
  costSection,
  estimateCost,
  totalText,
  type CostAssumptions,
  type CostEstimate,
} from "./cost";
import { architectureDiagram } from "./diagram";
import { footprintOf } from "./footprint";
import { imageSizeLine, type ImageSize } from "./image-size";
import { costLevers, leverCombinations, type CostLever, type LeverCombination } from "./levers";
import { checkTargets, targetsTable, type TargetResult } from "./targets";
import { duration, usd } from "./markdown";
import { permissionsSection, scopeFromContract } from "./permissions-section";
import { policyResults, policySection, type StackPolicy } from "./policy-section";
import { resourcesSection } from "./resources";
import {
  AWS_DEFAULT_ROLLOUT,
  rolloutBudget,
  rolloutSection,
  rolloutSettingsFromConfig,
  type RolloutBudget,
} from "./rollout";
import { DEFAULT_TEARDOWN, describeUptime, type UptimeSchedule } from "./schedule";

export interface ReportInput {
  persistent: Graph;
  ephemeral: Graph;
  /** The configuration the ephemeral graph was run with (its rollout settings). */
  ephemeralConfig: EphemeralConfig;
  /** When the ephemeral stack is up, for the teardown cost column (default 12 h × 5 d). */
  schedule?: UptimeSchedule;
  assumptions?: CostAssumptions;
  /** The config files the stacks were read from, as the report names them. */
  sources: { persistent: string; ephemeral: string };
  /** Where the image tag came from (a placeholder outside a git checkout). */
  imageTag?: ImageTagChoice;
  /** The image's estimated size, or why it was not measured. */
  imageSize: ImageSize;
  /** The roles simulated against AWS's IAM data (tests/iam/proof.ts), for the permissions section. */
  leastPrivilege?: LeastPrivilegeProof;
}

export interface Report {
  markdown: string;
  /** Mermaid source of the architecture diagram. */
  diagram: string;
  /** A few lines for the terminal. */
  summary: string[];
  coverage: Coverage;
  policy: StackPolicy[];
  rollout: { stack: RolloutBudget; awsDefaults: RolloutBudget };
  cost: CostEstimate;
  levers: CostLever[];
  /** Every combination of the levers, priced (cheapest first). */
  combinations: LeverCombination[];
  /** The cost targets checked against those combinations. */
  targets: TargetResult[];
  /** The cost paragraph the README embeds (for the example configuration). */
  readmeCost: string;
}

const resourceCount = (graph: Graph) =>
  graph.resources.filter((r) => !r.type.startsWith("pulumi:providers:")).length;

export function buildReport(input: ReportInput): Report {
  const { persistent, ephemeral } = input;
  const { sources } = input;
  const contract = persistentContractSchema.parse(persistent.outputs);
  const coverage = permissionCoverage(ephemeral);
  const policy = policyResults([persistent, ephemeral]);
  const rollout = {
    stack: rolloutBudget(
      rolloutSettingsFromConfig(input.ephemeralConfig, contract.history !== null),
    ),
    awsDefaults: rolloutBudget(AWS_DEFAULT_ROLLOUT),
  };
  const footprint = footprintOf(persistent, ephemeral);
  const estimateOptions = {
    schedule: input.schedule ?? DEFAULT_TEARDOWN,
    ...(input.assumptions ? { assumptions: input.assumptions } : {}),
  };
  const cost = estimateCost(footprint, estimateOptions);
  const levers = costLevers(footprint, estimateOptions);
  const combinations = leverCombinations(footprint, estimateOptions);
  const targets = checkTargets(combinations);
  const diagram = architectureDiagram(persistent, ephemeral);
  const uncovered = [...coverage.uncoveredTypes, ...coverage.uncoveredInvokes];

  const summary = [
    `resources: ${persistent.project} ${resourceCount(persistent)}, ${ephemeral.project} ${resourceCount(ephemeral)}`,
    `contract v${contract.contractVersion}: ${Object.keys(contract).length} keys, valid`,
    `permissions: ${coverage.types.length} AWS resource types created by ${ephemeral.project}; not in the deploy role's manifest (uncovered): ${uncovered.length === 0 ? "none" : uncovered.join(", ")}`,
    `policy: ${policy
      .map(
        ({ project, report }) =>
          `${project} ${report.mandatory.length} mandatory / ${report.advisory.length} advisory / ${report.excepted.length} excepted`,
      )
      .join("; ")}`,
    `rollout (worst case): ${rollout.stack.settings.stopFirst ? "OUTAGE on every deploy (storage sqlite stops the old task first), old task draining → new task healthy" : "new task answering /health → old task gone"} ${duration(rollout.stack.handover.seconds)} (AWS defaults, start first: ${duration(rollout.awsDefaults.handover.seconds)}); ` +
      `pulumi up → steady state ${duration(rollout.stack.upToSteadyState.seconds)} (${duration(rollout.awsDefaults.upToSteadyState.seconds)})`,
    ...notificationLines(contract),
    costSummary(cost),
    targetsSummary(targets),
    imageSizeLine(input.imageSize),
    ...(input.imageTag?.source === "placeholder"
      ? [
          `image tag: ${input.imageTag.tag} (placeholder: no git commit to tag the image with; pulumi up needs a git checkout or imageTag)`,
        ]
      : []),
  ];

  const markdown = [
    "# Offline synthesis report",
    "",
    `Generated by \`npm run synth\` from \`${sources.persistent}\` (stack \`${persistent.stack}\`) and ` +
      `\`${sources.ephemeral}\` (stack \`${ephemeral.stack}\`), run under Pulumi's mock engine: no AWS ` +
      `account, no Pulumi login. Region ${contract.awsRegion}. The JSON graphs beside this file hold ` +
      "every resolved input.",
    "",
    ...imageTagNote(input.imageTag),
    "## Summary",
    "",
    ...summary.map((line) => `- ${line}`),
    "",
    "## 1. Resources by concern",
    "",
    `### ${persistent.project}`,
    "",
    resourcesSection(persistent),
    "",
    `### ${ephemeral.project}`,
    "",
    resourcesSection(ephemeral),
    "",
    "## 2. Contract (persistent → ephemeral)",
    "",
    contractSection(persistent.outputs),
    "",
    "## 3. Deploy role permissions",
    "",
    permissionsSection(scopeFromContract(contract), coverage, input.leastPrivilege),
    "",
    "## 4. Policy results",
    "",
    policySection(policy),
    "",
    "## 5. Rollout-time budget",
    "",
    rolloutSection(rollout.stack, rollout.awsDefaults, input.ephemeralConfig.capacity),
    "",
    "## 6. Monthly cost estimate",
    "",
    costSection(cost, { levers, combinations, targets }),
    "",
    "## 7. Architecture",
    "",
    "Generated from the two graphs (`synth/architecture.mmd`; the README embeds the same diagram).",
    "",
    "```mermaid",
    diagram.trimEnd(),
    "```",
    "",
  ].join("\n");

  const readmeCost = readmeCostText(cost, levers, combinations, targets, input.ephemeralConfig);
  return {
    markdown,
    diagram,
    summary,
    coverage,
    policy,
    rollout,
    cost,
    levers,
    combinations,
    targets,
    readmeCost,
  };
}

/** Who hears about trouble, then a WARNING for each part that would notify nobody. */
function notificationLines(contract: PersistentContract): string[] {
  const notifications = notificationsOf(contract);
  const gaps = notificationGaps(notifications);
  const reached =
    `notifications: Gatus alerts → ${notifications.gatusProviders.join(", ") || "nobody"}; ` +
    `CloudWatch alarms → ${notifications.alarmTopic ? "the alarm topic (alertEmail)" : "nobody"}`;
  return [reached, ...gaps.map((gap) => `WARNING: ${gap}`)];
}

function costSummary(cost: CostEstimate): string {
  const { all } = cost.totals;
  const teardown = `teardown ${describeUptime(cost.schedule)}`;
  if (all.unpriced === 0) {
    return `cost ${cost.region}: ${usd(all.alwaysOn)}/month always on, ${usd(all.scheduled)} with ${teardown} (estimate, see report)`;
  }
  return (
    `cost ${cost.region}: partial estimate, ${all.unpriced} of ${cost.lines.length} items unpriced (no price table for ${cost.region}); ` +
    `the priced items come to ${usd(all.alwaysOn)}/month always on, ${usd(all.scheduled)} with ${teardown}`
  );
}

/** One line: each cost target's figure and whether it is met. */
function targetsSummary(targets: TargetResult[]): string {
  return `cost targets: ${targets
    .map(({ target, combination, status }) => {
      const settings = Object.values(target.settings).join(" + ");
      return `${settings} ${usd(combination.alwaysOn)} always on (≤ ${usd(target.maxAlwaysOn)}: ${status}), ${usd(combination.scheduled)} torn down`;
    })
    .join("; ")}`;
}

function imageTagNote(imageTag: ImageTagChoice | undefined): string[] {
  if (imageTag === undefined) return [];
  if (imageTag.source !== "placeholder") {
    const from = imageTag.source === "git" ? "the git commit" : "the imageTag config key";
    return [`Image tag \`${imageTag.tag}\`, from ${from}.`, ""];
  }
  return [
    `> **Image tag: placeholder.** \`${imageTag.tag}\` stands in for the git commit: ${imageTag.reason} ` +
      "`pulumi up` needs a git checkout, or the imageTag config key set to a tag in the repository.",
    "",
  ];
}

/** The README's cost paragraph: the example's totals and levers, as the report computes them. */
function readmeCostText(
  cost: CostEstimate,
  levers: CostLever[],
  combinations: LeverCombination[],
  targets: TargetResult[],
  config: EphemeralConfig,
): string {
  const { all, persistent } = cost.totals;
  const saved = all.alwaysOn - all.scheduled;
  const leverLines = levers.map(
    (l) =>
      `- \`${l.key}: ${l.alternative}\` instead of \`${l.current}\`: ${l.alwaysOnDelta <= 0 ? "saves" : "adds"} ` +
      `**${usd(Math.abs(l.alwaysOnDelta))} a month** always on (${usd(Math.abs(l.scheduledDelta))} with the teardown); ${l.tradeOff}.`,
  );
  return [
    `For the example configuration (${cost.region}, egress ${config.egress}, ${config.cpuArchitecture} ` +
      `${config.cpu} CPU / ${config.memory} MiB, capacity ${config.capacity}, Container Insights ` +
      `${config.containerInsights ? "on" : "off"}), \`synth/report.md\` estimates **${totalText(all.alwaysOn, all.unpriced)} a month ` +
      `always on** and **${totalText(all.scheduled, all.unpriced)} with a ${describeUptime(cost.schedule)} teardown**, both ` +
      `including the always-on persistent stack (${usd(persistent.alwaysOn)}): about **${usd(saved)} a month saved** ` +
      "by tearing the ephemeral stack down at night.",
    "",
    ...leverLines,
    "",
    "Every combination of these choices, cheapest first (both stacks, a month):",
    "",
    combinationsTable(combinations, cost.schedule),
    "",
    "The cost targets, from the same figures (Spot at the 70%-off ceiling AWS advertises; a " +
      "smaller discount that day shrinks the margin):",
    "",
    targetsTable(targets, cost.schedule),
  ].join("\n");
}
