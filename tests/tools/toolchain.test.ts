import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { goTool, olderGo } from "../helpers/go-tools";
import { installOnce, unavailable } from "../helpers/toolchain";

describe("tools the tests install for themselves", () => {
  const ci = process.env.CI;
  afterEach(() => {
    if (ci === undefined) delete process.env.CI;
    else process.env.CI = ci;
    vi.restoreAllMocks();
  });

  it("a missing toolchain skips with the reason and the fix outside CI", () => {
    delete process.env.CI;
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    expect(unavailable("gatus needs Go, and go is not on PATH", "install Go")).toEqual({
      skip: "gatus needs Go, and go is not on PATH (install Go)",
    });
  });

  it("under CI=true a missing toolchain fails instead of skipping", () => {
    process.env.CI = "true";
    expect(() => unavailable("gatus needs Go, and go is not on PATH", "install Go")).toThrow(
      /^CI=true and gatus needs Go, and go is not on PATH: under CI no test may skip\. install Go$/,
    );
  });

  it("a failed install leaves neither the tool nor its temporary directory behind", () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "toolchain-")), "tool");
    expect(() =>
      installOnce(dir, () => {
        throw new Error("download failed");
      }),
    ).toThrow("download failed");
    expect(existsSync(dir)).toBe(false);
    expect(existsSync(`${dir}.tmp-${process.pid}`)).toBe(false);
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });

  it("waits for another process's install of the same tool instead of building it twice", async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "toolchain-")), "tool");
    // Another test worker: holds the lock for a moment, then puts the tool in place.
    const holder = spawn(
      process.execPath,
      [
        "-e",
        `const fs = require("node:fs");
         fs.mkdirSync(process.argv[1] + ".lock");
         fs.writeFileSync(process.argv[1] + ".lock/pid", String(process.pid));
         process.stdout.write("locked\\n");
         setTimeout(() => { fs.mkdirSync(process.argv[1]); fs.rmSync(process.argv[1] + ".lock", { recursive: true }); }, 400);`,
        dir,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    await new Promise((resolve) => holder.stdout.once("data", resolve));
    let builds = 0;
    installOnce(dir, () => builds++);
    expect(builds).toBe(0);
    expect(existsSync(dir)).toBe(true);
  });

  it("takes over the lock of a process that died mid-install", () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "toolchain-")), "tool");
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
      encoding: "utf8",
    }).stdout;
    mkdirSync(`${dir}.lock`);
    writeFileSync(path.join(`${dir}.lock`, "pid"), dead);
    installOnce(dir, (tmp) => mkdirSync(tmp));
    expect(existsSync(dir)).toBe(true);
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });

  it("installs once: an existing tool is not rebuilt", () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "toolchain-")), "tool");
    let builds = 0;
    const build = (tmp: string) => {
      builds++;
      mkdirSync(tmp);
      writeFileSync(path.join(tmp, "marker"), "");
    };
    installOnce(dir, build);
    installOnce(dir, build);
    expect(builds).toBe(1);
    expect(existsSync(path.join(dir, "marker"))).toBe(true);
  });
});

describe("Go for the Gatus build", () => {
  const saved = { CI: process.env.CI, PATH: process.env.PATH };
  afterEach(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    vi.restoreAllMocks();
  });

  it("without go on PATH, skips with the reason outside CI and fails under CI=true", () => {
    process.env.PATH = path.join(tmpdir(), "no-such-directory");
    delete process.env.CI;
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    expect(goTool().skip).toMatch(
      /^building Gatus needs Go, and no go answers on PATH \(install Go/,
    );
    process.env.CI = "true";
    expect(() => goTool()).toThrow(/^CI=true and building Gatus needs Go/);
  });

  it.each([
    ["go1.26.8", "1.26.3", false],
    ["go1.26.3", "1.26.3", false],
    ["go1.26.2", "1.26.3", true],
    ["go1.25.9", "1.26", true],
    ["go1.27", "1.26.3", false],
  ])("%s is older than %s: %s", (have, need, older) => {
    expect(olderGo(have, need)).toBe(older);
  });
});
