import { beforeAll, describe, expect, it } from "vitest";
import { STACK_TAG_KEY } from "../../persistent/permissions/stack-tag";
import { MANAGED_POLICY_MAX_CHARS } from "../../persistent/policy-documents";
import { DEPLOY_WORKFLOWS, DRIFT_WORKFLOW } from "../../persistent/trust";
import { ofType } from "../helpers/graph";
import type { Graph } from "../engine/run-program";
import { testGraphs } from "../report/test-graphs";
import { EPHEMERAL_CALLS, stackCalls } from "./calls/all";
import type { ProviderCall } from "./calls/types";
import { emittedPolicies, rolePolicies, trustPolicy } from "./emitted";
import { grantsEveryone, policyProblems, type PolicyDocument } from "./policy-checks";
import { ALLOWED_BY_DESIGN } from "./probes";
import { actionFacts } from "./reference";
import { proveLeastPrivilege, roles, type LeastPrivilegeProof } from "./proof";
import { decide, type Caller } from "./simulate";
import { stackModel } from "./stack-model";

// The test stacks, every optional part on (Pulumi Deployments trust, the alarm topic): every
// policy document is emitted.
let persistent: Graph;
let ephemeral: Graph;
let proof: LeastPrivilegeProof;
beforeAll(async () => {
  ({ persistent, ephemeral } = await testGraphs());
  proof = await proveLeastPrivilege(persistent, ephemeral);
});

const describeCall = (c: ProviderCall & { type?: string; name?: string }) =>
  `${c.type ?? ""} ${c.name ?? ""}: ${c.phase} ${c.action} on ${c.resource}`;

describe("the deploy role's trust", () => {
  it("pins each GitHub environment to the workflow file that deploys from it (job_workflow_ref)", () => {
    const gh = "token.actions.githubusercontent.com";
    const statements = trustPolicy(persistent, "gatus-dev-deploy").Statement.map(
      (s) => s.Condition?.StringEquals ?? {},
    );
    const github = statements.filter((c) => `${gh}:sub` in c);
    expect(github.map((c) => [c[`${gh}:sub`], c[`${gh}:job_workflow_ref`]])).toEqual([
      [
        [
          "repo:acme/gatus-fargate:environment:production",
          "repo:acme@1234567/gatus-fargate@987654321:environment:production",
        ],
        `acme/gatus-fargate/${DEPLOY_WORKFLOWS.deploy}@refs/heads/main`,
      ],
      [
        [
          "repo:acme/gatus-fargate:environment:teardown",
          "repo:acme@1234567/gatus-fargate@987654321:environment:teardown",
        ],
        `acme/gatus-fargate/${DEPLOY_WORKFLOWS.teardown}@refs/heads/main`,
      ],
    ]);
  });
});

describe("the drift role's trust", () => {
  it("admits only drift.yml's job on the default branch: its ref (both subject formats) and its workflow file", () => {
    const gh = "token.actions.githubusercontent.com";
    const statements = trustPolicy(persistent, "gatus-dev-drift").Statement;
    expect(statements.map((s) => [s.Principal, s.Action, s.Condition])).toEqual([
      [
        {
          Federated: expect.stringMatching(
            /:oidc-provider\/token\.actions\.githubusercontent\.com$/,
          ),
        },
        "sts:AssumeRoleWithWebIdentity",
        {
          StringEquals: {
            [`${gh}:aud`]: "sts.amazonaws.com",
            [`${gh}:sub`]: [
              "repo:acme/gatus-fargate:ref:refs/heads/main",
              "repo:acme@1234567/gatus-fargate@987654321:ref:refs/heads/main",
            ],
            [`${gh}:job_workflow_ref`]: `acme/gatus-fargate/${DRIFT_WORKFLOW}@refs/heads/main`,
          },
        },
      ],
    ]);
  });
});

