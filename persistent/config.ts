import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { type AlertingSecret, GATUS_SECRETS } from "./gatus-variables";
import { isConfigSecret } from "./lib/config-secrets";
import { resourcePrefixProblem } from "./lib/resource-prefix";
import {
  checkedString,
  dnsName,
  intString,
  logRetentionDays,
  parseStackConfig,
  readProjectConfig,
} from "./lib/stack-config";

/** The persistent project's name, as in `persistent/Pulumi.yaml` (a test keeps the two equal). */
export const PERSISTENT_PROJECT = "gatus-persistent";
/** The ephemeral project's name, as in `ephemeral/Pulumi.yaml`: its Deployments subjects are trusted. */
export const EPHEMERAL_PROJECT = "gatus-ephemeral";

/** Letters and digits joined by single hyphens: ECR's repository-name rule (resource-prefix.ts). */
const NAME_PREFIX = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const MAX_NAME_PREFIX = 15;

/** Where Gatus keeps its history (storage.type in image/config.yaml). */
export const STORAGE_MODES = ["memory", "sqlite"] as const;
export type StorageMode = (typeof STORAGE_MODES)[number];

/** The persistent keys that hold credentials: encrypted in the stack's config, never echoed. */
export const PERSISTENT_SECRET_KEYS: readonly AlertingSecret["configKey"][] = GATUS_SECRETS.map(
  (s) => s.configKey,
);

const alertingSecret = (configKey: AlertingSecret["configKey"]) => {
  const secret = GATUS_SECRETS.find((s) => s.configKey === configKey);
  if (!secret) throw new Error(`no alerting secret ${configKey}`);
  return checkedString(secret.problemOf).optional();
};

// SES takes up to 50 recipients per message; Gatus sends one message to all of them.
const MAX_ALERT_RECIPIENTS = 50;
const addressesOf = (list: string) => list.split(",").map((address) => address.trim());
const emailList = checkedString((list) => {
  const addresses = addressesOf(list);
  if (addresses.some((a) => !z.email().safeParse(a).success)) {
    return "must be e-mail addresses separated by commas";
  }
  return addresses.length > MAX_ALERT_RECIPIENTS
    ? `must name at most ${MAX_ALERT_RECIPIENTS} addresses (SES's limit per message)`
    : undefined;
}).transform(addressesOf);

const githubEnvironment = z.string().regex(/^[A-Za-z0-9._-]{1,255}$/, {
  message: "must be a GitHub environment name (letters, digits, '.', '_', '-')",
});

