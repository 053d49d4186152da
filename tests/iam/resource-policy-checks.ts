/**
 * The resource policies the persistent program writes, simulated with the requests they must
 * admit and those they must refuse: the alarm topic's policy (CloudWatch publishes the stack's
 * alarms; no role of the account subscribes or rewrites it through the policy) and the task
 * roles' trust (ECS tasks of this account and region only).
 */
import type { Graph } from "../engine/run-program";
import { ofType } from "../helpers/graph";
import type { ProviderCall } from "./calls/types";
import { resourcePolicy, rolePolicies, trustPolicy } from "./emitted";
import type { PolicyDocument } from "./policy-checks";
import { siblingPrefix } from "./probes";
import type { Caller } from "./simulate";

/** A request to a resource with a policy of its own, and what IAM must decide. */
export interface ResourcePolicyCheck {
  what: string;
  expected: "Allowed" | "Denied";
  caller: Caller;
  call: ProviderCall & { resourcePolicy: PolicyDocument };
}

const OTHER_ACCOUNT = "210987654321";
const nobody: PolicyDocument[] = [];

/** The alarm topic's policy against the alarms the ephemeral program creates. */
export function topicChecks(
  persistent: Graph,
  ephemeral: Graph,
  prefix: string,
): ResourcePolicyCheck[] {
  const policy = resourcePolicy(persistent, "aws:sns/topicPolicy:TopicPolicy");
  const [topicPolicy] = ofType(persistent, "aws:sns/topicPolicy:TopicPolicy");
  if (!policy || !topicPolicy) return [];
  const topicArn = String(topicPolicy.inputs.arn);
  const [, , , region, account = ""] = topicArn.split(":");
  const alarmArn = (name: string, accountId = account) =>
    `arn:aws:cloudwatch:${region}:${accountId}:alarm:${name}`;
  const publish = (sourceArn: string, sourceAccount = account) => ({
    phase: "update" as const,
    action: "sns:Publish",
    resource: topicArn,
    keys: { "aws:SourceArn": sourceArn, "aws:SourceAccount": sourceAccount },
    resourcePolicy: policy,
  });
  const cloudwatch: Caller = { principal: "cloudwatch.amazonaws.com", policies: nobody };
  const alarms = ofType(ephemeral, "aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) =>
    ((a.inputs.alarmActions as string[] | undefined) ?? []).includes(topicArn),
  );
  const role = (name: string): Caller => ({
    principal: `arn:aws:iam::${account}:role/${name}`,
    policies: rolePolicies(persistent, name),
  });
  // SNS sets the legacy AWS:SourceOwner key to the caller's account (what AWS's default topic
  // policy matches on).
  const asRole = (name: string, action: string): ResourcePolicyCheck => ({
    what: `${name} ${action} on the alarm topic`,
    expected: "Denied",
    caller: role(name),
    call: {
      phase: "update",
      action,
      resource: topicArn,
      keys: { "aws:SourceOwner": account },
      resourcePolicy: policy,
    },
  });
  return [
    ...alarms.map((a): ResourcePolicyCheck => ({
      what: `CloudWatch publishes alarm ${String(a.inputs.name)}`,
      expected: "Allowed",
      caller: cloudwatch,
      call: publish(alarmArn(String(a.inputs.name))),
    })),
    {
      what: "CloudWatch publishes an alarm of the sibling stack",
      expected: "Denied",
      caller: cloudwatch,
      call: publish(alarmArn(`${siblingPrefix(prefix)}-latency`)),
    },
    {
      what: "CloudWatch publishes an alarm of another account",
      expected: "Denied",
      caller: cloudwatch,
      call: publish(alarmArn(`${prefix}-latency`, OTHER_ACCOUNT), OTHER_ACCOUNT),
    },
    asRole(`${prefix}-preview`, "sns:Subscribe"),
    asRole(`${prefix}-preview`, "sns:SetTopicAttributes"),
    asRole(`${prefix}-preview`, "sns:Publish"),
    asRole(`${prefix}-task`, "sns:Subscribe"),
  ];
}

/** The task roles' trust: ECS tasks of this account and region, nothing else. */
export function taskTrustChecks(
  persistent: Graph,
  prefix: string,
  accountId: string,
  region: string,
): ResourcePolicyCheck[] {
  const ecs: Caller = { principal: "ecs-tasks.amazonaws.com", policies: nobody };
  return [`${prefix}-task-exec`, `${prefix}-task`].flatMap((roleName): ResourcePolicyCheck[] => {
    const policy = trustPolicy(persistent, roleName);
    const assume = (sourceAccount: string, sourceRegion: string) => ({
      phase: "update" as const,
      action: "sts:AssumeRole",
      resource: `arn:aws:iam::${accountId}:role/${roleName}`,
      keys: {
        "aws:SourceAccount": sourceAccount,
        "aws:SourceArn": `arn:aws:ecs:${sourceRegion}:${sourceAccount}:task/${prefix}-cluster/0123456789abcdef`,
      },
      resourcePolicy: policy,
    });
    return [
      {
        what: `an ECS task of this stack assumes ${roleName}`,
        expected: "Allowed",
        caller: ecs,
        call: assume(accountId, region),
      },
      {
        what: `an ECS task of another account assumes ${roleName}`,
        expected: "Denied",
        caller: ecs,
        call: assume(OTHER_ACCOUNT, region),
      },
      {
        what: `an ECS task in another region assumes ${roleName}`,
        expected: "Denied",
        caller: ecs,
        call: assume(accountId, "us-east-1"),
      },
    ];
  });
}
