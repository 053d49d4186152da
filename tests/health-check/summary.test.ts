import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { HealthCheckResult } from "../../ephemeral/health-check/run";
import { appendSummary, renderSummary } from "../../ephemeral/health-check/summary";
import { NEW_TD } from "./fixtures";

const target = {
  url: "https://status.example.com",
  cluster: "gatus-dev",
  service: "gatus-dev-svc",
  taskDefinitionArn: NEW_TD,
};

const failed: HealthCheckResult = {
  ok: false,
  reason: "http-health: deadline passed (last: HTTP 503 | <b>boom</b>)",
  elapsedMs: 12_345,
  deadlineMs: 600_000,
  target,
  decides: { ownGroup: "this-deployment", requireUpstreams: false },
  endpoints: [],
  checks: [
    {
      id: "ecs-rollout",
      title: "ECS rollout",
      status: "passed",
      detail: "gatus-dev:42 COMPLETED",
      attempts: 2,
      elapsedMs: 5_100,
    },
    {
      id: "http-health",
      title: "`GET /health` reports UP",
      status: "failed",
      detail: "last: HTTP 503 | <b>boom</b>\nsecond line",
      attempts: 7,
      elapsedMs: 7_200,
    },
    {
      id: "gatus-results",
      title: "Gatus results",
      status: "skipped",
      detail: "not run",
      attempts: 0,
      elapsedMs: 0,
    },
  ],
};

describe("renderSummary", () => {
  it("renders a table with one row per check, the target and the failure", () => {
    const md = renderSummary(failed);
    expect(md).toContain("### Health check ❌ failed");
    expect(md).toContain("| | Check | Attempts | Time | Detail |");
    expect(md).toContain("| ✅ | ECS rollout | 2 | 5.1 s | gatus-dev:42 COMPLETED |");
    expect(md).toContain("| ⏭️ | Gatus results | – | – | not run |");
    expect(md).toContain("- URL: `https://status.example.com`");
    expect(md).toContain(`- Task definition: \`${NEW_TD}\``);
    expect(md).toContain("- Elapsed: 12.3 s (deadline 600.0 s)");
    expect(md).toContain("- **Failure:** http-health: deadline passed");
  });

  it("keeps server-supplied text on one line and from breaking the table or injecting HTML", () => {
    const row = renderSummary(failed)
      .split("\n")
      .find((line) => line.startsWith("| ❌"));
    expect(row).toBe(
      "| ❌ | `GET /health` reports UP | 7 | 7.2 s | last: HTTP 503 \\| \\<b\\>boom\\</b\\> second line |",
    );
  });

  it("has no endpoint table when the results check never ran", () => {
    expect(renderSummary(failed)).not.toContain("Gatus endpoints");
  });

  it("lists every Gatus endpoint's newest result: the own group decides, upstreams are shown", () => {
    const md = renderSummary({
      ...failed,
      reason: "gatus-results: deadline passed",
      endpoints: [
        {
          group: "this-deployment",
          name: "website",
          required: true,
          state: "failing",
          detail: "newest result failed ([STATUS] == 200 failed)",
        },
        {
          group: "this-deployment",
          name: "dns",
          required: true,
          state: "no-result",
          detail: "no result yet",
        },
        {
          group: "upstreams",
          name: "github",
          required: false,
          state: "failing",
          detail: "newest result failed",
        },
        {
          group: "upstreams",
          name: "pulumi-cloud",
          required: false,
          state: "success",
          detail: "success at 2026-05-01T10:00:00Z",
        },
      ],
    });
    expect(md).toContain("#### Gatus endpoints (newest result)");
    expect(md).toContain(
      "The own group `this-deployment` decides; other groups are reported only (`--require-upstreams` makes them decide too).",
    );
    expect(md).toContain(
      "| ❌ | `this-deployment/website` | yes | newest result failed (\\[STATUS\\] == 200 failed) |",
    );
    expect(md).toContain("| ⏳ | `this-deployment/dns` | yes | no result yet |");
    expect(md).toContain("| ⚠️ | `upstreams/github` | no | newest result failed |");
    expect(md).toContain(
      "| ✅ | `upstreams/pulumi-cloud` | no | success at 2026-05-01T10:00:00Z |",
    );
  });

  it("says when upstreams decide too", () => {
    const md = renderSummary({
      ...failed,
      decides: { ownGroup: "this-deployment", requireUpstreams: true },
      endpoints: [
        { group: "upstreams", name: "github", required: true, state: "failing", detail: "x" },
      ],
    });
    expect(md).toContain("Every endpoint decides (`--require-upstreams`).");
    expect(md).toContain("| ❌ | `upstreams/github` | yes | x |");
  });

  it("says passed and has no failure line when everything passed", () => {
    const md = renderSummary({ ...failed, ok: true, reason: undefined });
    expect(md).toContain("### Health check ✅ passed");
    expect(md).not.toContain("Failure");
  });
});

describe("appendSummary", () => {
  it("appends to what earlier steps wrote instead of overwriting it", () => {
    const file = join(mkdtempSync(join(tmpdir(), "health-summary-")), "summary.md");
    writeFileSync(file, "## Pulumi up\n");
    appendSummary(file, renderSummary(failed));
    const text = readFileSync(file, "utf8");
    expect(text.startsWith("## Pulumi up\n### Health check ❌ failed")).toBe(true);
  });
});
