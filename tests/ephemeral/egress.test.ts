import { describe, expect, it } from "vitest";
import { one } from "../helpers/graph";
import { runEphemeral } from "./run";

const vpcOf = async (egress: "nat" | "public") => {
  const graph = await runEphemeral({ "gatus-ephemeral:egress": egress });
  return {
    vpc: one(graph, "awsx:ec2:Vpc").inputs,
    service: one(graph, "aws:ecs/service:Service").inputs,
    graph,
  };
};

describe("egress modes", () => {
  it("nat: private task subnets behind a single NAT gateway, no public IPs", async () => {
    const { vpc, service } = await vpcOf("nat");
    expect(vpc).toMatchObject({
      numberOfAvailabilityZones: 2,
      natGateways: { strategy: "Single" },
      subnetSpecs: [
        { type: "Public", cidrMask: 24 },
        { type: "Private", cidrMask: 24 },
      ],
    });
    const network = service.networkConfiguration as { subnets: string[]; assignPublicIp: boolean };
    expect(network.assignPublicIp).toBe(false);
    expect(network.subnets).toHaveLength(2);
    for (const subnet of network.subnets) expect(subnet).toMatch(/^subnet-private/);
    expect((service.tags as Record<string, string>)["gatus:egress"]).toBe("nat");
  });

  it("public: no NAT gateway, tasks in the public subnets with public IPs, marked as a deliberate choice", async () => {
    const { vpc, service } = await vpcOf("public");
    expect(vpc).toMatchObject({
      natGateways: { strategy: "None" },
      subnetSpecs: [{ type: "Public", cidrMask: 24 }],
    });
    const network = service.networkConfiguration as { subnets: string[]; assignPublicIp: boolean };
    expect(network.assignPublicIp).toBe(true);
    for (const subnet of network.subnets) expect(subnet).toMatch(/^subnet-public/);
    expect((service.tags as Record<string, string>)["gatus:egress"]).toBe("public");
  });

  it("the load balancer is in the public subnets either way", async () => {
    for (const egress of ["nat", "public"] as const) {
      const { graph } = await vpcOf(egress);
      for (const subnet of one(graph, "aws:lb/loadBalancer:LoadBalancer").inputs
        .subnets as string[])
        expect(subnet).toMatch(/^subnet-public/);
    }
  });
});
