// The dashboard login's values: Gatus base64url-decodes the hash and hands it to bcrypt
// (security/config.go, ApplySecurityMiddleware at v5.36.0), so anything else either stops
// Gatus at start or refuses every password; both are caught here, before a deploy.
import { describe, expect, it } from "vitest";
import { DASHBOARD_SECRETS } from "../../persistent/gatus-variables";
import { DASHBOARD_LOGIN } from "../helpers/dashboard-login";

const [username, hash] = DASHBOARD_SECRETS;
const hashFromReadme = Buffer.from(DASHBOARD_LOGIN.passwordBcryptBase64, "base64").toString();
const b64 = (text: string) => Buffer.from(text).toString("base64");

describe("dashboardPasswordBcryptBase64", () => {
  it.each([
    ["Gatus's README example ($2a$)", DASHBOARD_LOGIN.passwordBcryptBase64],
    ["htpasswd's $2y$", b64(hashFromReadme.replace("$2a$", "$2y$"))],
    ["a $2b$ hash", b64(hashFromReadme.replace("$2a$", "$2b$"))],
  ])("accepts %s", (_case, value) => expect(hash?.problemOf(value)).toBeUndefined());

  it.each([
    ["the password itself", "hunter2", "not the password itself"],
    ["the hash, not base64", hashFromReadme, "on one line"],
    [
      "base64 wrapped at 76 columns, as GNU base64 does",
      b64(hashFromReadme).replace(/(.{76})/, "$1\n"),
      "on one line",
    ],
    ["a truncated hash", b64(hashFromReadme.slice(0, 40)), "one whole bcrypt hash"],
    [
      "an MD5 htpasswd line",
      b64("$apr1$abcdefgh$0123456789abcdefghijkl"),
      "not the password itself",
    ],
    [
      "cost 03 (bcrypt's minimum is 04)",
      b64(hashFromReadme.replace("$10$", "$03$")),
      "one whole bcrypt hash",
    ],
  ])("refuses %s", (_case, value, problem) => expect(hash?.problemOf(value)).toContain(problem));
});

describe("dashboardUsername", () => {
  it.each(["ops", "john.doe", "sre@example.com"])("accepts %s", (value) =>
    expect(username?.problemOf(value)).toBeUndefined(),
  );

  // A colon ends the user-id in a Basic Authorization header (RFC 7617); a quote breaks the YAML.
  it.each(["ops:admin", 'o"ps', "", "a b", "x".repeat(65)])("refuses %j", (value) =>
    expect(username?.problemOf(value)).toBeDefined(),
  );
});
