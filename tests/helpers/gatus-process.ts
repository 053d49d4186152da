// Runs the real Gatus binary on 127.0.0.1 for a test and stops it again.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";

export interface GatusProcess {
  baseUrl: string;
  /** What Gatus logged so far (stdout and stderr), for failure messages. */
  log: () => string;
  /** SIGTERM, as ECS stops a task; resolves when the process has exited. */
  stop: () => Promise<void>;
}

export interface StartGatusArgs {
  binary: string;
  /** The config's text; it must make Gatus listen on 127.0.0.1:`port`. */
  config: string;
  port: number;
  /** Only these variables: nothing from the test's environment (proxies, say) reaches Gatus. */
  env: Record<string, string>;
  /** More files beside config.yaml (name → text), as the image's /config holds security.yaml. */
  besideConfig?: Record<string, string>;
  /**
   * "file" (the image's ENV: config.yaml alone) or "directory" (what a protected task sets:
   * every *.yaml in it, merged). @default "file"
   */
  configPath?: "file" | "directory";
}

/** Starts Gatus and waits until its /health answers; fails with Gatus's log if it exits first. */
export async function startGatus(args: StartGatusArgs): Promise<GatusProcess> {
  const configDir = mkdtempSync(path.join(tmpdir(), "gatus-config-"));
  const configPath = path.join(configDir, "config.yaml");
  writeFileSync(configPath, args.config);
  for (const [name, text] of Object.entries(args.besideConfig ?? {})) {
    writeFileSync(path.join(configDir, name), text);
  }
  const child = spawn(args.binary, [], {
    env: {
      ...args.env,
      GATUS_CONFIG_PATH: args.configPath === "directory" ? configDir : configPath,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  child.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const gatus: GatusProcess = {
    baseUrl: `http://127.0.0.1:${args.port}`,
    log: () => output.join(""),
    stop: () => stop(child, exited),
  };
  try {
    await waitUntil(async () => (await fetch(`${gatus.baseUrl}/health`)).ok, child, 15_000);
  } catch (error) {
    await gatus.stop();
    throw new Error(`${(error as Error).message}; Gatus logged:\n${gatus.log()}`, {
      cause: error,
    });
  }
  return gatus;
}

/** A port nothing listens on right now (the OS picks it; a tiny race, fine for tests). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** Polls `ready` every 50 ms; gives up when the process exits or after `timeoutMs`. */
export async function waitUntil(
  ready: () => Promise<boolean>,
  child: Pick<ChildProcess, "exitCode" | "signalCode">,
  timeoutMs: number,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`Gatus exited (${child.exitCode ?? child.signalCode}) before it was ready`);
    }
    if (await ready().catch(() => false)) return;
    if (Date.now() > until) throw new Error(`Gatus was not ready within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function stop(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  await exited;
}

/**
 * Waits until Gatus lists `count` endpoints, each with a result. Every poll asks with another
 * pageSize: Gatus caches the answer per page and pageSize for 10 s (api/cache.go), so this wait
 * neither sees a stale answer nor leaves one behind for the health check's own pageSize=1.
 */
export async function waitForResults(
  gatus: GatusProcess,
  count: number,
  timeoutMs = 15_000,
  /** Sent with every request, e.g. the Authorization of a protected dashboard. */
  headers: Record<string, string> = {},
): Promise<void> {
  let pageSize = 1;
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    pageSize += 1;
    const response = await fetch(
      `${gatus.baseUrl}/api/v1/endpoints/statuses?page=1&pageSize=${pageSize}`,
      { headers },
    );
    const endpoints = (await response.json()) as { results?: unknown[] }[];
    if (endpoints.filter((e) => (e.results?.length ?? 0) > 0).length >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `Gatus had no result for all ${count} endpoints within ${timeoutMs} ms:\n${gatus.log()}`,
  );
}
