// Dependabot keeps every pinned thing moving: the actions in the workflows AND in the composite
// action (a directory Dependabot does not scan unless told), npm, and the image's base images.
// It is the only updater: a second one (Renovate) would open duplicate pull requests.
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";
import { REPO_ROOT } from "../engine/example-config";
import { SETUP_ACTION_DIR } from "./workflows";

const update = z.looseObject({
  "package-ecosystem": z.string(),
  directory: z.string().optional(),
  directories: z.array(z.string()).optional(),
  schedule: z.looseObject({ interval: z.string() }),
  cooldown: z.looseObject({ "default-days": z.number() }).optional(),
  groups: z.record(z.string(), z.looseObject({})).optional(),
});
const config = z.looseObject({ version: z.literal(2), updates: z.array(update) });

const dependabot = config.parse(
  parse(readFileSync(path.join(REPO_ROOT, ".github", "dependabot.yml"), "utf8")),
);

function entry(ecosystem: string) {
  const found = dependabot.updates.filter((u) => u["package-ecosystem"] === ecosystem);
  expect(found, ecosystem).toHaveLength(1);
  const [only] = found;
  if (!only) throw new Error(ecosystem);
  return { ...only, dirs: only.directories ?? (only.directory ? [only.directory] : []) };
}

describe("dependabot", () => {
  it("covers the workflows and the composite action, npm, and the image", () => {
    expect(entry("github-actions").dirs.sort()).toEqual(["/", `/${SETUP_ACTION_DIR}`]);
    expect(entry("npm").dirs).toEqual(["/"]);
    expect(entry("docker").dirs).toEqual(["/image"]);
    expect(dependabot.updates).toHaveLength(3);
    for (const dir of ["image/Dockerfile", `${SETUP_ACTION_DIR}/action.yml`, "package-lock.json"]) {
      expect(existsSync(path.join(REPO_ROOT, dir)), dir).toBe(true);
    }
  });

  it("runs weekly, waits a week before proposing a release, and groups updates", () => {
    for (const u of dependabot.updates) {
      expect(u.schedule.interval, u["package-ecosystem"]).toBe("weekly");
      expect(u.cooldown?.["default-days"], u["package-ecosystem"]).toBeGreaterThanOrEqual(7);
    }
    expect(Object.keys(entry("github-actions").groups ?? {})).not.toHaveLength(0);
    // The SDK and the providers move together (the workflows' pulumi-version follows the SDK).
    expect(entry("npm").groups?.pulumi).toMatchObject({ patterns: ["@pulumi/*"] });
  });

  it("is the only dependency updater", () => {
    const renovate = [
      "renovate.json",
      "renovate.json5",
      ".renovaterc",
      ".renovaterc.json",
      ".github/renovate.json",
      ".github/renovate.json5",
      ".gitlab/renovate.json",
    ].filter((f) => existsSync(path.join(REPO_ROOT, f)));
    expect(renovate).toEqual([]);
  });
});
