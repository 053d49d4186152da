/**
 * The policy documents the persistent program emits, read from its graph under the mock engine:
 * what would be sent to IAM, KMS and SNS, not what the manifest says.
 */
import type { Graph, RecordedResource } from "../engine/run-program";
import { ofType } from "../helpers/graph";
import type { EmittedPolicy, PolicyDocument, PolicyKind } from "./policy-checks";

const SOURCES: { type: string; input: string; kind: PolicyKind }[] = [
  { type: "aws:iam/role:Role", input: "assumeRolePolicy", kind: "trust" },
  { type: "aws:iam/policy:Policy", input: "policy", kind: "identity" },
  { type: "aws:iam/rolePolicy:RolePolicy", input: "policy", kind: "identity" },
  { type: "aws:kms/key:Key", input: "policy", kind: "resource" },
  { type: "aws:sns/topicPolicy:TopicPolicy", input: "policy", kind: "resource" },
  { type: "aws:efs/fileSystemPolicy:FileSystemPolicy", input: "policy", kind: "resource" },
];

const documentOf = (resource: RecordedResource, input: string): PolicyDocument => {
  const text = resource.inputs[input];
  if (typeof text !== "string") {
    throw new Error(`${resource.type} ${resource.name}: ${input} is not a JSON policy document`);
  }
  return JSON.parse(text) as PolicyDocument;
};

/** Every policy document in the graph: trust, identity, key and topic policies. */
export function emittedPolicies(graph: Graph): EmittedPolicy[] {
  return SOURCES.flatMap(({ type, input, kind }) =>
    ofType(graph, type).map((resource) => ({
      where: `${type} ${resource.name}`,
      kind,
      document: documentOf(resource, input),
    })),
  );
}

/** The role whose physical name is `roleName`. */
export function roleNamed(graph: Graph, roleName: string): RecordedResource {
  const role = ofType(graph, "aws:iam/role:Role").find((r) => r.inputs.name === roleName);
  if (!role) throw new Error(`the persistent graph has no role named ${roleName}`);
  return role;
}

/** The trust policy of a role. */
export const trustPolicy = (graph: Graph, roleName: string): PolicyDocument =>
  documentOf(roleNamed(graph, roleName), "assumeRolePolicy");

/**
 * The identity policies a role gets: the managed policies attached to it (matched by the ARN
 * the mock engine gives a policy, `arn:aws:iam::<account>:policy/<name>`) and its inline ones.
 */
export function rolePolicies(graph: Graph, roleName: string): PolicyDocument[] {
  const attached = ofType(graph, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")
    .filter((a) => a.inputs.role === roleName)
    .map((a) => String(a.inputs.policyArn));
  const managed = ofType(graph, "aws:iam/policy:Policy").filter((p) =>
    attached.some((arn) => arn.endsWith(`:policy/${String(p.inputs.name)}`)),
  );
  if (managed.length !== attached.length) {
    throw new Error(`role ${roleName}: ${attached.length} attachments, ${managed.length} policies`);
  }
  const inline = ofType(graph, "aws:iam/rolePolicy:RolePolicy").filter(
    (p) => p.inputs.role === roleName,
  );
  return [...managed, ...inline].map((p) => documentOf(p, "policy"));
}

/** The resource policy of the one resource of a type (the alarm topic's policy, say). */
export function resourcePolicy(graph: Graph, type: string): PolicyDocument | undefined {
  const [resource] = ofType(graph, type);
  return resource && documentOf(resource, "policy");
}
