import { GATUS_SECRETS, GATUS_VARIABLES } from "../../persistent/gatus-variables";
import { describe, expect, it } from "vitest";
import * as f from "./fixtures/resources";
import { acmDnsValidation } from "./rules/acm";
import { ecrLifecyclePolicy } from "./rules/ecr";
import {
  ecsLoggingConfigured,
  ecsNoSecretsInEnvironment,
  ecsNonRootUser,
  ecsReadonlyRootFilesystem,
  ecsServiceCircuitBreaker,
  ecsServiceNoPublicIp,
  ecsSpotDrainWithinWarning,
  isNumericNonRootUser,
  looksSecret,
  SPOT_RECLAIM_WARNING_SECONDS,
} from "./rules/ecs";
import { SPOT_RECLAIM_WARNING_SECONDS as CONFIG_SPOT_WARNING } from "../../ephemeral/config";
import { logsRetentionSet } from "./rules/logs";
import { snsCustomerManagedKey } from "./rules/sns";

describe("ECS containers must run as a numeric non-root user", () => {
  it.each(["65532", "65532:65532", "1000:0"])("accepts user %j", (user) => {
    expect(isNumericNonRootUser(user)).toBe(true);
  });

  it.each([undefined, "", "0", "0:0", "0:65532", "root", "root:root", "nobody", "65532:staff"])(
    "rejects user %j",
    (user) => expect(isNumericNonRootUser(user)).toBe(false),
  );
});

describe("ECS containers must not pass secrets as plain environment variables", () => {
  it.each([
    "AWS_SECRET_ACCESS_KEY",
    "AWS_ACCESS_KEY_ID",
    "ECS_ENGINE_AUTH_DATA",
    "DB_PASSWORD",
    "GITHUB_TOKEN",
    "SLACK_API_KEY",
    "client_secret",
    "TLS_PRIVATE_KEY",
    // Every credential Gatus's config reads (persistent/gatus-variables.ts).
    // (The dashboard's username is passed as a secret by choice, not because its name says so.)
    ...GATUS_SECRETS.filter((s) => s.configKey !== "dashboardUsername").map((s) => s.variable),
  ])("%s looks like a secret", (name) => expect(looksSecret(name)).toBe(true));

  it.each([
    "GATUS_CONFIG_PATH",
    "TZ",
    "AWS_REGION",
    // Every plain variable Gatus's config reads.
    ...Object.entries(GATUS_VARIABLES)
      .filter(([, how]) => how === "environment")
      .map(([name]) => name),
  ])("%s does not", (name) => expect(looksSecret(name)).toBe(false));

  it("names the container and every offending variable", () => {
    const td = f.taskDefinition({
      environment: [
        { name: "DB_PASSWORD", value: "x" },
        { name: "TZ", value: "UTC" },
        { name: "API_TOKEN", value: "y" },
      ],
    });
    expect(ecsNoSecretsInEnvironment.check(td)).toEqual([
      expect.stringContaining(
        'container "gatus" has secret-looking plain environment variables DB_PASSWORD, API_TOKEN',
      ),
    ]);
  });
});

describe("ECS task definition checks read every container", () => {
  it("reports each non-compliant container of a multi-container task", () => {
    const td = {
      ...f.taskDefinition(),
      inputs: {
        ...f.taskDefinition().inputs,
        containerDefinitions: JSON.stringify([
          f.container(),
          f.container({ name: "sidecar", readonlyRootFilesystem: undefined, user: undefined }),
        ]),
      },
    };
    expect(ecsReadonlyRootFilesystem.check(td)).toEqual([
      expect.stringContaining('container "sidecar"'),
    ]);
    expect(ecsNonRootUser.check(td)).toEqual([expect.stringContaining('container "sidecar"')]);
  });

  it("fails closed when containerDefinitions is not valid JSON", () => {
    const td = f.taskDefinition({}, { containerDefinitions: "[{" });
    expect(ecsLoggingConfigured.check(td)[0]).toMatch(/not valid JSON/);
  });
});

describe("ECS service", () => {
  it("a public IP is mandatory-flagged unless the service is tagged gatus:egress=public (also via tagsAll)", () => {
    const networkConfiguration = { subnets: ["subnet-public-a"], assignPublicIp: true };
    expect(ecsServiceNoPublicIp.check(f.service({ networkConfiguration, tags: {} }))).toHaveLength(
      1,
    );
    expect(
      ecsServiceNoPublicIp.check(
        f.service({ networkConfiguration, tags: undefined, tagsAll: { "gatus:egress": "public" } }),
      ),
    ).toEqual([]);
  });

  it("a missing circuit breaker is flagged; CodeDeploy-controlled services are not", () => {
    expect(
      ecsServiceCircuitBreaker.check(f.service({ deploymentCircuitBreaker: undefined })),
    ).toHaveLength(1);
    expect(
      ecsServiceCircuitBreaker.check(
        f.service({
          deploymentCircuitBreaker: undefined,
          deploymentController: { type: "CODE_DEPLOY" },
        }),
      ),
    ).toEqual([]);
  });
});

