// What the deployment reads from image/config.yaml, the one file that says which port Gatus
// listens on and which endpoints it monitors: the program's container port and the health
// check's list of endpoints come from here, so neither can drift from the image.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

/** The config the image bakes in (image/Dockerfile copies it to /config/config.yaml). */
export const GATUS_CONFIG_FILE = path.join(__dirname, "..", "image", "config.yaml");

/** The variable the task definition sets to the public hostname: endpoints using it probe this deployment. */
export const HOSTNAME_VARIABLE = "${GATUS_HOSTNAME}";

/** Gatus's own default when web.port is absent (config/web/web.go, DefaultPort, at v5.36.0). */
const GATUS_DEFAULT_PORT = 8080;
// The task runs as a non-root user, which cannot bind ports below 1024.
const PORT_RANGE = { min: 1024, max: 65535 };

export interface GatusEndpoint {
  name: string;
  /** "" when the endpoint has no group (Gatus's JSON then omits the field). */
  group: string;
  /** Its url or DNS query names ${GATUS_HOSTNAME}: it checks this deployment, not an upstream. */
  probesOwnSite: boolean;
}

export interface GatusConfig {
  /** web.port: what the container exposes, the ALB forwards to and the security groups open. */
  port: number;
  /** The endpoints Gatus monitors (those with `enabled: false` left out), in file order. */
  endpoints: GatusEndpoint[];
}

export type GatusConfigRead = { ok: true; config: GatusConfig } | { ok: false; problems: string[] };

/** Reads Gatus's config text; `source` names the file in problems. Pure, for the tests. */
export function readGatusConfig(text: string, source: string): GatusConfigRead {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    return { ok: false, problems: [`${source} is not valid YAML: ${messageOf(error)}`] };
  }
  const root = isRecord(doc) ? doc : {};
  const problems: string[] = [];
  const port = readPort(isRecord(root.web) ? root.web.port : undefined, problems);
  const endpoints = readEndpoints(root.endpoints, problems);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, config: { port, endpoints } };
}

/** Reads and checks a Gatus config file; throws one error listing every problem. */
export function loadGatusConfig(file: string = GATUS_CONFIG_FILE): GatusConfig {
  const read = readGatusConfig(readFileSync(file, "utf8"), file);
  if (!read.ok) throw new Error(`${file} has problems: ${read.problems.join("; ")}`);
  return read.config;
}

/** The group of the endpoints that probe ${GATUS_HOSTNAME}: this deployment's own group. */
export function ownGroupOf(config: GatusConfig): { group: string } | { problem: string } {
  const groups = [...new Set(config.endpoints.filter((e) => e.probesOwnSite).map((e) => e.group))];
  if (groups.length === 1 && groups[0] !== undefined) return { group: groups[0] };
  if (groups.length === 0) {
    return { problem: `no endpoint probes ${HOSTNAME_VARIABLE}, so its group cannot be told` };
  }
  return {
    problem: `the endpoints that probe ${HOSTNAME_VARIABLE} are in several groups (${groups.map((g) => JSON.stringify(g)).join(", ")})`,
  };
}

function readPort(value: unknown, problems: string[]): number {
  if (value === undefined || value === null) return GATUS_DEFAULT_PORT;
  if (typeof value === "number" && Number.isInteger(value)) {
    if (value >= PORT_RANGE.min && value <= PORT_RANGE.max) return value;
  }
  problems.push(
    `web.port: got ${JSON.stringify(value)}; must be a literal whole number from ${PORT_RANGE.min} ` +
      `to ${PORT_RANGE.max} (the load balancer and security groups are built from it, and the ` +
      "non-root task cannot bind a lower port)",
  );
  return GATUS_DEFAULT_PORT;
}

function readEndpoints(value: unknown, problems: string[]): GatusEndpoint[] {
  if (!Array.isArray(value) || value.length === 0) {
    problems.push(
      "endpoints: not set; Gatus refuses to start without at least one endpoint " +
        "(config/config.go, ErrNoEndpointOrSuiteInConfig)",
    );
    return [];
  }
  return value.flatMap((item: unknown, index): GatusEndpoint[] => {
    const endpoint = isRecord(item) ? item : {};
    const at = `endpoints[${index}]`;
    const name = literal(endpoint.name, `${at}.name`, true, problems);
    const group = literal(endpoint.group, `${at}.group`, false, problems);
    if (endpoint.enabled === false) return [];
    const dns = isRecord(endpoint.dns) ? endpoint.dns : {};
    const probesOwnSite = [endpoint.url, dns["query-name"]].some(
      (v) => typeof v === "string" && v.includes(HOSTNAME_VARIABLE),
    );
    return [{ name, group, probesOwnSite }];
  });
}

/** Names and groups are matched against Gatus's API as written: no ${VAR} in them. */
function literal(value: unknown, key: string, required: boolean, problems: string[]): string {
  if (value === undefined && !required) return "";
  if (typeof value !== "string" || value.trim() === "") {
    problems.push(`${key}: got ${JSON.stringify(value) ?? "nothing"}; must be a non-empty string`);
    return "";
  }
  if (value.includes("$")) {
    problems.push(
      `${key}: got ${JSON.stringify(value)}; must be literal (no $ substitution), because the ` +
        "health check finds the endpoint by it",
    );
  }
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
}
