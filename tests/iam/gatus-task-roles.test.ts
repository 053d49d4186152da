/**
 * What the Gatus task's two roles may do with the alerting secrets, the alert e-mail and the
 * history, simulated with IAM's engine against the documents the persistent program emits (and
 * the key's and file system's own policies): exactly this stack's resources, nothing next to
 * them. The preview role, which pull requests assume, may not decrypt the secrets at all.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Graph } from "../engine/run-program";
import { one } from "../helpers/graph";
import { testGraphs } from "../report/test-graphs";
import type { ProviderCall } from "./calls/types";
import { rolePolicies } from "./emitted";
import type { PolicyDocument } from "./policy-checks";
import { roles } from "./proof";
import { decide, type Caller } from "./simulate";

const ACCOUNT = "123456789012";
const REGION = "eu-west-2";
const ssmArn = (name: string) => `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/${name}`;

let persistent: Graph;
let secretArns: string[];
let keyArn: string;
let keyPolicy: PolicyDocument;
beforeAll(async () => {
  ({ persistent } = await testGraphs());
  secretArns = Object.values(persistent.outputs.alertingSecretArns as Record<string, string>);
  keyArn = String(persistent.outputs.dataKeyArn);
  keyPolicy = JSON.parse(
    String(one(persistent, "aws:kms/key:Key", "ecr").inputs.policy),
  ) as PolicyDocument;
});

const role = (name: string): Caller => ({
  principal: `arn:aws:iam::${ACCOUNT}:role/${name}`,
  policies: rolePolicies(persistent, name),
});
const run = (caller: Caller, call: ProviderCall) =>
  decide(caller, call, { accountId: ACCOUNT, resourcePolicy: call.resourcePolicy });

const getParameters = (resource: string): ProviderCall => ({
  phase: "read",
  action: "ssm:GetParameters",
  resource,
});
const decrypt = (keys: Record<string, string>): ProviderCall => ({
  phase: "read",
  action: "kms:Decrypt",
  resource: keyArn,
  keys,
  resourcePolicy: keyPolicy,
});
const throughSsm = () => ({ "kms:ViaService": `ssm.${REGION}.amazonaws.com` });

describe("the task execution role and the alerting secrets", () => {
  const execution = () => role("gatus-dev-task-exec");

  it("reads each of this stack's parameters and decrypts it through SSM", async () => {
    // Three alerting providers and the dashboard's login (username and password hash).
    expect(secretArns).toHaveLength(5);
    for (const arn of secretArns) {
      expect(await run(execution(), getParameters(arn))).toBe("Allowed");
      expect(await run(execution(), decrypt(throughSsm()))).toBe("Allowed");
    }
  });

  it.each([
    ["a sibling stack's secret", ssmArn("gatus-dev-eu/gatus/slack-webhook-url")],
    ["another parameter of the account", ssmArn("prod/database-password")],
    ["a parameter beside its own", ssmArn("gatus-dev/gatus/other")],
  ])("is refused %s", async (_what, arn) => {
    expect(await run(execution(), getParameters(arn))).toBe("ImplicitlyDenied");
  });

  it("may not decrypt with another key, even through SSM", async () => {
    const other = `arn:aws:kms:${REGION}:${ACCOUNT}:key/0e0e0e0e-0000-4000-8000-000000000000`;
    expect(await run(execution(), { ...decrypt(throughSsm()), resource: other })).toBe(
      "ImplicitlyDenied",
    );
  });

  it("may not decrypt with the data key directly, only through SSM", async () => {
    expect(await run(execution(), decrypt({}))).toBe("ImplicitlyDenied");
    expect(
      await run(execution(), decrypt({ "kms:ViaService": `efs.${REGION}.amazonaws.com` })),
    ).toBe("ImplicitlyDenied");
  });
});

describe("the preview role (pull requests assume it) and the alerting secrets", () => {
  it("may not decrypt them, not even through SSM", async () => {
    const { preview } = roles(persistent, "gatus-dev", ACCOUNT);
    expect(await run(preview, decrypt(throughSsm()))).toBe("ImplicitlyDenied");
  });
});

describe("the drift role (drift.yml on the default branch) and the alerting secrets", () => {
  const drift = () => roles(persistent, "gatus-dev", ACCOUNT).drift;
  const getParameter = (resource: string): ProviderCall => ({
    phase: "read",
    action: "ssm:GetParameter",
    resource,
  });

  it("reads each of this stack's parameters decrypted, as a refresh does, through SSM only", async () => {
    for (const arn of secretArns) {
      expect(await run(drift(), getParameter(arn))).toBe("Allowed");
    }
    expect(await run(drift(), decrypt(throughSsm()))).toBe("Allowed");
    expect(await run(drift(), decrypt({}))).toBe("ImplicitlyDenied");
  });

  it("is refused a sibling stack's secret and the account's other parameters", async () => {
    for (const name of ["gatus-dev-eu/gatus/slack-webhook-url", "prod/database-password"]) {
      expect(await run(drift(), getParameter(ssmArn(name)))).toBe("ImplicitlyDenied");
    }
  });

  it("may not write a parameter", async () => {
    for (const action of ["ssm:PutParameter", "ssm:DeleteParameter"]) {
      expect(await run(drift(), { phase: "update", action, resource: secretArns[0] ?? "" })).toBe(
        "ImplicitlyDenied",
      );
    }
  });
});

describe("the task role", () => {
  const task = () => role("gatus-dev-task");
  const fileSystemArn = () =>
    `arn:aws:elasticfilesystem:${REGION}:${ACCOUNT}:file-system/${String(
      (persistent.outputs.history as { fileSystemId: string }).fileSystemId,
    )}`;
  const accessPointArn = () =>
    `arn:aws:elasticfilesystem:${REGION}:${ACCOUNT}:access-point/${String(
      (persistent.outputs.history as { accessPointId: string }).accessPointId,
    )}`;
  const fileSystemPolicy = () =>
    JSON.parse(
      String(one(persistent, "aws:efs/fileSystemPolicy:FileSystemPolicy").inputs.policy),
    ) as PolicyDocument;
  const mount = (action: string, keys: Record<string, string>, resource = fileSystemArn()) => ({
    phase: "update" as const,
    action,
    resource,
    keys,
    resourcePolicy: fileSystemPolicy(),
  });
  const throughAccessPoint = () => ({
    "elasticfilesystem:AccessPointArn": accessPointArn(),
    "aws:SecureTransport": "true",
  });

  it("mounts and writes the history through its access point over TLS", async () => {
    for (const action of ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]) {
      expect(await run(task(), mount(action, throughAccessPoint()))).toBe("Allowed");
    }
  });

  it.each([
    ["without the access point", { "aws:SecureTransport": "true" }],
    ["without TLS", { "aws:SecureTransport": "false" }],
  ])("is refused the mount %s", async (what, keys) => {
    const context = what === "without TLS" ? { ...throughAccessPoint(), ...keys } : keys;
    expect(await run(task(), mount("elasticfilesystem:ClientMount", context))).not.toBe("Allowed");
  });

  it("is refused root access and another file system", async () => {
    expect(
      await run(task(), mount("elasticfilesystem:ClientRootAccess", throughAccessPoint())),
    ).not.toBe("Allowed");
    const other = `arn:aws:elasticfilesystem:${REGION}:${ACCOUNT}:file-system/fs-0e0aaaaaaaaaaaaaa`;
    expect(
      await decide(
        task(),
        {
          phase: "update",
          action: "elasticfilesystem:ClientMount",
          resource: other,
          keys: throughAccessPoint(),
        },
        { accountId: ACCOUNT },
      ),
    ).toBe("ImplicitlyDenied");
  });

  const sendEmail = (from: string, recipients: string[]): ProviderCall => ({
    phase: "update",
    action: "ses:SendEmail",
    resource: `arn:aws:ses:${REGION}:${ACCOUNT}:identity/status.example.com`,
    keys: { "ses:FromAddress": from, "ses:Recipients": recipients },
  });

  it("sends alert e-mail from gatus@<hostname> to the configured recipients only", async () => {
    expect(await run(task(), sendEmail("gatus@status.example.com", ["oncall@example.com"]))).toBe(
      "Allowed",
    );
    expect(
      await run(task(), sendEmail("gatus@status.example.com", ["someone@elsewhere.example"])),
    ).toBe("ImplicitlyDenied");
    expect(await run(task(), sendEmail("ceo@status.example.com", ["oncall@example.com"]))).toBe(
      "ImplicitlyDenied",
    );
  });
});
