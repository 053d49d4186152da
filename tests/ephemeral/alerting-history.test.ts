/**
 * The ephemeral side of Gatus's alerting and SQLite history: what the task receives from a
 * persistent stack that configures every provider and storage sqlite (FULL_CONTRACT).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { gatusRuntime, isDashboardProtected } from "../../ephemeral/gatus-runtime";
import type { containerDefinition } from "../../ephemeral/service";
import { GATUS_VARIABLES } from "../../persistent/gatus-variables";
import type { Graph } from "../engine/run-program";
import { FULL_CONTRACT } from "../helpers/contract-fixture";
import { jsonInput, ofType, one } from "../helpers/graph";
import { TEST_PERSISTENT_STACK } from "../helpers/test-stacks";
import { runEphemeral } from "./run";

const TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";

let graph: Graph;
beforeAll(async () => {
  graph = await runEphemeral({}, { stacks: { [TEST_PERSISTENT_STACK]: { ...FULL_CONTRACT } } });
});

const container = () =>
  jsonInput<ReturnType<typeof containerDefinition>[]>(
    one(graph, TASK_DEFINITION),
    "containerDefinitions",
  )[0]!;

describe("alerting in the task definition", () => {
  it("passes every credential through `secrets`, by its SSM parameter ARN", () => {
    expect(container().secrets).toEqual(
      Object.entries(FULL_CONTRACT.alertingSecretArns)
        .map(([name, valueFrom]) => ({ name, valueFrom }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    );
  });

  it("puts no credential variable in plain environment, only the ones the table calls plain", () => {
    const environment = container().environment;
    for (const { name } of environment) expect(GATUS_VARIABLES[name]).toBe("environment");
    expect(environment).toEqual(
      expect.arrayContaining([
        { name: "GATUS_EMAIL_FROM", value: "gatus@status.example.com" },
        { name: "GATUS_EMAIL_TO", value: "oncall@example.com" },
      ]),
    );
    const values = JSON.stringify(environment);
    for (const arn of Object.values(FULL_CONTRACT.alertingSecretArns)) {
      expect(values).not.toContain(arn);
    }
  });

  it("refuses to pass a credential variable as plain environment", () => {
    expect(() =>
      gatusRuntime({
        ...FULL_CONTRACT,
        // A secret's variable can only come from alertingSecretArns; forging one into the
        // e-mail settings would not reach `environment`, so check the guard directly.
        alertingSecretArns: { GATUS_EMAIL_FROM: "arn:aws:ssm:eu-west-2:1:parameter/x" },
      }),
    ).toThrow(
      /GATUS_EMAIL_FROM would be passed as secrets, but persistent\/gatus-variables.ts says environment/,
    );
  });
});

describe("dashboard protection in the task definition", () => {
  const {
    GATUS_DASHBOARD_USERNAME: user,
    GATUS_DASHBOARD_PASSWORD_BCRYPT_BASE64: hash,
    ...rest
  } = FULL_CONTRACT.alertingSecretArns;
  const unprotected = { ...FULL_CONTRACT, alertingSecretArns: rest };

  it("points Gatus at the image's config directory (config.yaml + security.yaml) with a login", () => {
    expect(container().environment).toContainEqual({ name: "GATUS_CONFIG_PATH", value: "/config" });
    expect((container().secrets ?? []).map((s) => s.name)).toEqual(
      expect.arrayContaining([
        "GATUS_DASHBOARD_USERNAME",
        "GATUS_DASHBOARD_PASSWORD_BCRYPT_BASE64",
      ]),
    );
  });

  it("leaves the image's default (config.yaml alone) without one: off by default", () => {
    const runtime = gatusRuntime(unprotected);
    expect(runtime.environment.map((e) => e.name)).not.toContain("GATUS_CONFIG_PATH");
    expect(runtime.secrets.map((s) => s.name)).not.toContain("GATUS_DASHBOARD_USERNAME");
  });

  it.each([
    ["only the username", { ...rest, GATUS_DASHBOARD_USERNAME: user }],
    ["only the hash", { ...rest, GATUS_DASHBOARD_PASSWORD_BCRYPT_BASE64: hash }],
  ])(
    "refuses half a login (%s): Gatus would refuse an empty security field at start",
    (_c, arns) => {
      expect(() => isDashboardProtected({ alertingSecretArns: arns })).toThrow(
        /without the rest of the dashboard login \(dashboardUsername and dashboardPasswordBcryptBase64 go together\)/,
      );
    },
  );
});

describe("history on EFS (storage sqlite)", () => {
  it("mounts the file system through the access point with TLS and IAM authorization", () => {
    expect(one(graph, TASK_DEFINITION).inputs.volumes).toEqual([
      {
        name: "history",
        efsVolumeConfiguration: {
          fileSystemId: FULL_CONTRACT.history!.fileSystemId,
          transitEncryption: "ENABLED",
          authorizationConfig: {
            accessPointId: FULL_CONTRACT.history!.accessPointId,
            iam: "ENABLED",
          },
        },
      },
    ]);
    expect(container().mountPoints).toEqual([
      { sourceVolume: "history", containerPath: "/data", readOnly: false },
    ]);
    expect(container().environment).toEqual(
      expect.arrayContaining([
        { name: "GATUS_STORAGE_TYPE", value: "sqlite" },
        { name: "GATUS_STORAGE_PATH", value: "/data/gatus.db" },
      ]),
    );
  });

  it("keeps the root filesystem read-only: the mount is the one writable place", () => {
    expect(container().readonlyRootFilesystem).toBe(true);
  });

  it("stops the old task before starting the new one: two tasks never write one SQLite file", () => {
    expect(one(graph, "aws:ecs/service:Service").inputs).toMatchObject({
      deploymentMinimumHealthyPercent: 0,
      deploymentMaximumPercent: 100,
      deploymentCircuitBreaker: { enable: true, rollback: true },
    });
  });

  it("has a mount target in each task subnet, behind a group that admits NFS from the tasks only", () => {
    const targets = ofType(graph, "aws:efs/mountTarget:MountTarget");
    expect(targets).toHaveLength(2);
    const subnets = new Set(targets.map((t) => t.inputs.subnetId));
    expect(subnets.size).toBe(2);
    const efsGroup = one(graph, "aws:ec2/securityGroup:SecurityGroup", "efs");
    const taskGroup = one(graph, "aws:ec2/securityGroup:SecurityGroup", "task");
    for (const target of targets) {
      expect(target.inputs.fileSystemId).toBe(FULL_CONTRACT.history!.fileSystemId);
      expect(target.inputs.securityGroups).toEqual([expect.stringMatching(/^gatus-dev-efs-/)]);
    }
    const ingress = ofType(
      graph,
      "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    ).filter((r) =>
      String(r.inputs.securityGroupId).startsWith(String(efsGroup.inputs.namePrefix)),
    );
    expect(ingress.map((r) => r.inputs)).toEqual([
      expect.objectContaining({
        ipProtocol: "tcp",
        fromPort: 2049,
        toPort: 2049,
        referencedSecurityGroupId: expect.stringMatching(
          new RegExp(`^${String(taskGroup.inputs.namePrefix)}`),
        ),
      }),
    ]);
    expect(ingress[0]?.inputs.cidrIpv4).toBeUndefined();
  });
});

describe("with storage memory", () => {
  it("creates no mount target and keeps the start-first rollout", async () => {
    const memory = await runEphemeral(
      {},
      { stacks: { [TEST_PERSISTENT_STACK]: { ...FULL_CONTRACT, history: null } } },
    );
    expect(ofType(memory, "aws:efs/mountTarget:MountTarget")).toEqual([]);
    expect(one(memory, TASK_DEFINITION).inputs.volumes).toEqual([]);
    expect(one(memory, "aws:ecs/service:Service").inputs).toMatchObject({
      deploymentMinimumHealthyPercent: 100,
      deploymentMaximumPercent: 200,
    });
  });
});
