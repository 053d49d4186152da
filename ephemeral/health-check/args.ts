// Command-line validation, kept apart from the checks so every rule is a table test. All
// problems are reported together, in one line.
import { readFileSync } from "node:fs";
import { awsRegionProblem } from "../../persistent/lib/aws-region";
import { GATUS_CONFIG_FILE, ownGroupOf, readGatusConfig } from "../gatus-config";
import { readTokens } from "./argv-tokens";
import { type BasicCredentials, readBasicCredentials } from "./basic-auth";
import type { Expectations } from "./endpoint-results";
import { DEADLINE, OPTIONS, type OptionName, type OptionSpec, REQUEST_TIMEOUT } from "./options";

export interface CliOptions {
  /** Base URL without a trailing slash. */
  url: string;
  cluster: string;
  service: string;
  taskDefinitionArn: string;
  region: string;
  deadlineSeconds: number;
  requestTimeoutSeconds: number;
  /** Which endpoints must succeed, from the Gatus config and --group / --require-upstreams. */
  expect: Expectations;
  summaryFile?: string;
  /** The dashboard's login, from the environment; sent only to the statuses API at `url`. */
  credentials?: BasicCredentials;
}

export type ParsedArgs =
  { kind: "ok"; options: CliOptions } | { kind: "help" } | { kind: "error"; message: string };

export type Env = Readonly<Record<string, string | undefined>>;

const TASK_DEFINITION_ARN =
  /^arn:aws[a-z-]*:ecs:([a-z0-9-]+):\d{12}:task-definition\/[A-Za-z0-9_-]{1,255}:\d+$/;
// ECS accepts a name or a full ARN for both cluster and service.
const ECS_NAME_OR_ARN = /^(?:[A-Za-z0-9_-]{1,255}|arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:\S+)$/;
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** Reads a file as text; injectable so tests need no files. */
export type ReadText = (file: string) => string;

export function parseCliArgs(
  argv: readonly string[],
  env: Env,
  readText: ReadText = (file) => readFileSync(file, "utf8"),
): ParsedArgs {
  const tokens = readTokens(argv);
  if (tokens.help) return { kind: "help" };
  const problems = [...tokens.problems];
  const str = (key: OptionName): string | undefined => {
    const value = tokens.values.get(key);
    return value === undefined || value.trim() === "" ? undefined : value.trim();
  };
  const required = (key: OptionName, pattern: RegExp, what: string): string => {
    const value = str(key);
    if (value === undefined) {
      if (!tokens.flawed.has(key)) problems.push(notSet(key));
    } else if (!pattern.test(value)) {
      problems.push(`--${key}: got ${JSON.stringify(value)}; must be ${what}`);
    }
    return value ?? "";
  };

  const url = parseBaseUrl(str("url"), tokens.flawed.has("url"), problems);
  const cluster = required("cluster", ECS_NAME_OR_ARN, "an ECS cluster name or ARN");
  const service = required("service", ECS_NAME_OR_ARN, "an ECS service name or ARN");
  const taskDefinitionArn = required(
    "task-definition-arn",
    TASK_DEFINITION_ARN,
    "a task definition ARN (arn:aws:ecs:<region>:<account>:task-definition/<family>:<revision>)",
  );
  const region = resolveRegion(str("region"), env, taskDefinitionArn, problems);
  const deadlineSeconds = seconds(str("deadline-seconds"), "deadline-seconds", DEADLINE, problems);
  const requestTimeoutSeconds = seconds(
    str("request-timeout-seconds"),
    "request-timeout-seconds",
    REQUEST_TIMEOUT,
    problems,
  );
  if (requestTimeoutSeconds > deadlineSeconds) {
    problems.push(
      `--request-timeout-seconds: got ${JSON.stringify(str("request-timeout-seconds"))}; ` +
        `must not exceed --deadline-seconds (${deadlineSeconds})`,
    );
  }
  const expect = readExpectations(
    { file: str("gatus-config"), group: str("group") },
    tokens.flags.has("require-upstreams"),
    readText,
    problems,
  );
  const summaryFile = str("summary-file") ?? nonEmpty(env.GITHUB_STEP_SUMMARY);
  const credentials = readBasicCredentials(env, problems);

  if (problems.length > 0) {
    const sentences = problems.map((p) => (/[.?!]$/.test(p) ? p : `${p}.`));
    return { kind: "error", message: sentences.join(" ") };
  }
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
      expect,
      ...(summaryFile === undefined ? {} : { summaryFile }),
      ...(credentials === undefined ? {} : { credentials }),
    },
  };
}