const schemaFor = (stack: string) =>
  z
    .object({
      /** The Route 53 zone Gatus lives in, e.g. example.com. */
      zoneName: dnsName,
      /** Adopt this existing hosted zone instead of creating one. */
      existingZoneId: z
        .string()
        .regex(/^Z[A-Z0-9]{1,31}$/, {
          message: 'must be a Route 53 zone id such as "Z0123456789ABC"',
        })
        .optional(),
      /** The Gatus hostname inside the zone; default status.<zoneName>. */
      hostname: dnsName.optional(),
      /** The GitHub repository whose workflows may assume the roles. */
      githubRepository: z.string().regex(/^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/, {
        message: 'must be "OWNER/REPO", e.g. "acme/gatus-fargate"',
      }),
      /** Numeric owner id, for GitHub's ID-based ("immutable") OIDC subjects. */
      githubOwnerId: z
        .string()
        .regex(/^\d+$/, { message: "must be GitHub's numeric owner id (digits only)" })
        .optional(),
      /** Numeric repository id, for GitHub's ID-based ("immutable") OIDC subjects. */
      githubRepositoryId: z
        .string()
        .regex(/^\d+$/, { message: "must be GitHub's numeric repository id (digits only)" })
        .optional(),
      /** The branch that CD deploys from and drift detection runs on. */
      defaultBranch: z
        .string()
        .regex(/^[A-Za-z0-9._/-]{1,255}$/, {
          message: "must be a branch name (letters, digits, '.', '_', '/', '-')",
        })
        .default("main"),
      /** GitHub environment of the deploy job (required reviewers = the approval gate). */
      deployEnvironment: githubEnvironment.default("production"),
      /** GitHub environment of the teardown job. */
      teardownEnvironment: githubEnvironment.default("teardown"),
      /** Adopt this account's existing GitHub OIDC provider (AWS allows one per URL per account). */
      existingGithubOidcProviderArn: z
        .string()
        .regex(
          /^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/token\.actions\.githubusercontent\.com$/,
          {
            message:
              'must be the ARN of the GitHub OIDC provider, "arn:aws:iam::<account>:oidc-provider/token.actions.githubusercontent.com"',
          },
        )
        .optional(),
      /** Adopt the account's existing Pulumi OIDC provider (e.g. created by Pulumi ESC); needs pulumiOrganization. */
      existingPulumiOidcProviderArn: z
        .string()
        .regex(/^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/api\.pulumi\.com\/oidc$/, {
          message:
            'must be the ARN of the Pulumi OIDC provider, "arn:aws:iam::<account>:oidc-provider/api.pulumi.com/oidc"',
        })
        .optional(),
      /** Pulumi Cloud organization: when set, Pulumi Deployments may assume the roles via OIDC. */
      pulumiOrganization: z
        .string()
        .regex(/^[a-z0-9][a-z0-9-_]{0,39}$/, {
          message: "must be a Pulumi organization name in lower case (it is the OIDC audience)",
        })
        .optional(),
      /** The ephemeral stack whose Deployments subjects are trusted; default: this stack's name. */
      ephemeralStack: z
        .string()
        .regex(/^[A-Za-z0-9._-]{1,100}$/, {
          message: "must be a stack name (up to 100 letters, digits, '.', '_', '-')",
        })
        .optional(),
      /** Email address subscribed to the alarm topic; no topic is created without it. */
      alertEmail: z.email({ message: "must be an email address" }).optional(),
      /** Days the container log group keeps Gatus's logs; it outlives every ephemeral teardown. */
      logRetentionDays: logRetentionDays.default(30),
      /** Days the audit trails (ALB, VPC flow and WAF logs) stay in the log bucket. */
      logExpiryDays: intString(1, 3650).default(90),
      /** Slack incoming-webhook URL Gatus alerts to; a secret (`pulumi config set --secret`). */
      slackWebhookUrl: alertingSecret("slackWebhookUrl"),
      /** Microsoft Teams Workflows webhook URL Gatus alerts to; a secret. */
      teamsWebhookUrl: alertingSecret("teamsWebhookUrl"),
      /** PagerDuty Events API v2 integration key Gatus alerts to; a secret. */
      pagerdutyIntegrationKey: alertingSecret("pagerdutyIntegrationKey"),
      /** Dashboard basic-auth user (Gatus `security.basic`); a secret, with the next key or not at all. */
      dashboardUsername: alertingSecret("dashboardUsername"),
      /** base64 of the bcrypt hash of its password, computed by the user (hashing here would salt anew every run). */
      dashboardPasswordBcryptBase64: alertingSecret("dashboardPasswordBcryptBase64"),
      /** Recipients of Gatus's alert e-mails (SES, sent from gatus@<hostname>), comma-separated. */
      gatusAlertEmail: emailList.optional(),
      /** memory: history lost on every deploy; sqlite: on an EFS file system that outlives them. */
      storage: z.enum(STORAGE_MODES, { message: 'must be "memory" or "sqlite"' }).default("memory"),
      /** How many tagged images ECR keeps; older ones expire. */
      ecrKeepImages: intString(1, 1000).default(30),
      /** Prefix of every physical name; `<namePrefix>-<stack>` must stay short (ALB names). */
      namePrefix: z
        .string()
        .regex(NAME_PREFIX, {
          message:
            "must start with a letter and use lower-case letters and digits joined by single hyphens, with none at the end",
        })
        .max(MAX_NAME_PREFIX, { message: `must be at most ${MAX_NAME_PREFIX} characters` })
        .default("gatus"),
    })
    .superRefine((c, ctx) => {
      const hostname = c.hostname ?? `status.${c.zoneName}`;
      if (hostname !== c.zoneName && !hostname.endsWith(`.${c.zoneName}`)) {
        ctx.addIssue({
          code: "custom",
          path: ["hostname"],
          message: `must be inside the zone "${c.zoneName}" (e.g. "status.${c.zoneName}")`,
        });
      }
      if ((c.githubOwnerId === undefined) !== (c.githubRepositoryId === undefined)) {
        ctx.addIssue({
          code: "custom",
          path: [c.githubOwnerId === undefined ? "githubOwnerId" : "githubRepositoryId"],
          message: "githubOwnerId and githubRepositoryId go together (both or neither)",
        });
      }
      // Every physical name starts with it and it is the ECR repository's name: the stack name
      // counts as much as namePrefix, but only namePrefix can be changed by config.
      const resourcePrefix = `${c.namePrefix}-${stack.toLowerCase()}`;
      const prefixProblem = resourcePrefixProblem(resourcePrefix);
      const namePrefixValid =
        NAME_PREFIX.test(c.namePrefix) && c.namePrefix.length <= MAX_NAME_PREFIX;
      // A namePrefix that breaks its own rule is reported once, above.
      if (namePrefixValid && prefixProblem !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["namePrefix"],
          message: `"${resourcePrefix}" (namePrefix-stack) ${prefixProblem}`,
        });
      }
      if (c.existingPulumiOidcProviderArn !== undefined && c.pulumiOrganization === undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["existingPulumiOidcProviderArn"],
          message:
            "only means something with pulumiOrganization set (the organization is the audience)",
        });
      }
      if ((c.dashboardUsername === undefined) !== (c.dashboardPasswordBcryptBase64 === undefined)) {
        ctx.addIssue({
          code: "custom",
          path: [
            c.dashboardUsername === undefined
              ? "dashboardUsername"
              : "dashboardPasswordBcryptBase64",
          ],
          message:
            "dashboardUsername and dashboardPasswordBcryptBase64 go together (both protect the dashboard, neither leaves it public)",
        });
      }
      if (c.deployEnvironment === c.teardownEnvironment) {
        ctx.addIssue({
          code: "custom",
          path: ["teardownEnvironment"],
          message: `must differ from deployEnvironment ("${c.deployEnvironment}"), so destroy has its own reviewers`,
        });
      }
    });

