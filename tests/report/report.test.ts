import { beforeAll, describe, expect, it } from "vitest";
import { CONTRACT_KEYS } from "../../persistent/contract";
import { proveLeastPrivilege } from "../iam/proof";
import { testGraphs, type TestGraphs } from "./test-graphs";
import { buildReport, type Report } from "./report";
import { groupByComponent } from "./resources";
import { parseUptime } from "./schedule";

describe("synth report over the example stacks", () => {
  let graphs: TestGraphs;
  let report: Report;

  beforeAll(async () => {
    graphs = await testGraphs();
    const leastPrivilege = await proveLeastPrivilege(graphs.persistent, graphs.ephemeral);
    report = buildReport({ ...graphs, leastPrivilege });
  });

  it("has every section, in order", () => {
    const headings = report.markdown.split("\n").filter((l) => l.startsWith("## "));
    expect(headings).toEqual([
      "## Summary",
      "## 1. Resources by concern",
      "## 2. Contract (persistent → ephemeral)",
      "## 3. Deploy role permissions",
      "## 4. Policy results",
      "## 5. Rollout-time budget",
      "## 6. Monthly cost estimate",
      "## 7. Architecture",
    ]);
    expect(report.markdown).toContain(`\`\`\`mermaid\n${report.diagram}\`\`\``);
  });

  it("groups resources by their gatus:* component", () => {
    const names = (g: typeof graphs.persistent) => groupByComponent(g).map((c) => c.component);
    expect(names(graphs.persistent)).toEqual([
      "Identity",
      "Registry",
      "Dns",
      "Alerts",
      "AlertEmail",
      "AlertingSecrets",
      "ContainerLogs",
      "History",
      "LogBucket",
    ]);
    expect(names(graphs.ephemeral)).toEqual([
      "(stack)",
      "Network",
      "SecurityGroups",
      "LoadBalancer",
      "Waf",
      "Service",
      "DnsRecord",
      "Alarms",
      "AuditTrails",
      "HistoryMount",
    ]);
    const lb = groupByComponent(graphs.ephemeral).find((g) => g.component === "LoadBalancer");
    expect(lb?.resources.map((r) => r.type)).toContain("aws:lb/targetGroup:TargetGroup");
    expect(report.markdown).toContain(
      "| `aws:lb/targetGroup:TargetGroup` | gatus |  | port=8080 deregistrationDelay=15 path=/health |",
    );
  });

  it("lists every contract key with the example value and the contract version", () => {
    expect(report.markdown).toContain(
      "`CONTRACT_VERSION` = 2; 23 keys (`persistent/contract.ts`); the values validate against the schema.",
    );
    for (const key of CONTRACT_KEYS) expect(report.markdown).toContain(`| \`${key}\` |`);
    expect(report.markdown).toContain("| `resourcePrefix` | `gatus-dev` |");
  });

  it("shows the permissions as simulated: calls allowed per type, probes denied, broad grants with their reasons", () => {
    expect(report.coverage.uncoveredTypes).toEqual([]);
    expect(report.coverage.uncoveredInvokes).toEqual([]);
    expect(report.markdown).toContain("uncovered: none.");
    expect(report.markdown).toMatch(
      /\*\*Simulated against the deploy role\*\*.*: (\d+) of \1 calls/,
    );
    expect(report.markdown).toMatch(
      /\| `aws:wafv2\/webAclAssociation:WebAclAssociation` \| 10 \| 10 \| .*`elasticloadbalancing:SetWebAcl`/,
    );
    expect(report.markdown).toMatch(
      /\*\*Simulated against the preview role:\*\* (\d+) of \1 reads/,
    );
    const probes =
      /\*\*Probes\*\* \(must all be denied but those allowed by design\): (\d+) of (\d+) denied; allowed by design .*: `ec2:RevokeSecurityGroupEgress on an untagged security-group outside the stack`, `ec2:RevokeSecurityGroupIngress on an untagged security-group outside the stack`\./.exec(
        report.markdown,
      );
    // Each of the two is probed more than once (once per call that revokes), and nothing else is allowed.
    expect(Number(probes?.[2]) - Number(probes?.[1])).toBeGreaterThanOrEqual(2);
    expect(report.markdown).toMatch(/\| sibling stack \(deploy role\) \| (\d+) \| \1 \|/);
    expect(report.markdown).toContain(
      "| CloudWatch publishes alarm gatus-dev-latency | Allowed | Allowed |",
    );
    expect(report.markdown).toMatch(
      /\| `elasticloadbalancing:SetWebAcl` \| deploy \| `\*` \| The legacy permission WAF checks/,
    );
  });

  it("says so when it was given no simulation", () => {
    expect(buildReport(graphs).markdown).toContain(
      "_Not simulated: pass the least-privilege proof",
    );
  });

  it("reports the policy results of both graphs, exceptions with their reasons", () => {
    expect(report.policy.map((p) => [p.project, p.report.mandatory.length])).toEqual([
      ["gatus-persistent", 0],
      ["gatus-ephemeral", 0],
    ]);
    expect(report.markdown).toContain("**gatus-ephemeral**: 0 mandatory, 0 advisory, 3 excepted.");
    expect(report.markdown).toMatch(
      /\| `sg-no-http-from-world` \| .* \| The ALB security group accepts TCP 80/,
    );
  });

  it("prints a short summary", () => {
    expect(report.summary).toHaveLength(9);
    expect(report.summary.join("\n")).toMatch(
      /^resources: gatus-persistent \d+, gatus-ephemeral \d+\ncontract v2: 23 keys, valid\npermissions: \d+ AWS resource types created by gatus-ephemeral; .* \(uncovered\): none\npolicy: .*\nrollout \(worst case\): OUTAGE on every deploy .*1 min 54 s.*8 min 20 s.*\nnotifications: Gatus alerts → slack, teams-workflows, pagerduty, aws-ses; CloudWatch alarms → the alarm topic \(alertEmail\)\ncost eu-west-2: \$\d+\.\d\d\/month always on, \$\d+\.\d\d with teardown 12h x 5d.*\ncost targets: public \+ spot \$\d+\.\d\d always on \(≤ \$50\.00: met\), .*; nat \+ spot .*\(≤ \$85\.00: met\).*\nimage size: not measured: fixed for the report tests \(the seed's headline: 24 MB\)$/,
    );
  });

  it("warns that nobody is notified when neither Gatus alerting nor alertEmail is configured", async () => {
    const silent = await testGraphs({
      persistent: {
        "gatus-persistent:slackWebhookUrl": undefined,
        "gatus-persistent:teamsWebhookUrl": undefined,
        "gatus-persistent:pagerdutyIntegrationKey": undefined,
        "gatus-persistent:gatusAlertEmail": undefined,
        "gatus-persistent:alertEmail": undefined,
      },
    });
    const summary = buildReport(silent).summary;
    expect(summary).toContain("notifications: Gatus alerts → nobody; CloudWatch alarms → nobody");
    expect(summary.filter((l) => l.startsWith("WARNING: "))).toEqual([
      expect.stringMatching(/^WARNING: Gatus alerts reach nobody: /),
      expect.stringMatching(/^WARNING: CloudWatch alarms notify nobody: /),
    ]);
  });

  it("takes the teardown schedule as an option", () => {
    const nights = buildReport({ ...graphs, schedule: parseUptime("16h x 7d") });
    expect(nights.cost.schedule).toEqual({ hoursPerDay: 16, daysPerWeek: 7 });
    expect(nights.markdown).toContain("| Teardown 16h x 7d |");
    expect(nights.cost.totals.all.scheduled).toBeGreaterThan(report.cost.totals.all.scheduled);
    expect(nights.cost.totals.all.alwaysOn).toBe(report.cost.totals.all.alwaysOn);
  });
});
