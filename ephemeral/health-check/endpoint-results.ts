// Judges Gatus's /api/v1/endpoints/statuses answer: every endpoint of this deployment's own group
// must have a newest result with success: true. Merely having results proves nothing (lesson 14):
// a deployment whose every monitor fails still has results.
import type { AttemptOutcome } from "./poll";

export interface EndpointRef {
  group: string;
  name: string;
}

export interface Expectations {
  /** The group whose endpoints probe this deployment (image/config.yaml's ${GATUS_HOSTNAME} ones). */
  ownGroup: string;
  /** Every endpoint the config makes Gatus monitor. */
  endpoints: readonly EndpointRef[];
  /** Also require the other groups' endpoints (upstreams); by default they are only reported. */
  requireUpstreams: boolean;
}

export type EndpointState = "success" | "failing" | "no-result";

export interface EndpointReport extends EndpointRef {
  /** Whether this endpoint's result decides the check. */
  required: boolean;
  state: EndpointState;
  /** The newest result in one line: its time, or what failed. */
  detail: string;
}

export interface Judgement {
  outcome: AttemptOutcome;
  /** Every configured endpoint (own group first), then any Gatus lists beyond the config. */
  endpoints: EndpointReport[];
}

interface Newest {
  success: boolean;
  timestamp?: string;
  failedConditions: string[];
  errors: string[];
}

/** `body` is the parsed JSON of a 200 answer. */
export function judgeEndpoints(body: unknown, expect: Expectations): Judgement {
  if (!Array.isArray(body)) {
    return {
      outcome: { kind: "retry", reason: "HTTP 200 but the body is not a JSON array of endpoints" },
      endpoints: [],
    };
  }
  const listed = new Map<string, { ref: EndpointRef; newest: Newest | undefined }>();
  for (const item of body as unknown[]) {
    if (!isRecord(item)) continue;
    const ref = { group: stringOf(item.group), name: stringOf(item.name) };
    listed.set(keyOf(ref), { ref, newest: newestOf(item) });
  }
  const isRequired = (e: EndpointRef) => expect.requireUpstreams || e.group === expect.ownGroup;
  // Own group first: the rows that decide the check lead the summary.
  const configured = [...expect.endpoints].sort(
    (a, b) => Number(b.group === expect.ownGroup) - Number(a.group === expect.ownGroup),
  );
  const known = new Set(configured.map(keyOf));
  const extra = [...listed.values()].filter(({ ref }) => !known.has(keyOf(ref)));
  const endpoints = [
    ...configured.map((e) => report(e, isRequired(e), listed.get(keyOf(e))?.newest)),
    ...extra.map(({ ref, newest }) => {
      const row = report(ref, false, newest);
      return { ...row, detail: `${row.detail} (not in the config)` };
    }),
  ];
  return { outcome: verdict(endpoints, expect), endpoints };
}

/** `group/name`, how people (and the summary) name an endpoint. */
export function endpointId(e: EndpointRef): string {
  return `${e.group}/${e.name}`;
}

function verdict(endpoints: readonly EndpointReport[], expect: Expectations): AttemptOutcome {
  const required = endpoints.filter((e) => e.required);
  if (required.length === 0) {
    return { kind: "fatal", reason: `no configured endpoint is in group "${expect.ownGroup}"` };
  }
  const notYet = required.filter((e) => e.state !== "success");
  const scope = expect.requireUpstreams ? "configured" : `"${expect.ownGroup}"`;
  if (notYet.length > 0) {
    return {
      kind: "retry",
      reason: notYet.map((e) => `${endpointId(e)}: ${e.detail}`).join("; "),
    };
  }
  const reported = endpoints.filter((e) => !e.required);
  const failing = reported.filter((e) => e.state !== "success");
  const others =
    reported.length === 0
      ? ""
      : failing.length === 0
        ? `; other endpoints: all ${reported.length} succeeded (reported only)`
        : `; reported only, not succeeding: ${failing.map(endpointId).join(", ")}`;
  return {
    kind: "done",
    detail: `all ${required.length} ${scope} endpoint(s) succeeded on their newest result${others}`,
  };
}

function report(ref: EndpointRef, required: boolean, newest: Newest | undefined): EndpointReport {
  const base = { group: ref.group, name: ref.name, required };
  if (newest === undefined) return { ...base, state: "no-result", detail: "no result yet" };
  const at = newest.timestamp === undefined ? "" : ` at ${newest.timestamp}`;
  if (newest.success) return { ...base, state: "success", detail: `success${at}` };
  const why = [
    ...newest.failedConditions.map((c) => `${c} failed`),
    ...newest.errors.map((e) => `error: ${e}`),
  ];
  return {
    ...base,
    state: "failing",
    detail: `newest result failed${at}${why.length > 0 ? ` (${truncate(why.join(", "))})` : ""}`,
  };
}

/** Gatus sends results oldest first: the newest is the last one. */
function newestOf(status: Record<string, unknown>): Newest | undefined {
  const results = Array.isArray(status.results) ? (status.results as unknown[]) : [];
  const newest = results.at(-1);
  if (!isRecord(newest)) return undefined;
  const conditions = Array.isArray(newest.conditionResults)
    ? (newest.conditionResults as unknown[])
    : [];
  return {
    success: newest.success === true,
    ...(typeof newest.timestamp === "string" ? { timestamp: newest.timestamp } : {}),
    failedConditions: conditions
      .filter((c) => isRecord(c) && c.success !== true)
      .map((c) => stringOf((c as Record<string, unknown>).condition)),
    errors: Array.isArray(newest.errors) ? newest.errors.map(stringOf) : [],
  };
}

/** Exact, whatever characters group and name contain. */
function keyOf(e: EndpointRef): string {
  return JSON.stringify([e.group, e.name]);
}

function stringOf(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Errors can quote whole response bodies; the summary needs one short line. */
function truncate(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > 200 ? `${oneLine.slice(0, 200)}…` : oneLine;
}