describe("every policy document the persistent program emits, against AWS's IAM reference", () => {
  it("is found: role trusts, managed and inline role policies, key, topic and file system policies", () => {
    const kinds = new Set(emittedPolicies(persistent).map((p) => p.where.split(" ")[0]));
    expect([...kinds].sort()).toEqual([
      "aws:efs/fileSystemPolicy:FileSystemPolicy",
      "aws:iam/policy:Policy",
      "aws:iam/role:Role",
      "aws:iam/rolePolicy:RolePolicy",
      "aws:kms/key:Key",
      "aws:sns/topicPolicy:TopicPolicy",
    ]);
  });

  it("names only real actions, keys AWS evaluates for them, ARNs of their resource types, and '*' exactly where AWS requires it", async () => {
    const problems = (await Promise.all(emittedPolicies(persistent).map(policyProblems))).flat();
    expect(problems).toEqual([]);
  });

  it('lets no resource policy or trust name every principal ("*")', () => {
    const everyone = emittedPolicies(persistent).flatMap((p) =>
      p.document.Statement.filter(grantsEveryone).map((s) => `${p.where} ${s.Sid ?? ""}`),
    );
    expect(everyone).toEqual([]);
  });

  it("allows only: no Deny statement (the simulation relies on it)", () => {
    const effects = emittedPolicies(persistent)
      .filter((p) => p.kind === "identity")
      .flatMap((p) => p.document.Statement.map((s) => s.Effect));
    expect(new Set(effects)).toEqual(new Set(["Allow"]));
  });

  it("fit the roles: each managed policy within IAM's size limit, at most 10 per role", () => {
    const policies = ofType(persistent, "aws:iam/policy:Policy");
    for (const policy of policies)
      expect(String(policy.inputs.policy).length, policy.name).toBeLessThanOrEqual(
        MANAGED_POLICY_MAX_CHARS,
      );
    for (const role of ["preview", "deploy", "drift"]) {
      const count = policies.filter((p) => p.name.startsWith(`${role}-`)).length;
      expect(count, role).toBeGreaterThan(0);
      expect(count, role).toBeLessThanOrEqual(10);
    }
  });
});

describe("the deploy role, simulated against AWS's IAM data", () => {
  it("is allowed what the workflows do with it around pulumi up (image lookup, Trivy's pull, the teardown alert)", () => {
    const workflow = proof.deploy.filter((r) => r.subject.type.startsWith("workflow:"));
    expect(workflow.map((r) => `${r.subject.type} ${r.subject.action}`).sort()).toEqual([
      "workflow:cd.yml#deploy ecr:BatchGetImage",
      "workflow:cd.yml#deploy ecr:DescribeImages",
      "workflow:cd.yml#deploy ecr:DescribeImages",
      "workflow:cd.yml#deploy ecr:GetAuthorizationToken",
      "workflow:cd.yml#deploy ecr:GetDownloadUrlForLayer",
      "workflow:teardown.yml#destroy sns:Publish",
    ]);
    expect(workflow.filter((r) => r.decision !== "Allowed").map((r) => r.subject.name)).toEqual([]);
  });

  it("is allowed every call the provider makes to create, read, update, tag and delete the ephemeral stack", () => {
    expect(proof.deploy.length).toBeGreaterThan(300);
    const denied = proof.deploy
      .filter((r) => r.decision !== "Allowed")
      .map((r) => describeCall(r.subject));
    // A call here is denied: add its action to the resource type's module in persistent/permissions/.
    expect(denied).toEqual([]);
  });

  it("covers every AWS resource type the program creates (awsx.ec2.Vpc's children included)", () => {
    const types = new Set(proof.deploy.map((r) => r.subject.type));
    for (const type of [
      "aws:ec2/natGateway:NatGateway",
      "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
      "aws:wafv2/webAclAssociation:WebAclAssociation",
      "aws:ecs/service:Service",
      "docker:index/image:Image",
      "aws:index/getAvailabilityZones:getAvailabilityZones",
    ]) {
      expect(types).toContain(type);
    }
  });

  it("refuses a resource type with no call table, instead of proving nothing about it", () => {
    const model = stackModel(ephemeral);
    const tables = EPHEMERAL_CALLS.filter((t) => t.type !== "aws:ecs/service:Service");
    expect(() => stackCalls(model, tables)).toThrow(/no call table for aws:ecs\/service:Service/);
  });

  it("associates the web ACL: SetWebAcl on '*', the ELB association actions on the stack's load balancer", () => {
    const association = proof.deploy.filter(
      (r) => r.subject.type === "aws:wafv2/webAclAssociation:WebAclAssociation",
    );
    expect(association.map((r) => `${r.subject.action} ${r.decision}`)).toEqual(
      expect.arrayContaining([
        "elasticloadbalancing:SetWebAcl Allowed",
        "elasticloadbalancing:CreateWebACLAssociation Allowed",
        "elasticloadbalancing:DeleteWebACLAssociation Allowed",
        "elasticloadbalancing:GetLoadBalancerWebACL Allowed",
      ]),
    );
  });
});

