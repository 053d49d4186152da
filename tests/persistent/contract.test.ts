import type * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import {
  CONTRACT_VERSION,
  ContractError,
  defaultPersistentStackName,
  readPersistentContract,
  validateOwnOutputs,
  type OutputSource,
} from "../../persistent/contract";
import { FULL_CONTRACT, VALID_CONTRACT, V1_CONTRACT } from "../helpers/contract-fixture";

const STACK = "acme/gatus-persistent/dev";

/** A stack reference stand-in: plain outputs, some of them optionally secret. */
function source(outputs: Record<string, unknown>, secret: string[] = []): OutputSource {
  return {
    getOutputDetails: (name: string): Promise<pulumi.StackReferenceOutputDetails> =>
      Promise.resolve(
        secret.includes(name) ? { secretValue: outputs[name] } : { value: outputs[name] },
      ),
  };
}

const missingStack: OutputSource = {
  getOutputDetails: () => Promise.reject(new Error(`unknown stack "${STACK}"`)),
};

describe("contract reader (ephemeral side)", () => {
  it("accepts valid outputs and returns them typed", async () => {
    await expect(
      readPersistentContract(STACK, source({ ...VALID_CONTRACT, extra: "ignored" })),
    ).resolves.toEqual(VALID_CONTRACT);
  });

  it("a missing persistent stack says to deploy persistent first", async () => {
    const error = await readPersistentContract(STACK, missingStack).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractError);
    expect((error as Error).message).toBe(
      `Cannot read persistent stack "${STACK}" (unknown stack "${STACK}"). Deploy persistent first: cd persistent && pulumi up --stack dev.`,
    );
  });

  it("a missing key is named, with the stack and the fix", async () => {
    const { certificateArn: _, ...withoutCertificate } = VALID_CONTRACT;
    await expect(readPersistentContract(STACK, source(withoutCertificate))).rejects.toThrow(
      `Persistent stack "${STACK}" is missing contract output(s) certificateArn (contract v2). Run \`pulumi up\` in persistent/ to publish them.`,
    );
  });

  it("a value of the wrong type is named with the stack", async () => {
    await expect(
      readPersistentContract(STACK, source({ ...VALID_CONTRACT, taskRoleArn: 42 })),
    ).rejects.toThrow(
      new RegExp(
        `Persistent stack "${STACK}" publishes malformed contract output\\(s\\): taskRoleArn: `,
      ),
    );
  });

  it("reads contract v2", () => {
    expect(CONTRACT_VERSION).toBe(2);
  });

  it("a v1 persistent stack (before alerting and history) says to upgrade persistent, and what it lacks", async () => {
    const reader = readPersistentContract(STACK, source(V1_CONTRACT));
    await expect(reader).rejects.toThrow(
      `Persistent stack "${STACK}" publishes contract v1, but this ephemeral program reads v2. ` +
        "Upgrade persistent: run `pulumi up` in persistent/ from this commit (it lacks v2: the container log group, the audit-trail log bucket, Gatus's alerting secrets, alert e-mail and history file system).",
    );
  });

  it("a v3 persistent stack says to upgrade ephemeral: this checkout is the older side", async () => {
    const reader = readPersistentContract(STACK, source({ ...VALID_CONTRACT, contractVersion: 3 }));
    await expect(reader).rejects.toThrow(
      `Persistent stack "${STACK}" publishes contract v3, but this ephemeral program reads v2. ` +
        "Upgrade ephemeral: update this checkout to the commit that persistent was deployed from (this checkout lacks v3).",
    );
  });

  it("a contract version that is not a number still says which side to look at", async () => {
    const reader = readPersistentContract(
      STACK,
      source({ ...VALID_CONTRACT, contractVersion: "2" }),
    );
    await expect(reader).rejects.toThrow(/publishes contract v"2".*Upgrade ephemeral/);
  });

  it("accepts every v2 key filled in: secrets' ARNs, the e-mail addresses, the file system", async () => {
    await expect(readPersistentContract(STACK, source(FULL_CONTRACT))).resolves.toEqual(
      FULL_CONTRACT,
    );
  });

  it.each([
    [
      "an alerting secret under a variable Gatus does not read",
      { alertingSecretArns: { SLACK: "arn:aws:ssm:eu-west-2:123456789012:parameter/x" } },
    ],
    [
      "a secret's value where its ARN belongs",
      { alertingSecretArns: { GATUS_SLACK_WEBHOOK_URL: "https://hooks.slack.com/services/x" } },
    ],
    [
      "an access point id in place of the file system",
      { history: { fileSystemId: "fsap-0123", accessPointId: "fsap-0123" } },
    ],
  ])("refuses %s", async (_name, change) => {
    await expect(
      readPersistentContract(STACK, source({ ...FULL_CONTRACT, ...change })),
    ).rejects.toThrow(/publishes malformed contract output\(s\)/);
  });

  it("a stack without a contract version says it was never deployed", async () => {
    await expect(readPersistentContract(STACK, source({}))).rejects.toThrow(
      /has no contractVersion output.*Deploy persistent first/,
    );
  });

  it("refuses a secret output: the contract carries no secrets", async () => {
    await expect(
      readPersistentContract(STACK, source(VALID_CONTRACT, ["hostname"])),
    ).rejects.toThrow(/exports "hostname" as a secret/);
  });

  it("defaults to the same organization and stack name in the persistent project", () => {
    expect(defaultPersistentStackName("organization", "gatus-persistent", "dev")).toBe(
      "organization/gatus-persistent/dev",
    );
  });
});

describe("contract self-check (persistent side)", () => {
  it("accepts exactly the contract", () => {
    expect(validateOwnOutputs({ ...VALID_CONTRACT })).toEqual(VALID_CONTRACT);
  });

  it.each([
    ["an extra key", { ...VALID_CONTRACT, secretThing: "x" }, /secretThing/],
    [
      "a malformed ARN",
      { ...VALID_CONTRACT, deployRoleArn: "deploy" },
      /deployRoleArn: must be an iam ARN/,
    ],
    ["a wrong version", { ...VALID_CONTRACT, contractVersion: 7 }, /contractVersion/],
  ])("refuses to publish %s", (_, values, pattern) => {
    expect(() => validateOwnOutputs(values)).toThrow(pattern);
  });
});
