import * as pulumi from "@pulumi/pulumi";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GATUS_SECRETS } from "../../persistent/gatus-variables";
import { DASHBOARD_LOGIN } from "../helpers/dashboard-login";
import { readImageUser } from "../../persistent/image-user";
import type { Graph } from "../engine/run-program";
import { jsonInput, ofType, one, type IamStatement } from "../helpers/graph";
import { TEST_SECRETS } from "../helpers/test-stacks";
import { runPersistent } from "./run";

const PARAMETER = "aws:ssm/parameter:Parameter";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const KEY = "aws:kms/key:Key";
const NOTHING_CONFIGURED = {
  "gatus-persistent:slackWebhookUrl": undefined,
  "gatus-persistent:teamsWebhookUrl": undefined,
  "gatus-persistent:pagerdutyIntegrationKey": undefined,
  "gatus-persistent:dashboardUsername": undefined,
  "gatus-persistent:dashboardPasswordBcryptBase64": undefined,
  "gatus-persistent:gatusAlertEmail": undefined,
  "gatus-persistent:storage": undefined,
};

let graph: Graph;
beforeAll(async () => {
  graph = await runPersistent();
});

const statementsOf = (policyName: string): IamStatement[] =>
  jsonInput<{ Statement: IamStatement[] }>(one(graph, ROLE_POLICY, policyName), "policy").Statement;
const dataKeyArn = () => String(graph.outputs.dataKeyArn);

describe("alerting secrets", () => {
  it("are SSM SecureString parameters under the data key, one per configured provider and the dashboard login", () => {
    const parameters = ofType(graph, PARAMETER);
    expect(parameters.map((p) => p.inputs.name).sort()).toEqual([
      "/gatus-dev/gatus/dashboard-password-bcrypt-base64",
      "/gatus-dev/gatus/dashboard-username",
      "/gatus-dev/gatus/pagerduty-integration-key",
      "/gatus-dev/gatus/slack-webhook-url",
      "/gatus-dev/gatus/teams-webhook-url",
    ]);
    for (const parameter of parameters) {
      expect(parameter.inputs).toMatchObject({
        type: "SecureString",
        tier: "Standard",
        keyId: dataKeyArn(),
        value: "[secret]",
      });
    }
  });

  it("appear in no input or output of either form but as a redacted secret", () => {
    const text = JSON.stringify(graph);
    for (const value of Object.values(TEST_SECRETS)) expect(text).not.toContain(value);
  });

  it("reach the parameters as Pulumi secrets, encrypted in state", async () => {
    const revealed = await runPersistent({}, { keepSecrets: true });
    const values = ofType(revealed, PARAMETER).map((p) => p.inputs.value);
    expect(values).toEqual(
      expect.arrayContaining([
        { secret: TEST_SECRETS.slackWebhookUrl },
        { secret: TEST_SECRETS.pagerdutyIntegrationKey },
      ]),
    );
    // Everywhere else, not even as a secret: no other input carries them.
    const elsewhere = revealed.resources.filter((r) => r.type !== PARAMETER);
    for (const value of Object.values(TEST_SECRETS))
      expect(JSON.stringify(elsewhere)).not.toContain(value);
  });

  it("are refused when stored in plain text in the stack's config, without repeating them", async () => {
    const error = await runPersistent({}, { secretKeys: [] }).catch((e: unknown) => e);
    const message = (error as Error).message;
    expect(message).toContain(
      "slackWebhookUrl: stored in plain text in the stack's configuration; it is a credential and must be encrypted. Fix: pulumi config set --secret slackWebhookUrl <value>",
    );
    for (const value of Object.values(TEST_SECRETS)) expect(message).not.toContain(value);
  });

  it("the contract names where they are (variable → parameter ARN), never what they are", () => {
    expect(graph.outputs.alertingSecretArns).toEqual(
      Object.fromEntries(
        GATUS_SECRETS.map((s) => [
          s.variable,
          `arn:aws:ssm:eu-west-2:123456789012:parameter/gatus-dev/gatus/${s.parameter}`,
        ]),
      ),
    );
  });

  it("the task execution role reads exactly those parameters, and decrypts only through SSM for them", () => {
    const arns = Object.values(graph.outputs.alertingSecretArns as Record<string, string>);
    expect(statementsOf("task-execution-secrets")).toEqual([
      {
        Sid: "ReadAlertingSecrets",
        Effect: "Allow",
        Action: ["ssm:GetParameters"],
        Resource: arns,
      },
      {
        Sid: "DecryptThemThroughSsm",
        Effect: "Allow",
        Action: ["kms:Decrypt"],
        Resource: [dataKeyArn()],
        Condition: { StringEquals: { "kms:ViaService": "ssm.eu-west-2.amazonaws.com" } },
      },
    ]);
    expect(one(graph, ROLE_POLICY, "task-execution-secrets").inputs.role).toBe(
      "gatus-dev-task-exec",
    );
  });

  it("the drift role reads and decrypts exactly those parameters too, one GetParameter each as a refresh does", () => {
    const arns = Object.values(graph.outputs.alertingSecretArns as Record<string, string>);
    expect(statementsOf("drift-secrets")).toEqual([
      { Sid: "ReadAlertingSecrets", Effect: "Allow", Action: ["ssm:GetParameter"], Resource: arns },
      {
        Sid: "DecryptThemThroughSsm",
        Effect: "Allow",
        Action: ["kms:Decrypt"],
        Resource: [dataKeyArn()],
        Condition: { StringEquals: { "kms:ViaService": "ssm.eu-west-2.amazonaws.com" } },
      },
    ]);
    expect(one(graph, ROLE_POLICY, "drift-secrets").inputs.role).toBe("gatus-dev-drift");
  });

  it("only configured providers get a parameter, and the contract lists only them", async () => {
    const slackOnly = await runPersistent({
      ...NOTHING_CONFIGURED,
      "gatus-persistent:slackWebhookUrl": TEST_SECRETS.slackWebhookUrl,
    });
    expect(ofType(slackOnly, PARAMETER).map((p) => p.name)).toEqual(["slack-webhook-url"]);
    expect(Object.keys(slackOnly.outputs.alertingSecretArns as object)).toEqual([
      "GATUS_SLACK_WEBHOOK_URL",
    ]);
    expect(slackOnly.outputs.history).toBeNull();
  });
});

