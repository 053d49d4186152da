import { defineConfig } from "vitest/config";
import { filesUsingMockEngine } from "./tests/engine/isolation.mjs";

// Pulumi's mock engine keeps its state on `global`, so a test file that runs a program under it
// gets a fresh worker of its own (`isolate: true`). Every other file shares its worker's module
// cache (`isolate: false`): re-importing the same modules per file was a third of the run.
const engineFiles = filesUsingMockEngine(import.meta.dirname);

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Vitest's default leaves one of two cores idle; the tests are CPU-bound.
    maxWorkers: "100%",
    // When a StackReference names a stack that does not exist, the Pulumi SDK rejects the read
    // twice: to the program, where the contract reader turns it into an actionable error that
    // the tests assert, and as an unhandled rejection of the resource itself. That second copy
    // is ignored.
    //
    // Pulumi's promise-leak detector (runtime/debuggable.js) registers a process "exit" handler
    // in each mock-engine file's VM context; when a worker exits after vitest has torn that
    // context down, the handler reads a global the teardown removed and throws. It checks
    // nothing about the tests, so that error is ignored too. Every other unhandled error still
    // fails the run.
    onUnhandledError: (error) =>
      /^failed to read resource .* \[pulumi:pulumi:StackReference\]: unknown stack /.test(
        error.message ?? "",
      ) ||
      (error.message === "Cannot read properties of undefined (reading 'getStore')" &&
        /@pulumi[\\/]pulumi[\\/]runtime[\\/]debuggable\.js/.test(error.stack ?? ""))
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
