import { defineConfig } from "vitest/config";

// Each test file runs in its own forked process (vitest's default), which matters here:
// the Pulumi mock engine keeps its state on `global`, so files must not share a process.
export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
