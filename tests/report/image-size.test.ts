import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { gatusBinary } from "../helpers/gatus-build";
import { imageSizeLine, measureImageSize, SEED_IMAGE_MB } from "./image-size";

describe("the image size line of the offline report", () => {
  it("adds up binary, CA bundle and zoneinfo, and shows the seed's 24 MB next to it", () => {
    expect(SEED_IMAGE_MB).toBe(24);
    expect(
      imageSizeLine({
        kind: "measured",
        binary: "Gatus v5.36.0 linux/arm64",
        binaryBytes: 33_095_842,
        caBundleBytes: 219_597,
        zoneinfoBytes: 1_492_276,
        compressedBytes: 12_600_000,
      }),
    ).toBe(
      "image size (estimate): Gatus v5.36.0 linux/arm64 binary 33.1 MB + CA bundle 0.2 MB + zoneinfo 1.5 MB = 34.8 MB uncompressed, about 12.6 MB compressed (the seed's headline: 24 MB)",
    );
  });

  it("says why when it could not measure", () => {
    expect(imageSizeLine({ kind: "not-measured", reason: "no go on PATH (install Go)" })).toBe(
      "image size: not measured: no go on PATH (install Go) (the seed's headline: 24 MB)",
    );
  });

  it("a report (build: false) never starts a build: an unbuilt binary is not measured, with the reason", () => {
    const size = measureImageSize("ARM64", { build: false });
    if (size.kind === "not-measured") {
      expect(size.reason).toMatch(/not built here yet \(npm test builds it once, with Go\)|no go/);
    } else {
      expect(size.binaryBytes).toBeGreaterThan(0); // already built by an earlier test run
    }
  });

  it("says which file is missing on this machine", () => {
    const size = measureImageSize("ARM64", {
      files: { caBundle: "/nonexistent/ca-certificates.crt", zoneinfo: "/usr/share/zoneinfo" },
    });
    // Without Go (outside CI) the binary is what is missing; with Go, the CA bundle.
    expect(size).toMatchObject({ kind: "not-measured" });
    if (gatusBinary("arm64").skip === undefined) {
      expect(size).toEqual({
        kind: "not-measured",
        reason: "no /nonexistent/ca-certificates.crt on this machine to measure",
      });
    }
  });
});

const arm64 = gatusBinary("arm64");

describe.skipIf(arm64.skip !== undefined)(
  `the measured Gatus binary${arm64.skip ? ` (skipped: ${arm64.skip})` : ""}`,
  () => {
    it("is built as image/Dockerfile builds it, for the default task (ARM64)", () => {
      const info = execFileSync("go", ["version", "-m", arm64.path ?? ""], { encoding: "utf8" });
      for (const setting of ["-trimpath=true", "CGO_ENABLED=0", "GOOS=linux", "GOARCH=arm64"]) {
        expect(info).toMatch(new RegExp(`^\\s+build\\s+${setting}$`, "m"));
      }
      expect(info).toMatch(/^\s+path\s+github\.com\/TwiN\/gatus\/v5$/m);
    });

    it("gives a plausible size: a stripped static binary of tens of megabytes", () => {
      const size = measureImageSize("ARM64");
      if (size.kind !== "measured") throw new Error(size.reason);
      expect(size.binaryBytes).toBeGreaterThan(10e6);
      expect(size.binaryBytes).toBeLessThan(100e6);
      expect(size.compressedBytes).toBeLessThan(size.binaryBytes);
      expect(imageSizeLine(size)).toMatch(
        /^image size \(estimate\): Gatus v5\.36\.0 linux\/arm64 binary \d+\.\d MB \+ .* = \d+\.\d MB uncompressed/,
      );
    });
  },
);
