import { beforeAll, describe, expect, it } from "vitest";
import type { Graph } from "../engine/run-program";
import { runProgram } from "../engine/run-program";
import { ofType, one } from "../helpers/graph";
import { COMMIT, runEphemeral } from "./run";
import {
  keptOnDelete,
  LEFT_BEHIND,
  PERSISTS_BY_DESIGN,
  unaccountedLeftovers,
  unlistedContractKeys,
} from "./teardown-leftovers";

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
/** Every option that adds resources: Container Insights and Fargate Spot. */
let everything: Graph;
beforeAll(async () => {
  graph = await runEphemeral();
  everything = await runEphemeral({
    "gatus-ephemeral:containerInsights": "true",
    "gatus-ephemeral:capacity": "spot",
  });
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

describe("what a destroy leaves in AWS is accounted for (teardown-leftovers.ts)", () => {
  it("every resource type the program creates says what its destroy leaves, and every kept resource is listed as kept", () => {
    expect(unaccountedLeftovers(graph)).toEqual([]);
    expect(unaccountedLeftovers(everything)).toEqual([]);
    expect(graph.resources.filter(keptOnDelete).map((r) => `${r.type} ${r.name}`)).toEqual([
      "docker:index/image:Image gatus",
      "aws:ecs/taskDefinition:TaskDefinition gatus",
    ]);
  });

  it("lists exactly these leftovers, each free or bounded in cost", () => {
    const leftovers = Object.entries(LEFT_BEHIND).flatMap(([type, entry]) =>
      entry.leaves.map((l) => ({ type, ...l })),
    );
    for (const l of leftovers) expect(l.billable ? l.bound : l.why, l.what).not.toBe("");
    expect(leftovers.map((l) => `${l.type}: ${l.billable ? "billable" : "free"}`)).toEqual([
      "aws:lb/loadBalancer:LoadBalancer: free",
      "aws:ecs/cluster:Cluster: free",
      "aws:ecs/taskDefinition:TaskDefinition: free",
      "docker:index/image:Image: billable",
    ]);
  });

  it("keeps the container logs in the persistent stack, bounded by its retention, owns only the performance log group, and accounts for every contract key", () => {
    expect(unlistedContractKeys()).toEqual([]);
    expect(PERSISTS_BY_DESIGN.logGroupName).toMatchObject({ billable: true });
    const logGroups = (g: Graph) =>
      g.resources
        .filter((r) => r.type === "aws:cloudwatch/logGroup:LogGroup")
        .map((r) => r.inputs.name);
    expect(logGroups(graph)).toEqual([]);
    // Only Container Insights' own, which the stack owns so that destroy deletes it.
    expect(logGroups(everything)).toEqual([
      "/aws/ecs/containerinsights/gatus-dev-cluster/performance",
    ]);
  });

  it("fails on a new resource type nobody has accounted for, and on a resource kept on delete", () => {
    const [first] = graph.resources;
    const bucket = { ...first!, type: "aws:s3/bucket:Bucket", name: "reports", inputs: {} };
    const retained = {
      ...first!,
      type: "aws:route53/record:Record",
      retainOnDelete: true as const,
    };
    expect(
      unaccountedLeftovers({ ...graph, resources: [...graph.resources, bucket, retained] }),
    ).toEqual([
      "aws:s3/bucket:Bucket: what does destroying it leave in AWS? Add it to LEFT_BEHIND",
      `aws:route53/record:Record ${first!.name} is kept on delete but LEFT_BEHIND does not list it as kept`,
    ]);
  });
});