describe("the deploy role with the opt-in parts on (Container Insights, Fargate Spot)", () => {
  let options: LeastPrivilegeProof;
  beforeAll(async () => {
    const { ephemeral: withOptions } = await testGraphs({
      persistentGraph: persistent,
      ephemeral: {
        "gatus-ephemeral:containerInsights": "true",
        "gatus-ephemeral:capacity": "spot",
      },
    });
    options = await proveLeastPrivilege(persistent, withOptions);
  });

  it("is allowed every call for the performance log group and the capacity providers", () => {
    const performance = options.deploy.filter((r) =>
      r.subject.resource.endsWith(
        ":log-group:/aws/ecs/containerinsights/gatus-dev-cluster/performance",
      ),
    );
    expect(performance.map((r) => r.subject.action)).toEqual(
      expect.arrayContaining([
        "logs:CreateLogGroup",
        "logs:PutRetentionPolicy",
        "logs:DeleteLogGroup",
      ]),
    );
    const providers = options.deploy.filter(
      (r) => r.subject.type === "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders",
    );
    expect(new Set(providers.map((r) => r.subject.action))).toEqual(
      new Set(["ecs:PutClusterCapacityProviders", "ecs:DescribeClusters"]),
    );
    const denied = options.deploy
      .filter((r) => r.decision !== "Allowed")
      .map((r) => describeCall(r.subject));
    expect(denied).toEqual([]);
  });

  it("is refused the same calls on the sibling stack's performance log group and cluster", () => {
    const sibling = options.probes.filter(
      (p) =>
        p.subject.group === "sibling stack" &&
        (p.subject.call.resource.includes("containerinsights/gatus-dev-eu-cluster") ||
          p.subject.call.action === "ecs:PutClusterCapacityProviders"),
    );
    expect(sibling.length).toBeGreaterThan(3);
    expect(sibling.filter((p) => p.decision === "Allowed").map((p) => p.subject.what)).toEqual([]);
  });
});

describe("the preview role, simulated", () => {
  it("is allowed every read a preview and refresh of both stacks makes", () => {
    expect(proof.previewReads.length).toBeGreaterThan(100);
    const denied = proof.previewReads
      .filter((r) => r.decision !== "Allowed")
      .map((r) => describeCall(r.subject));
    // A read here is denied: add it to the type's `read` grants in persistent/permissions/.
    expect(denied).toEqual([]);
  });
});

describe("the drift role, simulated", () => {
  it("is allowed every read a refresh of the persistent stack makes, decrypting its secrets included", () => {
    expect(proof.driftReads.length).toBeGreaterThan(50);
    // The test stack has five secrets (three alerting providers, the dashboard's login).
    expect(proof.driftReads.filter((r) => r.subject.action === "kms:Decrypt")).toHaveLength(5);
    const denied = proof.driftReads
      .filter((r) => r.decision !== "Allowed")
      .map((r) => describeCall(r.subject));
    // A read here is denied: add it to PERSISTENT_READS (or the secrets' drift policy).
    expect(denied).toEqual([]);
  });

  it("may change nothing: every action it holds is a read, but kms:Decrypt, and that only through SSM", async () => {
    const statements = rolePolicies(persistent, "gatus-dev-drift").flatMap((p) => p.Statement);
    const writes: string[] = [];
    for (const s of statements) {
      for (const action of [s.Action ?? []].flat()) {
        const level = (await actionFacts(action))?.accessLevel;
        if (level === "Read" || level === "List") continue;
        const throughSsm =
          action === "kms:Decrypt" &&
          JSON.stringify(s.Condition) ===
            JSON.stringify({ StringEquals: { "kms:ViaService": "ssm.eu-west-2.amazonaws.com" } });
        if (!throughSsm) writes.push(`${action} (${level ?? "unknown"})`);
      }
    }
    expect(writes).toEqual([]);
    expect(statements.some((s) => [s.Action ?? []].flat().includes("kms:Decrypt"))).toBe(true);
  });

  it("is refused every write of the ephemeral stack, and secrets or keys that are not its stack's", () => {
    for (const group of ["drift writes", "drift secrets"]) {
      const probes = proof.probes.filter((p) => p.subject.group === group);
      expect(probes.length, group).toBeGreaterThan(6);
      expect(probes.filter((p) => p.decision === "Allowed").map((p) => p.subject.what)).toEqual([]);
    }
  });

  it("the preview role, which pull requests assume, is refused every decrypt the refresh makes", () => {
    const decrypts = proof.probes.filter((p) => p.subject.group === "preview decrypts");
    expect(decrypts).toHaveLength(5);
    expect(decrypts.every((p) => p.decision === "ImplicitlyDenied")).toBe(true);
  });
});

