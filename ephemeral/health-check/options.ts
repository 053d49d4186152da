// What the health-check command accepts: the one list the parser, the usage line and
// --help all read, so none of them can mention an option the others do not know.

export interface OptionSpec {
  name: string;
  /** Placeholder for the option's value; absent for a flag that takes none. */
  value?: string;
  /** One-letter alias, e.g. `-h`. */
  short?: string;
  required?: boolean;
  /** The default, as the usage line shows it. */
  default?: string;
  description: string;
}

export const DEADLINE = { default: 600, max: 3600 };
export const REQUEST_TIMEOUT = { default: 5, max: 300 };

export const OPTIONS = [
  {
    name: "url",
    value: "https://host",
    required: true,
    description: "Base URL of the deployment: the stack output url (http:// only for localhost)",
  },
  {
    name: "cluster",
    value: "name|arn",
    required: true,
    description: "ECS cluster name or ARN: the stack output clusterName",
  },
  {
    name: "service",
    value: "name|arn",
    required: true,
    description: "ECS service name or ARN: the stack output serviceName",
  },
  {
    name: "task-definition-arn",
    value: "arn",
    required: true,
    description: "The task definition this update created: the stack output taskDefinitionArn",
  },
  {
    name: "region",
    value: "aws-region",
    description:
      "AWS region of the service; else AWS_REGION, AWS_DEFAULT_REGION, then the task definition ARN's region",
  },
  {
    name: "deadline-seconds",
    value: "s",
    default: String(DEADLINE.default),
    description: `One time budget for all checks together, more than 0 and at most ${DEADLINE.max}`,
  },
  {
    name: "request-timeout-seconds",
    value: "s",
    default: String(REQUEST_TIMEOUT.default),
    description: `Limit for one HTTP request, more than 0, at most ${REQUEST_TIMEOUT.max} and not above the deadline`,
  },
  {
    name: "gatus-config",
    value: "path",
    default: "image/config.yaml",
    description:
      "The Gatus config the image was built from: the endpoints Gatus must report on, and their groups",
  },
  {
    name: "group",
    value: "name",
    default: "the group of the config's ${GATUS_HOSTNAME} endpoints",
    description:
      "This deployment's own group: each of its endpoints must have a successful newest result",
  },
  {
    name: "require-upstreams",
    description:
      "Also fail when an endpoint of another group (an upstream) is not succeeding; without it they are only reported",
  },
  {
    name: "summary-file",
    value: "path",
    default: "$GITHUB_STEP_SUMMARY",
    description: "Markdown file the job summary is appended to (none when neither is set)",
  },
  { name: "help", short: "h", description: "Print this help and exit" },
] as const satisfies readonly OptionSpec[];

export type OptionName = (typeof OPTIONS)[number]["name"];

/** Flags that take no value and are not --help. */
export type FlagName = Exclude<
  Extract<(typeof OPTIONS)[number], { name: string; value?: undefined }>["name"],
  "help"
>;

export const USAGE = `usage: npm run health-check -- ${OPTIONS.filter((o) => o.name !== "help")
  .map((o: OptionSpec) => {
    const value = o.value === undefined ? "" : ` <${o.value}>`;
    const fallback = o.default === undefined || o.default.includes(" ") ? "" : `=${o.default}`;
    const option = `--${o.name}${value}${fallback}`;
    return o.required === true ? option : `[${option}]`;
  })
  .join(" ")}`;
