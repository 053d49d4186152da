// Which AWS regions exist, taken from the AWS provider itself so the list cannot drift from
// what `aws:region` accepts. The deep import loads only the enums (milliseconds), not the
// whole provider SDK (most of a second), which matters to the health-check CLI.
import { Region } from "@pulumi/aws/types/enums";
import { closest } from "./suggest";

/** Every region the installed @pulumi/aws knows, sorted. A newer region needs a newer @pulumi/aws. */
export const AWS_REGIONS: readonly string[] = Object.values(Region).sort();

/**
 * Why `value` is not an AWS region, in words for a person (with the regions it probably
 * meant, or else all of them); undefined when it is one.
 */
export function awsRegionProblem(value: string): string | undefined {
  if (AWS_REGIONS.includes(value)) return undefined;
  const near = closest(value, AWS_REGIONS);
  return near.length > 0
    ? `not a known AWS region (did you mean ${near.join(", ")}?)`
    : `not a known AWS region; the regions @pulumi/aws knows: ${AWS_REGIONS.join(", ")}`;
}
