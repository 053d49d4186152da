/**
 * Requests the roles must be refused, built from the calls the stack really makes: the same
 * calls on another stack's resources, on untagged resources outside the stack, the preview
 * role attempting every write, and named escalations. Each probe says what it proves.
 */
import type { StackCall } from "./calls/all";
import { CHANGED_TAG, type ProviderCall } from "./calls/types";
import { actionFacts } from "./reference";
import type { StackModel, Tags } from "./stack-model";
import { STACK_TAG_KEY } from "../../persistent/permissions/stack-tag";

/** A request that must be denied, and why it matters. */
export interface Probe {
  /** Which set the probe belongs to, for the report. */
  group:
    | "sibling stack"
    | "outside the stack"
    | "escalation"
    | "preview writes"
    | "preview decrypts"
    | "drift writes"
    | "drift secrets";
  what: string;
  call: ProviderCall;
}

/**
 * Another stack whose prefix starts with this one's (`gatus-dev-eu` next to `gatus-dev`): the
 * names a prefix wildcard would confuse, and its own stack tag.
 */
export const siblingPrefix = (prefix: string) => `${prefix}-eu`;

/** Another resource of the same kind: EC2 ids (`vpc-0123...`) get another value. */
const otherId = (arn: string, marker: string) =>
  arn.replace(
    /([/:][a-z]+-)([0-9a-f]{17})$/,
    (_, kind: string, id: string) => `${kind}${marker}${id.slice(marker.length)}`,
  );

const siblingArn = (arn: string, prefix: string) =>
  otherId(arn.replaceAll(`${prefix}-`, `${siblingPrefix(prefix)}-`), "0e0");

const siblingTags = (tags: Tags | undefined, prefix: string): Tags | undefined =>
  tags && { ...tags, [STACK_TAG_KEY]: siblingPrefix(prefix) };

/** Every change this stack makes, replayed on the sibling stack's resources. */
export function siblingProbes(calls: readonly StackCall[], prefix: string): Probe[] {
  return (
    calls
      // Resources of this stack only: not "*", not the AWS-managed (untagged) NAT interface.
      .filter((c) => c.phase !== "read" && c.resource !== "*" && !c.action.startsWith("iam:"))
      .filter((c) => c.resourceTags === undefined || Object.keys(c.resourceTags).length > 0)
      .filter(
        (c) => c.type !== "aws:route53/record:Record" && c.type !== "docker:index/image:Image",
      )
      .map((c) => ({
        group: "sibling stack",
        what: `${c.action} on ${c.type} ${c.name} of the sibling stack`,
        call: {
          phase: c.phase,
          action: c.action,
          resource: siblingArn(c.resource, prefix),
          ...(c.requestTags ? { requestTags: siblingTags(c.requestTags, prefix) } : {}),
          ...(c.resourceTags ? { resourceTags: siblingTags(c.resourceTags, prefix) } : {}),
          ...(c.keys ? { keys: c.keys } : {}),
        },
      }))
  );
}

/**
 * The one deliberate gap (persistent/permissions/audit.ts): AWS creates a VPC's default security
 * group untagged and offers no condition key that ties it to the VPC's owner, so closing it
 * (FSBP EC2.2) means revoking rules of groups that carry no stack tag. Revoking only removes
 * access; tagging, authorizing and deleting untagged groups stay denied.
 */
export const ALLOWED_BY_DESIGN: readonly string[] = [
  "ec2:RevokeSecurityGroupEgress on an untagged security-group outside the stack",
  "ec2:RevokeSecurityGroupIngress on an untagged security-group outside the stack",
];

const foreignArn = (arn: string, prefix: string) =>
  otherId(arn.replaceAll(`${prefix}-`, "other-team-"), "0f0");

/**
 * Every EC2 and ELB change this stack makes on an existing resource, replayed on one outside
 * the stack (untagged: another team's VPC, subnet, route table or security group), and every
 * create without the stack tag.
 */
export function outsideProbes(calls: readonly StackCall[], prefix: string): Probe[] {
  const tagScoped = calls.filter(
    (c) => /^(ec2|elasticloadbalancing):/.test(c.action) && c.resource !== "*",
  );
  const onExisting = tagScoped
    .filter((c) => c.resourceTags !== undefined && Object.keys(c.resourceTags).length > 0)
    .map((c): Probe => ({
      group: "outside the stack",
      what: `${c.action} on an untagged ${c.resource.split(":").at(-1)?.split("/")[0] ?? ""} outside the stack`,
      call: { ...c, resource: foreignArn(c.resource, prefix), resourceTags: {} },
    }));
  const untaggedCreates = tagScoped
    .filter(
      (c) => c.phase === "create" && c.requestTags !== undefined && c.resourceTags === undefined,
    )
    .map((c): Probe => ({
      group: "outside the stack",
      what: `${c.action} creating ${c.type} without the stack tag`,
      call: { ...c, requestTags: { Name: "unowned" } },
    }));
  return [...onExisting, ...untaggedCreates];
}

