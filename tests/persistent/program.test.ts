import { beforeAll, describe, expect, it } from "vitest";
import type { Graph } from "../engine/run-program";
import { asList, jsonInput, ofType, one, type IamStatement } from "../helpers/graph";
import { stackReadmeRules } from "../helpers/stack-readme";
import { runPersistent } from "./run";

const ROLE = "aws:iam/role:Role";
const POLICY = "aws:iam/policy:Policy";
let graph: Graph;

// The validation resource's output is marked, so the test can tell which resource the
// exported certificate ARN came from.
const VALIDATED = "-validated";
// Route 53 gives every public zone four name servers (the shared mock returns two), and the
// stack README lists all four.
const NAME_SERVERS = [
  "ns-1.awsdns-01.org",
  "ns-2.awsdns-02.co.uk",
  "ns-3.awsdns-03.com",
  "ns-4.awsdns-04.net",
];

beforeAll(async () => {
  graph = await runPersistent(
    {},
    {
      overrideState: (type, _name, inputs) => {
        if (type === "aws:acm/certificateValidation:CertificateValidation")
          return { certificateArn: `${String(inputs.certificateArn)}${VALIDATED}` };
        if (type === "aws:route53/zone:Zone") return { nameServers: NAME_SERVERS };
        return undefined;
      },
    },
  );
});

const trustOf = (roleName: string) =>
  jsonInput<{ Statement: IamStatement[] }>(one(graph, ROLE, roleName), "assumeRolePolicy")
    .Statement;
const subjectsOf = (roleName: string) =>
  trustOf(roleName).flatMap((s) =>
    Object.entries(s.Condition?.StringEquals ?? {})
      .filter(([k]) => k.endsWith(":sub"))
      .flatMap(([, v]) => asList(v)),
  );
const statementsOf = (policyPrefix: string): IamStatement[] =>
  ofType(graph, POLICY)
    .filter((p) => p.name.startsWith(policyPrefix))
    .flatMap((p) => jsonInput<{ Statement: IamStatement[] }>(p, "policy").Statement);

describe("ECR repository", () => {
  it("has immutable tags, scan on push and a customer-managed KMS key", () => {
    const repo = one(graph, "aws:ecr/repository:Repository");
    expect(repo.inputs.imageTagMutability).toBe("IMMUTABLE");
    expect(repo.inputs.imageScanningConfiguration).toEqual({ scanOnPush: true });
    const [encryption] = repo.inputs.encryptionConfigurations as {
      encryptionType: string;
      kmsKey: string;
    }[];
    expect(encryption?.encryptionType).toBe("KMS");
    expect(encryption?.kmsKey).toMatch(/^arn:aws:kms:/);
    expect(repo.inputs.forceDelete).toBe(false);
  });

  it("has a lifecycle policy that expires untagged images and keeps the configured count", () => {
    const policy = jsonInput<{ rules: { selection: Record<string, unknown> }[] }>(
      one(graph, "aws:ecr/lifecyclePolicy:LifecyclePolicy"),
      "policy",
    );
    expect(policy.rules.map((r) => r.selection)).toEqual([
      { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 1 },
      { tagStatus: "any", countType: "imageCountMoreThan", countNumber: 30 },
    ]);
  });
});

describe("certificate", () => {
  it("is validated through DNS in the stack's zone, and the exported ARN is the validated one", () => {
    const certificate = one(graph, "aws:acm/certificate:Certificate");
    expect(certificate.inputs).toMatchObject({
      domainName: "status.example.com",
      validationMethod: "DNS",
    });
    const record = one(graph, "aws:route53/record:Record", "certificate-validation");
    const validation = one(graph, "aws:acm/certificateValidation:CertificateValidation");
    expect(validation.inputs.validationRecordFqdns).toEqual([
      String(record.inputs.name).replace(/\.$/, ""),
    ]);
    expect(record.inputs.zoneId).toBe(graph.outputs.hostedZoneId);
    expect(graph.outputs.certificateArn).toMatch(new RegExp(`${VALIDATED}$`));
  });
});

