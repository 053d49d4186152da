import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { accountAdministersKey } from "./kms";

export interface RegistryArgs {
  partition: string;
  accountId: string;
  /** Repository name; also the name ephemeral pushes to. */
  repositoryName: string;
  /** How many images to keep; older ones expire. */
  keepImages: number;
  /** The other uses of the project's key: what each encrypts, and the key-policy statement that allows it. */
  alsoEncrypts: readonly { what: string; statement?: object }[];
}

/**
 * The ECR repository for the Gatus image: immutable tags (a tag is a commit, never moved),
 * scan on push, a customer-managed KMS key, and a lifecycle policy so storage stays bounded.
 */
export class Registry extends pulumi.ComponentResource {
  readonly repository: aws.ecr.Repository;
  readonly key: aws.kms.Key;

  constructor(name: string, args: RegistryArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gatus:persistent:Registry", name, {}, opts);
    const protect = { parent: this, protect: true };

    // Deleting this key would make every stored image unreadable, hence protected.
    this.key = new aws.kms.Key(
      "ecr",
      {
        description: [
          `Encrypts the ${args.repositoryName} ECR repository`,
          ...args.alsoEncrypts.map((use) => use.what),
        ].join(", "),
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        // ECR uses the key through grants it creates with the repository creator's permissions.
        policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            accountAdministersKey(args.partition, args.accountId),
            ...args.alsoEncrypts.flatMap((use) => (use.statement ? [use.statement] : [])),
          ],
        }),
      },
      protect,
    );
    new aws.kms.Alias(
      "ecr",
      { name: `alias/${args.repositoryName}-ecr`, targetKeyId: this.key.keyId },
      { parent: this },
    );

    this.repository = new aws.ecr.Repository(
      "gatus",
      {
        name: args.repositoryName,
        imageTagMutability: "IMMUTABLE",
        imageScanningConfiguration: { scanOnPush: true },
        encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: this.key.arn }],
        forceDelete: false,
      },
      protect,
    );

    new aws.ecr.LifecyclePolicy(
      "gatus",
      {
        repository: this.repository.name,
        policy: JSON.stringify(lifecyclePolicy(args.keepImages)),
      },
      { parent: this },
    );

    this.registerOutputs({ repositoryUrl: this.repository.repositoryUrl });
  }
}

/** Untagged layers (failed or superseded pushes) go after a day; tagged images beyond the newest N go. */
export function lifecyclePolicy(keepImages: number) {
  return {
    rules: [
      {
        rulePriority: 1,
        description: "Expire untagged images after one day",
        selection: {
          tagStatus: "untagged",
          countType: "sinceImagePushed",
          countUnit: "days",
          countNumber: 1,
        },
        action: { type: "expire" },
      },
      {
        rulePriority: 2,
        description: `Keep the ${keepImages} most recent images`,
        selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: keepImages },
        action: { type: "expire" },
      },
    ],
  };
}
