import { describe, expect, it } from "vitest";
import { ofType, one } from "../helpers/graph";
import { runPersistent } from "./run";

const GITHUB_PROVIDER_ARN =
  "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
const PULUMI_PROVIDER_ARN = "arn:aws:iam::123456789012:oidc-provider/api.pulumi.com/oidc";
const world = {
  zones: { Z0ADOPTED123: "example.com", Z0OTHER456: "other.org" },
  oidcProviders: {
    [GITHUB_PROVIDER_ARN]: {
      url: "https://token.actions.githubusercontent.com",
      clientIdLists: ["sts.amazonaws.com"],
    },
    [PULUMI_PROVIDER_ARN]: {
      url: "https://api.pulumi.com/oidc",
      clientIdLists: ["acme", "aws:acme"],
    },
  },
};

describe("adopting existing resources", () => {
  it("an existing zone and GitHub OIDC provider are used, and neither is created", async () => {
    const graph = await runPersistent(
      {
        "gatus-persistent:existingZoneId": "Z0ADOPTED123",
        "gatus-persistent:existingGithubOidcProviderArn": GITHUB_PROVIDER_ARN,
      },
      { world },
    );
    expect(ofType(graph, "aws:route53/zone:Zone")).toEqual([]);
    expect(
      ofType(graph, "aws:iam/openIdConnectProvider:OpenIdConnectProvider").map((r) => r.name),
    ).toEqual(["pulumi"]);
    expect(graph.outputs.hostedZoneId).toBe("Z0ADOPTED123");
    expect(one(graph, "aws:route53/record:Record", "certificate-validation").inputs.zoneId).toBe(
      "Z0ADOPTED123",
    );
    const trust = JSON.parse(
      String(one(graph, "aws:iam/role:Role", "deploy").inputs.assumeRolePolicy),
    ) as {
      Statement: { Principal: { Federated: string } }[];
    };
    expect(trust.Statement.map((s) => s.Principal.Federated)).toContain(GITHUB_PROVIDER_ARN);
    expect(graph.invokes).toEqual(
      expect.arrayContaining([
        "aws:route53/getZone:getZone",
        "aws:iam/getOpenIdConnectProvider:getOpenIdConnectProvider",
      ]),
    );
  });

  it("refuses a zone id whose zone has another name, before creating anything", async () => {
    await expect(
      runPersistent({ "gatus-persistent:existingZoneId": "Z0OTHER456" }, { world }),
    ).rejects.toThrow(
      /existingZoneId: zone "Z0OTHER456" is "other\.org\.", not zoneName "example\.com"/,
    );
  });

  it("refuses a zone id that does not exist, saying how to fix it", async () => {
    await expect(
      runPersistent({ "gatus-persistent:existingZoneId": "Z0MISSING789" }, { world }),
    ).rejects.toThrow(/existingZoneId: cannot read hosted zone "Z0MISSING789".*Fix: /s);
  });

  it("refuses an OIDC provider that lacks the STS audience", async () => {
    await expect(
      runPersistent(
        { "gatus-persistent:existingGithubOidcProviderArn": GITHUB_PROVIDER_ARN },
        {
          world: {
            oidcProviders: {
              [GITHUB_PROVIDER_ARN]: {
                url: "https://token.actions.githubusercontent.com",
                clientIdLists: ["other"],
              },
            },
          },
        },
      ),
    ).rejects.toThrow(
      /expected https:\/\/token\.actions\.githubusercontent\.com with audience sts\.amazonaws\.com/,
    );
  });

  it("an existing Pulumi OIDC provider with the organization as audience is used, not created", async () => {
    const graph = await runPersistent(
      { "gatus-persistent:existingPulumiOidcProviderArn": PULUMI_PROVIDER_ARN },
      { world },
    );
    expect(
      ofType(graph, "aws:iam/openIdConnectProvider:OpenIdConnectProvider").map((r) => r.name),
    ).toEqual(["github"]);
    const trust = JSON.parse(
      String(one(graph, "aws:iam/role:Role", "deploy").inputs.assumeRolePolicy),
    ) as {
      Statement: { Principal: { Federated: string } }[];
    };
    expect(trust.Statement.map((s) => s.Principal.Federated)).toContain(PULUMI_PROVIDER_ARN);
  });

  it("refuses a Pulumi OIDC provider that lacks the organization's audience", async () => {
    await expect(
      runPersistent(
        {
          "gatus-persistent:existingPulumiOidcProviderArn": PULUMI_PROVIDER_ARN,
          "gatus-persistent:pulumiOrganization": "globex",
        },
        { world },
      ),
    ).rejects.toThrow(
      /existingPulumiOidcProviderArn: .* expected https:\/\/api\.pulumi\.com\/oidc with audience globex/,
    );
  });
});
