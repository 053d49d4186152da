import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { GATUS_CONFIG_FILE } from "../../ephemeral/gatus-config";
import { TASK_EGRESS } from "../../ephemeral/security-groups";
import type { containerDefinition } from "../../ephemeral/service";
import type { Graph, RecordedResource } from "../engine/run-program";
import { VALID_CONTRACT } from "../helpers/contract-fixture";
import { jsonInput, ofType, one } from "../helpers/graph";
import { stackReadmeRules } from "../helpers/stack-readme";
import { COMMIT, runEphemeral } from "./run";

let graph: Graph;
beforeAll(async () => {
  graph = await runEphemeral();
});

const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
// Mocked security group ids start with their physical name, which starts with the group's
// namePrefix: map a rule's group id back to the group.
const groupName = (id: unknown) =>
  ofType(graph, "aws:ec2/securityGroup:SecurityGroup").find((sg) =>
    String(id).startsWith(String(sg.inputs.namePrefix)),
  )?.name;
const rulesOf = (type: string, group: "alb" | "task") =>
  ofType(graph, type)
    .filter((r) => groupName(r.inputs.securityGroupId) === group)
    .map((r) => ({
      protocol: r.inputs.ipProtocol,
      port: r.inputs.fromPort,
      toPort: r.inputs.toPort,
      peer: r.inputs.cidrIpv4 ?? `sg:${groupName(r.inputs.referencedSecurityGroupId)}`,
    }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

const container = () =>
  jsonInput<ReturnType<typeof containerDefinition>[]>(
    one(graph, "aws:ecs/taskDefinition:TaskDefinition"),
    "containerDefinitions",
  )[0]!;

describe("load balancer", () => {
  it("serves HTTPS with the restricted TLS 1.3/1.2 policy and the validated certificate", () => {
    const https = ofType(graph, "aws:lb/listener:Listener").find((l) => l.inputs.port === 443)!;
    expect(https.inputs).toMatchObject({
      protocol: "HTTPS",
      sslPolicy: "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
      certificateArn: VALID_CONTRACT.certificateArn,
    });
  });

  it("answers HTTP only with a permanent redirect to HTTPS", () => {
    const http = ofType(graph, "aws:lb/listener:Listener").find((l) => l.inputs.port === 80)!;
    expect(http.inputs.protocol).toBe("HTTP");
    expect(http.inputs.defaultActions).toEqual([
      { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
    ]);
  });

  it("drops invalid header fields, keeps its idle timeout under Gatus's 15 s and can be deleted", () => {
    expect(one(graph, "aws:lb/loadBalancer:LoadBalancer").inputs).toMatchObject({
      dropInvalidHeaderFields: true,
      idleTimeout: 10,
      internal: false,
      enableDeletionProtection: false,
    });
  });

  it("forwards only the Gatus hostname to the target group; anything else gets a 404", () => {
    const rule = one(graph, "aws:lb/listenerRule:ListenerRule");
    expect(rule.inputs.conditions).toEqual([{ hostHeader: { values: [VALID_CONTRACT.hostname] } }]);
    const https = ofType(graph, "aws:lb/listener:Listener").find((l) => l.inputs.port === 443)!;
    expect((https.inputs.defaultActions as { type: string }[])[0]?.type).toBe("fixed-response");
  });

  it("health-checks /health quickly and drains for the configured 15 s, not AWS's 300 s", () => {
    expect(one(graph, "aws:lb/targetGroup:TargetGroup").inputs).toMatchObject({
      targetType: "ip",
      port: 8080,
      deregistrationDelay: 15,
      healthCheck: {
        path: "/health",
        matcher: "200",
        interval: 5,
        timeout: 4,
        healthyThreshold: 2,
        unhealthyThreshold: 2,
      },
    });
  });

  it("is protected by a WAF web ACL with a rate limit and the AWS managed rule groups", () => {
    const acl = one(graph, "aws:wafv2/webAcl:WebAcl");
    const rules = acl.inputs.rules as {
      name: string;
      statement: { rateBasedStatement?: object; managedRuleGroupStatement?: { name: string } };
    }[];
    expect(rules.find((r) => r.name === "rate-limit")?.statement.rateBasedStatement).toMatchObject({
      limit: 1000,
      aggregateKeyType: "IP",
    });
    expect(rules.map((r) => r.statement.managedRuleGroupStatement?.name).filter(Boolean)).toEqual([
      "AWSManagedRulesCommonRuleSet",
      "AWSManagedRulesKnownBadInputsRuleSet",
    ]);
    const association = one(graph, "aws:wafv2/webAclAssociation:WebAclAssociation");
    const albName = String(one(graph, "aws:lb/loadBalancer:LoadBalancer").inputs.name);
    expect(association.inputs.resourceArn).toContain(`:loadbalancer/app/${albName}/`);
  });
});

describe("security groups", () => {
  it("the ALB accepts 443 and 80 from anywhere and nothing else", () => {
    expect(rulesOf(INGRESS, "alb")).toEqual(
      [
        { protocol: "tcp", port: 443, toPort: 443, peer: "0.0.0.0/0" },
        { protocol: "tcp", port: 80, toPort: 80, peer: "0.0.0.0/0" },
      ].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    );
  });

  it("the ALB may only reach the tasks, on the container port", () => {
    expect(rulesOf(EGRESS, "alb")).toEqual([
      { protocol: "tcp", port: 8080, toPort: 8080, peer: "sg:task" },
    ]);
  });

  it("the tasks accept the container port only from the ALB", () => {
    expect(rulesOf(INGRESS, "task")).toEqual([
      { protocol: "tcp", port: 8080, toPort: 8080, peer: "sg:alb" },
    ]);
  });

  it("the tasks reach out only on HTTPS, and DNS to the one resolver Gatus probes", () => {
    expect(rulesOf(EGRESS, "task")).toEqual(
      TASK_EGRESS.map((r) => ({
        protocol: r.ipProtocol,
        port: r.port,
        toPort: r.port,
        peer: r.cidrIpv4,
      })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    );
    expect(rulesOf(EGRESS, "task").filter((r) => r.protocol === "-1")).toEqual([]);
  });

  // Gatus v5.36.0 client/client.go QueryDNS uses a plain dns.Client, and miekg/dns v1.1.72
  // dials "udp" when Net is unset (client.go:129-131) and never retries over TCP.
  it("opens DNS only over UDP, and only to the resolvers image/config.yaml's DNS endpoints query", () => {
    const { endpoints } = parse(readFileSync(GATUS_CONFIG_FILE, "utf8")) as {
      endpoints: { url: string; dns?: object }[];
    };
    const resolvers = endpoints
      .filter((e) => e.dns !== undefined)
      .map((e) => ({ protocol: "udp", port: 53, toPort: 53, peer: `${e.url.split(":")[0]}/32` }));
    expect(resolvers.length).toBeGreaterThan(0);
    expect(rulesOf(EGRESS, "task").filter((r) => r.port === 53)).toEqual(resolvers);
  });

  it("has no rule without a description", () => {
    for (const rule of [...ofType(graph, INGRESS), ...ofType(graph, EGRESS)])
      expect(rule.inputs.description, rule.name).toBeTruthy();
  });
});

describe("task definition", () => {
  it("runs the image by digest, never by tag", () => {
    expect(container().image).toMatch(
      /^123456789012\.dkr\.ecr\.eu-west-2\.amazonaws\.com\/gatus-dev@sha256:[0-9a-f]{64}$/,
    );
  });

  it("is hardened: read-only root filesystem, numeric non-root user, not privileged", () => {
    expect(container()).toMatchObject({
      readonlyRootFilesystem: true,
      user: "65532:65532",
      privileged: false,
      essential: true,
    });
  });

  it("logs to the persistent stack's log group (contract v2) and creates none of its own", () => {
    // A log group of this stack would be deleted, with the logs, by every teardown.
    expect(ofType(graph, "aws:cloudwatch/logGroup:LogGroup")).toEqual([]);
    expect(container().logConfiguration).toEqual({
      logDriver: "awslogs",
      options: {
        "awslogs-group": VALID_CONTRACT.logGroupName,
        "awslogs-region": "eu-west-2",
        "awslogs-stream-prefix": "gatus",
      },
    });
  });

  it("runs on Graviton Linux with the persistent task roles and the configured size", () => {
    expect(one(graph, "aws:ecs/taskDefinition:TaskDefinition").inputs).toMatchObject({
      cpu: "256",
      memory: "512",
      networkMode: "awsvpc",
      requiresCompatibilities: ["FARGATE"],
      runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "ARM64" },
      executionRoleArn: VALID_CONTRACT.taskExecutionRoleArn,
      taskRoleArn: VALID_CONTRACT.taskRoleArn,
    });
  });

  it("passes the hostname and in-memory storage to Gatus's config, and no secret at all", () => {
    expect(container().environment).toEqual([
      { name: "GATUS_HOSTNAME", value: "status.example.com" },
      { name: "GATUS_STORAGE_TYPE", value: "memory" },
    ]);
    expect(container().secrets).toBeUndefined();
  });
});

describe("service", () => {
  it("rolls back a failed deployment and waits for steady state", () => {
    expect(one(graph, "aws:ecs/service:Service").inputs).toMatchObject({
      deploymentCircuitBreaker: { enable: true, rollback: true },
      waitForSteadyState: true,
      deploymentMinimumHealthyPercent: 100,
      deploymentMaximumPercent: 200,
      healthCheckGracePeriodSeconds: 10,
      capacityProviderStrategies: [{ capacityProvider: "FARGATE", weight: 1 }],
      desiredCount: 1,
    });
  });

  it("registers the container with the target group", () => {
    const service = one(graph, "aws:ecs/service:Service");
    expect(service.inputs.loadBalancers).toEqual([
      {
        targetGroupArn: expect.stringMatching(/targetgroup\/gatus-[0-9a-f]{7}\//),
        containerName: "gatus",
        containerPort: 8080,
      },
    ]);
  });
});

describe("DNS", () => {
  it("aliases the hostname to the ALB in the persistent zone", () => {
    const alb = one(graph, "aws:lb/loadBalancer:LoadBalancer");
    expect(one(graph, "aws:route53/record:Record").inputs).toMatchObject({
      zoneId: VALID_CONTRACT.hostedZoneId,
      name: "status.example.com",
      type: "A",
      aliases: [
        {
          name: expect.stringMatching(/^gatus-dev-[0-9a-f]{7}-.*\.elb\.amazonaws\.com$/),
          zoneId: "ZHURV8PSTC4K8",
          evaluateTargetHealth: true,
        },
      ],
    });
    expect(alb.inputs.name).toMatch(/^gatus-dev-[0-9a-f]{7}$/);
  });
});

describe("alarms", () => {
  const alarms = () => ofType(graph, "aws:cloudwatch/metricAlarm:MetricAlarm");

  it("cover no running task, unhealthy targets, 5xx and latency", () => {
    expect(
      alarms()
        .map((a) => a.inputs.metricName)
        .sort(),
    ).toEqual(
      [
        "HTTPCode_ELB_5XX_Count",
        "HTTPCode_Target_5XX_Count",
        "HealthyHostCount",
        "CPUUtilization",
        "TargetResponseTime",
        "UnHealthyHostCount",
      ].sort(),
    );
  });

  it("treat missing data deliberately: silence from the task count is an outage, silence from 5xx is not", () => {
    const byMetric = Object.fromEntries(
      alarms().map((a) => [a.inputs.metricName, a.inputs.treatMissingData]),
    );
    expect(byMetric).toMatchObject({
      CPUUtilization: "breaching",
      HealthyHostCount: "breaching",
      HTTPCode_Target_5XX_Count: "notBreaching",
    });
  });

  // AWS/ECS publishes the service's CPUUtilization once a minute per RUNNING task and nothing
  // for a service without one; its SampleCount is the running-task count (ECS developer guide,
  // "Service RUNNING task count"). Container Insights' RunningTaskCount costs a custom metric.
  const noRunningTask = (g: Graph) =>
    ofType(g, "aws:cloudwatch/metricAlarm:MetricAlarm").find(
      (a) => a.inputs.name === "gatus-dev-no-running-task",
    )?.inputs;
  const sameSemantics = {
    dimensions: { ClusterName: "gatus-dev-cluster", ServiceName: "gatus-dev-gatus" },
    period: 60,
    evaluationPeriods: 3,
    threshold: 1,
    comparisonOperator: "LessThanThreshold",
    treatMissingData: "breaching",
  };

  it("counts running tasks from AWS/ECS's free service metric by default: fewer than 1 sample a minute for 3 minutes", () => {
    expect(noRunningTask(graph)).toMatchObject({
      namespace: "AWS/ECS",
      metricName: "CPUUtilization",
      statistic: "SampleCount",
      ...sameSemantics,
    });
  });

  it("counts them with Container Insights' RunningTaskCount when containerInsights is on, with the same semantics", async () => {
    const insights = await runEphemeral({ "gatus-ephemeral:containerInsights": "true" });
    expect(noRunningTask(insights)).toMatchObject({
      namespace: "ECS/ContainerInsights",
      metricName: "RunningTaskCount",
      statistic: "Minimum",
      ...sameSemantics,
    });
  });

  it("have no actions when persistent has no alarm topic", () => {
    for (const alarm of alarms()) expect(alarm.inputs.alarmActions).toEqual([]);
  });

  it("publish alarm and OK notifications to the persistent topic when it exists", async () => {
    const topic = "arn:aws:sns:eu-west-2:123456789012:gatus-dev-alarms";
    const withTopic = await runEphemeral(
      {},
      { stacks: { "acme/gatus-persistent/dev": { ...VALID_CONTRACT, alarmTopicArn: topic } } },
    );
    const all = ofType(withTopic, "aws:cloudwatch/metricAlarm:MetricAlarm");
    expect(all).toHaveLength(6);
    for (const alarm of all)
      expect(alarm.inputs).toMatchObject({
        alarmActions: [topic],
        okActions: [topic],
        actionsEnabled: true,
      });
  });
});

describe("naming and outputs", () => {
  it("derives every physical name from the contract's resource prefix", () => {
    const named = graph.resources.filter(
      (r: RecordedResource) =>
        typeof r.inputs.name === "string" &&
        r.type.startsWith("aws:") &&
        r.type !== "aws:route53/record:Record",
    );
    expect(named.length).toBeGreaterThan(9);
    for (const r of named)
      expect(String(r.inputs.name), `${r.type} ${r.name}`).toMatch(/^gatus-dev-/);
  });

  it("a stack reading another persistent stack gets that stack's names", async () => {
    const staging = await runEphemeral(
      {},
      {
        stack: "staging",
        stacks: {
          "acme/gatus-persistent/staging": { ...VALID_CONTRACT, resourcePrefix: "gatus-staging" },
        },
      },
    );
    expect(one(staging, "aws:ecs/cluster:Cluster").inputs.name).toBe("gatus-staging-cluster");
    expect(one(staging, "aws:lb/loadBalancer:LoadBalancer").inputs.name).toMatch(
      /^gatus-staging-[0-9a-f]{7}$/,
    );
  });

  it("names what a config change can replace so that the replacement never collides (replacement-names.test.ts)", () => {
    // The load balancer: <prefix>-<hash of what replaces it>, as the WAF grants name it.
    expect(one(graph, "aws:lb/loadBalancer:LoadBalancer").inputs.name).toMatch(
      /^gatus-dev-[0-9a-f]{7}$/,
    );
    // The target group: auto-named by Pulumi, as nothing names it.
    expect(one(graph, "aws:lb/targetGroup:TargetGroup").inputs.name).toBeUndefined();
    // The security groups: EC2 appends a unique suffix to the prefix.
    expect(
      ofType(graph, "aws:ec2/securityGroup:SecurityGroup").map((sg) => [
        sg.inputs.name,
        sg.inputs.namePrefix,
      ]),
    ).toEqual([
      [undefined, "gatus-dev-alb-"],
      [undefined, "gatus-dev-task-"],
    ]);
  });

  it("exports what the pipeline's health check reads", () => {
    expect(graph.outputs).toMatchObject({
      url: "https://status.example.com",
      hostname: "status.example.com",
      clusterName: "gatus-dev-cluster",
      serviceName: "gatus-dev-gatus",
      taskDefinitionArn: "arn:aws:ecs:eu-west-2:123456789012:task-definition/gatus-dev-gatus:1",
      imageTag: COMMIT,
      awsRegion: "eu-west-2",
      egress: "nat",
    });
    expect(graph.outputs.imageRef).toBe(container().image);
    expect(String(graph.outputs.albDnsName)).toMatch(/elb\.amazonaws\.com$/);
  });

  it("reads persistent through the contract's StackReference only", () => {
    expect(one(graph, "pulumi:pulumi:StackReference").name).toBe("acme/gatus-persistent/dev");
  });
});

describe("stack README and console links", () => {
  const urls = (g: Graph) => g.outputs.consoleUrls as Record<string, string>;

  stackReadmeRules("ephemeral", () => graph);

  it("exports the log group and the persistent stack it reads", () => {
    expect(graph.outputs).toMatchObject({
      logGroupName: "/ecs/gatus-dev/gatus",
      persistentStack: "acme/gatus-persistent/dev",
    });
  });

  it("console links name the stack's service, log group, alarms and web ACL", () => {
    const acl = one(graph, "aws:wafv2/webAcl:WebAcl");
    const console = "https://eu-west-2.console.aws.amazon.com";
    expect(urls(graph)).toEqual({
      ecsService: `${console}/ecs/v2/clusters/gatus-dev-cluster/services/gatus-dev-gatus/health?region=eu-west-2`,
      ecsDeployments: `${console}/ecs/v2/clusters/gatus-dev-cluster/services/gatus-dev-gatus/deployments?region=eu-west-2`,
      logGroup: `${console}/cloudwatch/home?region=eu-west-2#logsV2:log-groups/log-group/$252Fecs$252Fgatus-dev$252Fgatus`,
      alarms: `${console}/cloudwatch/home?region=eu-west-2#alarmsV2:?~(search~'gatus-dev-)`,
      webAcl: expect.stringMatching(
        new RegExp(
          `^${console}/wafv2/homev2/web-acl/gatus-dev-waf/[0-9a-f]+/overview\\?region=eu-west-2$`,
        ),
      ),
    });
    expect(acl.inputs.name).toBe("gatus-dev-waf");
    for (const alarm of ofType(graph, "aws:cloudwatch/metricAlarm:MetricAlarm"))
      expect(String(alarm.inputs.name)).toMatch(/^gatus-dev-/);
  });

  it("a stack in another region links to that region's console", async () => {
    const oregon = await runEphemeral(
      { "aws:region": "us-west-2" },
      { stacks: { "acme/gatus-persistent/dev": { ...VALID_CONTRACT, awsRegion: "us-west-2" } } },
    );
    for (const [name, url] of Object.entries(urls(oregon))) {
      expect(url, name).toMatch(/^https:\/\/us-west-2\.console\.aws\.amazon\.com\//);
      expect(url, name).toContain("region=us-west-2");
      expect(url, name).not.toContain("eu-west-2");
    }
    expect(urls(oregon).logGroup).toMatch(/log-group\/\$252Fecs\$252Fgatus-dev\$252Fgatus$/);
  });
});
