import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { PersistentConfig } from "./config";
import { EPHEMERAL_PROJECT, PERSISTENT_PROJECT } from "./config";
import { ConfigError, reasonOf } from "./lib/stack-config";
import type { ScopeContext } from "./permissions";
import { persistentNames } from "./permissions/names";
import {
  deployStatements,
  driftStatements,
  packStatements,
  policyJson,
  previewStatements,
  type PolicyStatement,
} from "./policy-documents";
import {
  DEPLOY_PULUMI_OPERATIONS,
  DRIFT_WORKFLOW,
  GITHUB_OIDC_AUDIENCE,
  GITHUB_OIDC_HOST,
  GITHUB_OIDC_URL,
  PREVIEW_PULUMI_OPERATIONS,
  PULUMI_OIDC_HOST,
  PULUMI_OIDC_URL,
  deployJobs,
  driftContexts,
  ecsTasksTrustPolicy,
  githubSubjects,
  jobWorkflowRef,
  oidcTrustPolicy,
  previewContexts,
  pulumiDeploymentsSubjects,
  type OidcTrust,
  type PulumiOperation,
} from "./trust";
import { arn } from "./lib/arn";

export interface IdentityArgs {
  config: PersistentConfig;
  partition: string;
  region: string;
  accountId: string;
  hostedZoneId: pulumi.Input<string>;
  ecrRepositoryArn: string;
}

// Zone ids are at most 32 characters. Packing the policies with the longest possible id fixes
// how many managed policies exist before the real id is known (a new zone's id is an output),
// so the resource graph never depends on an unknown value.
const LONGEST_ZONE_ID = "Z".padEnd(32, "X");

/**
 * Who may do what: the GitHub (and optionally Pulumi Deployments) OIDC trust, the read-only
 * preview role, the deploy role generated from the permission manifest, the read-only drift
 * role, and the two ECS task roles. The OIDC providers, the roles and the execution role's
 * policy are protected: deleting one would lock CI/CD out of the account or stop the tasks.
 * The managed policies packed from the manifest are not: how many there are follows the
 * manifest, and Pulumi refuses to delete a protected resource, so a smaller manifest would fail
 * every `pulumi up` of this stack.
 */
export class Identity extends pulumi.ComponentResource {
  readonly githubOidcProviderArn: pulumi.Output<string>;
  readonly pulumiOidcProviderArn?: pulumi.Output<string>;
  readonly previewRole: aws.iam.Role;
  readonly deployRole: aws.iam.Role;
  readonly driftRole: aws.iam.Role;
  readonly taskExecutionRole: aws.iam.Role;
  readonly taskRole: aws.iam.Role;

