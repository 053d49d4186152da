import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { readStackConfigFile, stackFromFileName } from "./stack-config-file";

function file(name: string, text: string): string {
  const f = path.join(mkdtempSync(path.join(tmpdir(), "stack-config-")), name);
  writeFileSync(f, text);
  return f;
}

describe("reading a Pulumi.<stack>.yaml like the Pulumi CLI", () => {
  it("qualifies keys without a namespace with the project, keeps others and structured values", () => {
    const { config, stack } = readStackConfigFile(
      file(
        "Pulumi.prod.yaml",
        "config:\n  aws:region: eu-west-1\n  zoneName: acme.io\n  gatus-persistent:namePrefix: status\n  aws:defaultTags:\n    tags:\n      team: sre\n",
      ),
      "gatus-persistent",
    );
    expect(stack).toBe("prod");
    expect(config).toEqual({
      "aws:region": "eu-west-1",
      "gatus-persistent:zoneName": "acme.io",
      "gatus-persistent:namePrefix": "status",
      "aws:defaultTags": { tags: { team: "sre" } },
    });
  });

  it("a file with no config: section is an empty config, left to the program to judge", () => {
    expect(
      readStackConfigFile(file("Pulumi.dev.yaml", "encryptionsalt: abc\n"), "p").config,
    ).toEqual({});
    expect(readStackConfigFile(file("Pulumi.dev.yaml", ""), "p").config).toEqual({});
  });

  it("refuses secrets it cannot decrypt, naming each key and the fix", () => {
    const f = file(
      "Pulumi.prod.yaml",
      "config:\n  alertEmail:\n    secure: v1:abc\n  aws:region: eu-west-1\n",
    );
    expect(() => readStackConfigFile(f, "gatus-persistent")).toThrow(
      `${f}: gatus-persistent:alertEmail is a secret (secure:), which synth cannot decrypt offline. Fix: copy the file and put a plain stand-in value in its place`,
    );
  });

  it.each([
    ["missing", undefined, "no such file"],
    ["not YAML", "config: [\n", "not valid YAML"],
    ["config not a mapping", "config:\n  - a\n", "config: must be a mapping"],
  ])("a %s file is one clear error", (_what, text, message) => {
    const f = text === undefined ? "/nonexistent/Pulumi.x.yaml" : file("Pulumi.x.yaml", text);
    expect(() => readStackConfigFile(f, "gatus-ephemeral")).toThrow(message);
  });

  it.each([
    ["Pulumi.prod.yaml", "prod"],
    ["/a/b/Pulumi.dev-eu.yml", "dev-eu"],
    ["Pulumi.example.yaml", "example"],
    ["settings.yaml", undefined],
    ["Pulumi.yaml", undefined],
  ])("%s names stack %s", (name, stack) => {
    expect(stackFromFileName(name)).toBe(stack);
  });
});
