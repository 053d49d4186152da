import { describe, expect, it } from "vitest";
import { type Expectations, judgeEndpoints } from "../../ephemeral/health-check/endpoint-results";
import { loadGatusConfig } from "../../ephemeral/gatus-config";
import { ALL_GREEN, endpointStatus, RESULT, statuses, UPSTREAM_STATUSES } from "./gatus-fixtures";

// The endpoints of image/config.yaml, as the CLI reads them by default.
const EXPECT: Expectations = {
  ownGroup: "this-deployment",
  endpoints: loadGatusConfig().endpoints,
  requireUpstreams: false,
};

const judge = (body: unknown, expect: Expectations = EXPECT) => judgeEndpoints(body, expect);

describe("judging Gatus's newest results", () => {
  it("passes when every endpoint succeeded, and says how many decided it", () => {
    const { outcome, endpoints } = judge(statuses(ALL_GREEN));
    expect(outcome).toEqual({
      kind: "done",
      detail:
        'all 2 "this-deployment" endpoint(s) succeeded on their newest result; other endpoints: all 3 succeeded (reported only)',
    });
    expect(endpoints.map((e) => [e.group, e.name, e.required, e.state])).toEqual([
      ["this-deployment", "website", true, "success"],
      ["this-deployment", "dns", true, "success"],
      ["upstreams", "github", false, "success"],
      ["upstreams", "pulumi-cloud", false, "success"],
      ["upstreams", "aws-health-dashboard", false, "success"],
    ]);
  });

  it("keeps waiting when every endpoint fails, naming what failed (results exist, so what?)", () => {
    const allRed = Object.fromEntries(Object.keys(ALL_GREEN).map((k) => [k, "red" as const]));
    const { outcome } = judge(statuses(allRed));
    expect(outcome.kind).toBe("retry");
    expect(outcome.kind === "retry" && outcome.reason).toBe(
      [
        "this-deployment/website: newest result failed at 0001-01-01T00:00:00Z ([RESPONSE_TIME] < 500 failed, [CERTIFICATE_EXPIRATION] < 72h failed, error: error-1, error: error-2)",
        "this-deployment/dns: newest result failed at 0001-01-01T00:00:00Z ([RESPONSE_TIME] < 500 failed, [CERTIFICATE_EXPIRATION] < 72h failed, error: error-1, error: error-2)",
      ].join("; "),
    );
  });

  it("keeps waiting when the own group is red although every upstream is green", () => {
    const { outcome } = judge(statuses({ ...ALL_GREEN, "this-deployment/website": "red" }));
    expect(outcome).toMatchObject({ kind: "retry" });
    expect(outcome.kind === "retry" && outcome.reason).toMatch(
      /^this-deployment\/website: newest result failed .*\)$/,
    );
  });

  it("passes with a red upstream, reporting it, unless upstreams are required", () => {
    const body = statuses({ ...ALL_GREEN, "upstreams/github": "red" });
    const { outcome, endpoints } = judge(body);
    expect(outcome).toMatchObject({
      kind: "done",
      detail: expect.stringMatching(/; reported only, not succeeding: upstreams\/github$/),
    });
    expect(endpoints.find((e) => e.name === "github")).toMatchObject({
      required: false,
      state: "failing",
    });
    const strict = judge(body, { ...EXPECT, requireUpstreams: true });
    expect(strict.outcome).toMatchObject({ kind: "retry", reason: /^upstreams\/github: newest/ });
    expect(strict.endpoints.every((e) => e.required)).toBe(true);
  });

  it("keeps waiting while Gatus has no results yet (an empty list, or endpoints without results)", () => {
    expect(judge([]).outcome).toEqual({
      kind: "retry",
      reason: "this-deployment/website: no result yet; this-deployment/dns: no result yet",
    });
    const listedOnly = Object.fromEntries(Object.keys(ALL_GREEN).map((k) => [k, "none" as const]));
    expect(judge(statuses(listedOnly)).outcome).toMatchObject({ kind: "retry" });
  });

  it("keeps waiting when one own endpoint is missing from the list", () => {
    const { "this-deployment/dns": _dns, ...withoutDns } = ALL_GREEN;
    const { outcome, endpoints } = judge(statuses(withoutDns));
    expect(outcome).toEqual({ kind: "retry", reason: "this-deployment/dns: no result yet" });
    expect(endpoints.find((e) => e.name === "dns")?.state).toBe("no-result");
  });

  it("reads the newest result, which Gatus sends last", () => {
    const site = (results: (typeof RESULT)[keyof typeof RESULT][]) => [
      endpointStatus("this-deployment", "website", results),
      endpointStatus("this-deployment", "dns", [RESULT.success]),
    ];
    expect(judge(site([RESULT.failure, RESULT.success])).outcome.kind).toBe("done");
    expect(judge(site([RESULT.success, RESULT.failure])).outcome.kind).toBe("retry");
  });

  it("judges upstream's own fixture: its newest result failed", () => {
    const { outcome } = judge(JSON.parse(UPSTREAM_STATUSES), {
      ownGroup: "group",
      endpoints: [{ group: "group", name: "name" }],
      requireUpstreams: false,
    });
    expect(outcome).toEqual({
      kind: "retry",
      reason:
        "group/name: newest result failed at 0001-01-01T00:00:00Z ([RESPONSE_TIME] < 500 failed, [CERTIFICATE_EXPIRATION] < 72h failed, error: error-1, error: error-2)",
    });
  });

  it("matches an endpoint without a group, whose JSON omits the field", () => {
    const { group: _omitted, ...noGroup } = endpointStatus("", "solo", [RESULT.success]);
    const { outcome } = judge([noGroup], {
      ownGroup: "",
      endpoints: [{ group: "", name: "solo" }],
      requireUpstreams: false,
    });
    expect(outcome.kind).toBe("done");
  });

  it("reports endpoints Gatus lists beyond the config, without requiring them", () => {
    const body = [...statuses(ALL_GREEN), endpointStatus("remote", "x", [RESULT.failure])];
    const { outcome, endpoints } = judge(body);
    expect(outcome.kind).toBe("done");
    expect(endpoints.at(-1)).toMatchObject({
      group: "remote",
      name: "x",
      required: false,
      detail: expect.stringMatching(/ \(not in the config\)$/),
    });
  });

  it("waits on a body that is not a list of endpoints", () => {
    expect(judge({ endpoints: [] }).outcome).toEqual({
      kind: "retry",
      reason: "HTTP 200 but the body is not a JSON array of endpoints",
    });
  });

  it("fails at once when no configured endpoint is in the own group", () => {
    expect(judge(statuses(ALL_GREEN), { ...EXPECT, ownGroup: "nobody" }).outcome).toEqual({
      kind: "fatal",
      reason: 'no configured endpoint is in group "nobody"',
    });
  });
});
