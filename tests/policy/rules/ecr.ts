import type { GraphRule, ResourceRule, Rule } from "../types";
import { asArray, asRecord, refersTo, show, where } from "./util";

export const ECR_REPOSITORY = "aws:ecr/repository:Repository";
export const ECR_LIFECYCLE_POLICY = "aws:ecr/lifecyclePolicy:LifecyclePolicy";

/** ECR repository must scan images on push. */
export const ecrScanOnPush: ResourceRule = {
  kind: "resource",
  id: "ecr-scan-on-push",
  control: "FSBP ECR.1 / CKV_AWS_163",
  level: "mandatory",
  resourceTypes: [ECR_REPOSITORY],
  description: "ECR repository must scan images on push",
  why: "Without a scan, an image with known critical CVEs is deployed without anyone being told.",
  check(r) {
    const scanOnPush = asRecord(r.inputs.imageScanningConfiguration).scanOnPush;
    return scanOnPush === true
      ? []
      : [
          `${where(r)} has imageScanningConfiguration.scanOnPush ${show(scanOnPush)}; set it to true.`,
        ];
  },
};

/** ECR repository must have immutable tags. */
export const ecrImmutableTags: ResourceRule = {
  kind: "resource",
  id: "ecr-immutable-tags",
  control: "FSBP ECR.2 / CKV_AWS_51",
  level: "mandatory",
  resourceTypes: [ECR_REPOSITORY],
  description: "ECR repository must use immutable image tags",
  why: "A mutable tag can be re-pointed after review, so the image that runs is not the one that was approved and scanned.",
  check(r) {
    const mutability = r.inputs.imageTagMutability;
    return mutability === "IMMUTABLE"
      ? []
      : [`${where(r)} has imageTagMutability ${show(mutability)}; set it to "IMMUTABLE".`];
  },
};

/** ECR repository must be encrypted with KMS. */
export const ecrKmsEncryption: ResourceRule = {
  kind: "resource",
  id: "ecr-kms-encryption",
  control: "ECR.5 / CKV_AWS_136",
  level: "mandatory",
  resourceTypes: [ECR_REPOSITORY],
  description: "ECR repository must be encrypted with a KMS key",
  why: "KMS encryption puts image access under a key policy and CloudTrail-logged key use, not only under the repository policy.",
  check(r) {
    const first = asRecord(asArray(r.inputs.encryptionConfigurations)[0]);
    return first.encryptionType === "KMS"
      ? []
      : [
          `${where(r)} has encryptionConfigurations[0].encryptionType ${show(first.encryptionType)}; set it to "KMS" with a customer-managed kmsKey.`,
        ];
  },
};

/** Every ECR repository must have a lifecycle policy (graph: the policy is its own resource). */
export const ecrLifecyclePolicy: GraphRule = {
  kind: "graph",
  id: "ecr-lifecycle-policy",
  control: "FSBP ECR.3",
  level: "mandatory",
  resourceTypes: [ECR_REPOSITORY, ECR_LIFECYCLE_POLICY],
  description: "ECR repository must have a lifecycle policy",
  why: "Every commit pushes an image; without expiry, storage (and its cost) grows forever and old vulnerable images stay pullable.",
  checkGraph(resources) {
    const policies = resources.filter((r) => r.type === ECR_LIFECYCLE_POLICY);
    return resources
      .filter((r) => r.type === ECR_REPOSITORY)
      .filter((repo) => !policies.some((p) => refersTo(p, repo, (x) => x.inputs.repository)))
      .map((repo) => ({
        resource: repo,
        message: `${where(repo)} has no aws.ecr.LifecyclePolicy whose repository is this repository; add one (expire untagged images, keep the last N).`,
      }));
  },
};

export const ecrRules: readonly Rule[] = [
  ecrScanOnPush,
  ecrImmutableTags,
  ecrKmsEncryption,
  ecrLifecyclePolicy,
];