describe("OIDC trust", () => {
  it("creates the GitHub provider with the STS audience", () => {
    expect(
      one(graph, "aws:iam/openIdConnectProvider:OpenIdConnectProvider", "github").inputs,
    ).toMatchObject({
      url: "https://token.actions.githubusercontent.com",
      clientIdLists: ["sts.amazonaws.com"],
    });
  });

  it("creates the Pulumi Deployments provider with the organization as audience", () => {
    expect(
      one(graph, "aws:iam/openIdConnectProvider:OpenIdConnectProvider", "pulumi").inputs,
    ).toMatchObject({
      url: "https://api.pulumi.com/oidc",
      clientIdLists: ["acme"],
    });
  });

  it("every OIDC trust statement checks the audience and an exact subject list", () => {
    for (const role of ["preview", "deploy", "drift"]) {
      for (const statement of trustOf(role)) {
        expect(statement.Action).toBe("sts:AssumeRoleWithWebIdentity");
        const equals = statement.Condition?.StringEquals ?? {};
        expect(Object.keys(equals).some((k) => k.endsWith(":aud"))).toBe(true);
        expect(Object.keys(statement.Condition ?? {})).toEqual(["StringEquals"]);
        for (const subject of subjectsOf(role)) expect(subject).not.toContain("*");
      }
    }
  });

  it("the preview role trusts pull requests and the default branch, never an environment", () => {
    const subjects = subjectsOf("preview");
    expect(subjects).toEqual(
      expect.arrayContaining([
        "repo:acme/gatus-fargate:pull_request",
        "repo:acme/gatus-fargate:ref:refs/heads/main",
        "repo:acme@1234567/gatus-fargate@987654321:pull_request",
      ]),
    );
    expect(subjects.filter((s) => s.includes(":environment:"))).toEqual([]);
    expect(
      subjects
        .filter((s) => s.startsWith("pulumi:"))
        .every((s) => s.includes(":project:gatus-persistent:")),
    ).toBe(true);
  });

  it("the deploy role trusts only the deploy and teardown environments and the ephemeral stack's Deployments", () => {
    const subjects = subjectsOf("deploy");
    const github = subjects.filter((s) => s.startsWith("repo:"));
    expect(github.sort()).toEqual(
      [
        "repo:acme/gatus-fargate:environment:production",
        "repo:acme/gatus-fargate:environment:teardown",
        "repo:acme@1234567/gatus-fargate@987654321:environment:production",
        "repo:acme@1234567/gatus-fargate@987654321:environment:teardown",
      ].sort(),
    );
    expect(subjects.filter((s) => s.startsWith("pulumi:")).sort()).toEqual(
      ["destroy", "update"].map(
        (op) =>
          `pulumi:deploy:org:acme:project:gatus-ephemeral:stack:dev:operation:${op}:scope:write`,
      ),
    );
  });

  it("without a Pulumi organization there is no Deployments provider or subject", async () => {
    const withoutOrg = await runPersistent({ "gatus-persistent:pulumiOrganization": undefined });
    expect(
      ofType(withoutOrg, "aws:iam/openIdConnectProvider:OpenIdConnectProvider").map((r) => r.name),
    ).toEqual(["github"]);
    const deploy = jsonInput<{ Statement: IamStatement[] }>(
      one(withoutOrg, ROLE, "deploy"),
      "assumeRolePolicy",
    );
    expect(JSON.stringify(deploy)).not.toContain("pulumi:deploy");
  });
});

