// `npm run check`: typecheck, ESLint, Prettier and the Pulumi-style compile in one pass
// (tests/tools/static-checks.ts). Same verdict as `npm run typecheck && npm run lint`, faster.
import { report, staticChecks } from "./static-checks";

staticChecks()
  .then((results) => process.exit(report(results) ? 0 : 1))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
