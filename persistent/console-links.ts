import type { PersistentContract } from "./contract";
import { consoleOrigin, globalConsoleOrigin } from "./lib/console";

/** AWS console pages of what the persistent stack owns, for its Pulumi Cloud README. */
export interface PersistentConsoleUrls {
  ecrRepository: string;
  hostedZone: string;
  /** The certificate's page shows its status and the validation record ACM is waiting for. */
  certificate: string;
  previewRole: string;
  deployRole: string;
  taskRole: string;
  taskExecutionRole: string;
}

/** What the links are built from: the validated contract values, nothing else. */
export type PersistentConsoleArgs = Pick<
  PersistentContract,
  | "awsRegion"
  | "awsAccountId"
  | "ecrRepositoryName"
  | "hostedZoneId"
  | "certificateArn"
  | "previewRoleArn"
  | "deployRoleArn"
  | "taskRoleArn"
  | "taskExecutionRoleArn"
>;

// A role's name and a certificate's id are the last part of their ARNs.
const lastPart = (arn: string) => encodeURIComponent(arn.slice(arn.lastIndexOf("/") + 1));

/** The console links of the persistent stack's resources, in the stack's region and partition. */
export function persistentConsoleUrls(args: PersistentConsoleArgs): PersistentConsoleUrls {
  const region = args.awsRegion;
  const regional = consoleOrigin(region);
  const global = globalConsoleOrigin(region);
  const role = (arn: string) => `${global}/iam/home#/roles/details/${lastPart(arn)}`;
  return {
    ecrRepository: `${regional}/ecr/repositories/private/${args.awsAccountId}/${encodeURIComponent(args.ecrRepositoryName)}?region=${region}`,
    hostedZone: `${global}/route53/v2/hostedzones#ListRecordSets/${args.hostedZoneId}`,
    certificate: `${regional}/acm/home?region=${region}#/certificates/${lastPart(args.certificateArn)}`,
    previewRole: role(args.previewRoleArn),
    deployRole: role(args.deployRoleArn),
    taskRole: role(args.taskRoleArn),
    taskExecutionRole: role(args.taskExecutionRoleArn),
  };
}