describe("permissions", () => {
  const WILDCARD = /^\*$|^[a-z0-9-]+:\*$/;

  it("no IAM policy anywhere grants a '*' or 'service:*' action", () => {
    const documents = [
      ...ofType(graph, POLICY).map((p) => jsonInput<{ Statement: IamStatement[] }>(p, "policy")),
      ...ofType(graph, "aws:iam/rolePolicy:RolePolicy").map((p) =>
        jsonInput<{ Statement: IamStatement[] }>(p, "policy"),
      ),
    ];
    expect(documents.length).toBeGreaterThanOrEqual(4);
    const actions = documents.flatMap((d) => d.Statement.flatMap((s) => asList(s.Action)));
    expect(actions.filter((a) => WILDCARD.test(a))).toEqual([]);
  });

  it("iam:PassRole is limited to the two task roles and to ECS tasks", () => {
    const passRole = statementsOf("deploy").filter((s) =>
      asList(s.Action).includes("iam:PassRole"),
    );
    expect(passRole).toHaveLength(1);
    expect(asList(passRole[0]?.Action)).toEqual(["iam:PassRole"]);
    expect(asList(passRole[0]?.Resource).sort()).toEqual(
      [graph.outputs.taskRoleArn, graph.outputs.taskExecutionRoleArn].sort(),
    );
    expect(passRole[0]?.Condition).toEqual({
      StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" },
    });
  });

  it("route53:GetChange is granted on arn:aws:route53:::change/*, record changes only on the zone and hostname", () => {
    const statements = statementsOf("deploy");
    const getChange = statements.find((s) =>
      asList(s.Resource).includes("arn:aws:route53:::change/*"),
    );
    expect(asList(getChange?.Action)).toContain("route53:GetChange");
    const change = statements.find((s) =>
      asList(s.Action).includes("route53:ChangeResourceRecordSets"),
    );
    expect(asList(change?.Resource)).toEqual([
      `arn:aws:route53:::hostedzone/${String(graph.outputs.hostedZoneId)}`,
    ]);
    expect(change?.Condition).toEqual({
      "ForAllValues:StringEquals": {
        "route53:ChangeResourceRecordSetsNormalizedRecordNames": ["status.example.com"],
        "route53:ChangeResourceRecordSetsRecordTypes": ["A"],
      },
    });
  });

  it("the deploy role pushes only to the stack's repository", () => {
    const push = statementsOf("deploy").filter((s) => asList(s.Action).includes("ecr:PutImage"));
    expect(push.flatMap((s) => asList(s.Resource))).toEqual([graph.outputs.ecrRepositoryArn]);
  });

  it("the preview role can read (including ECR image tags) and write nothing", () => {
    const actions = statementsOf("preview").flatMap((s) => asList(s.Action));
    expect(actions).toContain("ecr:ListImages");
    expect(actions).toContain("ec2:DescribeVpcs");
    const writes = actions.filter((a) => !/^[a-z0-9-]+:(Describe|List|Get|BatchGet)/.test(a));
    expect(writes).toEqual([]);
  });

  it("the task execution role pulls from the stack's repository and writes only the stack's logs", () => {
    const policy = jsonInput<{ Statement: IamStatement[] }>(
      one(graph, "aws:iam/rolePolicy:RolePolicy", "task-execution"),
      "policy",
    );
    const pull = policy.Statement.find((s) => asList(s.Action).includes("ecr:BatchGetImage"));
    expect(asList(pull?.Resource)).toEqual([graph.outputs.ecrRepositoryArn]);
    const logs = policy.Statement.find((s) => asList(s.Action).includes("logs:PutLogEvents"));
    expect(asList(logs?.Resource)).toEqual([
      "arn:aws:logs:eu-west-2:123456789012:log-group:/ecs/gatus-dev/gatus:log-stream:*",
    ]);
  });

  it("task roles trust only ECS tasks of this account and region", () => {
    for (const name of ["task", "task-execution"]) {
      expect(trustOf(name)).toEqual([
        {
          Effect: "Allow",
          Principal: { Service: "ecs-tasks.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: {
            StringEquals: { "aws:SourceAccount": "123456789012" },
            ArnLike: { "aws:SourceArn": "arn:aws:ecs:eu-west-2:123456789012:*" },
          },
        },
      ]);
    }
  });
});

