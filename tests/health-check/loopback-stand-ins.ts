// What the real Gatus probes in the tests, all on 127.0.0.1: an HTTPS server with a certificate
// Gatus is told to trust (so the TLS and certificate-expiry conditions are really evaluated),
// a UDP DNS server that answers A queries, and a webhook that receives Gatus's alerts.
import { execFileSync } from "node:child_process";
import { createSocket, type RemoteInfo } from "node:dgram";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";

export interface Certificate {
  /** PEM file Gatus trusts through SSL_CERT_FILE: a self-signed CA for 127.0.0.1. */
  certFile: string;
  cert: string;
  key: string;
}

/** Made by Go's own generator (crypto/tls/generate_cert.go): Node cannot issue certificates. */
export function loopbackCertificate(): Certificate {
  const dir = mkdtempSync(path.join(tmpdir(), "gatus-tls-"));
  const env = {
    ...process.env,
    GOTOOLCHAIN: "local",
    GOWORK: "off",
    GOFLAGS: "",
    CGO_ENABLED: "0",
  };
  const goroot = execFileSync("go", ["env", "GOROOT"], { encoding: "utf8", env }).trim();
  execFileSync(
    "go",
    [
      "run",
      path.join(goroot, "src", "crypto", "tls", "generate_cert.go"),
      "--host",
      "127.0.0.1",
      "--ca",
      // A year: far above the config's `[CERTIFICATE_EXPIRATION] > 240h`.
      "--duration",
      "8760h",
      "--ecdsa-curve",
      "P256",
    ],
    { cwd: dir, env, stdio: ["ignore", "ignore", "pipe"], timeout: 300_000 },
  );
  const certFile = path.join(dir, "cert.pem");
  return {
    certFile,
    cert: readFileSync(certFile, "utf8"),
    key: readFileSync(path.join(dir, "key.pem"), "utf8"),
  };
}

export interface HttpsStandIn {
  port: number;
  /** Requests so far, by path. */
  hits: (path: string) => number;
  close: () => Promise<void>;
}

/**
 * The site's own /health (UP, or 503 when `site` is "down") and, on every other path, a
 * Statuspage answer with nothing wrong (`status.indicator: none`) for the upstream checks.
 */
export async function startHttpsStandIn(
  certificate: Certificate,
  site: "up" | "down",
): Promise<HttpsStandIn> {
  const counts = new Map<string, number>();
  const server = createServer({ cert: certificate.cert, key: certificate.key }, (req, res) => {
    const pathname = new URL(req.url ?? "/", "https://127.0.0.1").pathname;
    counts.set(pathname, (counts.get(pathname) ?? 0) + 1);
    const [status, body] =
      pathname === "/health"
        ? site === "up"
          ? [200, { status: "UP" }]
          : [503, { status: "DOWN" }]
        : [200, { status: { indicator: "none", description: "All Systems Operational" } }];
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    hits: (p) => counts.get(p) ?? 0,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export interface DnsStandIn {
  port: number;
  /** Every question asked, as `<name> <type number>`, e.g. "status.gatus.test. 1". */
  questions: string[];
  close: () => Promise<void>;
}

/** Answers every A question with 127.0.0.1 (RFC 1035 wire format, one answer, no EDNS). */
export async function startDnsStandIn(): Promise<DnsStandIn> {
  const socket = createSocket("udp4");
  const questions: string[] = [];
  socket.on("message", (query: Buffer, from: RemoteInfo) => {
    const { name, end } = readName(query, 12);
    const type = query.readUInt16BE(end);
    questions.push(`${name} ${type}`);
    const question = query.subarray(12, end + 4);
    const header = Buffer.alloc(12);
    query.copy(header, 0, 0, 2); // the id
    header.writeUInt16BE(0x8180, 2); // a response, recursion desired and available, NOERROR
    header.writeUInt16BE(1, 4); // one question
    header.writeUInt16BE(type === 1 ? 1 : 0, 6); // one answer for A
    const answer = Buffer.from([0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 127, 0, 0, 1]);
    const reply = Buffer.concat(type === 1 ? [header, question, answer] : [header, question]);
    socket.send(reply, from.port, from.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  return {
    port: socket.address().port,
    questions,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}

/** A name in a query: length-prefixed labels up to a zero byte (no compression in questions). */
function readName(message: Buffer, offset: number): { name: string; end: number } {
  const labels: string[] = [];
  let at = offset;
  for (let length = message[at] ?? 0; length > 0; length = message[at] ?? 0) {
    labels.push(message.toString("latin1", at + 1, at + 1 + length));
    at += length + 1;
  }
  return { name: `${labels.join(".")}.`, end: at + 1 };
}

/** One request a webhook stand-in received. */
export interface WebhookCall {
  path: string;
  contentType: string;
  body: string;
}

export interface WebhookStandIn {
  /** `http://127.0.0.1:<port>`: append a path per provider, e.g. `/slack`. */
  baseUrl: string;
  /** Every POST so far, in order. */
  calls: WebhookCall[];
  close: () => Promise<void>;
}

/** A chat webhook (Slack, Teams Workflows) on loopback: records every POST and answers 200. */
export async function startWebhookStandIn(): Promise<WebhookStandIn> {
  const calls: WebhookCall[] = [];
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      if (req.method === "POST") {
        calls.push({
          path: req.url ?? "/",
          contentType: req.headers["content-type"] ?? "",
          body: Buffer.concat(chunks).toString("utf8"),
        });
      }
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