describe("the dashboard login", () => {
  const dashboardOnly = {
    ...NOTHING_CONFIGURED,
    "gatus-persistent:dashboardUsername": DASHBOARD_LOGIN.username,
    "gatus-persistent:dashboardPasswordBcryptBase64": DASHBOARD_LOGIN.passwordBcryptBase64,
  };
  afterEach(() => vi.restoreAllMocks());

  it("takes the alerting secrets' path: two SecureStrings, the contract's ARNs, the execution role's read", async () => {
    const protectedOnly = await runPersistent(dashboardOnly);
    expect(ofType(protectedOnly, PARAMETER).map((p) => [p.name, p.inputs.description])).toEqual([
      [
        "dashboard-username",
        "Gatus security dashboard credential, passed to the task as GATUS_DASHBOARD_USERNAME",
      ],
      [
        "dashboard-password-bcrypt-base64",
        "Gatus security dashboard credential, passed to the task as GATUS_DASHBOARD_PASSWORD_BCRYPT_BASE64",
      ],
    ]);
    const arns = protectedOnly.outputs.alertingSecretArns as Record<string, string>;
    expect(Object.keys(arns)).toEqual([
      "GATUS_DASHBOARD_USERNAME",
      "GATUS_DASHBOARD_PASSWORD_BCRYPT_BASE64",
    ]);
    const read = jsonInput<{ Statement: IamStatement[] }>(
      one(protectedOnly, ROLE_POLICY, "task-execution-secrets"),
      "policy",
    ).Statement[0];
    expect(read?.Resource).toEqual(Object.values(arns));
  });

  it("is no alerting provider: the warning that Gatus alerts reach nobody stays", async () => {
    const warn = vi.spyOn(pulumi.log, "warn").mockResolvedValue();
    await runPersistent(dashboardOnly);
    expect(warn.mock.calls.map(([message]) => message)).toContainEqual(
      expect.stringMatching(/^Gatus alerts reach nobody: /),
    );
  });

  it("is refused when only half of it is set, naming the missing key", async () => {
    const error = await runPersistent({
      ...dashboardOnly,
      "gatus-persistent:dashboardPasswordBcryptBase64": undefined,
    }).catch((e: unknown) => e);
    expect((error as Error).message).toContain(
      "dashboardPasswordBcryptBase64: not set; dashboardUsername and dashboardPasswordBcryptBase64 go together",
    );
  });
});

describe("alert e-mail through SES", () => {
  it("verifies the Gatus hostname as an SES identity with its DKIM records in the zone", () => {
    const identity = one(graph, "aws:sesv2/emailIdentity:EmailIdentity");
    expect(identity.inputs.emailIdentity).toBe("status.example.com");
    const dkim = ofType(graph, "aws:route53/record:Record").filter((r) =>
      r.name.startsWith("dkim-"),
    );
    expect(dkim).toHaveLength(3);
    for (const record of dkim) {
      expect(record.inputs).toMatchObject({ type: "CNAME" });
      expect(String(record.inputs.name)).toMatch(
        /^[0-9a-f]{32}\._domainkey\.status\.example\.com$/,
      );
      expect(record.inputs.records).toEqual([expect.stringMatching(/\.dkim\.amazonses\.com$/)]);
    }
  });

  it("lets the task role send from gatus@<hostname> to the configured recipients, nothing else", () => {
    expect(one(graph, ROLE_POLICY, "task-alert-email").inputs.role).toBe("gatus-dev-task");
    expect(statementsOf("task-alert-email")).toEqual([
      {
        Sid: "SendAlertEmail",
        Effect: "Allow",
        Action: ["ses:SendEmail"],
        Resource: ["arn:aws:ses:eu-west-2:123456789012:identity/status.example.com"],
        Condition: {
          StringEquals: { "ses:FromAddress": "gatus@status.example.com" },
          "ForAllValues:StringEquals": { "ses:Recipients": ["oncall@example.com"] },
        },
      },
    ]);
    expect(graph.outputs.alertingEmail).toEqual({
      from: "gatus@status.example.com",
      to: ["oncall@example.com"],
    });
  });
});

