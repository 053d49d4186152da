import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { REPO_ROOT } from "../engine/example-config";

/**
 * The root Pulumi YAML project (gatus-control) as the tests see it: parsed, validated against the
 * pulumiservice resource schemas it may use, with config and `${...}` expressions resolved the way
 * Pulumi YAML resolves them. No Pulumi engine is involved, so no credentials are needed.
 */

export const CONTROL_PROJECT = "gatus-control";
export const CONTROL_PROJECT_FILE = path.join(REPO_ROOT, "Pulumi.yaml");
export const CONTROL_EXAMPLE_FILE = path.join(REPO_ROOT, "Pulumi.control-example.yaml");

export const TYPES = {
  provider: "pulumi:providers:pulumiservice",
  stackReference: "pulumi:pulumi:StackReference",
  settings: "pulumiservice:index:DeploymentSettings",
  schedule: "pulumiservice:index:DeploymentSchedule",
  drift: "pulumiservice:index:DriftSchedule",
  webhook: "pulumiservice:index:Webhook",
  team: "pulumiservice:index:Team",
  teamStackPermission: "pulumiservice:index:TeamStackPermission",
  teamAccessToken: "pulumiservice:index:TeamAccessToken",
  oidcIssuer: "pulumiservice:index:OidcIssuer",
} as const;

// ---------------------------------------------------------------------------------------------
// The document as written (Pulumi YAML reference: config, variables, resources, outputs).

const configValue = z.union([z.string(), z.boolean(), z.number()]);
const configDeclaration = z
  .object({ type: z.enum(["string", "boolean", "integer"]), default: configValue.optional() })
  .strict()
  .refine(
    (d) =>
      d.default === undefined || typeof d.default === (d.type === "integer" ? "number" : d.type),
    { message: "default does not have the declared type" },
  );

