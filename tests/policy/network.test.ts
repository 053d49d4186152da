import { describe, expect, it } from "vitest";
import * as f from "./fixtures/resources";
import {
  permissionsOf,
  sgNoAllTrafficEgressToWorld,
  sgNoHighRiskPortFromWorld,
  sgNoHttpFromWorld,
  sgUnrestrictedIngressOnlyWebPorts,
} from "./rules/ec2";
import { elbHttpRedirects, elbListenerHttps, elbTlsPolicy, elbWafAssociated } from "./rules/elb";

describe("security groups: no high-risk port open to the internet (EC2.19)", () => {
  it.each([
    ["tcp 22 from 0.0.0.0/0", f.ingressRule("x", { fromPort: 22, toPort: 22 })],
    [
      "tcp 8080 from ::/0",
      f.ingressRule("x", { fromPort: 8080, toPort: 8080, cidrIpv4: undefined, cidrIpv6: "::/0" }),
    ],
    ["a range spanning 3306", f.ingressRule("x", { fromPort: 3000, toPort: 4000 })],
    [
      "all traffic (-1)",
      f.ingressRule("x", { ipProtocol: "-1", fromPort: undefined, toPort: undefined }),
    ],
    [
      "protocol number 6 (tcp)",
      f.ingressRule("x", { ipProtocol: "6", fromPort: 5432, toPort: 5432 }),
    ],
    [
      "inline ingress on a security group",
      f.securityGroup("x", {
        ingress: [{ protocol: "tcp", fromPort: 3389, toPort: 3389, cidrBlocks: ["0.0.0.0/0"] }],
      }),
    ],
    ["aws.ec2.SecurityGroupRule ingress", f.securityGroupRule("x", { fromPort: 22, toPort: 22 })],
  ])("flags %s", (_what, resource) => {
    expect(sgNoHighRiskPortFromWorld.check(resource)).toHaveLength(1);
  });

  it.each([
    [
      "tcp 8080 from the ALB security group",
      f.ingressRule("x", {
        fromPort: 8080,
        toPort: 8080,
        cidrIpv4: undefined,
        referencedSecurityGroupId: "sg-alb",
      }),
    ],
    [
      "tcp 22 from a private range",
      f.ingressRule("x", { fromPort: 22, toPort: 22, cidrIpv4: "10.0.0.0/16" }),
    ],
    [
      "icmp from anywhere (no ports)",
      f.ingressRule("x", { ipProtocol: "icmp", fromPort: 8, toPort: 0 }),
    ],
    [
      "an egress SecurityGroupRule to port 22",
      f.securityGroupRule("x", { type: "egress", fromPort: 22, toPort: 22 }),
    ],
    [
      "inline egress to 5432",
      f.securityGroup("x", {
        egress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["0.0.0.0/0"] }],
      }),
    ],
  ])("accepts %s", (_what, resource) => {
    expect(sgNoHighRiskPortFromWorld.check(resource)).toEqual([]);
  });
});

describe("security groups: unrestricted ingress only on 80/443 (EC2.18)", () => {
  it.each([
    ["tcp 443", f.ingressRule("x"), 0],
    ["tcp 80", f.ingressRule("x", { fromPort: 80, toPort: 80 }), 0],
    ["tcp 80-443 (a range, includes 81-442)", f.ingressRule("x", { fromPort: 80, toPort: 443 }), 1],
    ["udp 443", f.ingressRule("x", { ipProtocol: "udp" }), 1],
    ["all traffic", f.ingressRule("x", { ipProtocol: "-1" }), 1],
  ])("%s from the internet → %i finding(s)", (_what, resource, count) => {
    expect(sgUnrestrictedIngressOnlyWebPorts.check(resource)).toHaveLength(count);
  });
});

describe("security groups: port 80 open to the internet (CKV_AWS_260)", () => {
  it("flags every inline entry that includes port 80, naming the entry", () => {
    const sg = f.securityGroup("task", {
      ingress: [
        { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] },
        { protocol: "-1", fromPort: 0, toPort: 0, ipv6CidrBlocks: ["::/0"] },
      ],
    });
    const found = sgNoHttpFromWorld.check(sg);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain("ingress[1] allows all traffic from ::/0");
  });
});

