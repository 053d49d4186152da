import { afterEach, describe, expect, it } from "vitest";
import { createDeadline } from "../../ephemeral/health-check/clock";
import {
  checkGatusResults,
  HEALTH_PATH,
  STATUSES_PATH,
  waitForGatusUp,
} from "../../ephemeral/health-check/http-probe";
import type { Expectations } from "../../ephemeral/health-check/endpoint-results";
import { loadGatusConfig } from "../../ephemeral/gatus-config";
import { ALL_GREEN, statuses } from "./gatus-fixtures";
import { closeAllServers, json, startServer, timed, virtualClock } from "./helpers";

// Fast real-time settings: tens of milliseconds instead of seconds.
const FAST = { initialMs: 10, maxMs: 40 };
// Generous enough for a loaded CI runner, small enough to catch a sleep past the deadline.
const SLACK_MS = 600;

afterEach(closeAllServers);

function probe(baseUrl: string, deadlineMs: number, requestTimeoutMs = 1_000) {
  return { baseUrl, requestTimeoutMs, deadline: createDeadline(deadlineMs), backoff: FAST };
}

describe("waitForGatusUp", () => {
  it("passes on the first attempt when /health is UP at once", async () => {
    const server = await startServer((_req, res) => json(res, 200, { status: "UP" }));
    const result = await waitForGatusUp(probe(server.baseUrl, 2_000));
    expect(result).toMatchObject({ ok: true, attempts: 1, detail: 'HTTP 200 {"status":"UP"}' });
    expect(server.hits(HEALTH_PATH)).toBe(1);
  });

  it("retries 503s and passes on the third attempt", async () => {
    const server = await startServer((_req, res, hit) =>
      hit <= 2 ? json(res, 503, "Service Unavailable") : json(res, 200, { status: "UP" }),
    );
    const result = await waitForGatusUp(probe(server.baseUrl, 2_000));
    expect(result).toMatchObject({ ok: true, attempts: 3 });
    expect(server.hits(HEALTH_PATH)).toBe(3);
  });

  it.each([500, 502, 504])("treats HTTP %i as not yet, then passes", async (status) => {
    const server = await startServer((_req, res, hit) =>
      hit === 1 ? json(res, status, "") : json(res, 200, { status: "UP" }),
    );
    const result = await waitForGatusUp(probe(server.baseUrl, 2_000));
    expect(result).toMatchObject({ ok: true, attempts: 2 });
  });

  it("fails at the deadline, not later, when /health never comes up", async () => {
    const server = await startServer((_req, res) => json(res, 503, "down"));
    const { value: result, ms } = await timed(() => waitForGatusUp(probe(server.baseUrl, 900)));
    expect(result.ok).toBe(false);
    expect(result.detail).toMatch(/deadline of 0\.9 s passed .*last: HTTP 503 Service Unavailable/);
    expect(result.attempts).toBeGreaterThan(3);
    expect(result.attempts).toBe(server.hits(HEALTH_PATH));
    expect(ms).toBeGreaterThanOrEqual(295);
    expect(ms).toBeLessThanOrEqual(900 + SLACK_MS);
  });

  it("aborts a request the server never answers after the per-request timeout", async () => {
    const server = await startServer(() => {
      /* accept the connection, never respond */
    });
    const { value: result, ms } = await timed(() =>
      waitForGatusUp(probe(server.baseUrl, 1_200, 250)),
    );
    expect(result.ok).toBe(false);
    // The last attempt may have had less than 250 ms left before the deadline.
    expect(result.detail).toMatch(/last: no complete response within \d+ ms/);
    // Without the per-request timeout the first request would have eaten the whole deadline.
    expect(result.attempts).toBeGreaterThanOrEqual(3);
    expect(server.hits(HEALTH_PATH)).toBe(result.attempts);
    expect(ms).toBeLessThanOrEqual(1_200 + SLACK_MS);
  });

  it("aborts a response whose body never ends", async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"status":');
    });
    const result = await waitForGatusUp(probe(server.baseUrl, 900, 250));
    expect(result.ok).toBe(false);
    expect(result.attempts).toBeGreaterThanOrEqual(2);
    expect(result.detail).toMatch(/no complete response within \d+ ms/);
  });

  it("caps the per-request timeout at the time left before the deadline", async () => {
    const server = await startServer(() => {
      /* never respond */
    });
    const { value: result, ms } = await timed(() =>
      waitForGatusUp(probe(server.baseUrl, 600, 5_000)),
    );
    expect(result.ok).toBe(false);
    expect(result.attempts).toBe(1);
    expect(ms).toBeLessThanOrEqual(600 + SLACK_MS);
  });

  it.each([
    ["malformed JSON", '{"status": "UP"', /body is not JSON: "\{\\"status\\": \\"UP\\""/],
    ["an HTML page", "<html>maintenance</html>", /body is not JSON: "<html>maintenance<\/html>"/],
    ["an empty body", "", /body is not JSON: \(empty body\)/],
    ['{"status":"DOWN"}', { status: "DOWN" }, /status is "DOWN", not "UP"/],
    ["JSON without status", { healthy: true }, /JSON has no "status": \{"healthy":true\}/],
  ])("keeps waiting on %s and reports it at the deadline", async (_name, body, reason) => {
    const server = await startServer((_req, res) => json(res, 200, body));
    const result = await waitForGatusUp(probe(server.baseUrl, 500));
    expect(result.ok).toBe(false);
    expect(result.detail).toMatch(reason);
  });

  it("reports a refused connection", async () => {
    const server = await startServer(() => undefined);
    await server.close();
    const result = await waitForGatusUp(probe(server.baseUrl, 500));
    expect(result.ok).toBe(false);
    expect(result.detail).toMatch(/request failed: .*ECONNREFUSED 127\.0\.0\.1/);
  });

  it("backs off 1 s, 2 s, 4 s, 8 s, then 15 s, truncating the last sleep at the deadline", async () => {
    const server = await startServer((_req, res) => json(res, 503, "down"));
    const clock = virtualClock();
    const result = await waitForGatusUp({
      baseUrl: server.baseUrl,
      requestTimeoutMs: 1_000,
      deadline: createDeadline(50_000, clock),
    });
    expect(result.ok).toBe(false);
    expect(clock.sleeps).toEqual([1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 5_000]);
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBe(50_000);
    expect(result.attempts).toBe(7);
    expect(server.hits(HEALTH_PATH)).toBe(7);
  });
});

