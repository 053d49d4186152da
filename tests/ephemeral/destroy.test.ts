import { beforeAll, describe, expect, it } from "vitest";
import type { Graph } from "../engine/run-program";
import { runProgram } from "../engine/run-program";
import { ofType, one } from "../helpers/graph";
import { COMMIT, runEphemeral } from "./run";

// Types that belong to the persistent layer: ephemeral must never create (or adopt) them.
const PERSISTENT_TYPES = [
  "aws:iam/role:Role",
  "aws:iam/policy:Policy",
  "aws:iam/rolePolicy:RolePolicy",
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
  "aws:ecr/repository:Repository",
  "aws:route53/zone:Zone",
  "aws:acm/certificate:Certificate",
  "aws:sns/topic:Topic",
  "aws:kms/key:Key",
];

let graph: Graph;
beforeAll(async () => {
  graph = await runEphemeral();
});

describe("pulumi destroy of an ephemeral stack succeeds unattended", () => {
  it("protects nothing", () => {
    expect(graph.resources.filter((r) => r.protect).map((r) => `${r.type} ${r.name}`)).toEqual([]);
  });

  it("enables no deletion protection and force-deletes the service", () => {
    expect(one(graph, "aws:lb/loadBalancer:LoadBalancer").inputs.enableDeletionProtection).toBe(
      false,
    );
    expect(one(graph, "aws:ecs/service:Service").inputs.forceDelete).toBe(true);
    const flagged = graph.resources.filter(
      (r) => r.inputs.deletionProtection === true || r.inputs.enableDeletionProtection === true,
    );
    expect(flagged).toEqual([]);
  });

  it("creates nothing that belongs to the persistent layer (no IAM role, repository, zone, certificate, topic, key)", () => {
    expect(
      graph.resources.filter((r) => PERSISTENT_TYPES.includes(r.type)).map((r) => r.type),
    ).toEqual([]);
  });

  it("does not overwrite DNS records it did not create", () => {
    for (const record of ofType(graph, "aws:route53/record:Record"))
      expect(record.inputs.allowOverwrite).not.toBe(true);
  });

  it("keeps the pushed image when the stack is destroyed (re-create reuses it)", async () => {
    // retainOnDelete is a resource option the mock engine does not record; check it directly.
    let retained: boolean | undefined;
    await runProgram({
      project: "gatus-ephemeral",
      stack: "dev",
      organization: "acme",
      config: { "aws:region": "eu-west-2" },
      program: async () => {
        const pulumi = await import("@pulumi/pulumi");
        pulumi.runtime.registerStackTransformation((args) => {
          if (args.type === "docker:index/image:Image") retained = args.opts.retainOnDelete;
          return undefined;
        });
        const aws = await import("@pulumi/aws");
        const { gatusImage } = await import("../../ephemeral/image.js");
        const provider = new aws.Provider("aws", { region: "eu-west-2" });
        const image = await gatusImage(
          {
            repositoryName: "gatus-dev",
            repositoryUrl: "123456789012.dkr.ecr.eu-west-2.amazonaws.com/gatus-dev",
            tag: COMMIT,
            architecture: "ARM64",
          },
          { provider },
          { daemonReachable: () => true, loggedInTo: () => true },
        );
        return { ref: image.ref };
      },
    });
    expect(retained).toBe(true);
  });
});