describe("security groups: no all-traffic egress to the internet (CKV_AWS_382)", () => {
  it("flags inline egress of all traffic and accepts listed ports", () => {
    const sg = f.securityGroup("task", {
      egress: [
        { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] },
        { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] },
      ],
    });
    expect(sgNoAllTrafficEgressToWorld.check(sg)).toHaveLength(1);
    expect(
      sgNoAllTrafficEgressToWorld.check(
        f.egressRule("dns", { ipProtocol: "udp", fromPort: 53, toPort: 53 }),
      ),
    ).toEqual([]);
  });

  it("normalises the four security-group resource types to the same permissions", () => {
    const expected = {
      direction: "ingress",
      protocol: "tcp",
      fromPort: 443,
      toPort: 443,
      cidrs: ["0.0.0.0/0"],
    };
    expect(permissionsOf(f.ingressRule("a"))).toEqual([expect.objectContaining(expected)]);
    expect(permissionsOf(f.securityGroupRule("b"))).toEqual([expect.objectContaining(expected)]);
    expect(
      permissionsOf(
        f.securityGroup("c", {
          ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }],
        }),
      ),
    ).toEqual([expect.objectContaining(expected)]);
  });
});

describe("load balancer listeners", () => {
  it.each([
    "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
    "ELBSecurityPolicy-TLS13-1-3-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
  ])("HTTPS with %s passes ELB.17", (sslPolicy) => {
    expect(elbTlsPolicy.check(f.httpsListener({ sslPolicy }))).toEqual([]);
  });

  it.each([undefined, "ELBSecurityPolicy-2016-08", "ELBSecurityPolicy-TLS13-1-2-2021-06"])(
    "HTTPS with %s fails ELB.17",
    (sslPolicy) => expect(elbTlsPolicy.check(f.httpsListener({ sslPolicy }))).toHaveLength(1),
  );

  it("a listener without a protocol is HTTP (the ALB default) and must redirect", () => {
    const listener = f.httpListener({
      protocol: undefined,
      defaultActions: [{ type: "fixed-response" }],
    });
    expect(elbHttpRedirects.check(listener)).toHaveLength(1);
    expect(elbListenerHttps.check(listener)).toHaveLength(1);
  });

  it("a redirect to plain HTTP is not a redirect to HTTPS", () => {
    const listener = f.httpListener({
      defaultActions: [
        { type: "redirect", redirect: { protocol: "HTTP", statusCode: "HTTP_301" } },
      ],
    });
    expect(elbHttpRedirects.check(listener)).toHaveLength(1);
  });
});

describe("WAF association is linked to the ALB by ARN, name or dependency", () => {
  const alb = f.loadBalancer({}, { outputs: {} });

  it("links by the ALB's ARN output (mock state)", () => {
    expect(elbWafAssociated.checkGraph([f.loadBalancer(), f.wafAssociation(f.ALB_ARN)])).toEqual(
      [],
    );
  });

  it("links by the name inside the ALB ARN when only inputs were recorded (offline engine)", () => {
    const recorded = f.loadBalancer({ name: "gatus-dev-alb" }, { outputs: undefined });
    const arn =
      "arn:aws:elasticloadbalancing:eu-west-2:123456789012:loadbalancer/app/gatus-dev-alb/0f1e2d";
    expect(elbWafAssociated.checkGraph([recorded, f.wafAssociation(arn)])).toEqual([]);
    const otherArn = arn.replace("gatus-dev-alb", "someone-elses-alb");
    expect(elbWafAssociated.checkGraph([recorded, f.wafAssociation(otherArn)])).toHaveLength(1);
  });

  it("links by dependency URN when values are not known (CrossGuard during preview)", () => {
    const withUrn = { ...alb, urn: "urn:alb" };
    const association = f.wafAssociation("", { dependencies: ["urn:alb"] });
    expect(elbWafAssociated.checkGraph([withUrn, association])).toEqual([]);
  });

  it("reports each ALB without an association, by name", () => {
    const other = f.loadBalancer(
      { name: "other-alb" },
      { name: "other", outputs: { arn: "arn:other" } },
    );
    const found = elbWafAssociated.checkGraph([
      f.loadBalancer(),
      other,
      f.wafAssociation(f.ALB_ARN),
    ]);
    expect(found.map((v) => v.resource.name)).toEqual(["other"]);
  });

  it("ignores network load balancers", () => {
    expect(elbWafAssociated.checkGraph([f.loadBalancer({ loadBalancerType: "network" })])).toEqual(
      [],
    );
  });
});
