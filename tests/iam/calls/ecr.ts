/**
 * The image push: a Docker login (an ECR authorisation token) and the registry API calls of a
 * push, all on the one repository. The same token is what the CD job's ECR login asks for.
 */
import { anywhere, on, type CallTable, type ProviderCall } from "./types";

/** @pulumi/docker's image, pushed to the persistent repository. */
export const ECR_CALLS: readonly CallTable[] = [
  {
    type: "docker:index/image:Image",
    sources: [
      "pulumi-docker provider/image.go (build, push with registry credentials)",
      "AWS ECR User Guide, 'Pushing an image' (required IAM permissions); aws-actions/amazon-ecr-login README",
    ],
    calls: (image) => [
      anywhere("create", "ecr:GetAuthorizationToken"),
      ...[
        "ecr:BatchCheckLayerAvailability",
        "ecr:InitiateLayerUpload",
        "ecr:UploadLayerPart",
        "ecr:CompleteLayerUpload",
        "ecr:PutImage",
        "ecr:BatchGetImage",
        "ecr:GetDownloadUrlForLayer",
      ].map((action) => on("create", action, image)),
      on("read", "ecr:ListImages", image),
      on("read", "ecr:BatchGetImage", image),
    ],
  },
];

/** The data sources' calls, by invoke token. */
export function ecrInvokeCalls(repositoryArn: string): Record<string, ProviderCall[]> {
  return {
    "aws:ecr/getImages:getImages": [
      { phase: "read", action: "ecr:ListImages", resource: repositoryArn },
    ],
  };
}
