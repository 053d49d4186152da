import * as runtimeConfig from "@pulumi/pulumi/runtime/config";

/**
 * Whether a config key (`<project>:<key>`) is stored encrypted in the stack's config. The Pulumi
 * Node SDK answers this with `isConfigSecret` (runtime/config.js, from the engine's
 * PULUMI_CONFIG_SECRET_KEYS), which its typings mark internal: a test fails if an SDK upgrade
 * drops it, rather than every secret silently passing as plain text or the reverse.
 */
export function isConfigSecret(key: string): boolean {
  const sdk = runtimeConfig as unknown as { isConfigSecret?: (k: string) => boolean };
  if (typeof sdk.isConfigSecret !== "function") {
    throw new Error(
      "@pulumi/pulumi no longer exports runtime/config isConfigSecret; persistent/lib/config-secrets.ts needs another way to tell secret config values",
    );
  }
  return sdk.isConfigSecret(key);
}