const EXPECT: Expectations = {
  ownGroup: "this-deployment",
  endpoints: loadGatusConfig().endpoints,
  requireUpstreams: false,
};

describe("checkGatusResults", () => {
  const results = (baseUrl: string, deadlineMs: number) => ({
    ...probe(baseUrl, deadlineMs),
    expect: EXPECT,
  });

  it("asks only for each endpoint's newest result (page and pageSize page results, not endpoints)", async () => {
    const urls: string[] = [];
    const server = await startServer((req, res) => {
      urls.push(req.url ?? "");
      json(res, 200, statuses(ALL_GREEN));
    });
    const result = await checkGatusResults(results(server.baseUrl, 2_000));
    expect(result.ok).toBe(true);
    expect(urls).toEqual([`${STATUSES_PATH}?page=1&pageSize=1`]);
  });

  it("polls through warm-up (no results, then a red self-probe) until the own group is green", async () => {
    const server = await startServer((_req, res, hit) =>
      json(
        res,
        200,
        hit === 1
          ? []
          : hit === 2
            ? statuses({ ...ALL_GREEN, "this-deployment/website": "red" })
            : statuses(ALL_GREEN),
      ),
    );
    const result = await checkGatusResults(results(server.baseUrl, 2_000));
    expect(result).toMatchObject({
      ok: true,
      attempts: 3,
      detail: expect.stringMatching(/^all 2 "this-deployment" endpoint\(s\) succeeded/),
    });
    expect(result.endpoints.map((e) => e.state)).toEqual(Array(5).fill("success"));
    expect(server.hits(STATUSES_PATH)).toBe(3);
  });

  it("fails at the deadline when the own group stays red, keeping the last view of every endpoint", async () => {
    const server = await startServer((_req, res) =>
      json(res, 200, statuses({ ...ALL_GREEN, "this-deployment/dns": "red" })),
    );
    const result = await checkGatusResults(results(server.baseUrl, 150));
    expect(result.ok).toBe(false);
    expect(result.detail).toMatch(
      /deadline of 0\.15? s passed while waiting for .*statuses\?page=1&pageSize=1 to report success for every "this-deployment" endpoint .*last: this-deployment\/dns: newest result failed/,
    );
    expect(result.endpoints.find((e) => e.name === "dns")?.state).toBe("failing");
  });

  it("fails at the deadline when endpoints never get results", async () => {
    const server = await startServer((_req, res) => json(res, 200, []));
    const result = await checkGatusResults(results(server.baseUrl, 150));
    expect(result.ok).toBe(false);
    expect(result.detail).toContain("last: this-deployment/website: no result yet");
  });

  it("keeps waiting on an answer that is not a JSON list", async () => {
    const server = await startServer((_req, res) => json(res, 200, "<html>starting</html>"));
    const result = await checkGatusResults(results(server.baseUrl, 150));
    expect(result.detail).toContain('body is not JSON: "<html>starting</html>"');
  });

  it("fails at once on 401, because waiting cannot supply credentials, and says which to set", async () => {
    const server = await startServer((_req, res) => json(res, 401, "Unauthorized"));
    const result = await checkGatusResults(results(server.baseUrl, 5_000));
    expect(result).toMatchObject({ ok: false, attempts: 1 });
    expect(result.detail).toContain(
      "HTTP 401 from /api/v1/endpoints/statuses: the dashboard is protected: set GATUS_DASHBOARD_USERNAME and GATUS_DASHBOARD_PASSWORD",
    );
  });
});

