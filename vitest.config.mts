import { defineConfig } from "vitest/config";
import { filesUsingMockEngine } from "./tests/engine/isolation.mjs";

// Pulumi's mock engine keeps its state on `global`, so a test file that runs a program under it
// gets a fresh VM context of its own (`isolate: true` in a vmForks pool: cheaper than a process,
// as isolated for state on `global`). Every other file shares its worker's module cache
// (`isolate: false`): re-importing the same modules per file was a third of the run.
const engineFiles = filesUsingMockEngine(import.meta.dirname);

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Vitest's default leaves one of two cores idle; the tests are CPU-bound.
    maxWorkers: "100%",
    // When a StackReference names a stack that does not exist, the Pulumi SDK rejects the read
    // twice: to the program, where the contract reader turns it into an actionable error that
    // the tests assert, and as an unhandled rejection of the resource itself. Only that second
    // copy is ignored; every other unhandled error still fails the run. (The SDK's exit-time
    // leak detector, which outlived a file's VM context, is removed by runProgram itself.)
    onUnhandledError: (error) =>
      /^failed to read resource .* \[pulumi:pulumi:StackReference\]: unknown stack /.test(
        error.message ?? "",
      )
        ? false
        : undefined,
    projects: [
      {
        extends: true,
        test: { name: "mock-engine", include: engineFiles, isolate: true, pool: "vmForks" },
      },
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/**/*.test.ts"],
          exclude: engineFiles,
          isolate: false,
        },
      },
    ],
  },
});
