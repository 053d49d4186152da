// Guardrails for image/Dockerfile, in the cdk-nag style: one invariant per rule, each a pure
// function over the Dockerfile text that returns findings (what is wrong, where, and why it
// matters). An empty list means the rule holds. This pack names every rule and runs them all;
// the same functions back the tests and can back a CI check.
import { baseImagesPinnedByDigest, finalStageIsScratch } from "./base-images";
import { builderCrossCompiles, goBuildIsStaticAndStripped } from "./build";
import {
  caCertsAndZoneinfoCopied,
  configBakedAtConfigPath,
  ociLabelsPresent,
  securityBakedBesideConfig,
} from "./contents";
import {
  entrypointIsExecForm,
  exposesGatusPort,
  finalStageRunsAsNumericNonRootUser,
  noHealthcheck,
} from "./runtime";
import { gatusSourceVerifiedAgainstCommit, gatusVersionPinned } from "./source";

/** A rule returns one message per violation; none means the invariant holds. */
type DockerfileRule = (dockerfileText: string) => string[];

/** A finding from `checkDockerfile`, tagged with the rule that produced it. */
interface RuleFinding {
  readonly rule: string;
  readonly message: string;
}

/** Every rule, keyed by the invariant it enforces (the names tests and reports use). */
export const dockerfileRules: Readonly<Record<string, DockerfileRule>> = {
  "base images must be pinned by digest": baseImagesPinnedByDigest,
  "final stage must be FROM scratch": finalStageIsScratch,
  "the Go build must cross-compile from $BUILDPLATFORM": builderCrossCompiles,
  "go build must be static, trimmed and stripped": goBuildIsStaticAndStripped,
  "final stage must run as a numeric non-root USER": finalStageRunsAsNumericNonRootUser,
  "final stage must EXPOSE 8080": exposesGatusPort,
  "ENTRYPOINT must be exec form": entrypointIsExecForm,
  "there must be no HEALTHCHECK": noHealthcheck,
  "OCI labels must be present": ociLabelsPresent,
  "CA certificates and zoneinfo must be copied into the final stage": caCertsAndZoneinfoCopied,
  "the Gatus version must be a pinned release": gatusVersionPinned,
  "the Gatus source must be verified against a pinned commit": gatusSourceVerifiedAgainstCommit,
  "the config must be baked at GATUS_CONFIG_PATH": configBakedAtConfigPath,
  "security.yaml must sit in the config directory": securityBakedBesideConfig,
};

/** Runs every rule; an empty result means the Dockerfile meets all of them. */
export function checkDockerfile(dockerfileText: string): RuleFinding[] {
  return Object.entries(dockerfileRules).flatMap(([rule, check]) =>
    check(dockerfileText).map((message) => ({ rule, message })),
  );
}
