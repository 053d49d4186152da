// Runtime: how the final image runs Gatus. A numeric non-root USER (provable as non-root by ECS),
// EXPOSE of the port the ALB forwards to, an exec-form ENTRYPOINT so Gatus is PID 1 and gets
// SIGTERM, and no HEALTHCHECK, which scratch could not run and ECS ignores.
import { Entrypoint, Healthcheck, User } from "dockerfile-ast";
import { parseDockerfile } from "./parse";
import { finalStage, instructionsOf, keywordIn, lineOf } from "./queries";

/** The port Gatus listens on (`web.port` in image/config.yaml); the ALB forwards to it. */
export const GATUS_PORT = 8080;

/** The final stage ends with a numeric, non-root `USER uid[:gid]`. */
export function finalStageRunsAsNumericNonRootUser(dockerfileText: string): string[] {
  const stage = finalStage(parseDockerfile(dockerfileText));
  if (stage === undefined) return ["the Dockerfile has no FROM instruction"];
  const users = instructionsOf(stage, User);
  const user = users[users.length - 1];
  if (user === undefined) {
    return [
      "the final stage sets no USER, so Gatus runs as root (UID 0); a compromise of the " +
        "process would be a root compromise of the container.",
    ];
  }
  const value = user.getArgumentsContent() ?? "";
  const numeric = /^(\d+)(?::(\d+))?$/.exec(value);
  if (numeric === null) {
    return [
      `line ${lineOf(user)}: USER ${value} is not numeric; scratch has no /etc/passwd to resolve ` +
        `names, and ECS/Kubernetes can only prove non-root from a numeric UID.`,
    ];
  }
  const [, uid, gid] = numeric;
  if (Number(uid) === 0 || (gid !== undefined && Number(gid) === 0)) {
    return [`line ${lineOf(user)}: USER ${value} is root (UID or GID 0); use 65532:65532.`];
  }
  return [];
}

/** The final stage documents Gatus's port with `EXPOSE 8080`. */
export function exposesGatusPort(dockerfileText: string): string[] {
  const stage = finalStage(parseDockerfile(dockerfileText));
  if (stage === undefined) return ["the Dockerfile has no FROM instruction"];
  const ports = keywordIn(stage, "EXPOSE").flatMap((expose) =>
    expose.getArguments().map((argument) => argument.getValue()),
  );
  if (ports.includes(String(GATUS_PORT)) || ports.includes(`${GATUS_PORT}/tcp`)) return [];
  return [
    `the final stage does not EXPOSE ${GATUS_PORT} (found: ${ports.join(", ") || "none"}); it ` +
      `is the port Gatus serves and the ALB target group forwards to.`,
  ];
}

/** ENTRYPOINT is exec form, so Gatus is PID 1 and receives SIGTERM from ECS. */
export function entrypointIsExecForm(dockerfileText: string): string[] {
  const stage = finalStage(parseDockerfile(dockerfileText));
  if (stage === undefined) return ["the Dockerfile has no FROM instruction"];
  const entrypoints = instructionsOf(stage, Entrypoint);
  const entrypoint = entrypoints[entrypoints.length - 1];
  if (entrypoint === undefined) return ["the final stage has no ENTRYPOINT"];
  const isJsonArray =
    entrypoint.getOpeningBracket() !== null &&
    entrypoint.getClosingBracket() !== null &&
    entrypoint.getJSONStrings().length > 0;
  if (isJsonArray) return [];
  return [
    `line ${lineOf(entrypoint)}: ENTRYPOINT is shell form; that needs /bin/sh (absent in ` +
      `scratch) and would keep SIGTERM from reaching Gatus. Write ENTRYPOINT ["/gatus"].`,
  ];
}

/** No HEALTHCHECK: scratch has no shell or curl to run one; the ALB and the pipeline check. */
export function noHealthcheck(dockerfileText: string): string[] {
  const dockerfile = parseDockerfile(dockerfileText);
  return dockerfile.stages
    .flatMap((stage) => instructionsOf(stage, Healthcheck))
    .filter((healthcheck) => healthcheck.getArguments()[0]?.getValue().toUpperCase() !== "NONE")
    .map(
      (healthcheck) =>
        `line ${lineOf(healthcheck)}: HEALTHCHECK in a scratch image has nothing to run (no ` +
        `shell, no curl) and ECS ignores image health checks; health is the ALB target ` +
        `group's /health probe and the CD pipeline's job.`,
    );
}
