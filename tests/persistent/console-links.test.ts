import { describe, expect, it } from "vitest";
import { persistentConsoleUrls } from "../../persistent/console-links";
import { VALID_CONTRACT } from "../helpers/contract-fixture";

const SYDNEY = {
  ...VALID_CONTRACT,
  awsRegion: "ap-southeast-2",
  certificateArn:
    "arn:aws:acm:ap-southeast-2:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-1234567890ab",
};

describe("persistent console links", () => {
  it("regional pages (ECR, ACM) use the stack's region; IAM and Route 53 the global console", () => {
    expect(persistentConsoleUrls(SYDNEY)).toEqual({
      ecrRepository:
        "https://ap-southeast-2.console.aws.amazon.com/ecr/repositories/private/123456789012/gatus-dev?region=ap-southeast-2",
      hostedZone:
        "https://console.aws.amazon.com/route53/v2/hostedzones#ListRecordSets/Z0123456789ABC",
      certificate:
        "https://ap-southeast-2.console.aws.amazon.com/acm/home?region=ap-southeast-2#/certificates/0f1e2d3c-aaaa-bbbb-cccc-1234567890ab",
      previewRole: "https://console.aws.amazon.com/iam/home#/roles/details/gatus-dev-preview",
      deployRole: "https://console.aws.amazon.com/iam/home#/roles/details/gatus-dev-deploy",
      taskRole: "https://console.aws.amazon.com/iam/home#/roles/details/gatus-dev-task",
      taskExecutionRole:
        "https://console.aws.amazon.com/iam/home#/roles/details/gatus-dev-task-exec",
    });
  });

  it("in China the links use the China console", () => {
    const urls = persistentConsoleUrls({ ...VALID_CONTRACT, awsRegion: "cn-northwest-1" });
    expect(urls.ecrRepository).toMatch(/^https:\/\/cn-northwest-1\.console\.amazonaws\.cn\/ecr\//);
    expect(urls.deployRole).toMatch(/^https:\/\/console\.amazonaws\.cn\/iam\//);
  });

  it("a role with an IAM path links to the role's name", () => {
    const urls = persistentConsoleUrls({
      ...VALID_CONTRACT,
      taskRoleArn: "arn:aws:iam::123456789012:role/service/gatus-dev-task",
    });
    expect(urls.taskRole).toBe(
      "https://console.aws.amazon.com/iam/home#/roles/details/gatus-dev-task",
    );
  });
});