describe("alarm topic", () => {
  it("is encrypted with the project's customer-managed key, which CloudWatch may use", () => {
    const topic = one(graph, "aws:sns/topic:Topic");
    const key = one(graph, "aws:kms/key:Key", "ecr");
    expect(topic.inputs.kmsMasterKeyId).toMatch(/^arn:aws:kms:/);
    // The key the log group uses too: the project's one key.
    expect(topic.inputs.kmsMasterKeyId).toBe(
      one(graph, "aws:cloudwatch/logGroup:LogGroup").inputs.kmsKeyId,
    );
    const keyPolicy = jsonInput<{ Statement: IamStatement[] }>(key, "policy");
    const cloudwatch = keyPolicy.Statement.find(
      (s) => s.Principal?.Service === "cloudwatch.amazonaws.com",
    );
    expect(asList(cloudwatch?.Action).sort()).toEqual(["kms:Decrypt", "kms:GenerateDataKey*"]);
  });

  it("subscribes the alert email and is exported in the contract", () => {
    expect(one(graph, "aws:sns/topicSubscription:TopicSubscription").inputs).toMatchObject({
      protocol: "email",
      endpoint: "oncall@example.com",
    });
    expect(graph.outputs.alarmTopicArn).toMatch(
      /^arn:aws:sns:eu-west-2:123456789012:gatus-dev-alarms$/,
    );
  });

  it("is not created without an alert email, and the contract says so with null", async () => {
    const quiet = await runPersistent({ "gatus-persistent:alertEmail": undefined });
    expect(ofType(quiet, "aws:sns/topic:Topic")).toEqual([]);
    expect(quiet.outputs.alarmTopicArn).toBeNull();
    // Nor may CloudWatch use the key then.
    const policy = jsonInput<{ Statement: IamStatement[] }>(
      one(quiet, "aws:kms/key:Key", "ecr"),
      "policy",
    );
    expect(policy.Statement.map((s) => s.Sid)).not.toContain("CloudWatchPublishesAlarms");
  });
});

describe("container logs", () => {
  const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
  const KEY = "aws:kms/key:Key";

  it("live in a log group of this stack, retained for the configured days, exported in the contract (v2)", async () => {
    const group = one(graph, LOG_GROUP);
    expect(group.inputs).toMatchObject({ name: "/ecs/gatus-dev/gatus", retentionInDays: 30 });
    expect(group.protect).toBe(true);
    expect(graph.outputs.logGroupName).toBe("/ecs/gatus-dev/gatus");
    const longer = await runPersistent({ "gatus-persistent:logRetentionDays": "365" });
    expect(one(longer, LOG_GROUP).inputs.retentionInDays).toBe(365);
  });

  it("are encrypted with the project's key, whose policy lets CloudWatch Logs use it for this group only", () => {
    const key = one(graph, KEY, "ecr");
    expect(one(graph, LOG_GROUP).inputs.kmsKeyId).toMatch(/^arn:aws:kms:/);
    const logs = jsonInput<{ Statement: IamStatement[] }>(key, "policy").Statement.find(
      (s) => s.Sid === "CloudWatchLogsEncrypts",
    );
    expect(logs?.Principal).toEqual({ Service: "logs.eu-west-2.amazonaws.com" });
    expect(logs?.Condition).toEqual({
      ArnEquals: {
        "kms:EncryptionContext:aws:logs:arn":
          "arn:aws:logs:eu-west-2:123456789012:log-group:/ecs/gatus-dev/gatus",
      },
    });
    expect(key.inputs.description).toBe(
      "Encrypts the gatus-dev ECR repository, the container log group, the alarm topic, Gatus's alerting secrets and history",
    );
  });

  it("cannot be created or deleted by the deploy role, which may delete only the group ephemeral stacks had before v2", () => {
    const logWrites = statementsOf("deploy").flatMap((s) =>
      asList(s.Action)
        // Log deliveries (vended flow and WAF logs) are not log groups; they take only "*".
        .filter((a) => a.startsWith("logs:") && !/^logs:(Describe|List|\w+LogDelivery$)/.test(a))
        .flatMap((a) => asList(s.Resource).map((r) => [a, r])),
    );
    const group = (name: string) => `arn:aws:logs:eu-west-2:123456789012:log-group:${name}`;
    // Container Insights' performance log group is the ephemeral stack's own (issue 14).
    const performance = group("/aws/ecs/containerinsights/gatus-dev-cluster/performance");
    expect(logWrites.filter(([, r]) => r !== performance)).toEqual([
      ["logs:DeleteLogGroup", group("/ecs/gatus-dev-gatus")],
    ]);
    expect(logWrites.map(([a]) => a)).toContain("logs:CreateLogGroup");
  });
});

