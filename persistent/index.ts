// Entry point of the persistent Pulumi project: see program.ts. Kept thin so tests can run the
// program under mocks without importing a file that creates resources.
import { createPersistent } from "./program";

export = createPersistent;
