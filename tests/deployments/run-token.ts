import { EPHEMERAL_PROJECT, PERSISTENT_PROJECT } from "../../persistent/config";
import {
  resourcesOf,
  STACK_PERMISSION,
  TYPES,
  type ControlProject,
  type ResourceOutputRef,
} from "./control-project";

/**
 * The Pulumi Cloud identity of the ephemeral stack's Deployments runs. A scheduled or webhook run
 * gets a token for the stack being deployed only, so the ephemeral program's StackReference to
 * gatus-persistent fails unless the run is granted more. A Pulumi Cloud role picked in the
 * console does not survive: DeploymentSettings v1.3.0 has no input for it and the provider
 * replaces the whole settings object on every change. Two set-ups work as code:
 *
 * - "team token": a Team with no members, Edit (write) on the ephemeral stack and Read on the
 *   persistent stack, nothing else, and its TeamAccessToken as `PULUMI_ACCESS_TOKEN` in the
 *   ephemeral settings only ("WRITE access to the stack that is being deployed, READ access to
 *   any stacks from which Stack References are being used": pulumi/docs
 *   content/docs/deployments/operations/permissions.md). Needs an edition with teams.
 * - "organization default": none of those resources and no `PULUMI_ACCESS_TOKEN`; then the
 *   organization's default stack permission must be at least Read (an org setting, not code).
 */

export const RUN_TOKEN_VARIABLE = "PULUMI_ACCESS_TOKEN";
export type RunTokenMode = "team token" | "organization default";

type Named<T> = T & { name: string };

const isOutputOf = (value: unknown, resource: string, property: string): boolean =>
  typeof value === "object" &&
  value !== null &&
  "resourceOutput" in value &&
  (value as ResourceOutputRef).resourceOutput.resource === resource &&
  (value as ResourceOutputRef).resourceOutput.property === property;

/** A value for a message: a literal as it is, a reference as `${resource.property}`. */
function shown(value: unknown): string {
  if (typeof value === "object" && value !== null && "resourceOutput" in value) {
    const { resource, property } = (value as ResourceOutputRef).resourceOutput;
    return `\${${resource}.${property}}`;
  }
  return typeof value === "string" ? `"${value}"` : JSON.stringify(value);
}

export function runTokenMode(control: ControlProject): RunTokenMode {
  const teamResources = [TYPES.team, TYPES.teamStackPermission, TYPES.teamAccessToken].flatMap(
    (type) => resourcesOf(control, type),
  );
  const tokens = resourcesOf(control, TYPES.settings).filter(
    (s) => s.properties.operationContext.environmentVariables?.[RUN_TOKEN_VARIABLE] !== undefined,
  );
  return teamResources.length === 0 && tokens.length === 0 ? "organization default" : "team token";
}

