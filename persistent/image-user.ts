import { readFileSync } from "node:fs";
import * as path from "node:path";

/** A numeric user and group, as `USER uid:gid` sets them in a Dockerfile. */
export interface ImageUser {
  uid: number;
  gid: number;
}

/** The Dockerfile the image is built from. */
export const DOCKERFILE = path.join(__dirname, "..", "image", "Dockerfile");

/**
 * The user the image's final stage runs as (its last `USER`), which must be numeric: scratch
 * has no /etc/passwd to look a name up in. The EFS access point enters the file system as this
 * user, so Gatus can write its database and nothing else can claim to own it.
 */
export function imageUser(dockerfile: string): ImageUser {
  const users = [...dockerfile.matchAll(/^USER\s+(\S+)\s*$/gm)].map((m) => m[1] ?? "");
  const last = users.at(-1);
  const match = /^(\d+):(\d+)$/.exec(last ?? "");
  if (match?.[1] === undefined || match[2] === undefined) {
    throw new Error(
      `image/Dockerfile: the final USER is ${JSON.stringify(last ?? null)}; it must be numeric "uid:gid" (scratch has no /etc/passwd)`,
    );
  }
  return { uid: Number(match[1]), gid: Number(match[2]) };
}

/** The user of image/Dockerfile, read now. */
export const readImageUser = (file: string = DOCKERFILE): ImageUser =>
  imageUser(readFileSync(file, "utf8"));
