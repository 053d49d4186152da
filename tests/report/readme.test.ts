import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../engine/example-config";
import { endMarker, startMarker } from "./readme";

describe("README.md's generated cost block", () => {
  // Prettier pads Markdown tables; inside the block that would make the README differ from
  // what `npm run synth -- --update-readme` writes, and the staleness test fail.
  it("sits inside a Prettier ignore range, so formatting never rewrites its tables", () => {
    const readme = readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    const block = new RegExp(
      `<!-- prettier-ignore-start -->\\n${startMarker("cost")}[\\s\\S]*?${endMarker("cost")}\\n<!-- prettier-ignore-end -->`,
    );
    expect(readme).toMatch(block);
  });
});
