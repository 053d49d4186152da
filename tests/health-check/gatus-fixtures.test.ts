import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { gatusSource } from "../helpers/gatus-build";
import { UPSTREAM_FIXTURE_SOURCE, UPSTREAM_STATUSES } from "./gatus-fixtures";

const source = gatusSource();

describe.skipIf(source.skip !== undefined)(
  `the statuses fixture is Gatus's own${source.skip ? ` (skipped: ${source.skip})` : ""}`,
  () => {
    it(`appears verbatim in ${UPSTREAM_FIXTURE_SOURCE.path} (${UPSTREAM_FIXTURE_SOURCE.test}) at the pinned version`, () => {
      const test = readFileSync(path.join(source.path ?? "", UPSTREAM_FIXTURE_SOURCE.path), "utf8");
      expect(test).toContain(`ExpectedBody: \`${UPSTREAM_STATUSES}\``);
    });
  },
);
