// Command-line parsing and validation, kept apart from the checks so every rule is a
// table test. All problems are reported together, in one line.
import { parseArgs } from "node:util";

export const USAGE =
  "usage: npm run health-check -- --url <https://host> --cluster <name> --service <name> " +
  "--task-definition-arn <arn> [--region <aws-region>] [--deadline-seconds <s>=600] " +
  "[--request-timeout-seconds <s>=5] [--summary-file <path>=$GITHUB_STEP_SUMMARY]";

export interface CliOptions {
  /** Base URL without a trailing slash. */
  url: string;
  cluster: string;
  service: string;
  taskDefinitionArn: string;
  region: string;
  deadlineSeconds: number;
  requestTimeoutSeconds: number;
  summaryFile?: string;
}

export type ParsedArgs =
  { kind: "ok"; options: CliOptions } | { kind: "help" } | { kind: "error"; message: string };

export type Env = Readonly<Record<string, string | undefined>>;

const TASK_DEFINITION_ARN =
  /^arn:aws[a-z-]*:ecs:([a-z0-9-]+):\d{12}:task-definition\/[A-Za-z0-9_-]{1,255}:\d+$/;
// ECS accepts a name or a full ARN for both cluster and service.
const ECS_NAME_OR_ARN = /^(?:[A-Za-z0-9_-]{1,255}|arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:\S+)$/;
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

export function parseCliArgs(argv: readonly string[], env: Env): ParsedArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        url: { type: "string" },
        cluster: { type: "string" },
        service: { type: "string" },
        "task-definition-arn": { type: "string" },
        region: { type: "string" },
        "deadline-seconds": { type: "string" },
        "request-timeout-seconds": { type: "string" },
        "summary-file": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { kind: "error", message: message.split("\n")[0] ?? message };
  }
  if (values.help === true) return { kind: "help" };
  const str = (key: string): string | undefined => {
    const value = values[key];
    return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
  };

  const problems: string[] = [];
  const required = (key: string, pattern: RegExp, what: string): string => {
    const value = str(key);
    if (value === undefined) problems.push(`--${key} is required`);
    else if (!pattern.test(value)) problems.push(`--${key} "${value}" is not ${what}`);
    return value ?? "";
  };

  const url = parseBaseUrl(str("url"), problems);
  const cluster = required("cluster", ECS_NAME_OR_ARN, "an ECS cluster name or ARN");
  const service = required("service", ECS_NAME_OR_ARN, "an ECS service name or ARN");
  const taskDefinitionArn = required(
    "task-definition-arn",
    TASK_DEFINITION_ARN,
    "a task definition ARN (arn:aws:ecs:<region>:<account>:task-definition/<family>:<revision>)",
  );
  const region = resolveRegion(str("region"), env, taskDefinitionArn, problems);
  const deadlineSeconds = seconds(str("deadline-seconds"), "deadline-seconds", 600, 3600, problems);
  const requestTimeoutSeconds = seconds(
    str("request-timeout-seconds"),
    "request-timeout-seconds",
    5,
    300,
    problems,
  );
  if (requestTimeoutSeconds > deadlineSeconds) {
    problems.push("--request-timeout-seconds must not exceed --deadline-seconds");
  }
  const summaryFile = str("summary-file") ?? nonEmpty(env.GITHUB_STEP_SUMMARY);

  if (problems.length > 0) return { kind: "error", message: problems.join("; ") };
  return {
    kind: "ok",
    options: {
      url,
      cluster,
      service,
      taskDefinitionArn,
      region,
      deadlineSeconds,
      requestTimeoutSeconds,
      ...(summaryFile === undefined ? {} : { summaryFile }),
    },
  };
}

/** HTTPS only, except loopback (local runs and tests): the real check goes through the ALB. */
function parseBaseUrl(raw: string | undefined, problems: string[]): string {
  if (raw === undefined) {
    problems.push("--url is required (the stack output `url`, e.g. https://status.example.com)");
    return "";
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push(`--url "${raw}" is not a URL (expected https://<host>)`);
    return "";
  }
  const secure =
    url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.has(url.hostname));
  if (!secure) problems.push(`--url "${raw}" must use https://`);
  if (url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") {
    problems.push(`--url "${raw}" must not contain credentials, a query or a fragment`);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

/**
 * The flag, then AWS_REGION / AWS_DEFAULT_REGION, then the task definition ARN's own region.
 * A region that disagrees with the ARN would only surface later as "service not found".
 */
function resolveRegion(
  flag: string | undefined,
  env: Env,
  arn: string,
  problems: string[],
): string {
  const fromArn = TASK_DEFINITION_ARN.exec(arn)?.[1];
  const candidates: [source: string, region: string | undefined][] = [
    ["--region", flag],
    ["AWS_REGION", nonEmpty(env.AWS_REGION)],
    ["AWS_DEFAULT_REGION", nonEmpty(env.AWS_DEFAULT_REGION)],
    ["the task definition ARN", fromArn],
  ];
  const [source, region] = candidates.find(([, value]) => value !== undefined) ?? [];
  if (source === undefined || region === undefined) {
    problems.push("--region is required (or set AWS_REGION)");
    return "";
  }
  if (!REGION.test(region)) {
    problems.push(`${source} "${region}" is not an AWS region (e.g. eu-west-1)`);
  } else if (fromArn !== undefined && region !== fromArn) {
    problems.push(`${source} is ${region} but the task definition is in ${fromArn}`);
  }
  return region;
}

function seconds(
  raw: string | undefined,
  key: string,
  fallback: number,
  max: number,
  problems: string[],
): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > max) {
    problems.push(`--${key} "${raw}" must be a number of seconds in (0, ${max}]`);
    return fallback;
  }
  return value;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}