function notSet(key: OptionName): string {
  const option: OptionSpec | undefined = OPTIONS.find((o) => o.name === key);
  const what = option?.description ?? key;
  return `--${key}: not set; is required (${what.charAt(0).toLowerCase()}${what.slice(1)})`;
}

/** HTTPS only, except loopback (local runs and tests): the real check goes through the ALB. */
function parseBaseUrl(raw: string | undefined, flawed: boolean, problems: string[]): string {
  if (raw === undefined) {
    if (!flawed) problems.push(notSet("url"));
    return "";
  }
  const got = `--url: got ${JSON.stringify(raw)}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push(`${got}; must be an absolute URL such as https://status.example.com`);
    return "";
  }
  const secure =
    url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.has(url.hostname));
  if (!secure) problems.push(`${got}; must use https:// (http:// only for localhost)`);
  if (url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") {
    problems.push(`${got}; must not contain credentials, a query or a fragment`);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

/**
 * The endpoints Gatus must report on, from the config the image was built from (one source
 * of truth), and the own group: --group, else the group of the config's endpoints that probe
 * ${GATUS_HOSTNAME}.
 */
function readExpectations(
  flags: { file: string | undefined; group: string | undefined },
  requireUpstreams: boolean,
  readText: ReadText,
  problems: string[],
): Expectations {
  const file = flags.file ?? GATUS_CONFIG_FILE;
  const shown = flags.file ?? "image/config.yaml";
  const none: Expectations = { ownGroup: "", endpoints: [], requireUpstreams };
  let text: string;
  try {
    text = readText(file);
  } catch (error) {
    problems.push(
      `--gatus-config: cannot read ${JSON.stringify(shown)} (${error instanceof Error ? error.message : String(error)}); ` +
        "must be the Gatus config the image was built from",
    );
    return none;
  }
  const read = readGatusConfig(text, shown);
  if (!read.ok) {
    problems.push(
      `--gatus-config: ${shown} is not a config Gatus would run: ${read.problems.join("; ")}`,
    );
    return none;
  }
  const { endpoints } = read.config;
  const groups = [...new Set(endpoints.map((e) => e.group))];
  if (flags.group !== undefined) {
    if (!groups.includes(flags.group)) {
      problems.push(
        `--group: got ${JSON.stringify(flags.group)}; ${shown} has no enabled endpoint in it ` +
          `(its groups: ${groups.map((g) => JSON.stringify(g)).join(", ")})`,
      );
    }
    return { ownGroup: flags.group, endpoints, requireUpstreams };
  }
  const own = ownGroupOf(read.config);
  if ("problem" in own) {
    problems.push(`--group: not set, and in ${shown} ${own.problem}; give --group <name>`);
    return none;
  }
  return { ownGroup: own.group, endpoints, requireUpstreams };
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
    ["the task definition ARN's region", fromArn],
  ];
  const [source, region] = candidates.find(([, value]) => value !== undefined) ?? [];
  if (source === undefined || region === undefined) {
    problems.push(
      "--region: not set; is required unless --task-definition-arn names one (or set AWS_REGION)",
    );
    return "";
  }
  const problem = awsRegionProblem(region);
  if (problem !== undefined) {
    problems.push(`${source}: got ${JSON.stringify(region)}; ${problem}`);
  } else if (fromArn !== undefined && region !== fromArn) {
    problems.push(`${source}: got ${JSON.stringify(region)}; the task definition is in ${fromArn}`);
  }
  return region;
}

/** A positive decimal number of seconds (fractions allowed, e.g. 0.5), at most `limits.max`. */
function seconds(
  raw: string | undefined,
  key: OptionName,
  limits: { default: number; max: number },
  problems: string[],
): number {
  if (raw === undefined) return limits.default;
  const value = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value > 0 && value <= limits.max)) {
    problems.push(
      `--${key}: got ${JSON.stringify(raw)}; must be a number of seconds greater than 0 and at most ${limits.max}`,
    );
    return limits.default;
  }
  return value;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}