const fixes = {
  zoneName: "pulumi config set zoneName example.com",
  existingZoneId:
    "pulumi config set existingZoneId Z0123456789ABC (or pulumi config rm existingZoneId to create the zone)",
  hostname: "pulumi config set hostname status.example.com",
  githubRepository: "pulumi config set githubRepository acme/gatus-fargate",
  githubOwnerId:
    "pulumi config set githubOwnerId 1234567 (see https://api.github.com/repos/OWNER/REPO, owner.id)",
  githubRepositoryId:
    "pulumi config set githubRepositoryId 7654321 (see https://api.github.com/repos/OWNER/REPO, id)",
  defaultBranch: "pulumi config set defaultBranch main",
  deployEnvironment: "pulumi config set deployEnvironment production",
  teardownEnvironment:
    "pulumi config set teardownEnvironment teardown (an environment other than deployEnvironment)",
  existingGithubOidcProviderArn:
    "pulumi config set existingGithubOidcProviderArn arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
  existingPulumiOidcProviderArn:
    "pulumi config set existingPulumiOidcProviderArn arn:aws:iam::123456789012:oidc-provider/api.pulumi.com/oidc (or pulumi config rm it to create the provider)",
  pulumiOrganization:
    "pulumi config set pulumiOrganization acme (or pulumi config rm pulumiOrganization)",
  ephemeralStack: "pulumi config set ephemeralStack dev",
  alertEmail: "pulumi config set alertEmail oncall@example.com (or pulumi config rm alertEmail)",
  logRetentionDays: "pulumi config set logRetentionDays 30",
  slackWebhookUrl:
    "pulumi config set --secret slackWebhookUrl https://hooks.slack.com/services/... (or pulumi config rm slackWebhookUrl)",
  teamsWebhookUrl:
    "pulumi config set --secret teamsWebhookUrl <the Workflows webhook URL> (or pulumi config rm teamsWebhookUrl)",
  pagerdutyIntegrationKey:
    "pulumi config set --secret pagerdutyIntegrationKey <32-character key> (or pulumi config rm pagerdutyIntegrationKey)",
  dashboardUsername:
    "pulumi config set --secret dashboardUsername ops (or pulumi config rm dashboardUsername)",
  dashboardPasswordBcryptBase64:
    "pulumi config set --secret dashboardPasswordBcryptBase64 <base64 of the password's bcrypt hash> (README, Customize Gatus, shows the command; or pulumi config rm dashboardPasswordBcryptBase64)",
  gatusAlertEmail:
    "pulumi config set gatusAlertEmail oncall@example.com,sre@example.com (or pulumi config rm gatusAlertEmail)",
  storage: "pulumi config set storage sqlite (or memory)",
  ecrKeepImages: "pulumi config set ecrKeepImages 30",
  logExpiryDays: "pulumi config set logExpiryDays 90 (days, 1 to 3650)",
  namePrefix: "pulumi config set namePrefix gatus",
} satisfies Record<keyof z.input<ReturnType<typeof schemaFor>>, string>;

