import { describe, expect, it } from "vitest";
import { runPersistent } from "../persistent/run";

// runProgram removes the `process.on("exit")` leak detector the SDK adds: in a test file's VM
// context it would outlive the context and throw at the worker's exit (tests/engine/run-program.ts).
describe("the mock engine leaves no process hook behind", () => {
  const added = (before: unknown[]) => process.listeners("exit").filter((l) => !before.includes(l));

  it("after a run", async () => {
    const before = process.listeners("exit");
    await runPersistent();
    expect(added(before)).toEqual([]);
  });

  it("after a run whose program fails", async () => {
    const before = process.listeners("exit");
    await expect(runPersistent({ "gatus-persistent:zoneName": "not a zone" })).rejects.toThrow();
    expect(added(before)).toEqual([]);
  });
});
