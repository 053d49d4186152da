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
import { VALID_CONTRACT } from "../helpers/contract-fixture";

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

  it("an older contract version says to upgrade persistent", async () => {
    const reader = readPersistentContract(
      STACK,
      source({ ...VALID_CONTRACT, contractVersion: CONTRACT_VERSION - 1 }),
    );
    await expect(reader).rejects.toThrow(
      /publishes contract v1, but this ephemeral program reads v2\. Upgrade persistent/,
    );
  });

  it("a newer contract version says to upgrade ephemeral", async () => {
    const reader = readPersistentContract(
      STACK,
      source({ ...VALID_CONTRACT, contractVersion: CONTRACT_VERSION + 1 }),
    );
    await expect(reader).rejects.toThrow(
      /publishes contract v3, but this ephemeral program reads v2\. Upgrade ephemeral/,
    );
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
