// Gatus's /api/v1/endpoints/statuses answers, built from Gatus's own API test so their shape is
// upstream's, not our guess: field names, omitted empty fields, durations in nanoseconds,
// results oldest first.

/** Where UPSTREAM_STATUSES comes from, at the Gatus version image/Dockerfile pins. */
export const UPSTREAM_FIXTURE_SOURCE = {
  path: "api/endpoint_status_test.go",
  test: 'TestEndpointStatuses, scenario "no-pagination", ExpectedBody',
} as const;

/**
 * Verbatim (a test compares it with the upstream file when Gatus's source is at hand): one
 * endpoint "group_name" with two results, a success and then, newest last, a failure.
 */
export const UPSTREAM_STATUSES = String.raw`[{"name":"name","group":"group","key":"group_name","results":[{"status":200,"hostname":"example.org","duration":150000000,"conditionResults":[{"condition":"[STATUS] == 200","success":true},{"condition":"[RESPONSE_TIME] \u003c 500","success":true},{"condition":"[CERTIFICATE_EXPIRATION] \u003c 72h","success":true}],"success":true,"timestamp":"0001-01-01T00:00:00Z"},{"status":200,"hostname":"example.org","duration":750000000,"errors":["error-1","error-2"],"conditionResults":[{"condition":"[STATUS] == 200","success":true},{"condition":"[RESPONSE_TIME] \u003c 500","success":false},{"condition":"[CERTIFICATE_EXPIRATION] \u003c 72h","success":false}],"success":false,"timestamp":"0001-01-01T00:00:00Z"}]}]`;

interface UpstreamResult {
  success: boolean;
  [field: string]: unknown;
}
interface UpstreamStatus {
  name: string;
  group: string;
  key: string;
  results: UpstreamResult[];
}

const [template] = JSON.parse(UPSTREAM_STATUSES) as [UpstreamStatus];
const [SUCCESS, FAILURE] = template.results as [UpstreamResult, UpstreamResult];

/** Upstream's successful and failed result (the failure has errors and failed conditions). */
export const RESULT = { success: SUCCESS, failure: FAILURE } as const;

/**
 * One endpoint as Gatus lists it, upstream's template renamed: `results` oldest first, as the
 * API sends them. The key is built the way Gatus builds simple keys (config/key/key.go).
 */
export function endpointStatus(
  group: string,
  name: string,
  results: readonly UpstreamResult[],
): UpstreamStatus {
  return { ...template, name, group, key: `${group}_${name}`, results: [...results] };
}

export type Health = "green" | "red" | "none";

/** A statuses answer for `endpoints` ("group/name" → health); "none" = listed without results. */
export function statuses(endpoints: Record<string, Health>): UpstreamStatus[] {
  return Object.entries(endpoints).map(([id, health]) => {
    const [group = "", name = ""] = id.split("/");
    const results =
      health === "green" ? [FAILURE, SUCCESS] : health === "red" ? [SUCCESS, FAILURE] : [];
    return endpointStatus(group, name, results);
  });
}

/** The endpoints of image/config.yaml, all green: what a healthy deployment answers. */
export const ALL_GREEN: Record<string, Health> = {
  "this-deployment/website": "green",
  "this-deployment/dns": "green",
  "upstreams/github": "green",
  "upstreams/pulumi-cloud": "green",
  "upstreams/aws-health-dashboard": "green",
};
