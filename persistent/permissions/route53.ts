/** The Gatus hostname's alias record in the persistent hosted zone. */
import { arn, type ManifestEntry, type ScopeContext } from "./types";

const hostedZone = (s: ScopeContext) => [arn(s, "route53", `hostedzone/${s.hostedZoneId}`, true)];

/** Route 53 resource types the ephemeral program creates. */
export const ROUTE53: readonly ManifestEntry[] = [
  {
    type: "aws:route53/record:Record",
    read: ["route53:GetHostedZone", "route53:ListResourceRecordSets", "route53:GetChange"],
    write: [
      {
        // Only the Gatus hostname may be changed in the zone.
        actions: ["route53:ChangeResourceRecordSets"],
        resources: hostedZone,
        condition: (s) => ({
          "ForAllValues:StringEquals": {
            "route53:ChangeResourceRecordSetsNormalizedRecordNames": [s.hostname],
          },
        }),
      },
      {
        // Record changes are awaited with GetChange, which is authorised on the change, not the zone.
        actions: ["route53:GetChange"],
        resources: (s) => [arn(s, "route53", "change/*", true)],
      },
    ],
  },
];