/**
 * Every change the deploy role makes (by the IAM reference's access level), by a read-only role
 * (group "preview writes" or "drift writes").
 */
export async function writeProbes(
  calls: readonly StackCall[],
  group: "preview writes" | "drift writes" = "preview writes",
): Promise<Probe[]> {
  const writes: Probe[] = [];
  for (const c of calls) {
    const level = (await actionFacts(c.action))?.accessLevel ?? "Write";
    if (!/^(Read|List)$/.test(level)) {
      writes.push({ group, what: `${c.action} (${c.type})`, call: c });
    }
  }
  return writes;
}

/** The refresh's decrypts of the stack's secrets, by the preview role: pull requests assume it. */
export const previewDecryptProbes = (decrypts: readonly StackCall[]): Probe[] =>
  decrypts.map((c) => ({
    group: "preview decrypts",
    what: `kms:Decrypt through SSM of ${c.name}`,
    call: c,
  }));

/**
 * Secrets that are not the drift role's to read: a sibling stack's or another parameter of the
 * account, the stack's key used directly or through another service (it also encrypts the
 * history and the logs), another key, and any change to the parameters.
 */
export function driftSecretProbes(decrypts: readonly StackCall[], prefix: string): Probe[] {
  const [decrypt] = decrypts;
  if (!decrypt) return [];
  const { region, account } = /^arn:[^:]+:kms:(?<region>[^:]+):(?<account>\d+):/.exec(
    decrypt.resource,
  )?.groups ?? { region: "", account: "" };
  const parameter = (name: string) => `arn:aws:ssm:${region}:${account}:parameter/${name}`;
  const probe = (what: string, call: ProviderCall): Probe => ({
    group: "drift secrets",
    what,
    call,
  });
  const { resourcePolicy: _own, ...withoutKeyPolicy } = decrypt;
  return [
    probe("ssm:GetParameter of the sibling stack's secret", {
      phase: "read",
      action: "ssm:GetParameter",
      resource: parameter(`${siblingPrefix(prefix)}/gatus/slack-webhook-url`),
    }),
    probe("ssm:GetParameter of another parameter of the account", {
      phase: "read",
      action: "ssm:GetParameter",
      resource: parameter("prod/database-password"),
    }),
    probe("kms:Decrypt with the stack's key directly", { ...decrypt, keys: {} }),
    probe("kms:Decrypt with the stack's key through EFS", {
      ...decrypt,
      keys: { "kms:ViaService": `elasticfilesystem.${region}.amazonaws.com` },
    }),
    probe("kms:Decrypt through SSM with another key (a sibling stack's)", {
      ...withoutKeyPolicy,
      resource: `arn:aws:kms:${region}:${account}:key/0e0e0e0e-0000-4000-8000-000000000000`,
    }),
    ...["ssm:PutParameter", "ssm:DeleteParameter"].map((action) =>
      probe(`${action} on the stack's own secret`, {
        phase: "update",
        action,
        resource: parameter(`${prefix}/gatus/slack-webhook-url`),
      }),
    ),
  ];
}

