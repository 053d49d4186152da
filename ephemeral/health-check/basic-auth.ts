// The dashboard's basic-auth login, for a Gatus whose `security.basic` protects the statuses
// API (Gatus v5.36.0 api/api.go: /health stays public, /api/v1/endpoints/statuses does not).
// Read from the environment only: argv is visible to every process on the runner (`ps`).
import type { Env } from "./args";

/** The variables the CLI reads; the CD workflow sets them from repository secrets. */
export const CREDENTIAL_VARIABLES = {
  username: "GATUS_DASHBOARD_USERNAME",
  password: "GATUS_DASHBOARD_PASSWORD",
} as const;

export interface BasicCredentials {
  username: string;
  password: string;
}

/** Both variables or neither; problems name the variables, never their values. */
export function readBasicCredentials(env: Env, problems: string[]): BasicCredentials | undefined {
  // Spelt out (not env[CREDENTIAL_VARIABLES.x]) so the test that lists what the CLI reads sees them.
  const username = nonEmpty(env.GATUS_DASHBOARD_USERNAME);
  const password = nonEmpty(env.GATUS_DASHBOARD_PASSWORD);
  if (username === undefined && password === undefined) return undefined;
  if (username === undefined || password === undefined) {
    const missing =
      username === undefined ? CREDENTIAL_VARIABLES.username : CREDENTIAL_VARIABLES.password;
    problems.push(
      `${missing}: not set; ${CREDENTIAL_VARIABLES.username} and ${CREDENTIAL_VARIABLES.password} go together (the dashboard's login)`,
    );
    return undefined;
  }
  // RFC 7617: the user-id ends at the first colon, so one inside it can never match.
  if (username.includes(":")) {
    problems.push(`${CREDENTIAL_VARIABLES.username}: must not contain ":" (RFC 7617)`);
    return undefined;
  }
  return { username, password };
}

/** The Authorization header value (RFC 7617, UTF-8). */
export function basicAuthorization(credentials: BasicCredentials): string {
  const token = Buffer.from(`${credentials.username}:${credentials.password}`, "utf8");
  return `Basic ${token.toString("base64")}`;
}

/** Why a statuses request got 401, and the one thing that fixes it. */
export function unauthorizedReason(sentCredentials: boolean): string {
  const { username, password } = CREDENTIAL_VARIABLES;
  return sentCredentials
    ? `the dashboard refused the login in ${username} and ${password}: they must be the ` +
        `persistent stack's dashboardUsername and the password hashed into dashboardPasswordBcryptBase64`
    : `the dashboard is protected: set ${username} and ${password} to its login (the CD ` +
        `workflow passes the DASHBOARD_USERNAME and DASHBOARD_PASSWORD repository secrets)`;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
