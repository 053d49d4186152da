/**
 * What the workflows do with the deploy role outside Pulumi (.github/workflows), so that the
 * policy generated from this manifest lets them: CD looks the commit's image up in ECR and
 * resolves the digest it pushed (Trivy then pulls that digest with the image entry's pull
 * actions and login token), and a failed nightly teardown publishes to the alarm topic.
 */
import { persistentNames } from "./names";
import { arn, type ManifestEntry } from "./types";

export const PIPELINE: readonly ManifestEntry[] = [
  {
    type: "workflow:cd.yml#deploy",
    read: [],
    write: [{ actions: ["ecr:DescribeImages"], resources: (s) => [s.ecrRepositoryArn] }],
  },
  {
    type: "workflow:teardown.yml#destroy",
    read: [],
    write: [
      {
        actions: ["sns:Publish"],
        resources: (s) => [arn(s, "sns", persistentNames(s.resourcePrefix).alarmTopic)],
      },
    ],
  },
];