/** Named escalations: what a compromised deploy job would try first. */
export function escalationProbes(
  stack: StackModel,
  prefix: string,
  hostname: string,
  zoneId: string,
): Probe[] {
  const { partition: p, region: r, accountId: a } = stack;
  const role = (name: string) => `arn:${p}:iam::${a}:role/${name}`;
  const call = (
    action: string,
    resource: string,
    extra: Partial<ProviderCall> = {},
  ): ProviderCall => ({
    phase: "update",
    action,
    resource,
    ...extra,
  });
  const zone = `arn:${p}:route53:::hostedzone/${zoneId}`;
  const vpc = stack.resources.find((x) => x.type === "aws:ec2/vpc:Vpc");
  const probe = (what: string, c: ProviderCall): Probe => ({ group: "escalation", what, call: c });
  return [
    probe("rewrite its own permissions", call("iam:PutRolePolicy", role(`${prefix}-deploy`))),
    probe(
      "attach AdministratorAccess to itself",
      call("iam:AttachRolePolicy", role(`${prefix}-deploy`)),
    ),
    probe("create an IAM user", call("iam:CreateUser", `arn:${p}:iam::${a}:user/backdoor`)),
    probe(
      "pass its own role to ECS tasks",
      call("iam:PassRole", role(`${prefix}-deploy`), {
        keys: { "iam:PassedToService": "ecs-tasks.amazonaws.com" },
      }),
    ),
    probe(
      "pass the task role to EC2",
      call("iam:PassRole", role(`${prefix}-task`), {
        keys: { "iam:PassedToService": "ec2.amazonaws.com" },
      }),
    ),
    probe("assume another role", call("sts:AssumeRole", role("OrganizationAccountAccessRole"))),
    probe(
      "schedule deletion of a KMS key",
      call(
        "kms:ScheduleKeyDeletion",
        `arn:${p}:kms:${r}:${a}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
      ),
    ),
    probe(
      "delete the image repository",
      call("ecr:DeleteRepository", `arn:${p}:ecr:${r}:${a}:repository/${prefix}`),
    ),
    probe(
      "open the image repository to others",
      call("ecr:SetRepositoryPolicy", `arn:${p}:ecr:${r}:${a}:repository/${prefix}`),
    ),
    probe(
      "point another name in the zone elsewhere",
      call("route53:ChangeResourceRecordSets", zone, {
        keys: {
          "route53:ChangeResourceRecordSetsActions": ["UPSERT"],
          "route53:ChangeResourceRecordSetsNormalizedRecordNames": [
            `www.${hostname.split(".").slice(1).join(".")}`,
          ],
          "route53:ChangeResourceRecordSetsRecordTypes": ["A"],
        },
      }),
    ),
    probe(
      "add a TXT record (domain validation) for the hostname",
      call("route53:ChangeResourceRecordSets", zone, {
        keys: {
          "route53:ChangeResourceRecordSetsActions": ["CREATE"],
          "route53:ChangeResourceRecordSetsNormalizedRecordNames": [hostname],
          "route53:ChangeResourceRecordSetsRecordTypes": ["TXT"],
        },
      }),
    ),
    probe(
      "run a one-off task",
      call("ecs:RunTask", `arn:${p}:ecs:${r}:${a}:task-definition/${prefix}-gatus:1`),
    ),
    probe(
      "open a shell in the container",
      call("ecs:ExecuteCommand", `arn:${p}:ecs:${r}:${a}:cluster/${prefix}-cluster`),
    ),
    probe("deregister any task definition", call("ecs:DeregisterTaskDefinition", "*")),
    probe(
      "make an alarm terminate EC2 instances",
      call("cloudwatch:PutMetricAlarm", `arn:${p}:cloudwatch:${r}:${a}:alarm:${prefix}-latency`, {
        keys: { "cloudwatch:AlarmActions": [`arn:${p}:automate:${r}:ec2:terminate`] },
      }),
    ),
    probe(
      "create a VPC tagged for the sibling stack",
      call("ec2:CreateVpc", `arn:${p}:ec2:${r}:${a}:vpc/vpc-0sibling000000000`, {
        phase: "create",
        requestTags: { [STACK_TAG_KEY]: siblingPrefix(prefix) },
      }),
    ),
    ...(vpc
      ? [
          probe(
            "move its own VPC to the sibling stack by retagging it",
            call("ec2:CreateTags", vpc.arn, {
              phase: "tag",
              resourceTags: vpc.tags,
              requestTags: { ...CHANGED_TAG, [STACK_TAG_KEY]: siblingPrefix(prefix) },
            }),
          ),
          probe(
            "delete the sibling stack's flow log",
            call("ec2:DeleteFlowLogs", `arn:${p}:ec2:${r}:${a}:vpc-flow-log/fl-0sibling00000000`, {
              phase: "delete",
              resourceTags: { [STACK_TAG_KEY]: siblingPrefix(prefix) },
            }),
          ),
          probe(
            "send the web ACL's logs to a bucket outside the stack",
            call(
              "wafv2:PutLoggingConfiguration",
              `arn:${p}:wafv2:${r}:${a}:regional/webacl/${prefix}-waf/0f000000-0000-0000-0000-000000000000`,
              { keys: { "wafv2:LogDestinationResource": `arn:${p}:s3:::aws-waf-logs-attacker` } },
            ),
          ),
          probe(
            "log the sibling stack's web ACL",
            call(
              "wafv2:PutLoggingConfiguration",
              `arn:${p}:wafv2:${r}:${a}:regional/webacl/${siblingPrefix(prefix)}-waf/0f000000-0000-0000-0000-000000000000`,
              { keys: { "wafv2:LogDestinationResource": `arn:${p}:s3:::aws-waf-logs-attacker` } },
            ),
          ),
          probe(
            "delete a foreign (untagged) security group",
            call(
              "ec2:DeleteSecurityGroup",
              `arn:${p}:ec2:${r}:${a}:security-group/sg-0f0000000000foreign`,
              { phase: "delete", resourceTags: {} },
            ),
          ),
          probe(
            "revoke a rule of the sibling stack's security group",
            call(
              "ec2:RevokeSecurityGroupIngress",
              `arn:${p}:ec2:${r}:${a}:security-group/sg-0f00000000sibling`,
              { phase: "update", resourceTags: { [STACK_TAG_KEY]: siblingPrefix(prefix) } },
            ),
          ),
          probe(
            "tag a foreign security group into the stack",
            call("ec2:CreateTags", `arn:${p}:ec2:${r}:${a}:security-group/sg-0f0000000000foreign`, {
              phase: "tag",
              resourceTags: {},
              requestTags: { [STACK_TAG_KEY]: prefix },
            }),
          ),
        ]
      : []),
  ];
}
