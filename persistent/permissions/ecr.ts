/** The Gatus image: pushed to the persistent repository, looked up there by tag. */
import { unscopedReads, type ManifestEntry, type ScopeContext } from "./types";

const REPOSITORY = (s: ScopeContext) => [s.ecrRepositoryArn];

const AUTHORIZATION_TOKEN = unscopedReads(
  ["ecr:GetAuthorizationToken"],
  'Logs Docker in to ECR; the token only authenticates, what it may do is the repository grants. ECR authorises it only on "*".',
);

/** What the image build pushes (a @pulumi/docker resource, not an AWS one). */
export const ECR: readonly ManifestEntry[] = [
  {
    // @pulumi/docker (and, in CD, aws-actions/amazon-ecr-login) logs in, then pushes to the one repository.
    type: "docker:index/image:Image",
    read: [{ actions: ["ecr:BatchGetImage", "ecr:ListImages"], resources: REPOSITORY }],
    write: [
      AUTHORIZATION_TOKEN,
      {
        actions: [
          "ecr:BatchCheckLayerAvailability",
          "ecr:InitiateLayerUpload",
          "ecr:UploadLayerPart",
          "ecr:CompleteLayerUpload",
          "ecr:PutImage",
          "ecr:GetDownloadUrlForLayer",
        ],
        resources: REPOSITORY,
      },
    ],
  },
];

/** The ECR data sources the image lookup calls. */
export const ECR_INVOKES: readonly ManifestEntry[] = [
  // Lists tags to decide whether the image for this commit already exists.
  {
    type: "aws:ecr/getImages:getImages",
    read: [{ actions: ["ecr:ListImages"], resources: REPOSITORY }],
    write: [],
  },
];