describe("probes: what the roles must be refused", () => {
  const allowed = (group: string) =>
    proof.probes
      .filter((p) => p.subject.group === group && p.decision === "Allowed")
      .map((p) => p.subject.what);

  it.each(["sibling stack", "escalation", "preview writes"])(
    "%s: every probe is denied",
    (group) => {
      expect(proof.probes.filter((p) => p.subject.group === group).length).toBeGreaterThan(10);
      expect(allowed(group)).toEqual([]);
    },
  );

  it("outside the stack: every probe is denied but the default security group's revocations", () => {
    expect(
      proof.probes.filter((p) => p.subject.group === "outside the stack").length,
    ).toBeGreaterThan(10);
    expect([...new Set(allowed("outside the stack"))].sort()).toEqual(ALLOWED_BY_DESIGN);
  });

  it.each([
    ["ec2:CreateSubnet", "vpc"],
    ["ec2:CreateSecurityGroup", "vpc"],
    ["ec2:AttachInternetGateway", "vpc"],
    ["ec2:AssociateRouteTable", "subnet"],
    ["ec2:CreateNatGateway", "subnet"],
    ["ec2:CreateRoute", "route-table"],
    ["ec2:AssociateRouteTable", "route-table"],
    ["ec2:AuthorizeSecurityGroupIngress", "security-group"],
    ["ec2:AuthorizeSecurityGroupEgress", "security-group"],
    ["ec2:CreateTags", "security-group"],
    ["elasticloadbalancing:ModifyListener", "listener"],
  ])("%s on an untagged %s outside the stack is probed and denied", (action, kind) => {
    const probe = proof.probes.find(
      (p) =>
        p.subject.group === "outside the stack" &&
        p.subject.what === `${action} on an untagged ${kind} outside the stack`,
    );
    expect(probe?.decision).toBe("ImplicitlyDenied");
  });

  it.each([
    "elasticloadbalancing:DeleteLoadBalancer",
    "elasticloadbalancing:ModifyRule",
    "elasticloadbalancing:DeleteTargetGroup",
    "ecs:UpdateService",
    "ecs:DeleteCluster",
    "cloudwatch:DeleteAlarms",
    "wafv2:UpdateWebACL",
    "wafv2:DisassociateWebACL",
  ])("%s on the sibling stack dev-eu (prefix gatus-dev-eu) is probed and denied", (action) => {
    const probes = proof.probes.filter(
      (p) => p.subject.group === "sibling stack" && p.subject.call.action === action,
    );
    expect(probes.length).toBeGreaterThan(0);
    for (const p of probes) {
      // A named resource of the sibling carries its prefix; an auto-named one its stack tag.
      const { resource, resourceTags } = p.subject.call;
      expect(
        resource.includes("gatus-dev-eu") || resourceTags?.[STACK_TAG_KEY] === "gatus-dev-eu",
        resource,
      ).toBe(true);
      expect(p.decision).toBe("ImplicitlyDenied");
    }
  });
});

describe("resource policies, simulated", () => {
  it("the alarm topic: CloudWatch publishes the stack's alarms; no sibling alarm, other account or role of the account gets in", () => {
    const results = proof.resourcePolicies.filter((r) => r.subject.call.action.startsWith("sns:"));
    expect(results.filter((r) => r.subject.expected === "Allowed").length).toBe(6);
    const wrong = results
      .filter((r) => (r.decision === "Allowed") !== (r.subject.expected === "Allowed"))
      .map((r) => `${r.subject.what}: ${r.decision}`);
    expect(wrong).toEqual([]);
  });

  it("the task roles: ECS tasks of this account and region only", () => {
    const results = proof.resourcePolicies.filter(
      (r) => r.subject.call.action === "sts:AssumeRole",
    );
    expect(results).toHaveLength(6);
    const wrong = results
      .filter((r) => (r.decision === "Allowed") !== (r.subject.expected === "Allowed"))
      .map((r) => `${r.subject.what}: ${r.decision}`);
    expect(wrong).toEqual([]);
  });
});

