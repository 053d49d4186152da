import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { NAME_HASH_LENGTH } from "../persistent/lib/resource-prefix";

/** The inputs that force a resource's replacement, by name. */
export type ReplacementInputs = Record<string, pulumi.Input<string | number | boolean>>;

/**
 * A fixed physical name for a resource that AWS keeps unique and something else must name
 * exactly (a deploy-role grant): `<prefix>-<hash>`, the hash over every input that forces the
 * resource's replacement. Pulumi creates a replacement before it deletes the resource replaced,
 * so the two must not share a name; with the hash they share one only when none of those inputs
 * changed, and then nothing is replaced. Where nothing needs the name, leave it to Pulumi's
 * auto-naming or a `namePrefix` instead: either is generated anew for each replacement.
 */
export function replacementName(prefix: string, inputs: ReplacementInputs): pulumi.Output<string> {
  return pulumi.output(inputs).apply((resolved) => {
    // Sorted keys: the name depends on the values, never on the order they were listed in.
    const canonical = JSON.stringify(
      Object.entries(resolved).sort(([a], [b]) => a.localeCompare(b)),
    );
    const hash = createHash("sha256").update(canonical).digest("hex").slice(0, NAME_HASH_LENGTH);
    return `${prefix}-${hash}`;
  });
}
