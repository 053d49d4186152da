// The health-check CLI's `main` run against a Gatus on 127.0.0.1, as the CD job would run it,
// with ECS stubbed as having completed the rollout on the new task definition.
import { DescribeServicesCommand, ECSClient } from "@aws-sdk/client-ecs";
import { mockClient } from "aws-sdk-client-mock";
import { type CliDeps, main } from "../../ephemeral/health-check/cli";
import { CLUSTER, COMPLETED, NEW_TD, SERVICE } from "./fixtures";

export interface LoopbackCliOptions {
  /** The Gatus under test (GatusProcess.baseUrl). */
  url: string;
  /** The Gatus config the CLI reads its own group from. */
  gatusConfig: string;
  deadlineSeconds: string;
  /** The CLI's environment (the dashboard login, for one). */
  env?: Record<string, string>;
  /** Further arguments, after the ones every run needs. */
  extraArgs?: readonly string[];
}

/** The CLI ready to run, and what it printed once it has. */
export function loopbackCli(options: LoopbackCliOptions) {
  const out: string[] = [];
  const err: string[] = [];
  const ecs = new ECSClient({ region: "eu-west-1" });
  mockClient(ecs).on(DescribeServicesCommand).resolves(COMPLETED);
  const deps: CliDeps = {
    stdout: (line) => out.push(line),
    stderr: (line) => err.push(line),
    createEcsClient: () => ecs,
    backoff: { initialMs: 50, maxMs: 200 },
    ecsPollMs: 20,
  };
  const argv = [
    ...["--url", options.url, "--cluster", CLUSTER, "--service", SERVICE],
    ...["--task-definition-arn", NEW_TD, "--gatus-config", options.gatusConfig],
    ...["--deadline-seconds", options.deadlineSeconds, "--request-timeout-seconds", "0.5"],
    ...(options.extraArgs ?? []),
  ];
  return { run: () => main(argv, options.env ?? {}, deps), out, err };
}
