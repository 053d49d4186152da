// The Pulumi CLI: one exact version in every workflow, equal to the @pulumi/pulumi SDK in
// package.json, so previews and deployments run the engine the tests ran against.
import { ACTIONS, allJobs, str, stepsUsing, type Repo } from "../workflows";

export function checkPulumiVersion(repo: Repo, sdkVersion: string): string[] {
  const problems: string[] = [];
  const versions = new Set<string>();
  for (const { wf, id, job: j } of allJobs(repo)) {
    for (const s of stepsUsing(j, ACTIONS.pulumi)) {
      const v = str(s.with?.["pulumi-version"]);
      if (s.with?.["pulumi-version-file"] !== undefined) {
        problems.push(`${wf.file} job ${id}: use pulumi-version, not pulumi-version-file`);
      }
      if (v === undefined || !/^\d+\.\d+\.\d+$/.test(v)) {
        problems.push(`${wf.file} job ${id}: pulumi-version must be an exact x.y.z, got ${v}`);
      } else versions.add(v);
    }
  }
  if (versions.size !== 1) {
    problems.push(`one Pulumi CLI version everywhere, found ${[...versions].join(", ") || "none"}`);
  }
  for (const v of versions) {
    if (v !== sdkVersion) {
      problems.push(`pulumi-version ${v} must equal @pulumi/pulumi ${sdkVersion} in package.json`);
    }
  }
  return problems;
}
