/**
 * A dashboard login whose hash Gatus's own README documents (v5.36.0, "Basic Authentication":
 * john.doe / hunter2, bcrypt cost 10): the tests use a fixed hash because hashing salts anew
 * every time, and no program input may change between two runs.
 */
export const DASHBOARD_LOGIN = {
  username: "john.doe",
  password: "hunter2",
  passwordBcryptBase64:
    "JDJhJDEwJHRiMnRFakxWazZLdXBzRERQazB1TE8vckRLY05Yb1hSdnoxWU0yQ1FaYXZRSW1McmladDYu",
} as const;
