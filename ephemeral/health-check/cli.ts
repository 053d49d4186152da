// Entry point the CD deploy job runs after `pulumi up`, with the stack outputs as flags.
// Exit codes: EXIT below (--help lists them with their meanings).
import { ECSClient } from "@aws-sdk/client-ecs";
import { type Env, parseCliArgs, type ReadText } from "./args";
import { CREDENTIAL_VARIABLES } from "./basic-auth";
import { type Clock, formatSeconds } from "./clock";
import { endpointId } from "./endpoint-results";
import { renderHelp } from "./help";
import { OPTIONS, USAGE } from "./options";
import type { Backoff } from "./poll";
import { CHECKS, runHealthCheck } from "./run";
import { appendSummary, renderSummary } from "./summary";

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

const EXIT_MEANINGS: Record<keyof typeof EXIT, string> = {
  ok: "Every check passed (or --help).",
  failed:
    "A check failed or the deadline passed; stderr and the job summary name the check and why.",
  usage: "Bad arguments or environment; nothing was checked.",
};

/** Every environment variable the health check reads (a test keeps this list complete). */
const ENVIRONMENT = [
  { name: "AWS_REGION", use: "Region when --region is not given." },
  { name: "AWS_DEFAULT_REGION", use: "Region when neither --region nor AWS_REGION is given." },
  { name: "GITHUB_STEP_SUMMARY", use: "Job summary file when --summary-file is not given." },
  {
    name: "GITHUB_ACTIONS",
    use: '"true": the failure line is also an error annotation on the run page.',
  },
  {
    name: CREDENTIAL_VARIABLES.username,
    use: "The dashboard's basic-auth user, when Gatus security protects it (with the next one).",
  },
  {
    name: CREDENTIAL_VARIABLES.password,
    use: "Its password (not the hash); sent only to the statuses API at --url, never on a redirect.",
  },
  {
    name: "(AWS credentials)",
    use: "The AWS SDK's default chain, e.g. the OIDC role aws-actions/configure-aws-credentials sets up.",
  },
] as const;

export const HELP = renderHelp({
  usage: USAGE,
  options: OPTIONS,
  checks: CHECKS,
  exitCodes: Object.entries(EXIT).map(([name, code]) => ({
    code,
    meaning: EXIT_MEANINGS[name as keyof typeof EXIT],
  })),
  environment: ENVIRONMENT,
});

/** Everything the CLI touches outside itself, so tests drive it without a process. */
export interface CliDeps {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  /** @default a real ECSClient for the region (credentials from the default chain, e.g. OIDC). */
  createEcsClient?: (region: string) => ECSClient;
  fetch?: typeof fetch;
  /** @default readFileSync (for --gatus-config) */
  readText?: ReadText;
  clock?: Clock;
  backoff?: Backoff;
  ecsPollMs?: number;
}

export async function main(argv: readonly string[], env: Env, deps: CliDeps): Promise<number> {
  const parsed = parseCliArgs(argv, env, deps.readText);
  if (parsed.kind === "help") {
    deps.stdout(HELP);
    return EXIT.ok;
  }
  if (parsed.kind === "error") {
    deps.stderr(`health-check: ${parsed.message}`);
    deps.stderr(USAGE);
    return EXIT.usage;
  }
  const options = parsed.options;
  const ecs = (deps.createEcsClient ?? ((region) => new ECSClient({ region })))(options.region);
  try {
    const result = await runHealthCheck({
      url: options.url,
      cluster: options.cluster,
      service: options.service,
      taskDefinitionArn: options.taskDefinitionArn,
      ecs,
      deadlineMs: options.deadlineSeconds * 1000,
      requestTimeoutMs: options.requestTimeoutSeconds * 1000,
      expect: options.expect,
      credentials: options.credentials,
      clock: deps.clock,
      backoff: deps.backoff,
      ecsPollMs: deps.ecsPollMs,
      fetch: deps.fetch,
    });
    if (options.summaryFile !== undefined) {
      try {
        appendSummary(options.summaryFile, renderSummary(result));
      } catch (error) {
        // A missing summary must not turn a healthy deploy red, nor hide a failure.
        deps.stderr(
          `health-check: warning: could not write ${options.summaryFile}: ${message(error)}`,
        );
      }
    }
    if (result.ok) {
      deps.stdout(
        `health check passed: ${options.url} runs ${options.taskDefinitionArn} ` +
          `(${formatSeconds(result.elapsedMs)} s)`,
      );
      const reported = result.endpoints.filter((e) => !e.required && e.state !== "success");
      if (reported.length > 0) {
        deps.stdout(
          `not succeeding, reported only: ${reported.map(endpointId).join(", ")} ` +
            "(--require-upstreams makes them fail the check)",
        );
      }
      return EXIT.ok;
    }
    deps.stderr(failureLine(result.reason ?? "unknown reason", env));
    return EXIT.failed;
  } catch (error) {
    deps.stderr(failureLine(`unexpected error: ${message(error)}`, env));
    return EXIT.failed;
  } finally {
    ecs.destroy();
  }
}

/** One line; on GitHub Actions also an error annotation, so it shows on the run page. */
function failureLine(reason: string, env: Env): string {
  const line = `health check failed: ${reason.replace(/\s+/g, " ")}`;
  // Workflow commands treat "%" as an escape character.
  return env.GITHUB_ACTIONS === "true"
    ? `::error title=Health check::${line.replace(/%/g, "%25")}`
    : line;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// `module` is undefined when a test runner loads this file as ESM; only run as a program.
if (typeof module !== "undefined" && require.main === module) {
  void main(process.argv.slice(2), process.env, {
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
  }).then((code) => {
    process.exitCode = code;
  });
}
