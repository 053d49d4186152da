/**
 * The architecture diagram is generated from the graphs, deterministic, reflects the
 * configuration, and the README's copy is current.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { architectureDiagram, diagramModel, type DiagramModel } from "./diagram";
import { testGraphs, type TestGraphs } from "./test-graphs";
import {
  README_END,
  README_START,
  UPDATE_COMMAND,
  embedDiagram,
  embedGenerated,
  embeddedDiagram,
  endMarker,
  readmeStaleness,
  startMarker,
} from "./readme";

const ids = (model: DiagramModel) => model.nodes.map((n) => n.id);
const edge = (model: DiagramModel, from: string, to: string) =>
  model.edges.find((e) => e.from === from && e.to === to);

describe("architecture diagram", () => {
  let example: TestGraphs;
  let publicEgress: TestGraphs;
  let noAlerts: TestGraphs;
  let model: DiagramModel;
  let diagram: string;

  beforeAll(async () => {
    example = await testGraphs();
    publicEgress = await testGraphs({
      persistentGraph: example.persistent,
      ephemeral: { "gatus-ephemeral:egress": "public" },
    });
    // Nothing that notifies or persists: no alert e-mail, no Gatus alerting, history in memory,
    // and no dashboard login (the only other secret).
    noAlerts = await testGraphs({
      persistent: {
        "gatus-persistent:alertEmail": undefined,
        "gatus-persistent:dashboardUsername": undefined,
        "gatus-persistent:dashboardPasswordBcryptBase64": undefined,
        "gatus-persistent:slackWebhookUrl": undefined,
        "gatus-persistent:teamsWebhookUrl": undefined,
        "gatus-persistent:pagerdutyIntegrationKey": undefined,
        "gatus-persistent:gatusAlertEmail": undefined,
        "gatus-persistent:storage": undefined,
      },
    });
    model = diagramModel(example.persistent, example.ephemeral);
    diagram = architectureDiagram(example.persistent, example.ephemeral);
  });

  it("detects a stale README block: an edited diagram or cost text, missing markers", () => {
    const generated = { diagram, readmeCost: "Costs **$1.00** a month." };
    const template = `# Title\n\n${README_START}\n${README_END}\n\n${startMarker("cost")}\n${endMarker("cost")}\n`;
    const readme = embedGenerated(template, generated);
    expect(readmeStaleness(readme, generated)).toBeUndefined();
    const edited = readme.replace("ECS service gatus-dev-gatus", "ECS service renamed-by-hand");
    expect(readmeStaleness(edited, generated)).toBe(
      `README.md's generated architecture block does not match the example's synthesis. Run \`${UPDATE_COMMAND}\` and commit README.md.`,
    );
    const other = architectureDiagram(publicEgress.persistent, publicEgress.ephemeral);
    expect(readmeStaleness(readme, { ...generated, diagram: other })).toContain(UPDATE_COMMAND);
    expect(readmeStaleness(readme, { ...generated, readmeCost: "Costs $2.00." })).toContain(
      "generated cost block",
    );
    expect(readmeStaleness(template, generated)).toContain("architecture and cost blocks do not");
    expect(() => readmeStaleness("# no markers\n", generated)).toThrow(README_START);
  });

  it("embedding replaces only the block between the markers", () => {
    const before = `intro\n${README_START}\nold stuff\n${README_END}\noutro ${"x".repeat(10)}\n`;
    const after = embedDiagram(before, diagram);
    expect(after.startsWith(`intro\n${README_START}`)).toBe(true);
    expect(after.endsWith(`${README_END}\noutro ${"x".repeat(10)}\n`)).toBe(true);
    expect(after).not.toContain("old stuff");
    expect(embeddedDiagram(after)).toBe(diagram);
    expect(embedDiagram(after, diagram)).toBe(after);
  });

  it("is deterministic and free of per-commit values (image tag, digest, commit SHA)", () => {
    expect(architectureDiagram(example.persistent, example.ephemeral)).toBe(diagram);
    expect(diagram).not.toMatch(/[0-9a-f]{40}/);
    expect(diagram).not.toMatch(/sha256|@sha|dirty/);
    expect(diagram).not.toContain(String(example.ephemeral.outputs.imageTag));
    expect(ids(model)).toEqual([...ids(model)].sort());
  });

  it("is well-formed Mermaid: safe ids, quoted labels, every edge between declared nodes", () => {
    const lines = diagram.trimEnd().split("\n");
    expect(lines[0]).toBe("flowchart LR");
    const declared = new Set(["persistent", "ephemeral", "vpc"]);
    for (const node of model.nodes) {
      expect(node.id).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(node.label).not.toMatch(/["#;]/);
      declared.add(node.id);
    }
    for (const e of model.edges) {
      expect(declared.has(e.from) && declared.has(e.to), `${e.from} → ${e.to}`).toBe(true);
      expect(e.label).not.toMatch(/["#;|]/);
    }
    const opened = lines.filter((l) => l.trim().startsWith("subgraph ")).length;
    expect(lines.filter((l) => l.trim() === "end")).toHaveLength(opened);
  });

  it("draws the layers, the traffic path and the trust edges from the graphs", () => {
    expect(model.title).toEqual({
      persistent: "persistent: gatus-persistent",
      ephemeral: "ephemeral: gatus-ephemeral",
      vpc: "VPC 10.0.0.0/16, 2 AZs",
    });
    // internet → WAF → ALB → target group → task
    expect(edge(model, "x_internet", "e_waf_gatus")?.kind).toBe("traffic");
    expect(edge(model, "e_waf_gatus", "e_alb_alb")).toBeDefined();
    expect(edge(model, "e_alb_alb", "e_tg_gatus")?.label).toBe("host status.example.com");
    expect(edge(model, "e_tg_gatus", "e_task_gatus")?.label).toBe("HTTP :8080");
    // egress nat: task → NAT → internet
    expect(edge(model, "e_task_gatus", "e_nat")?.label).toBe("egress: tcp 443, udp 53");
    expect(edge(model, "e_nat", "x_internet")).toBeDefined();
    expect(edge(model, "e_task_gatus", "x_internet")).toBeUndefined();
    // trust: OIDC → roles, deploy role passes the task roles, roles and image → task
    expect(edge(model, "x_github", "p_oidc_github")).toBeDefined();
    for (const role of ["p_role_preview", "p_role_deploy"])
      expect(edge(model, "p_oidc_github", role)?.label).toBe("trusts");
    for (const role of ["p_role_task", "p_role_task_execution"])
      expect(edge(model, "p_role_deploy", role)?.label).toBe("iam:PassRole");
    expect(edge(model, "p_role_preview", "p_role_task")).toBeUndefined();
    expect(edge(model, "p_role_task_execution", "e_task_gatus")?.label).toBe("execution role");
    expect(edge(model, "p_ecr_gatus", "e_task_gatus")?.label).toBe("image pull by digest");
    expect(edge(model, "p_cert_gatus", "e_alb_alb")).toBeDefined();
    expect(edge(model, "p_zone_zone", "e_dns_gatus")).toBeDefined();
    expect(edge(model, "e_dns_gatus", "e_alb_alb")?.label).toBe("alias");
    expect(edge(model, "e_alarms", "p_topic_alarms")).toBeDefined();
    // The logs go to the persistent stack's log group, which outlives a teardown.
    expect(edge(model, "e_task_gatus", "p_logs_gatus")?.label).toBe("awslogs");
    // audit trails: the ALB, the flow log and WAF write to the persistent log bucket
    expect(ids(model)).toContain("p_bucket_logs");
    expect(edge(model, "e_alb_alb", "p_bucket_logs")?.label).toBe("access logs");
    expect(edge(model, "e_flowlog_vpc", "p_bucket_logs")?.label).toBe("flow logs");
    expect(edge(model, "e_waf_gatus", "p_bucket_logs")?.label).toBe(
      "WAF logs, authorization and cookie redacted",
    );
    expect(model.nodes.find((n) => n.id === "e_defaultsg_default")?.label).toBe(
      "Default SG<br/>no rules",
    );
    expect(edge(model, "persistent", "ephemeral")).toEqual({
      from: "persistent",
      to: "ephemeral",
      label: "contract v2, StackReference",
      kind: "contract",
    });
  });

  it("a trail turned off draws no edge to the log bucket", async () => {
    const off = await testGraphs({
      persistentGraph: example.persistent,
      ephemeral: {
        "gatus-ephemeral:auditTrailsOff": JSON.stringify({ albAccessLogs: "no access logs here" }),
      },
    });
    const m = diagramModel(off.persistent, off.ephemeral);
    expect(edge(m, "e_alb_alb", "p_bucket_logs")).toBeUndefined();
    expect(edge(m, "e_flowlog_vpc", "p_bucket_logs")).toBeDefined();
  });

  it("draws the secrets (alerting and dashboard login), the alert e-mail and the history mount when configured", () => {
    const model = diagramModel(example.persistent, example.ephemeral);
    expect(edge(model, "p_alerting_secrets", "e_task_gatus")?.label).toBe(
      "ECS secrets ×5 (execution role)",
    );
    expect(edge(model, "e_task_gatus", "p_ses")?.label).toBe("alert e-mail (task role)");
    expect(edge(model, "e_task_gatus", "e_mount_targets")?.label).toBe(
      "NFS 2049, TLS + IAM, access point",
    );
    expect(edge(model, "e_mount_targets", "p_history")).toBeDefined();
    expect(model.nodes.find((n) => n.id === "p_history")?.label).toContain(
      "encrypted, project key, access point as 65532:65532",
    );
    const bare = diagramModel(noAlerts.persistent, noAlerts.ephemeral);
    for (const id of ["p_alerting_secrets", "p_ses", "p_history", "e_mount_targets"])
      expect(ids(bare)).not.toContain(id);
  });

  it("egress public: no NAT node, the task reaches the internet through its public IP", () => {
    const pub = diagramModel(publicEgress.persistent, publicEgress.ephemeral);
    expect(ids(pub)).not.toContain("e_nat");
    expect(edge(pub, "e_task_gatus", "x_internet")?.label).toBe(
      "egress via public IP: tcp 443, udp 53",
    );
    expect(pub.nodes.find((n) => n.id === "e_task_gatus")?.label).toContain("public IP");
  });

  it("no alert e-mail: no topic node and no alarm → topic edge (the alarms still exist)", () => {
    const quiet = diagramModel(noAlerts.persistent, noAlerts.ephemeral);
    expect(ids(quiet).filter((id) => id.startsWith("p_topic"))).toEqual([]);
    expect(quiet.edges.filter((e) => e.from === "e_alarms")).toEqual([]);
    expect(ids(quiet)).toContain("e_alarms");
  });
});
