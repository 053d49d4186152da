import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { compileLikePulumi, optionDifferences } from "./pulumi-compile";

// `pulumi up` does not use the root tsconfig.json: it compiles each project with ts-node and
// its own defaults (tests/engine/pulumi-compile.ts). Code that only compiles under the root
// options would pass `npm run typecheck` and fail the first `pulumi up`. `npm test` compiles
// persistent/ and ephemeral/ that way in its static checks (tests/tools/static-checks.ts),
// reusing the typecheck's parsed files; these tests pin the options and the emulation.
describe("the programs compile the way `pulumi up` compiles them", () => {
  it.each(["persistent", "ephemeral"])(
    "%s: pulumi up type-checks with the same options as npm run typecheck",
    (projectDir) => {
      expect(optionDifferences(projectDir)).toEqual([]);
    },
  );

  it("without a project tsconfig.json, Pulumi's ES2020 default rejects ES2022 library calls", () => {
    const root = mkdtempSync(path.join(tmpdir(), "pulumi-compile-"));
    mkdirSync(path.join(root, "app"));
    writeFileSync(path.join(root, "app", "index.ts"), "export const last = [1, 2].at(-1);\n");
    expect(compileLikePulumi(["app"], { root })).toEqual([
      "app/index.ts: Property 'at' does not exist on type 'number[]'. Do you need to change your target library? Try changing the 'lib' compiler option to 'es2022' or later.",
    ]);
    writeFileSync(
      path.join(root, "app", "tsconfig.json"),
      '{ "compilerOptions": { "target": "ES2022" } }\n',
    );
    expect(compileLikePulumi(["app"], { root })).toEqual([]);
  });
});