describe("checkGatusResults on a protected dashboard (Gatus security.basic)", () => {
  const LOGIN = { username: "john.doe", password: "hunter2" };
  const EXPECTED_HEADER = `Basic ${Buffer.from("john.doe:hunter2").toString("base64")}`;
  const withLogin = (baseUrl: string, credentials = LOGIN) => ({
    ...probe(baseUrl, 5_000),
    expect: EXPECT,
    credentials,
  });
  /** Gatus's behaviour: /health public, the statuses API behind basic auth (api/api.go). */
  const protectedGatus = (seen: (string | undefined)[]) =>
    startServer((req, res) => {
      seen.push(req.headers.authorization);
      if (req.url?.startsWith(HEALTH_PATH)) return json(res, 200, { status: "UP" });
      if (req.headers.authorization !== EXPECTED_HEADER) return json(res, 401, "Unauthorized");
      return json(res, 200, statuses(ALL_GREEN));
    });

  it("passes with the login, sent as basic auth to the statuses API only", async () => {
    const seen: (string | undefined)[] = [];
    const server = await protectedGatus(seen);
    expect(await waitForGatusUp(probe(server.baseUrl, 2_000))).toMatchObject({ ok: true });
    const result = await checkGatusResults(withLogin(server.baseUrl));
    expect(result).toMatchObject({ ok: true, attempts: 1 });
    expect(seen).toEqual([undefined, EXPECTED_HEADER]);
  });

  it("fails at once on a wrong login, saying which login was refused", async () => {
    const server = await protectedGatus([]);
    const result = await checkGatusResults(withLogin(server.baseUrl, { ...LOGIN, password: "x" }));
    expect(result).toMatchObject({ ok: false, attempts: 1 });
    expect(result.detail).toContain(
      "the dashboard refused the login in GATUS_DASHBOARD_USERNAME and GATUS_DASHBOARD_PASSWORD",
    );
  });

  it("never follows a redirect with the login: another host would receive it", async () => {
    const elsewhere: (string | undefined)[] = [];
    const other = await startServer((req, res) => {
      elsewhere.push(req.headers.authorization);
      json(res, 200, statuses(ALL_GREEN));
    });
    const server = await startServer((_req, res) => {
      res.writeHead(302, { location: `${other.baseUrl}${STATUSES_PATH}` }).end();
    });
    const result = await checkGatusResults({
      ...withLogin(server.baseUrl),
      ...probe(server.baseUrl, 150),
    });
    expect(result.ok).toBe(false);
    expect(result.detail).toContain("last: HTTP 302");
    expect(elsewhere).toEqual([]);
  });
});
