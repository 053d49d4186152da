import { describe, expect, it } from "vitest";
import { cloudWatchFragment, ephemeralConsoleUrls } from "../../ephemeral/console-links";

const ARGS = {
  region: "ap-southeast-2",
  clusterName: "gatus-prod-cluster",
  serviceName: "gatus-prod-gatus",
  logGroupName: "/ecs/gatus-prod-gatus",
  alarmNamePrefix: "gatus-prod-",
  webAclArn:
    "arn:aws:wafv2:ap-southeast-2:123456789012:regional/webacl/gatus-prod-waf/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111",
};

describe("ephemeral console links", () => {
  it("point at the stack's own region, on that region's console host", () => {
    expect(ephemeralConsoleUrls(ARGS)).toEqual({
      ecsService:
        "https://ap-southeast-2.console.aws.amazon.com/ecs/v2/clusters/gatus-prod-cluster/services/gatus-prod-gatus/health?region=ap-southeast-2",
      ecsDeployments:
        "https://ap-southeast-2.console.aws.amazon.com/ecs/v2/clusters/gatus-prod-cluster/services/gatus-prod-gatus/deployments?region=ap-southeast-2",
      logGroup:
        "https://ap-southeast-2.console.aws.amazon.com/cloudwatch/home?region=ap-southeast-2#logsV2:log-groups/log-group/$252Fecs$252Fgatus-prod-gatus",
      alarms:
        "https://ap-southeast-2.console.aws.amazon.com/cloudwatch/home?region=ap-southeast-2#alarmsV2:?~(search~'gatus-prod-)",
      webAcl:
        "https://ap-southeast-2.console.aws.amazon.com/wafv2/homev2/web-acl/gatus-prod-waf/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111/overview?region=ap-southeast-2",
    });
  });

  it.each([
    ["cn-north-1", "https://cn-north-1.console.amazonaws.cn/"],
    ["us-gov-west-1", "https://us-gov-west-1.console.amazonaws-us-gov.com/"],
    ["us-east-1", "https://us-east-1.console.aws.amazon.com/"],
  ])("in %s they use that partition's console, %s", (region, origin) => {
    for (const url of Object.values(ephemeralConsoleUrls({ ...ARGS, region })))
      expect(url.startsWith(origin), url).toBe(true);
  });

  it("the alarm search writes characters JSURL reserves as *xx", () => {
    expect(ephemeralConsoleUrls({ ...ARGS, alarmNamePrefix: "a b(c)" }).alarms).toMatch(
      /#alarmsV2:\?~\(search~'a\*20b\*28c\*29\)$/,
    );
  });
});

describe("CloudWatch's URL fragment encoding", () => {
  it.each([
    ["/ecs/gatus-dev-gatus", "$252Fecs$252Fgatus-dev-gatus"],
    // The form SageMaker's SDK tests assert for its training job logs.
    ["/aws/sagemaker/TrainingJobs", "$252Faws$252Fsagemaker$252FTrainingJobs"],
    ["plain-name", "plain-name"],
    ["a b", "a$2520b"],
  ])("%s → %s", (value, expected) => {
    expect(cloudWatchFragment(value)).toBe(expected);
  });
});
