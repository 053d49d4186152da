import { defineConfig } from "vitest/config";

// Each test file runs in its own forked process (vitest's default), which matters here:
// the Pulumi mock engine keeps its state on `global`, so files must not share a process.
export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // When a StackReference names a stack that does not exist, the Pulumi SDK rejects the read
    // twice: to the program, where the contract reader turns it into an actionable error that
    // the tests assert, and as an unhandled rejection of the resource itself. Only that second
    // copy is ignored; every other unhandled error still fails the run.
    onUnhandledError: (error: Error) =>
      /^failed to read resource .* \[pulumi:pulumi:StackReference\]: unknown stack /.test(
        error.message,
      )
        ? false
        : undefined,
  },
});
