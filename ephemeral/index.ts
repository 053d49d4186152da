// Entry point of the ephemeral Pulumi project: see program.ts. Kept thin so tests can run the
// program under mocks without importing a file that creates resources.
import { createEphemeral } from "./program";

export = () => createEphemeral();
