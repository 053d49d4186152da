/**
 * The deploy role's calls outside Pulumi, step by step in the workflows: CD's image lookup and
 * digest resolution, Trivy pulling the pushed digest, and the teardown's alert.
 */
import type { ProviderCall } from "./types";

export interface PipelineCall extends ProviderCall {
  /** `workflow:<file>#<job>`, and the step. */
  type: string;
  name: string;
}

export function pipelineCalls(args: {
  repositoryArn: string;
  alarmTopicArn: string;
}): PipelineCall[] {
  const cd = (name: string, action: string, resource: string): PipelineCall => ({
    type: "workflow:cd.yml#deploy",
    name,
    phase: "read",
    action,
    resource,
  });
  return [
    cd("Look the image tag up in ECR", "ecr:DescribeImages", args.repositoryArn),
    cd("Resolve the pushed digest", "ecr:DescribeImages", args.repositoryArn),
    cd("Trivy gate on the pushed digest (login)", "ecr:GetAuthorizationToken", "*"),
    cd("Trivy gate on the pushed digest (manifest)", "ecr:BatchGetImage", args.repositoryArn),
    cd(
      "Trivy gate on the pushed digest (layers)",
      "ecr:GetDownloadUrlForLayer",
      args.repositoryArn,
    ),
    {
      type: "workflow:teardown.yml#destroy",
      name: "Alert when the nightly destroy fails",
      phase: "update",
      action: "sns:Publish",
      resource: args.alarmTopicArn,
    },
  ];
}