export const rawDocumentSchema = z
  .object({
    name: z.literal(CONTROL_PROJECT),
    description: z.string().optional(),
    runtime: z.literal("yaml"),
    config: z.record(z.string(), configDeclaration),
    variables: z.record(z.string(), z.unknown()).optional(),
    resources: z.record(
      z.string(),
      z
        .object({
          type: z.string(),
          defaultProvider: z.boolean().optional(),
          properties: z.record(z.string(), z.unknown()).optional(),
          options: z.record(z.string(), z.unknown()).optional(),
        })
        .strict(),
    ),
    outputs: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type RawDocument = z.infer<typeof rawDocumentSchema>;

// ---------------------------------------------------------------------------------------------
// The resources after resolution. Property names and required properties follow the
// pulumiservice provider schema at v1.3.0 (provider/cmd/pulumi-resource-pulumiservice/schema.json),
// the version Pulumi.yaml pins; `.strict()` turns a misspelt property (e.g. `roleArn` for
// `roleARN`) into a test failure instead of a silently ignored input.

/** `${ref.outputs["key"]}` of a StackReference: the value only exists in Pulumi Cloud. */
export const stackOutputSchema = z
  .object({ stackOutput: z.object({ resource: z.string(), key: z.string() }).strict() })
  .strict();
export type StackOutputRef = z.infer<typeof stackOutputSchema>;
/** `${name}` of a resource, as used in `dependsOn`. */
const resourceRefSchema = z.object({ resourceRef: z.string() }).strict();
/** `${name.property}`: an output of another resource, known only once that resource exists. */
export const resourceOutputSchema = z
  .object({ resourceOutput: z.object({ resource: z.string(), property: z.string() }).strict() })
  .strict();
export type ResourceOutputRef = z.infer<typeof resourceOutputSchema>;

const identifier = z.string().regex(/^[A-Za-z0-9._-]+$/, { message: "must be a plain name" });
const dependsOnOptions = z.object({ dependsOn: z.array(resourceRefSchema).min(1) }).strict();

export const PULUMI_OPERATIONS = ["update", "preview", "refresh", "destroy"] as const;
const WEBHOOK_FORMATS = ["raw", "slack", "pulumi_deployments", "ms_teams"] as const;
const WEBHOOK_FILTERS = [
  "update_succeeded",
  "update_failed",
  "preview_succeeded",
  "preview_failed",
  "destroy_succeeded",
  "destroy_failed",
  "refresh_succeeded",
  "refresh_failed",
  "deployment_queued",
  "deployment_started",
  "deployment_succeeded",
  "deployment_failed",
  "drift_detected",
  "drift_detection_succeeded",
  "drift_detection_failed",
  "drift_remediation_succeeded",
  "drift_remediation_failed",
] as const;

const settingsSchema = z
  .object({
    type: z.literal(TYPES.settings),
    properties: z
      .object({
        organization: identifier,
        project: identifier,
        stack: identifier,
        sourceContext: z
          .object({
            git: z
              .object({
                branch: z.string().regex(/^refs\/heads\/\S+$/, {
                  message: 'must be a full ref, "refs/heads/<branch>"',
                }),
                repoDir: z.string().min(1),
              })
              .strict(),
          })
          .strict(),
        // `github` is deprecated in favour of `vcs`, so it is not accepted here.
        vcs: z
          .object({
            provider: z.literal("github"),
            repository: z.string().regex(/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/, {
              message: 'must be "OWNER/REPO"',
            }),
            deployCommits: z.boolean(),
            previewPullRequests: z.boolean(),
            pullRequestTemplate: z.boolean().optional(),
            paths: z.array(z.string().min(1)).min(1),
          })
          .strict(),
        operationContext: z
          .object({
            // A resource output may be a secret (TeamAccessToken.value): the provider then sends
            // the variable as a secret (deployment_settings.go toOperationContext).
            environmentVariables: z
              .record(z.string(), z.union([z.string(), resourceOutputSchema]))
              .optional(),
            preRunCommands: z.array(z.string().min(1)).min(1),
            options: z
              .object({
                skipInstallDependencies: z.boolean().optional(),
                skipIntermediateDeployments: z.boolean().optional(),
                deleteAfterDestroy: z.boolean().optional(),
                shell: z.string().optional(),
              })
              .strict(),
            oidc: z
              .object({
                aws: z
                  .object({
                    roleARN: stackOutputSchema,
                    sessionName: z.string().min(1),
                    duration: z
                      .string()
                      .regex(/^(\d+h)?(\d+m)?(\d+s)?$/, { message: 'must look like "1h0m0s"' })
                      .optional(),
                    policyARNs: z.array(z.string()).optional(),
                  })
                  .strict(),
              })
              .strict(),
          })
          .strict(),
        agentPoolId: z.string().optional(),
        cacheOptions: z.object({ enable: z.boolean() }).strict().optional(),
      })
      .strict(),
  })
  .strict();

const scheduleSchema = z
  .object({
    type: z.literal(TYPES.schedule),
    properties: z
      .object({
        organization: identifier,
        project: identifier,
        stack: identifier,
        pulumiOperation: z.enum(PULUMI_OPERATIONS),
        scheduleCron: z.string().optional(),
        timestamp: z.string().optional(),
      })
      .strict()
      // As the provider's Check does (resources/deployment_schedules.go): "" counts as unset.
      .refine((p) => Boolean(p.scheduleCron) !== Boolean(p.timestamp), {
        message: "exactly one of scheduleCron or timestamp must be specified",
      }),
    options: dependsOnOptions,
  })
  .strict();

const driftSchema = z
  .object({
    type: z.literal(TYPES.drift),
    properties: z
      .object({
        organization: identifier,
        project: identifier,
        stack: identifier,
        scheduleCron: z.string(),
        autoRemediate: z.boolean().optional(),
      })
      .strict(),
    options: dependsOnOptions,
  })
  .strict();

const webhookSchema = z
  .object({
    type: z.literal(TYPES.webhook),
    properties: z
      .object({
        active: z.boolean(),
        displayName: z.string().min(1),
        organizationName: identifier,
        payloadUrl: z.string().min(1),
        projectName: identifier.optional(),
        stackName: identifier.optional(),
        format: z.enum(WEBHOOK_FORMATS).optional(),
        filters: z.array(z.enum(WEBHOOK_FILTERS)).optional(),
      })
      .strict(),
    options: dependsOnOptions,
  })
  .strict();

// Team names "may only contain alphanumeric, hyphens, underscores, or periods" (the provider's
// examples); Check requires a name for `pulumi` teams and a githubTeamId for `github` teams.
const teamSchema = z
  .object({
    type: z.literal(TYPES.team),
    properties: z
      .object({
        organizationName: identifier,
        teamType: z.enum(["pulumi", "github"]),
        name: identifier.optional(),
        displayName: z.string().min(1).optional(),
        description: z.string().optional(),
        githubTeamId: z.number().optional(),
        members: z.array(z.string().min(1)).optional(),
      })
      .strict()
      .refine((p) => p.teamType !== "pulumi" || p.name !== undefined, {
        message: "teams with teamType 'pulumi' require a name",
      })
      .refine((p) => p.teamType !== "github" || p.githubTeamId !== undefined, {
        message: "teams with teamType 'github' require a githubTeamId",
      }),
    options: dependsOnOptions.optional(),
  })
  .strict();

/** TeamStackPermissionScope: 101 read, 102 edit (write), 103 admin. */
export const STACK_PERMISSION = { read: 101, edit: 102, admin: 103 } as const;
const teamName = z.union([identifier, resourceOutputSchema]);

const teamStackPermissionSchema = z
  .object({
    type: z.literal(TYPES.teamStackPermission),
    properties: z
      .object({
        organization: identifier,
        project: identifier,
        stack: identifier,
        team: teamName,
        permission: z.union([
          z.literal(STACK_PERMISSION.read),
          z.literal(STACK_PERMISSION.edit),
          z.literal(STACK_PERMISSION.admin),
        ]),
      })
      .strict(),
    options: dependsOnOptions.optional(),
  })
  .strict();

const teamAccessTokenSchema = z
  .object({
    type: z.literal(TYPES.teamAccessToken),
    properties: z
      .object({
        // Unique among the organization's machine tokens, deleted ones included.
        name: z.string().regex(/^[A-Za-z0-9._-]+$/, { message: "must be a plain name" }),
        organizationName: identifier,
        teamName,
        description: z.string().optional(),
      })
      .strict(),
    options: dependsOnOptions.optional(),
  })
  .strict();

// OidcIssuer (resources/oidc_issuer.go at v1.3.0). The enums are the schema's; the token type's
// own descriptions say which field each type requires ("Team Pulumi token. Requires teamName
// field to be filled.", and so on). The provider checks none of it and hands the policies to the
// API as they are, so these tests do, and also refuse a field that belongs to another type.
export const AUTH_POLICY_TOKEN_TYPES = ["personal", "team", "organization", "runner"] as const;
export const AUTH_POLICY_PERMISSIONS = ["standard", "admin"] as const;
/** Pulumi Cloud's limit ("40 policies per OIDC Issuer", the OIDC issuers guide). */
export const MAX_ISSUER_POLICIES = 40;
const REQUIRED_FIELD = {
  team: "teamName",
  personal: "userLogin",
  runner: "runnerID",
  organization: "authorizedPermissions",
} as const;

const authPolicySchema = z
  .object({
    decision: z.enum(["allow", "deny"]),
    tokenType: z.enum(AUTH_POLICY_TOKEN_TYPES),
    teamName: z.string().min(1).optional(),
    userLogin: z.string().min(1).optional(),
    runnerID: z.string().min(1).optional(),
    authorizedPermissions: z.array(z.enum(AUTH_POLICY_PERMISSIONS)).min(1).optional(),
    // Claim → value; the schema's `additionalProperties: {type: string}`.
    rules: z.record(z.string(), z.string()),
  })
  .strict()
  .superRefine((p, ctx) => {
    for (const [type, field] of Object.entries(REQUIRED_FIELD)) {
      const present = p[field] !== undefined;
      if (p.tokenType === type && !present)
        ctx.addIssue({ code: "custom", message: `tokenType ${type} requires ${field}` });
      if (p.tokenType !== type && present)
        ctx.addIssue({ code: "custom", message: `${field} belongs to tokenType ${type} only` });
    }
  });

const oidcIssuerSchema = z
  .object({
    type: z.literal(TYPES.oidcIssuer),
    properties: z
      .object({
        organization: identifier,
        name: z.string().min(1),
        url: z.string().regex(/^https:\/\/[^\s/]+(\/\S*)?$/, { message: "must be an https URL" }),
        // SHA-256 fingerprints of the issuer's TLS certificates, hex without colons.
        thumbprints: z.array(z.string().regex(/^[0-9A-Fa-f]{64}$/)).optional(),
        maxExpirationSeconds: z.number().int().positive().optional(),
        policies: z.array(authPolicySchema).min(1).max(MAX_ISSUER_POLICIES).optional(),
      })
      .strict(),
    options: z
      .object({ protect: z.boolean().optional(), dependsOn: dependsOnOptions.shape.dependsOn })
      .partial()
      .strict()
      .optional(),
  })
  .strict();

export const resolvedResourceSchema = z.discriminatedUnion("type", [
  z
    .object({
      type: z.literal(TYPES.provider),
      defaultProvider: z.literal(true),
      options: z.object({ version: z.string().regex(/^\d+\.\d+\.\d+$/) }).strict(),
    })
    .strict(),
  z
    .object({
      type: z.literal(TYPES.stackReference),
      properties: z.object({ name: z.string().regex(/^[^/]+\/[^/]+\/[^/]+$/) }).strict(),
    })
    .strict(),
  settingsSchema,
  scheduleSchema,
  driftSchema,
  webhookSchema,
  teamSchema,
  teamStackPermissionSchema,
  teamAccessTokenSchema,
  oidcIssuerSchema,
]);
export type ResolvedResource = z.infer<typeof resolvedResourceSchema>;
export type Settings = z.infer<typeof settingsSchema>["properties"];
export type Schedule = z.infer<typeof scheduleSchema>["properties"];
export type Drift = z.infer<typeof driftSchema>["properties"];
export type Webhook = z.infer<typeof webhookSchema>["properties"];
export type Team = z.infer<typeof teamSchema>["properties"];
export type TeamStackPermission = z.infer<typeof teamStackPermissionSchema>["properties"];
export type TeamAccessToken = z.infer<typeof teamAccessTokenSchema>["properties"];
export type OidcIssuer = z.infer<typeof oidcIssuerSchema>["properties"];
export type AuthPolicy = z.infer<typeof authPolicySchema>;

// ---------------------------------------------------------------------------------------------
// Config: the project's declarations and defaults, overridden by a stack's `gatus-control:*` keys.

export type ConfigValues = Record<string, string | boolean | number>;

export function stackConfig(doc: RawDocument, stackFileText: string): ConfigValues {
  const parsed = parse(stackFileText) as { config?: Record<string, unknown> } | null;
  const set = parsed?.config ?? {};
  const values: ConfigValues = {};
  for (const [key, value] of Object.entries(set)) {
    const [namespace, name] = key.split(":");
    if (namespace !== CONTROL_PROJECT || name === undefined)
      throw new Error(`${key}: the control project reads only ${CONTROL_PROJECT}:* keys`);
    const declaration = doc.config[name];
    if (declaration === undefined) throw new Error(`${key} is not declared in Pulumi.yaml config`);
    const expected = declaration.type === "integer" ? "number" : declaration.type;
    if (typeof value !== expected) throw new Error(`${key} must be a ${declaration.type}`);
    values[name] = value as string | boolean | number;
  }
  for (const [name, declaration] of Object.entries(doc.config)) {
    if (values[name] !== undefined) continue;
    if (declaration.default === undefined)
      throw new Error(`${CONTROL_PROJECT}:${name} has no default and is not set`);
    values[name] = declaration.default;
  }
  return values;
}

// ---------------------------------------------------------------------------------------------
// Expressions: `${name}`, `${name.outputs["key"]}`, `${name.property}`, the `$${` escape and the
// builtins fn::split and fn::select, as Pulumi YAML reads them.

type Resolved = unknown;

/** The outputs (schema `properties`) of the types whose outputs Pulumi.yaml may reference. */
const OUTPUT_PROPERTIES: Partial<Record<string, readonly string[]>> = {
  [TYPES.team]: [
    "description",
    "displayName",
    "githubTeamId",
    "members",
    "name",
    "organizationName",
    "teamType",
  ],
  [TYPES.teamAccessToken]: ["description", "name", "organizationName", "teamName", "value"],
};

class Resolver {
  private readonly variables = new Map<string, Resolved>();

  constructor(
    private readonly doc: RawDocument,
    private readonly config: ConfigValues,
  ) {
    const names = [
      ...Object.keys(doc.config),
      ...Object.keys(doc.variables ?? {}),
      ...Object.keys(doc.resources),
    ];
    const duplicate = names.find((n, i) => names.indexOf(n) !== i);
    // Config, variables and resources share one namespace in Pulumi YAML.
    if (duplicate !== undefined) throw new Error(`"${duplicate}" is declared twice`);
  }

  value(v: unknown, where: string): Resolved {
    if (typeof v === "string") return this.string(v, where);
    if (Array.isArray(v)) return v.map((item, i) => this.value(item, `${where}[${i}]`));
    if (v !== null && typeof v === "object") {
      const entries = Object.entries(v);
      const fn = entries.find(([k]) => k.toLowerCase().startsWith("fn::"));
      if (fn) {
        if (entries.length !== 1) throw new Error(`${where}: ${fn[0]} must be the only key`);
        return this.builtin(fn[0], this.value(fn[1], `${where}.${fn[0]}`), where);
      }
      return Object.fromEntries(entries.map(([k, item]) => [k, this.value(item, `${where}.${k}`)]));
    }
    return v;
  }

  /**
   * The builtins Pulumi.yaml uses, as pulumi-yaml evaluates them (run.go evaluateBuiltinSplit,
   * evaluateBuiltinSelect): `fn::split: [delimiter, source]` is Go's strings.Split;
   * `fn::select: [index, list]` takes a non-negative integral index and fails out of range.
   */
  private builtin(name: string, args: Resolved, where: string): Resolved {
    const pair =
      Array.isArray(args) && args.length === 2 ? (args as [unknown, unknown]) : undefined;
    switch (name) {
      case "fn::split": {
        const [delimiter, source] = pair ?? [];
        if (typeof delimiter !== "string" || typeof source !== "string")
          throw new Error(`${where}: fn::split takes [delimiter, source], two strings`);
        return source.split(delimiter);
      }
      case "fn::select": {
        const [index, list] = pair ?? [];
        if (typeof index !== "number" || !Number.isInteger(index) || index < 0)
          throw new Error(`${where}: fn::select: the index must be a non-negative integer`);
        if (!Array.isArray(list) || index >= list.length)
          throw new Error(`${where}: fn::select: index ${index} is out of range`);
        return list[index] as Resolved;
      }
      default:
        throw new Error(`${where}: ${name} is not modelled by these tests`);
    }
  }

  private string(s: string, where: string): Resolved {
    const whole = /^\$\{([^}]+)\}$/.exec(s);
    if (whole?.[1] !== undefined) return this.lookup(whole[1], where);
    return s.replace(/\$\$\{|\$\{([^}]*)\}/g, (match, expr: string | undefined) => {
      if (match === "$${") return "${";
      const value = this.lookup(expr ?? "", where);
      if (typeof value === "object" && value !== null)
        throw new Error(`${where}: \${${expr}} cannot be interpolated into a string`);
      return String(value);
    });
  }

  private lookup(expr: string, where: string): Resolved {
    const match = /^([A-Za-z_][\w-]*)(?:\.outputs\["([^"]+)"\]|\.([A-Za-z_]\w*))?$/.exec(expr);
    if (!match?.[1]) throw new Error(`${where}: unsupported expression \${${expr}}`);
    const [, root, outputKey, property] = match;
    if (outputKey !== undefined) {
      if (this.doc.resources[root]?.type !== TYPES.stackReference)
        throw new Error(`${where}: ${root} is not a ${TYPES.stackReference}`);
      return { stackOutput: { resource: root, key: outputKey } };
    }
    if (property !== undefined) {
      const type = this.doc.resources[root]?.type;
      if (type === undefined) throw new Error(`${where}: \${${expr}} names no resource`);
      const outputs: readonly string[] = OUTPUT_PROPERTIES[type] ?? [];
      if (!outputs.includes(property)) {
        throw new Error(
          `${where}: \${${expr}}: ${type} has no output "${property}"` +
            (outputs.length > 0 ? ` (it has ${outputs.join(", ")})` : ""),
        );
      }
      return { resourceOutput: { resource: root, property } };
    }
    if (root in this.config) return this.config[root];
    const variables = this.doc.variables ?? {};
    if (root in variables) {
      if (!this.variables.has(root))
        this.variables.set(root, this.value(variables[root], `variables.${root}`));
      return this.variables.get(root);
    }
    if (root in this.doc.resources) return { resourceRef: root };
    throw new Error(`${where}: \${${root}} names no config key, variable or resource`);
  }
}

// ---------------------------------------------------------------------------------------------

export interface ControlProject {
  doc: RawDocument;
  config: ConfigValues;
  resources: Record<string, ResolvedResource>;
}

/**
 * Loads the control project from the given texts (default: the files in the repository),
 * resolves it with the stack configuration and validates every resource. Throws on any problem,
 * naming the resource and property.
 */
export function loadControlProject(
  texts: { project?: string; stackConfig?: string } = {},
): ControlProject {
  const doc = rawDocumentSchema.parse(
    parse(texts.project ?? readFileSync(CONTROL_PROJECT_FILE, "utf8")),
  );
  const config = stackConfig(doc, texts.stackConfig ?? readFileSync(CONTROL_EXAMPLE_FILE, "utf8"));
  const resolver = new Resolver(doc, config);
  // Pulumi YAML evaluates every variable, used or not (pulumi-yaml run.go, Runner.Run): a
  // variable left referring to a deleted config key fails `pulumi up`, so it fails here too.
  for (const name of Object.keys(doc.variables ?? {})) resolver.value(`\${${name}}`, "variables");
  const resources: Record<string, ResolvedResource> = {};
  for (const [name, resource] of Object.entries(doc.resources)) {
    const resolved = resolver.value(resource, `resources.${name}`);
    const parsed = resolvedResourceSchema.safeParse(resolved);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
      throw new Error(`resources.${name} (${resource.type}): ${issues.join("; ")}`);
    }
    resources[name] = parsed.data;
  }
  return { doc, config, resources };
}

type ByType<T extends ResolvedResource["type"]> = Extract<ResolvedResource, { type: T }>;

/** The resources of one type, with their logical names. */
export function resourcesOf<T extends ResolvedResource["type"]>(
  project: ControlProject,
  type: T,
): (ByType<T> & { name: string })[] {
  return Object.entries(project.resources)
    .filter((entry): entry is [string, ByType<T>] => entry[1].type === type)
    .map(([name, resource]) => ({ ...resource, name }));
}

/** The one DeploymentSettings resource for a stack, or undefined. */
export function settingsFor(
  project: ControlProject,
  target: { organization: string; project: string; stack: string },
): (ByType<typeof TYPES.settings> & { name: string }) | undefined {
  return resourcesOf(project, TYPES.settings).find(
    (s) =>
      s.properties.organization === target.organization &&
      s.properties.project === target.project &&
      s.properties.stack === target.stack,
  );
}
