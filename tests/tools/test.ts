// `npm test`: the static checks (tests/tools/static-checks.ts) and vitest at the same time, on
// this machine's two cores; arguments go to vitest. Vitest prints as it runs; the static
// checks' findings follow. Fails if either part fails.
import { spawn } from "node:child_process";
import * as path from "node:path";
import { report, staticChecks } from "./static-checks";

function vitest(args: string[]): Promise<boolean> {
  return new Promise((resolve) => {
    const bin = path.join(path.dirname(require.resolve("vitest/package.json")), "vitest.mjs");
    const child = spawn(process.execPath, [bin, "run", ...args], { stdio: "inherit" });
    child.on("close", (code) => resolve(code === 0));
  });
}

async function main(): Promise<void> {
  const [checks, tests] = await Promise.all([staticChecks(), vitest(process.argv.slice(2))]);
  const checksPassed = report(checks);
  process.exit(checksPassed && tests ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