describe("history (storage: sqlite)", () => {
  const fileSystem = () => one(graph, "aws:efs/fileSystem:FileSystem");
  const accessPoint = () => one(graph, "aws:efs/accessPoint:AccessPoint");

  it("is an EFS file system encrypted with the data key, protected, backed up daily", () => {
    expect(fileSystem().inputs).toMatchObject({
      encrypted: true,
      kmsKeyId: dataKeyArn(),
      throughputMode: "bursting",
    });
    expect(fileSystem().protect).toBe(true);
    expect(one(graph, "aws:efs/backupPolicy:BackupPolicy").inputs.backupPolicy).toEqual({
      status: "ENABLED",
    });
  });

  it("is entered through an access point as image/Dockerfile's USER, in a directory it owns", () => {
    const { uid, gid } = readImageUser();
    expect(accessPoint().inputs).toMatchObject({
      posixUser: { uid, gid },
      rootDirectory: {
        path: "/gatus",
        creationInfo: { ownerUid: uid, ownerGid: gid, permissions: "0750" },
      },
    });
  });

  it("lets only the task role mount and write, only through the access point, only over TLS", () => {
    const policy = jsonInput<{ Statement: IamStatement[] }>(
      one(graph, "aws:efs/fileSystemPolicy:FileSystemPolicy"),
      "policy",
    );
    expect(policy.Statement).toHaveLength(1);
    expect(policy.Statement[0]).toMatchObject({
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::123456789012:role/gatus-dev-task" },
      Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
      Condition: {
        StringEquals: {
          "elasticfilesystem:AccessPointArn": expect.stringMatching(/:access-point\/fsap-/),
        },
        Bool: { "aws:SecureTransport": "true" },
      },
    });
    const [role] = statementsOf("task-history");
    expect(role?.Action).toEqual([
      "elasticfilesystem:ClientMount",
      "elasticfilesystem:ClientWrite",
    ]);
    expect(role?.Condition).toEqual(policy.Statement[0]?.Condition);
  });

  it("the contract carries the file system and access point ids", () => {
    expect(graph.outputs.history).toEqual({
      fileSystemId: expect.stringMatching(/^fs-[0-9a-f]{17}$/),
      accessPointId: expect.stringMatching(/^fsap-[0-9a-f]{17}$/),
    });
  });

  it("and the key that encrypts secrets and history is the project's one key, protected", () => {
    expect(ofType(graph, KEY).map((k) => k.name)).toEqual(["ecr"]);
    const key = ofType(graph, KEY).find((k) => k.name === "ecr");
    expect(String(key?.inputs.description)).toContain("Gatus's alerting secrets and history");
    expect(key?.protect).toBe(true);
    expect(key?.inputs.enableKeyRotation).toBe(true);
  });
});

describe("with nothing configured", () => {
  afterEach(() => vi.restoreAllMocks());

  it("creates no parameter, identity or file system, and the contract says so", async () => {
    const bare = await runPersistent(NOTHING_CONFIGURED);
    // The project's key is there anyway (images, logs), but no longer mentions Gatus's data.
    expect(ofType(bare, KEY).map((k) => k.name)).toEqual(["ecr"]);
    expect(String(one(bare, KEY, "ecr").inputs.description)).not.toContain("alerting");
    for (const type of [
      PARAMETER,
      "aws:sesv2/emailIdentity:EmailIdentity",
      "aws:efs/fileSystem:FileSystem",
    ])
      expect(ofType(bare, type)).toEqual([]);
    expect(bare.outputs).toMatchObject({
      dataKeyArn: null,
      alertingSecretArns: {},
      alertingEmail: null,
      history: null,
    });
    // With no secret to refresh, neither role may decrypt anything.
    expect(ofType(bare, ROLE_POLICY).map((p) => p.name)).not.toEqual(
      expect.arrayContaining(["drift-secrets"]),
    );
    expect(
      ofType(bare, ROLE_POLICY).filter((p) => String(p.inputs.policy).includes("kms:Decrypt")),
    ).toEqual([]);
  });

  it("warns at preview and up that nobody is notified, by Gatus or by the alarms", async () => {
    const warn = vi.spyOn(pulumi.log, "warn").mockResolvedValue();
    await runPersistent({ ...NOTHING_CONFIGURED, "gatus-persistent:alertEmail": undefined });
    const warnings = warn.mock.calls.map(([message]) => message);
    expect(warnings).toEqual([
      expect.stringMatching(
        /^Gatus alerts reach nobody: .* Fix: pulumi config set --secret slackWebhookUrl/,
      ),
      expect.stringMatching(
        /^CloudWatch alarms notify nobody: without alertEmail .* Fix: pulumi config set alertEmail/,
      ),
    ]);
  });

  it("warns about nothing when both Gatus and the alarms reach someone", async () => {
    const warn = vi.spyOn(pulumi.log, "warn").mockResolvedValue();
    await runPersistent();
    expect(warn).not.toHaveBeenCalled();
  });
});
