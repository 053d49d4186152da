import type { ResourceRule, Rule } from "../types";
import { show, where } from "./util";

export const SNS_TOPIC = "aws:sns/topic:Topic";

/** The AWS-managed SNS key: its key policy cannot be changed to let CloudWatch use it. */
const AWS_MANAGED_SNS_KEY = /(^|[:/])alias\/aws\/sns$/;

export const snsCustomerManagedKey: ResourceRule = {
  kind: "resource",
  id: "sns-topic-customer-managed-key",
  control: "FSBP SNS.1 / CKV_AWS_26 / design lesson 3",
  level: "mandatory",
  resourceTypes: [SNS_TOPIC],
  description: "SNS topic must be encrypted with a customer-managed KMS key",
  why: "Unencrypted topics fail SNS.1, and with alias/aws/sns CloudWatch cannot publish (it may not use that key), so alarm emails are silently never delivered.",
  check(r) {
    const key = r.inputs.kmsMasterKeyId;
    if (typeof key !== "string" || key === "") {
      return [
        `${where(r)} has kmsMasterKeyId ${show(key)}; encrypt it with a customer-managed key whose policy lets cloudwatch.amazonaws.com use it.`,
      ];
    }
    return AWS_MANAGED_SNS_KEY.test(key)
      ? [
          `${where(r)} uses the AWS-managed key ${show(key)}, which CloudWatch alarms cannot publish with; use a customer-managed key.`,
        ]
      : [];
  },
};

export const snsRules: readonly Rule[] = [snsCustomerManagedKey];
