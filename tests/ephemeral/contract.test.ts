import { describe, expect, it } from "vitest";
import { VALID_CONTRACT, V1_CONTRACT } from "../helpers/contract-fixture";
import { ofType } from "../helpers/graph";
import { runEphemeral } from "./run";

// The same failures as tests/persistent/contract.test.ts, but through a real StackReference
// under the mock engine, as `pulumi up` in ephemeral/ would meet them.
describe("reading the persistent stack from ephemeral", () => {
  it("a missing persistent stack fails with the instruction to deploy it first", async () => {
    await expect(runEphemeral({}, { stacks: {} })).rejects.toThrow(
      /^Cannot read persistent stack "acme\/gatus-persistent\/dev" \(.*unknown stack "acme\/gatus-persistent\/dev"\)\. Deploy persistent first: cd persistent && pulumi up --stack dev\.$/,
    );
  });

  it("a missing output names the key and the stack", async () => {
    const { hostedZoneId: _, ...outputs } = VALID_CONTRACT;
    await expect(
      runEphemeral({}, { stacks: { "acme/gatus-persistent/dev": outputs } }),
    ).rejects.toThrow(
      /Persistent stack "acme\/gatus-persistent\/dev" is missing contract output\(s\) hostedZoneId/,
    );
  });

  it("a newer contract version says to upgrade ephemeral", async () => {
    await expect(
      runEphemeral(
        {},
        { stacks: { "acme/gatus-persistent/dev": { ...VALID_CONTRACT, contractVersion: 3 } } },
      ),
    ).rejects.toThrow(
      /publishes contract v3, but this ephemeral program reads v2\. Upgrade ephemeral/,
    );
  });

  it("a v1 persistent stack (deployed before alerting and history) says to upgrade persistent", async () => {
    await expect(
      runEphemeral({}, { stacks: { "acme/gatus-persistent/dev": V1_CONTRACT } }),
    ).rejects.toThrow(
      /publishes contract v1, but this ephemeral program reads v2\. Upgrade persistent: run `pulumi up` in persistent\/ from this commit \(it lacks v2: the container log group, the audit-trail log bucket, Gatus's alerting secrets, alert e-mail and history file system\)\.$/,
    );
  });

  it("reads the configured stack instead of the default when persistentStack is set", async () => {
    const graph = await runEphemeral(
      { "gatus-ephemeral:persistentStack": "platform/gatus-persistent/prod" },
      { stacks: { "platform/gatus-persistent/prod": VALID_CONTRACT } },
    );
    expect(ofType(graph, "pulumi:pulumi:StackReference").map((r) => r.name)).toEqual([
      "platform/gatus-persistent/prod",
    ]);
  });

  it("fails before creating anything when the regions differ", async () => {
    await expect(runEphemeral({ "aws:region": "us-east-1" })).rejects.toThrow(
      'aws:region is "us-east-1" but persistent stack "acme/gatus-persistent/dev" is in "eu-west-2"',
    );
  });
});
