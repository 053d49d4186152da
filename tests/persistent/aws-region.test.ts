import { Region } from "@pulumi/aws/types/enums";
import { describe, expect, it } from "vitest";
import { AWS_REGIONS, awsRegionProblem } from "../../persistent/lib/aws-region";

describe("AWS regions", () => {
  it("are exactly the Region enum of @pulumi/aws, not a list kept by hand", () => {
    expect([...AWS_REGIONS].sort()).toEqual(Object.values(Region).sort());
    expect(AWS_REGIONS).toContain("eu-west-2");
  });

  it.each(["eu-west-2", "us-east-1", "ap-southeast-2", "us-gov-west-1", "cn-north-1"])(
    "accepts %s",
    (region) => {
      expect(awsRegionProblem(region)).toBeUndefined();
    },
  );

  it.each([
    ["eu-west", "not a known AWS region (did you mean eu-west-1, eu-west-2, eu-west-3?)"],
    ["eu-west-2a", "not a known AWS region (did you mean eu-west-2?)"], // an availability zone
    ["EU-WEST-2", "not a known AWS region (did you mean eu-west-2?)"],
    ["euwest2", "not a known AWS region (did you mean eu-west-2?)"],
    ["us-east-9", "not a known AWS region (did you mean us-east-1, us-east-2?)"],
  ])("rejects %s with the regions it probably meant", (region, message) => {
    expect(awsRegionProblem(region)).toBe(message);
  });

  it("lists the known regions when nothing is close", () => {
    const problem = awsRegionProblem("London");
    expect(problem).toMatch(/^not a known AWS region; the regions @pulumi\/aws knows: /);
    for (const region of AWS_REGIONS) expect(problem).toContain(region);
  });
});