/** Every problem with the runs' Pulumi Cloud identity; [] when one of the two set-ups is complete. */
export function runTokenProblems(control: ControlProject): string[] {
  const problems: string[] = [];
  const org = String(control.config.organization);
  const ephemeralStack = String(control.config.ephemeralStack);
  const persistentStack = String(control.config.persistentStack);
  const settings = resourcesOf(control, TYPES.settings);

  for (const s of settings) {
    const value = s.properties.operationContext.environmentVariables?.[RUN_TOKEN_VARIABLE];
    if (typeof value === "string") {
      problems.push(
        // Only the first characters: the rest may be a live secret.
        `${s.name}: ${RUN_TOKEN_VARIABLE} is the literal "${value.slice(0, 4)}…", a token written into Pulumi.yaml ` +
          `(and into git). Use the output of a pulumiservice:index:TeamAccessToken.`,
      );
    }
  }
  if (runTokenMode(control) === "organization default") return problems;

  const teams = resourcesOf(control, TYPES.team);
  const tokens = resourcesOf(control, TYPES.teamAccessToken);
  const grants = resourcesOf(control, TYPES.teamStackPermission);
  const partial =
    "Either keep the team, its two stack permissions, its token and PULUMI_ACCESS_TOKEN in " +
    "ephemeralSettings, or delete all of them and set the organization's default stack " +
    "permission to Read (README: Pulumi Cloud access of the runs).";
  if (teams.length !== 1) {
    problems.push(`expected one pulumiservice:index:Team, found ${teams.length}. ${partial}`);
    return problems;
  }
  const team = teams[0] as Named<(typeof teams)[number]>;
  const teamName = team.properties.name;
  const namesTeam = (value: unknown) =>
    isOutputOf(value, team.name, "name") || (teamName !== undefined && value === teamName);

  if (team.properties.teamType !== "pulumi")
    problems.push(`${team.name}: a machine team is a "pulumi" team, not a GitHub-mirrored one`);
  if ((team.properties.members ?? []).length > 0) {
    problems.push(
      `${team.name}: members ${team.properties.members?.join(", ")} would get write access to the ` +
        `ephemeral stack through the team; it exists for its token only`,
    );
  }

  const expected = [
    { project: EPHEMERAL_PROJECT, stack: ephemeralStack, permission: STACK_PERMISSION.edit },
    { project: PERSISTENT_PROJECT, stack: persistentStack, permission: STACK_PERMISSION.read },
  ];
  const key = (g: { project: string; stack: string; permission: number }) =>
    `${org}/${g.project}/${g.stack} at ${g.permission}`;
  const granted = grants.map((g) => {
    if (!namesTeam(g.properties.team) || g.properties.organization !== org)
      problems.push(`${g.name}: grants to ${shown(g.properties.team)}, not ${team.name}`);
    return key(g.properties);
  });
  for (const e of expected.map(key)) {
    if (!granted.includes(e)) {
      problems.push(
        `${team.name} lacks ${e} (101 read, 102 edit): a run needs write on the stack it deploys ` +
          `and read on the stack its StackReference names`,
      );
    }
  }
  for (const g of granted.filter((g) => !expected.map(key).includes(g))) {
    problems.push(
      `${team.name} is also granted ${g}: its token may edit exactly the ephemeral stack and ` +
        `read exactly the persistent stack`,
    );
  }

  if (tokens.length !== 1) {
    problems.push(`expected one pulumiservice:index:TeamAccessToken, found ${tokens.length}`);
    return problems;
  }
  const token = tokens[0] as Named<(typeof tokens)[number]>;
  if (!namesTeam(token.properties.teamName) || token.properties.organizationName !== org)
    problems.push(
      `${token.name}: belongs to ${shown(token.properties.teamName)}, not ${team.name}`,
    );

  for (const s of settings) {
    const value = s.properties.operationContext.environmentVariables?.[RUN_TOKEN_VARIABLE];
    const isEphemeral =
      s.properties.project === EPHEMERAL_PROJECT && s.properties.stack === ephemeralStack;
    if (isEphemeral && !isOutputOf(value, token.name, "value")) {
      problems.push(
        `${s.name}: ${RUN_TOKEN_VARIABLE} must be \${${token.name}.value}, got ` +
          `${value === undefined ? "nothing" : shown(value)}: without it the scheduled runs ` +
          `cannot read gatus-persistent. ${partial}`,
      );
    }
    if (!isEphemeral && value !== undefined) {
      problems.push(
        `${s.name}: ${RUN_TOKEN_VARIABLE} belongs to the ephemeral settings only; here it would ` +
          `hand write access to the ephemeral stack to ${s.properties.project}'s runs` +
          (s.properties.vcs.previewPullRequests ? ", pull-request code included" : ""),
      );
    }
    if (isEphemeral && (s.properties.vcs.previewPullRequests || s.properties.vcs.deployCommits)) {
      problems.push(
        `${s.name}: carries the team token, so it must run no pull-request or pushed code ` +
          `(previewPullRequests and deployCommits false)`,
      );
    }
  }
  return problems;
}
