import { consoleOrigin } from "../persistent/lib/console";

/** AWS console pages an operator opens first, for the stack's Pulumi Cloud README. */
export interface EphemeralConsoleUrls {
  /** The ECS service's health and metrics tab. */
  ecsService: string;
  /** The service's deployments: what rolled out, and what the circuit breaker rolled back. */
  ecsDeployments: string;
  logGroup: string;
  /** The alarm list, searched for the stack's alarm name prefix. */
  alarms: string;
  webAcl: string;
}

export interface EphemeralConsoleArgs {
  region: string;
  clusterName: string;
  serviceName: string;
  logGroupName: string;
  /** What every alarm name of the stack starts with (`alarmNamePrefix`). */
  alarmNamePrefix: string;
  /** `arn:...:regional/webacl/<name>/<id>`: the console page needs both the name and the id. */
  webAclArn: string;
}

/**
 * CloudWatch's console keeps its state in the URL fragment, percent-encoded twice with `%`
 * written as `$`: `/ecs/x` becomes `$252Fecs$252Fx`.
 */
export function cloudWatchFragment(value: string): string {
  return encodeURIComponent(encodeURIComponent(value)).replace(/%/g, "$");
}

// The alarm list's search sits in a JSURL object (`~(search~'...)`), where a character outside
// [A-Za-z0-9_.-] is written `*` and two hex digits.
const jsurlString = (value: string) =>
  `'${value.replace(/[^\w.-]/g, (ch) => `*${ch.charCodeAt(0).toString(16).padStart(2, "0")}`)}`;

/** The console links of the ephemeral stack's service, logs, alarms and WAF, in its region. */
export function ephemeralConsoleUrls(args: EphemeralConsoleArgs): EphemeralConsoleUrls {
  const { region } = args;
  const origin = consoleOrigin(region);
  const service = `${origin}/ecs/v2/clusters/${encodeURIComponent(args.clusterName)}/services/${encodeURIComponent(args.serviceName)}`;
  const cloudWatch = `${origin}/cloudwatch/home?region=${region}`;
  const [webAclId = "", webAclName = ""] = args.webAclArn.split("/").reverse();
  return {
    ecsService: `${service}/health?region=${region}`,
    ecsDeployments: `${service}/deployments?region=${region}`,
    logGroup: `${cloudWatch}#logsV2:log-groups/log-group/${cloudWatchFragment(args.logGroupName)}`,
    alarms: `${cloudWatch}#alarmsV2:?~(search~${jsurlString(args.alarmNamePrefix)})`,
    webAcl: `${origin}/wafv2/homev2/web-acl/${encodeURIComponent(webAclName)}/${encodeURIComponent(webAclId)}/overview?region=${region}`,
  };
}
