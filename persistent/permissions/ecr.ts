/** The Gatus image: pushed to the persistent repository, looked up there by tag. */
import type { ManifestEntry } from "./types";

/** What the image build pushes (a @pulumi/docker resource, not an AWS one). */
export const ECR: readonly ManifestEntry[] = [
  {
    // @pulumi/docker builds the image and pushes it to the one repository.
    type: "docker:index/image:Image",
    read: [
      "ecr:DescribeImages",
      "ecr:ListImages",
      "ecr:BatchGetImage",
      "ecr:GetAuthorizationToken",
    ],
    write: [
      {
        actions: [
          "ecr:BatchCheckLayerAvailability",
          "ecr:InitiateLayerUpload",
          "ecr:UploadLayerPart",
          "ecr:CompleteLayerUpload",
          "ecr:PutImage",
          "ecr:BatchGetImage",
          "ecr:GetDownloadUrlForLayer",
        ],
        resources: (s) => [s.ecrRepositoryArn],
      },
    ],
  },
];

/** The ECR data sources the image lookup calls. */
export const ECR_INVOKES: readonly ManifestEntry[] = [
  // Lists tags to decide whether the image for this commit already exists.
  { type: "aws:ecr/getImages:getImages", read: ["ecr:ListImages"], write: [] },
  // The token only authenticates; what it may do is decided by the repository grants above.
  {
    type: "aws:ecr/getAuthorizationToken:getAuthorizationToken",
    read: ["ecr:GetAuthorizationToken"],
    write: [],
  },
];