describe("the contract v2 migration: the log group ephemeral stacks created before it", () => {
  const group = (name: string) => `arn:aws:logs:eu-west-2:123456789012:log-group:${name}`;
  const deleting = (name: string): ProviderCall => ({
    phase: "delete",
    action: "logs:DeleteLogGroup",
    resource: group(name),
  });
  const asDeploy = (call: ProviderCall) =>
    decide(roles(persistent, "gatus-dev", "123456789012").deploy, call, {
      accountId: "123456789012",
    });

  it("the deploy role may delete this stack's old group, so the first up or destroy after v2 succeeds", async () => {
    expect(await asDeploy(deleting("/ecs/gatus-dev-gatus"))).toBe("Allowed");
  });

  it.each([
    ["the persistent group that holds the logs now", "/ecs/gatus-dev/gatus"],
    ["the sibling stack dev-eu's old group", "/ecs/gatus-dev-eu-gatus"],
  ])("but not %s", async (_what, name) => {
    expect(await asDeploy(deleting(name))).toBe("ImplicitlyDenied");
  });
});

describe("the simulation catches a weakened policy", () => {
  const deployCaller = (): Caller => roles(persistent, "gatus-dev", "123456789012").deploy;
  const weakened = (
    caller: Caller,
    change: (s: PolicyDocument["Statement"][number]) => PolicyDocument["Statement"][number],
  ): Caller => ({
    ...caller,
    policies: caller.policies.map((p) => ({ ...p, Statement: p.Statement.map(change) })),
  });
  const probe = (what: string) => {
    const found = proof.probes.find((p) => p.subject.what === what);
    if (!found) throw new Error(`no probe "${what}"`);
    return found.subject.call;
  };
  const decideAs = (caller: Caller, call: ProviderCall) =>
    decide(caller, call, { accountId: "123456789012" });

  it("the drift role's decrypt without kms:ViaService lets the direct-decrypt probe through", async () => {
    const driftCaller = roles(persistent, "gatus-dev", "123456789012").drift;
    const found = proof.probes.find(
      (p) => p.subject.what === "kms:Decrypt with the stack's key directly",
    );
    if (!found) throw new Error("no direct-decrypt probe");
    const call = found.subject.call;
    const decide2 = (caller: Caller) =>
      decide(caller, call, { accountId: "123456789012", resourcePolicy: call.resourcePolicy });
    expect(await decide2(driftCaller)).toBe("ImplicitlyDenied");
    const anyService = weakened(driftCaller, (s) => {
      const { Condition: _dropped, ...rest } = s;
      return [s.Action ?? []].flat().includes("kms:Decrypt") ? rest : s;
    });
    expect(await decide2(anyService)).toBe("Allowed");
  });

  it("a grant without the tag condition lets the foreign-VPC probe through", async () => {
    const call = probe("ec2:CreateSubnet on an untagged vpc outside the stack");
    expect(await decideAs(deployCaller(), call)).toBe("ImplicitlyDenied");
    const untagged = weakened(deployCaller(), (s) => {
      const { Condition: _dropped, ...rest } = s;
      return Array.isArray(s.Resource) && s.Resource.some((r) => r.endsWith(":vpc/*")) ? rest : s;
    });
    expect(await decideAs(untagged, call)).toBe("Allowed");
  });

  it("a name prefix instead of the exact name lets the sibling probe through", async () => {
    const [call] = proof.probes
      .filter(
        (p) => p.subject.group === "sibling stack" && p.subject.call.action === "ecs:UpdateService",
      )
      .map((p) => p.subject.call);
    if (!call) throw new Error("no sibling ecs:UpdateService probe");
    const prefixed = weakened(deployCaller(), (s) => ({
      ...s,
      Resource: [s.Resource ?? []]
        .flat()
        .map((r) => r.replace(/gatus-dev-cluster\/gatus-dev-gatus$/, "gatus-dev-*/gatus-dev-*")),
    }));
    expect(await decideAs(prefixed, call)).toBe("Allowed");
  });

  it("SetWebAcl granted on the load balancer's ARN (the original grant) denies the association", async () => {
    const setWebAcl = {
      phase: "create" as const,
      action: "elasticloadbalancing:SetWebAcl",
      resource: "*",
    };
    const onArn = weakened(deployCaller(), (s) =>
      [s.Action ?? []].flat().includes("elasticloadbalancing:SetWebAcl")
        ? {
            ...s,
            Resource: [
              "arn:aws:elasticloadbalancing:eu-west-2:123456789012:loadbalancer/app/gatus-dev-*/*",
            ],
          }
        : s,
    );
    expect(await decideAs(deployCaller(), setWebAcl)).toBe("Allowed");
    expect(await decideAs(onArn, setWebAcl)).toBe("ImplicitlyDenied");
  });

  const check = (what: string) => {
    const found = proof.resourcePolicies.find((r) => r.subject.what === what);
    if (!found) throw new Error(`no resource policy check "${what}"`);
    return found.subject;
  };
  const withResourcePolicy = (
    subject: ReturnType<typeof check>,
    change: (s: PolicyDocument["Statement"][number]) => PolicyDocument["Statement"][number],
    extra: PolicyDocument["Statement"] = [],
  ) =>
    decide(subject.caller, subject.call, {
      accountId: "123456789012",
      resourcePolicy: {
        ...subject.call.resourcePolicy,
        Statement: [...subject.call.resourcePolicy.Statement.map(change), ...extra],
      },
    });

  it("the topic's old account-wide statement lets the preview role subscribe", async () => {
    const subscribe = check("gatus-dev-preview sns:Subscribe on the alarm topic");
    const accountManages = {
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: ["sns:Subscribe", "sns:SetTopicAttributes", "sns:Publish"],
      Resource: subscribe.call.resource,
      Condition: { StringEquals: { "AWS:SourceOwner": "123456789012" } },
    };
    expect(await withResourcePolicy(subscribe, (s) => s)).toBe("ImplicitlyDenied");
    expect(await withResourcePolicy(subscribe, (s) => s, [accountManages])).toBe("Allowed");
  });

  it("a task trust without aws:SourceArn admits tasks of another region", async () => {
    const otherRegion = check("an ECS task in another region assumes gatus-dev-task");
    const { ArnLike: _dropped, ...accountOnly } = {
      ...otherRegion.call.resourcePolicy.Statement[0]?.Condition,
    };
    expect(await withResourcePolicy(otherRegion, (s) => s)).toBe("ImplicitlyDenied");
    expect(await withResourcePolicy(otherRegion, (s) => ({ ...s, Condition: accountOnly }))).toBe(
      "Allowed",
    );
  });

  it("a task definition without skipDestroy would need DeregisterTaskDefinition, which the role is refused", async () => {
    const [definition] = stackModel(ephemeral).resources.filter(
      (r) => r.type === "aws:ecs/taskDefinition:TaskDefinition",
    );
    if (!definition) throw new Error("no task definition in the ephemeral graph");
    const table = EPHEMERAL_CALLS.find((t) => t.type === definition.type);
    const withoutSkip = { ...definition, inputs: { ...definition.inputs, skipDestroy: false } };
    const deregister = table
      ?.calls(withoutSkip, stackModel(ephemeral))
      .find((c) => c.action === "ecs:DeregisterTaskDefinition");
    expect(definition.inputs.skipDestroy).toBe(true);
    if (!deregister) throw new Error("the call table should deregister without skipDestroy");
    expect(await decideAs(deployCaller(), deregister)).toBe("ImplicitlyDenied");
  });
});

describe("the log bucket's policy, simulated", () => {
  it("admits each delivery under its own prefix only, for this account, over TLS; the deploy role neither deletes logs nor rewrites the policy", () => {
    const results = proof.resourcePolicies.filter((r) => r.subject.call.action.startsWith("s3:"));
    expect(results.map((r) => r.subject.what)).toHaveLength(9);
    const wrong = results
      .filter((r) => (r.decision === "Allowed") !== (r.subject.expected === "Allowed"))
      .map((r) => `${r.subject.what}: ${r.decision}`);
    expect(wrong).toEqual([]);
  });
});
