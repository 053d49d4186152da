// Shared fixtures: real HTTP servers on 127.0.0.1 (never any other address) and a virtual
// clock that makes backoff sleeps instant while HTTP stays real.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Clock } from "../../ephemeral/health-check/clock";
import { ALL_GREEN, statuses as statusesOf } from "./gatus-fixtures";

export interface TestServer {
  baseUrl: string;
  /** Requests received so far, by path (without the query). */
  hits: (path: string) => number;
  close: () => Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse, hit: number) => void;

const open: Server[] = [];

/** Starts a server on an ephemeral port; `handler` gets the 1-based hit count for the path. */
export async function startServer(handler: Handler): Promise<TestServer> {
  const counts = new Map<string, number>();
  const server = createServer((req, res) => {
    const path = pathOf(req);
    const hit = (counts.get(path) ?? 0) + 1;
    counts.set(path, hit);
    handler(req, res, hit);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  open.push(server);
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    hits: (path) => counts.get(path) ?? 0,
    close: () => closeServer(server),
  };
}

/** For afterEach: also cuts connections a "hanging" handler left open. */
export async function closeAllServers(): Promise<void> {
  await Promise.all(open.splice(0).map(closeServer));
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(typeof body === "string" ? body : JSON.stringify(body));
}

/** A Gatus look-alike: /health UP, statuses from `statuses(hit)` (default: image/config.yaml's endpoints, all green). */
export function gatus(statuses: (hit: number) => unknown = () => statusesOf(ALL_GREEN)): Handler {
  return (req, res, hit) => {
    const path = pathOf(req);
    if (path === "/health") json(res, 200, { status: "UP" });
    else if (path === "/api/v1/endpoints/statuses") json(res, 200, statuses(hit));
    else json(res, 404, { error: "not found" });
  };
}

function pathOf(req: IncomingMessage): string {
  return new URL(req.url ?? "/", "http://127.0.0.1").pathname;
}

/** Time that only moves when the code under test sleeps; records every sleep. */
export function virtualClock(): Clock & { sleeps: number[] } {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

/** Wall-clock milliseconds taken by `fn`. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
}
