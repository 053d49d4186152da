/**
 * Every rule of the policy pack, in one list. The offline evaluator, the CrossGuard pack and
 * the tests all read this list, so a rule added here runs everywhere (and the fixture test
 * fails until it has a passing and a failing case).
 */
import type { Rule } from "../types";
import { acmRules } from "./acm";
import { ec2Rules } from "./ec2";
import { ecrRules } from "./ecr";
import { ecsRules } from "./ecs";
import { efsRules } from "./efs";
import { elbRules } from "./elb";
import { iamRules } from "./iam";
import { logsRules } from "./logs";
import { snsRules } from "./sns";
import { trailRules } from "./trails";

export const rules: readonly Rule[] = [
  ...ecrRules,
  ...ecsRules,
  ...efsRules,
  ...elbRules,
  ...ec2Rules,
  ...iamRules,
  ...logsRules,
  ...snsRules,
  ...acmRules,
  ...trailRules,
];