describe("protection", () => {
  it.each([
    ["aws:iam/openIdConnectProvider:OpenIdConnectProvider", "github"],
    ["aws:iam/openIdConnectProvider:OpenIdConnectProvider", "pulumi"],
    [ROLE, "preview"],
    [ROLE, "deploy"],
    [ROLE, "task-execution"],
    [ROLE, "task"],
    ["aws:ecr/repository:Repository", "gatus"],
    ["aws:kms/key:Key", "ecr"],
    ["aws:cloudwatch/logGroup:LogGroup", "gatus"],
    ["aws:route53/zone:Zone", "zone"],
    ["aws:acm/certificate:Certificate", "gatus"],
  ])("%s %s is protected against deletion", (type, name) => {
    expect(one(graph, type, name).protect).toBe(true);
  });

  it("the execution role's own policy is protected with it (the tasks pull and log through it)", () => {
    expect(one(graph, "aws:iam/rolePolicy:RolePolicy", "task-execution").protect).toBe(true);
  });

  it("the managed policies packed from the manifest are not: a smaller manifest deletes some (manifest-shrink.test.ts)", () => {
    const packed = [
      ...ofType(graph, POLICY),
      ...ofType(graph, "aws:iam/rolePolicyAttachment:RolePolicyAttachment"),
    ];
    expect(packed.length).toBeGreaterThan(2);
    expect(packed.filter((p) => p.protect).map((p) => `${p.type} ${p.name}`)).toEqual([]);
  });
});

describe("naming and outputs", () => {
  it("derives every physical name from the name prefix and the stack", () => {
    const names = graph.resources
      .map((r) => r.inputs.name)
      .filter((n): n is string => typeof n === "string" && !n.includes("."));
    expect(names.length).toBeGreaterThan(8);
    // SSM parameters are a path: /gatus-dev/gatus/<name>; the log group /ecs/gatus-dev/gatus.
    for (const name of names) expect(name).toMatch(/^(alias\/|\/ecs\/|\/)?gatus-dev(-|\/|$)/);
  });

  it("exports the contract keys and, outside the contract, only the listed operator outputs", async () => {
    const { CONTRACT_KEYS, OPERATOR_OUTPUT_KEYS } = await import("../../persistent/contract.js");
    expect(OPERATOR_OUTPUT_KEYS.filter((key) => (CONTRACT_KEYS as string[]).includes(key))).toEqual(
      [],
    );
    expect(Object.keys(graph.outputs).sort()).toEqual(
      [...CONTRACT_KEYS, ...OPERATOR_OUTPUT_KEYS].sort(),
    );
  });

  it("a second stack in the same account gets different names", async () => {
    const staging = await runPersistent({}, { stack: "staging" });
    expect(one(staging, "aws:ecr/repository:Repository").inputs.name).toBe("gatus-staging");
    expect(one(staging, ROLE, "deploy").inputs.name).toBe("gatus-staging-deploy");
  });
});

describe("stack README and console links", () => {
  stackReadmeRules("persistent", () => graph);

  it("console links point at the stack's repository, zone, certificate and roles", () => {
    const urls = graph.outputs.consoleUrls as Record<string, string>;
    const outputs = graph.outputs as Record<string, string>;
    expect(urls.ecrRepository).toBe(
      "https://eu-west-2.console.aws.amazon.com/ecr/repositories/private/123456789012/gatus-dev?region=eu-west-2",
    );
    expect(urls.hostedZone).toBe(
      `https://console.aws.amazon.com/route53/v2/hostedzones#ListRecordSets/${outputs.hostedZoneId}`,
    );
    expect(urls.certificate).toBe(
      `https://eu-west-2.console.aws.amazon.com/acm/home?region=eu-west-2#/certificates/${outputs.certificateArn?.split("/").pop()}`,
    );
    expect(urls.deployRole).toBe(
      "https://console.aws.amazon.com/iam/home#/roles/details/gatus-dev-deploy",
    );
  });

  it("exports the zone's name servers and the GitHub repository for the README", () => {
    expect(graph.outputs.nameServers).toEqual(NAME_SERVERS);
    expect(graph.outputs.githubRepositoryUrl).toBe("https://github.com/acme/gatus-fargate");
  });
});