  constructor(name: string, args: IdentityArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gatus:persistent:Identity", name, {}, opts);
    const { config } = args;
    const protect = { parent: this, protect: true };
    const child = { parent: this };
    const roleArn = (roleName: string) =>
      `arn:${args.partition}:iam::${args.accountId}:role/${roleName}`;
    const { roles: names, policyOf } = persistentNames(config.resourcePrefix);
    const scope = (hostedZoneId: string): ScopeContext => ({
      partition: args.partition,
      region: args.region,
      accountId: args.accountId,
      resourcePrefix: config.resourcePrefix,
      hostedZoneId,
      hostname: config.hostname,
      ecrRepositoryArn: args.ecrRepositoryArn,
      passRoleArns: [roleArn(names.taskExecution), roleArn(names.task)],
    });
    // The role's statements in as few managed policies as fit, each `<role>-<n>`, attached.
    // Regenerated from the manifest on every up, so unprotected: the last ones go when it shrinks.
    const attachPolicies = (
      logicalName: string,
      role: aws.iam.Role,
      roleName: string,
      statementsFor: (scope: ScopeContext) => PolicyStatement[],
    ) =>
      packStatements(statementsFor(scope(LONGEST_ZONE_ID))).forEach((planned, i) => {
        const sids = new Set(planned.map((s) => s.Sid));
        const policy = new aws.iam.Policy(
          `${logicalName}-${i + 1}`,
          {
            name: policyOf(roleName, i + 1),
            policy: pulumi
              .output(args.hostedZoneId)
              .apply((zoneId) =>
                policyJson(statementsFor(scope(zoneId)).filter((s) => sids.has(s.Sid))),
              ),
          },
          child,
        );
        new aws.iam.RolePolicyAttachment(
          `${logicalName}-${i + 1}`,
          { role: role.name, policyArn: policy.arn },
          child,
        );
      });

    this.githubOidcProviderArn = config.existingGithubOidcProviderArn
      ? pulumi.output(config.existingGithubOidcProviderArn)
      : new aws.iam.OpenIdConnectProvider(
          "github",
          { url: GITHUB_OIDC_URL, clientIdLists: [GITHUB_OIDC_AUDIENCE] },
          protect,
        ).arn;

    const organization = config.pulumiOrganization;
    if (organization !== undefined) {
      // Pulumi Deployments presents tokens whose audience is the organization name.
      this.pulumiOidcProviderArn = config.existingPulumiOidcProviderArn
        ? pulumi.output(config.existingPulumiOidcProviderArn)
        : new aws.iam.OpenIdConnectProvider(
            "pulumi",
            { url: PULUMI_OIDC_URL, clientIdLists: [organization] },
            protect,
          ).arn;
    }

    const github = {
      repository: config.githubRepository,
      ownerId: config.githubOwnerId,
      repositoryId: config.githubRepositoryId,
    };
    const githubTrust = (contexts: string[], workflow?: string) =>
      this.githubOidcProviderArn.apply((providerArn): OidcTrust => ({
        providerArn,
        host: GITHUB_OIDC_HOST,
        audience: GITHUB_OIDC_AUDIENCE,
        subjects: contexts.flatMap((c) => githubSubjects(github, c)),
        ...(workflow === undefined
          ? {}
          : {
              claims: {
                job_workflow_ref: jobWorkflowRef(
                  config.githubRepository,
                  workflow,
                  config.defaultBranch,
                ),
              },
            }),
      }));
    const pulumiTrust = (project: string, stack: string, operations: readonly PulumiOperation[]) =>
      organization === undefined || this.pulumiOidcProviderArn === undefined
        ? []
        : [
            this.pulumiOidcProviderArn.apply((providerArn): OidcTrust => ({
              providerArn,
              host: PULUMI_OIDC_HOST,
              audience: organization,
              subjects: pulumiDeploymentsSubjects({ organization, project, stack, operations }),
            })),
          ];

    // Read-only: PR previews and the CD preview job. Never an environment.
    this.previewRole = new aws.iam.Role(
      "preview",
      {
        name: names.preview,
        description: `Read-only: pulumi preview of ${PERSISTENT_PROJECT} and ${EPHEMERAL_PROJECT} (${config.stack})`,
        assumeRolePolicy: pulumi
          .all([
            githubTrust(previewContexts(config.defaultBranch)),
            ...pulumiTrust(PERSISTENT_PROJECT, config.stack, PREVIEW_PULUMI_OPERATIONS),
          ])
          .apply(oidcTrustPolicy),
        maxSessionDuration: 3600,
      },
      protect,
    );
    attachPolicies("preview", this.previewRole, names.preview, previewStatements);

    // Changes infrastructure: only from the protected GitHub environments, each from its own
    // workflow file, and the ephemeral stack's scheduled Deployments runs. The approval gate is
    // therefore also an IAM boundary.
    this.deployRole = new aws.iam.Role(
      "deploy",
      {
        name: names.deploy,
        description: `Deploys and destroys ${EPHEMERAL_PROJECT} (${config.ephemeralStack}); scoped by the permission manifest`,
        assumeRolePolicy: pulumi
          .all([
            ...deployJobs({
              deploy: config.deployEnvironment,
              teardown: config.teardownEnvironment,
            }).map((job) => githubTrust([job.context], job.workflow)),
            ...pulumiTrust(EPHEMERAL_PROJECT, config.ephemeralStack, DEPLOY_PULUMI_OPERATIONS),
          ])
          .apply(oidcTrustPolicy),
        // A first `pulumi up` (NAT gateway, ALB, steady state) can take longer than an hour's default.
        maxSessionDuration: 7200,
      },
      protect,
    );
    attachPolicies("deploy", this.deployRole, names.deploy, deployStatements);

    // Read-only like the preview role, but for this stack only, and it may also decrypt the
    // stack's secrets (granted beside them, persistent/alerting-secrets.ts), which a refresh
    // reads. So never from a pull request: only drift.yml's job on the default branch.
    this.driftRole = new aws.iam.Role(
      "drift",
      {
        name: names.drift,
        description: `Read-only: pulumi preview --refresh of ${PERSISTENT_PROJECT} (${config.stack}) from ${DRIFT_WORKFLOW}`,
        assumeRolePolicy: githubTrust(driftContexts(config.defaultBranch), DRIFT_WORKFLOW).apply(
          (trust) => oidcTrustPolicy([trust]),
        ),
        maxSessionDuration: 3600,
      },
      protect,
    );
    attachPolicies("drift", this.driftRole, names.drift, driftStatements);

    // The task roles live here, so the ephemeral project never creates IAM roles.
    this.taskExecutionRole = new aws.iam.Role(
      "task-execution",
      {
        name: names.taskExecution,
        description: "ECS agent: pull the Gatus image, write container logs, read alerting secrets",
        assumeRolePolicy: ecsTasksTrustPolicy(args),
      },
      protect,
    );
    new aws.iam.RolePolicy(
      "task-execution",
      {
        role: this.taskExecutionRole.name,
        policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            // GetAuthorizationToken accepts no resource but "*"; the pull itself is scoped below.
            {
              Sid: "EcrAuth",
              Effect: "Allow",
              Action: ["ecr:GetAuthorizationToken"],
              Resource: ["*"],
            },
            {
              Sid: "EcrPull",
              Effect: "Allow",
              Action: [
                "ecr:BatchCheckLayerAvailability",
                "ecr:BatchGetImage",
                "ecr:GetDownloadUrlForLayer",
              ],
              Resource: [args.ecrRepositoryArn],
            },
            {
              Sid: "Logs",
              Effect: "Allow",
              Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
              // The streams of this stack's log group (persistent/container-logs.ts), which the
              // task definition names; not a sibling stack's.
              Resource: [
                arn(
                  args,
                  "logs",
                  `log-group:${persistentNames(config.resourcePrefix).logGroup}:log-stream:*`,
                ),
              ],
            },
          ],
        }),
      },
      protect,
    );
    // Gatus's own role: no permissions here. What alerting and history need (send SES e-mail,
    // mount the history) is granted where those are created, only when they are configured.
    this.taskRole = new aws.iam.Role(
      "task",
      {
        name: names.task,
        description: "Gatus container: only the configured alert e-mail and history mount",
        assumeRolePolicy: ecsTasksTrustPolicy(args),
      },
      protect,
    );

    this.registerOutputs({});
  }
}

