import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
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
