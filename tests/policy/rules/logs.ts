import type { ResourceRule, Rule } from "../types";
import { show, where } from "./util";

export const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";

export const logsRetentionSet: ResourceRule = {
  kind: "resource",
  id: "logs-retention-set",
  control: "CKV_AWS_66 / CloudWatch.16",
  level: "mandatory",
  resourceTypes: [LOG_GROUP],
  description: "CloudWatch log group must set a retention period",
  why: "The default is to keep logs forever, so storage cost grows without bound and old logs outlive any retention promise.",
  check(r) {
    const days = r.inputs.retentionInDays;
    return typeof days === "number" && days > 0
      ? []
      : [`${where(r)} has retentionInDays ${show(days)}; set a positive number of days (e.g. 30).`];
  },
};

export const logsRules: readonly Rule[] = [logsRetentionSet];
