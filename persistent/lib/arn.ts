/** Where an ARN points: the partition, region and account of the stack. */
export interface ArnScope {
  partition: string;
  region: string;
  accountId: string;
}

/** An ARN in the scope's partition, region and account (`global`: no region or account, as S3). */
export const arn = (s: ArnScope, service: string, resource: string, global = false) =>
  `arn:${s.partition}:${service}:${global ? "" : s.region}:${global ? "" : s.accountId}:${resource}`;
