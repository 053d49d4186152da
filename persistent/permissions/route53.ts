/** The Gatus hostname's alias record in the persistent hosted zone. */
import { arn, type ManifestEntry, type ScopeContext } from "./types";

const HOSTED_ZONE = (s: ScopeContext) => [arn(s, "route53", `hostedzone/${s.hostedZoneId}`, true)];

/** The record types the ephemeral program writes: an A alias of the load balancer. */
export const RECORD_TYPES = ["A"];

/** Route 53 resource types the ephemeral program creates. */
export const ROUTE53: readonly ManifestEntry[] = [
  {
    type: "aws:route53/record:Record",
    read: [
      {
        actions: ["route53:GetHostedZone", "route53:ListResourceRecordSets"],
        resources: HOSTED_ZONE,
      },
      {
        // Changes are awaited with GetChange, which is authorised on the change, not the zone.
        actions: ["route53:GetChange"],
        resources: (s) => [arn(s, "route53", "change/*", true)],
        why: "A change's id is known only once Route 53 returns it; change ids reveal nothing else.",
      },
    ],
    write: [
      {
        // Only the Gatus hostname, and only the record types the program writes, in the zone.
        actions: ["route53:ChangeResourceRecordSets"],
        resources: HOSTED_ZONE,
        condition: (s) => ({
          "ForAllValues:StringEquals": {
            "route53:ChangeResourceRecordSetsNormalizedRecordNames": [s.hostname],
            "route53:ChangeResourceRecordSetsRecordTypes": RECORD_TYPES,
          },
        }),
      },
    ],
  },
];
