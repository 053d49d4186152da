import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { gatusRecipe, resolvedEnv } from "../helpers/gatus-recipe";

const dockerfile = readFileSync(path.join(__dirname, "..", "..", "image", "Dockerfile"), "utf8");

/** The Dockerfile with its `go build` RUN replaced. */
const withBuild = (run: string) =>
  dockerfile.replace(/^RUN CGO_ENABLED=0 [^\n]*\\\n[^\n]*\n/m, `${run}\n`);

describe("the Gatus build recipe the tests read from image/Dockerfile", () => {
  it("is the pinned release, its commit and the exact go build environment and flags", () => {
    expect(gatusRecipe(dockerfile)).toEqual({
      version: "v5.36.0",
      commit: "ed1107b41a30e22047eecfb6dbc3be5e39829d5a",
      module: "github.com/TwiN/gatus/v5",
      env: { CGO_ENABLED: "0", GOOS: "$TARGETOS", GOARCH: "$TARGETARCH" },
      flags: ["-trimpath", "-ldflags", "-s -w"],
      pkg: ".",
    });
  });

  it("resolves TARGETOS and TARGETARCH the way BuildKit does for the task's platform", () => {
    expect(resolvedEnv(gatusRecipe(dockerfile), "arm64")).toEqual({
      CGO_ENABLED: "0",
      GOOS: "linux",
      GOARCH: "arm64",
    });
  });

  it("follows a flag change in the Dockerfile", () => {
    const recipe = gatusRecipe(
      withBuild(
        'RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=${TARGETARCH} go build -trimpath -tags netgo -ldflags "-s -w -X main.x=1" -o /out/gatus .',
      ),
    );
    expect(recipe.flags).toEqual(["-trimpath", "-tags", "netgo", "-ldflags", "-s -w -X main.x=1"]);
    expect(resolvedEnv(recipe, "amd64").GOARCH).toBe("amd64");
  });

  it.each([
    ["a command chained after go build", "RUN go build -o /out/gatus . && strip /out/gatus"],
    ["a variable among the flags", 'RUN go build -ldflags "$LDFLAGS" -o /out/gatus .'],
    ["no -o", "RUN go build ."],
  ])("refuses to guess at %s, naming the line", (_name, run) => {
    expect(() => gatusRecipe(withBuild(run))).toThrow(
      /^image\/Dockerfile line \d+: cannot read the go build command \(.+\); tests\/helpers\/gatus-recipe\.ts reads/,
    );
  });

  it("needs exactly one go build", () => {
    expect(() => gatusRecipe(withBuild("RUN true"))).toThrow(
      "image/Dockerfile has 0 RUN with `go build`; expected one",
    );
  });

  it("derives the module path from the major version", () => {
    const v6 = dockerfile.replace("ARG GATUS_VERSION=v5.36.0", "ARG GATUS_VERSION=v6.0.0");
    expect(gatusRecipe(v6).module).toBe("github.com/TwiN/gatus/v6");
  });
});