describe("a target group of a Fargate Spot service must drain within the reclaim warning", () => {
  const slow = f.targetGroup({ deregistrationDelay: 300 });
  const found = (...resources: ReturnType<typeof f.targetGroup>[]) =>
    ecsSpotDrainWithinWarning.checkGraph(resources).map((v) => v.message);

  it("is the same 2 minutes the config enforces", () => {
    expect(SPOT_RECLAIM_WARNING_SECONDS).toBe(CONFIG_SPOT_WARNING);
  });

  it("flags the target group, naming the service and the fix", () => {
    expect(found(f.spotService(), slow)).toEqual([
      'TargetGroup "gatus" drains for 300 s (deregistrationDelay 300) while Service "gatus" runs on FARGATE_SPOT; set deregistrationDelay below 120 (config deregistrationDelaySeconds).',
    ]);
    expect(found(f.spotService(), f.targetGroup({ deregistrationDelay: 120 }))).toHaveLength(1);
  });

  it("counts a strategy that mixes FARGATE and FARGATE_SPOT as Spot", () => {
    const mixed = f.spotService({
      capacityProviderStrategies: [
        { capacityProvider: "FARGATE", base: 1, weight: 1 },
        { capacityProvider: "FARGATE_SPOT", weight: 1 },
      ],
    });
    expect(found(mixed, slow)).toHaveLength(1);
  });

  it("leaves On-Demand services and unrelated target groups alone", () => {
    const onDemand = f.spotService({
      capacityProviderStrategies: [{ capacityProvider: "FARGATE", weight: 1 }],
    });
    expect(found(onDemand, slow)).toEqual([]);
    expect(found(f.service(), slow)).toEqual([]);
    expect(found(f.spotService({ loadBalancers: [] }), slow)).toEqual([]);
  });

  it("links by dependency URN when the target group's ARN is unknown (preview)", () => {
    const urn = "urn:pulumi:prod::gatus-ephemeral::aws:lb/targetGroup:TargetGroup::gatus";
    const tg = { ...f.targetGroup({ deregistrationDelay: 300 }), outputs: {}, urn };
    const service = {
      ...f.spotService({ loadBalancers: [{ containerName: "gatus", containerPort: 8080 }] }),
      dependencies: [urn],
    };
    expect(found(service, tg)).toHaveLength(1);
  });
});

describe("ECR repository must have a lifecycle policy: linking policy to repository", () => {
  it("links by repository name when the name is explicit", () => {
    expect(ecrLifecyclePolicy.checkGraph([f.repository(), f.lifecyclePolicy("gatus")])).toEqual([]);
  });

  it("links by the mock's returned name when the repository is auto-named", () => {
    const repo = { ...f.repository({ name: undefined }), outputs: { name: "gatus-4f2a1b" } };
    expect(ecrLifecyclePolicy.checkGraph([repo, f.lifecyclePolicy("gatus-4f2a1b")])).toEqual([]);
  });

  it("links by dependency URN when the name is unknown", () => {
    const repo = { ...f.repository({ name: undefined }), urn: "urn:repo" };
    const policy = { ...f.lifecyclePolicy(""), dependencies: ["urn:repo"] };
    expect(ecrLifecyclePolicy.checkGraph([repo, policy])).toEqual([]);
  });

  it("reports only the repository that has no policy", () => {
    const found = ecrLifecyclePolicy.checkGraph([
      f.repository(),
      f.repository({ name: "other" }, "other"),
      f.lifecyclePolicy("gatus"),
    ]);
    expect(found.map((v) => v.resource.name)).toEqual(["other"]);
  });
});

describe("logs, SNS and ACM", () => {
  it.each([undefined, 0, -1, "30"])(
    "log group retentionInDays %j is flagged",
    (retentionInDays) => {
      expect(logsRetentionSet.check(f.logGroup({ retentionInDays }))).toHaveLength(1);
    },
  );

  it.each([undefined, "", "alias/aws/sns", "arn:aws:kms:eu-west-2:123456789012:alias/aws/sns"])(
    "SNS kmsMasterKeyId %j is flagged",
    (kmsMasterKeyId) =>
      expect(snsCustomerManagedKey.check(f.topic({ kmsMasterKeyId }))).toHaveLength(1),
  );

  it.each(["alias/gatus-alarms", "arn:aws:kms:eu-west-2:123456789012:key/5678efgh"])(
    "SNS kmsMasterKeyId %j passes",
    (kmsMasterKeyId) =>
      expect(snsCustomerManagedKey.check(f.topic({ kmsMasterKeyId }))).toEqual([]),
  );

  it("an imported certificate (no domainName) is not asked for DNS validation", () => {
    const imported = f.certificate({
      domainName: undefined,
      validationMethod: undefined,
      certificateBody: "PEM",
    });
    expect(acmDnsValidation.check(imported)).toEqual([]);
    expect(acmDnsValidation.check(f.certificate({ validationMethod: undefined }))).toHaveLength(1);
  });
});