/** Every key of this project's config (without the `gatus-persistent:` prefix). */
export const PERSISTENT_CONFIG_KEYS = Object.keys(fixes) as readonly (keyof typeof fixes)[];

export interface PersistentConfig extends z.infer<ReturnType<typeof schemaFor>> {
  stack: string;
  region: string;
  hostname: string;
  ephemeralStack: string;
  /** `<namePrefix>-<stack>`: every ephemeral physical name starts with it; the deploy role is scoped to it. */
  resourcePrefix: string;
}

export interface PersistentConfigContext {
  stack: string;
  region: string | undefined;
  /**
   * Whether a key is stored encrypted in the stack's config (`pulumi config set --secret`).
   * @default every key is (offline callers that hold no stack file)
   */
  storedAsSecret?: (key: string) => boolean;
}

/** Validates raw config values (pure: the tests call it directly). */
export function parsePersistentConfig(
  raw: Record<string, string>,
  context: PersistentConfigContext,
): PersistentConfig {
  const { stack, region } = context;
  const parsed = parseStackConfig({
    project: PERSISTENT_PROJECT,
    stack,
    schema: schemaFor(stack),
    raw,
    fixes,
    region,
    secrets: {
      keys: PERSISTENT_SECRET_KEYS,
      storedAsSecret: context.storedAsSecret ?? (() => true),
    },
  });
  return {
    ...parsed,
    stack,
    region: region ?? "",
    hostname: parsed.hostname ?? `status.${parsed.zoneName}`,
    ephemeralStack: parsed.ephemeralStack ?? stack,
    resourcePrefix: `${parsed.namePrefix}-${stack.toLowerCase()}`,
  };
}

/** Reads and validates the current stack's configuration. */
export function loadPersistentConfig(): PersistentConfig {
  return parsePersistentConfig(readProjectConfig(PERSISTENT_PROJECT), {
    stack: pulumi.getStack(),
    region: new pulumi.Config("aws").get("region"),
    storedAsSecret: (key) => isConfigSecret(`${PERSISTENT_PROJECT}:${key}`),
  });
}
