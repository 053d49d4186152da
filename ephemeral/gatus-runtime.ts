// What the Gatus container is given at run time, derived from the persistent contract: the
// variables image/config.yaml reads (persistent/gatus-variables.ts says how each is passed),
// the alerting secrets (and the dashboard's login) as ECS `secrets`, and with storage sqlite
// the history volume.
import type { PersistentContract } from "../persistent/contract";
import {
  CONFIG_PATH_VARIABLE,
  DASHBOARD_SECRETS,
  EMAIL_VARIABLES,
  IMAGE_CONFIG_DIR,
  GATUS_VARIABLES,
  HOSTNAME_VARIABLE,
  STORAGE_VARIABLES,
} from "../persistent/gatus-variables";

/** The task's volume for the history file system, and where the container mounts it. */
export const HISTORY_VOLUME = "history";
export const HISTORY_MOUNT_PATH = "/data";
/** The SQLite database, inside the access point's directory. */
export const HISTORY_DATABASE = `${HISTORY_MOUNT_PATH}/gatus.db`;

export interface GatusRuntime {
  /** Plain variables: nothing secret (the policy pack and a test check the names and values). */
  environment: { name: string; value: string }[];
  /** Read by the ECS agent with the execution role when the task starts; never in the task definition. */
  secrets: { name: string; valueFrom: string }[];
  /** The EFS history to mount (storage sqlite); undefined keeps history in memory. */
  history: PersistentContract["history"] | undefined;
}

export type RuntimeContract = Pick<
  PersistentContract,
  "hostname" | "alertingSecretArns" | "alertingEmail" | "history"
>;

/** The container's environment, secrets and history volume for a persistent stack. */
export function gatusRuntime(contract: RuntimeContract): GatusRuntime {
  const history = contract.history ?? undefined;
  const environment = [
    { name: HOSTNAME_VARIABLE, value: contract.hostname },
    // The image's directory adds security.yaml to config.yaml; without a login the image's
    // default (config.yaml alone) stands, since Gatus refuses a security block left empty.
    ...(isDashboardProtected(contract)
      ? [{ name: CONFIG_PATH_VARIABLE, value: IMAGE_CONFIG_DIR }]
      : []),
    { name: STORAGE_VARIABLES.type, value: history ? "sqlite" : "memory" },
    ...(history ? [{ name: STORAGE_VARIABLES.path, value: HISTORY_DATABASE }] : []),
    ...(contract.alertingEmail
      ? [
          { name: EMAIL_VARIABLES.from, value: contract.alertingEmail.from },
          // The aws-ses provider splits its `to` on commas.
          { name: EMAIL_VARIABLES.to, value: contract.alertingEmail.to.join(",") },
        ]
      : []),
  ];
  const secrets = Object.entries(contract.alertingSecretArns)
    .map(([name, valueFrom]) => ({ name, valueFrom: String(valueFrom) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const { name } of environment) expectPassedAs(name, "environment");
  for (const { name } of secrets) expectPassedAs(name, "secrets");
  return { environment, secrets, history };
}

/** Whether the contract carries the dashboard's whole login; half of one is a bug upstream. */
export function isDashboardProtected(
  contract: Pick<RuntimeContract, "alertingSecretArns">,
): boolean {
  const present = DASHBOARD_SECRETS.filter((s) => contract.alertingSecretArns[s.variable]);
  if (present.length > 0 && present.length < DASHBOARD_SECRETS.length) {
    throw new Error(
      `the persistent stack publishes ${present.map((s) => s.variable).join(", ")} without the rest of the dashboard login (${DASHBOARD_SECRETS.map((s) => s.configKey).join(" and ")} go together): run pulumi up in persistent/ with both or neither`,
    );
  }
  return present.length === DASHBOARD_SECRETS.length;
}

/** A variable passed the other way (a secret as plain environment) is a bug, not a choice. */
function expectPassedAs(name: string, how: "environment" | "secrets"): void {
  if (GATUS_VARIABLES[name] !== how) {
    throw new Error(
      `${name} would be passed as ${how}, but persistent/gatus-variables.ts says ${GATUS_VARIABLES[name] ?? "image/config.yaml does not read it"}`,
    );
  }
}

/** The task definition's volume for the history: IAM-authorised, TLS, through the access point. */
export function historyVolume(history: NonNullable<PersistentContract["history"]>) {
  return {
    name: HISTORY_VOLUME,
    efsVolumeConfiguration: {
      fileSystemId: history.fileSystemId,
      // IAM authorization requires encryption in transit; the file system policy requires both.
      transitEncryption: "ENABLED",
      authorizationConfig: { accessPointId: history.accessPointId, iam: "ENABLED" },
    },
  };
}