export interface ExpectedOidcProvider {
  /** The config key that named the provider, for the message. */
  configKey: string;
  url: string;
  audience: string;
}

/** Checks an adopted OIDC provider (right issuer, our audience) before anything trusts it. */
export async function verifyAdoptedOidcProvider(
  arn: string,
  expected: ExpectedOidcProvider,
  opts: pulumi.InvokeOptions,
): Promise<void> {
  let provider: aws.iam.GetOpenIdConnectProviderResult;
  try {
    provider = await aws.iam.getOpenIdConnectProvider({ arn }, opts);
  } catch (err) {
    throw new ConfigError(
      `${expected.configKey}: cannot read "${arn}" (${reasonOf(err)}). ` +
        `Fix: pulumi config set ${expected.configKey} <the ARN listed in IAM > Identity providers>, or remove the key to create one.`,
    );
  }
  const host = (url: string) => url.replace(/^https:\/\//, "");
  if (
    host(provider.url) !== host(expected.url) ||
    !provider.clientIdLists.includes(expected.audience)
  ) {
    throw new ConfigError(
      `${expected.configKey}: "${arn}" has URL "${provider.url}" and audiences ${JSON.stringify(provider.clientIdLists)}; ` +
        `expected ${expected.url} with audience ${expected.audience}. Fix: add the audience to that provider, or point the key at the right provider.`,
    );
  }
}
