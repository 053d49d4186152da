/**
 * Config key `auditTrailsOff`: the audit trails a stack turns off, each with the reason. Every
 * trail is on unless named here, and naming one requires its reason, which the program writes
 * into a waiver tag that the policy pack reports as a declared exception.
 */
import { z } from "zod";

/** Each trail, and the policy rule (tests/policy/rules/trails.ts) its absence fails. */
export const AUDIT_TRAILS = {
  /** ALB access logs to the log bucket (FSBP ELB.5). */
  albAccessLogs: "elb-alb-access-logs-enabled",
  /** VPC flow logs to the log bucket (FSBP EC2.6). */
  vpcFlowLogs: "vpc-flow-logs-enabled",
  /** WAF web ACL logs to the log bucket (FSBP WAF.11). */
  wafLogging: "waf-web-acl-logging-enabled",
  /** The VPC's default security group stripped of its rules (FSBP EC2.2). */
  defaultSecurityGroup: "vpc-default-security-group-closed",
} as const;
export type AuditTrail = keyof typeof AUDIT_TRAILS;
export const AUDIT_TRAIL_NAMES = Object.keys(AUDIT_TRAILS) as AuditTrail[];

/** The tag that carries a waiver's reason: `gatus:waived:<rule id>` (the pack reads it). */
export const WAIVER_TAG_PREFIX = "gatus:waived:";

// The reason becomes an AWS tag value: at most 256 characters from this set.
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

const reason = z
  .string()
  .trim()
  .min(10, { message: "needs a reason of at least 10 characters (why this stack goes without it)" })
  .max(256, { message: "must be at most 256 characters (it is stored as an AWS tag value)" })
  .regex(TAG_VALUE, {
    message:
      "may use only letters, digits, spaces and _ . : / = + - @ (it is stored as an AWS tag value)",
  });

const trailsOff = z.object(
  Object.fromEntries(AUDIT_TRAIL_NAMES.map((t) => [t, reason.optional()])),
);

/** Which trails are off, and why. */
export type AuditTrailsOff = Partial<Record<AuditTrail, string>>;

/** The key's schema: a JSON object (Pulumi stores structured config as a JSON string). */
export const auditTrailsOffSchema = z
  .string()
  .transform((text, ctx): unknown => {
    try {
      const value = JSON.parse(text) as unknown;
      const unknown =
        typeof value === "object" && value !== null && !Array.isArray(value)
          ? Object.keys(value).filter((k) => !(AUDIT_TRAIL_NAMES as string[]).includes(k))
          : [];
      for (const key of unknown) {
        ctx.addIssue({
          code: "custom",
          message: `names an unknown trail "${key}"; the trails are ${AUDIT_TRAIL_NAMES.join(", ")}`,
        });
      }
      return value;
    } catch {
      ctx.addIssue({
        code: "custom",
        message: `must be an object of trail → reason; set it with --path (trails: ${AUDIT_TRAIL_NAMES.join(", ")})`,
      });
      return z.NEVER;
    }
  })
  .pipe(trailsOff)
  .transform((v) => v as AuditTrailsOff);

export const AUDIT_TRAILS_OFF_FIX =
  "pulumi config set --path 'auditTrailsOff.vpcFlowLogs' \"short-lived test stack: nobody reviews it\" (or pulumi config rm auditTrailsOff to turn every trail on)";

/** The waiver tags for the trails of `names` that are off: tag key → the reason given. */
export function waiverTags(
  off: AuditTrailsOff,
  names: readonly AuditTrail[],
): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const name of names) {
    const given = off[name];
    if (given !== undefined) tags[`${WAIVER_TAG_PREFIX}${AUDIT_TRAILS[name]}`] = given;
  }
  return tags;
}
