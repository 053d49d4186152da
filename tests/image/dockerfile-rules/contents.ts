// Contents: what the final image must carry beyond the binary. OCI labels (which version, source
// and licence an image holds), the CA bundle and time zone database that scratch lacks, and the
// config baked at the path GATUS_CONFIG_PATH names, versioned with the image, and the dashboard's
// security.yaml beside it (read only when the task points GATUS_CONFIG_PATH at the directory).
import { Copy, Label } from "dockerfile-ast";
import { IMAGE_CONFIG_DIR, IMAGE_CONFIG_FILE } from "../../../persistent/gatus-variables";
import { parseDockerfile } from "./parse";
import { copyDestination, copySources, envValue, finalStage, instructionsOf } from "./queries";

/** Where the config is baked and where GATUS_CONFIG_PATH must point. */
const GATUS_CONFIG_PATH = IMAGE_CONFIG_FILE;

/** OCI annotations every published image carries (registry UIs and scanners read them). */
const REQUIRED_OCI_LABELS: readonly string[] = [
  "org.opencontainers.image.source",
  "org.opencontainers.image.version",
  "org.opencontainers.image.licenses",
  "org.opencontainers.image.title",
  "org.opencontainers.image.description",
];

const CA_BUNDLE_PATH = "/etc/ssl/certs/ca-certificates.crt";
const ZONEINFO_PATH = "/usr/share/zoneinfo";

function withoutTrailingSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, "") : path;
}

/** The final stage carries the OCI labels scanners and registries read. */
export function ociLabelsPresent(dockerfileText: string): string[] {
  const stage = finalStage(parseDockerfile(dockerfileText));
  if (stage === undefined) return ["the Dockerfile has no FROM instruction"];
  const labels = new Map(
    instructionsOf(stage, Label)
      .flatMap((label) => label.getProperties())
      .map((property) => [property.getName(), property.getValue() ?? ""]),
  );
  const missing = REQUIRED_OCI_LABELS.filter((key) => (labels.get(key) ?? "").trim() === "");
  if (missing.length === 0) return [];
  return [
    `the final stage lacks OCI label(s) ${missing.join(", ")}; without them nobody can tell ` +
      `from the registry which Gatus version, source and licence an image holds.`,
  ];
}

/** The CA bundle (TLS probes) and the time zone database are in the final image. */
export function caCertsAndZoneinfoCopied(dockerfileText: string): string[] {
  const stage = finalStage(parseDockerfile(dockerfileText));
  if (stage === undefined) return ["the Dockerfile has no FROM instruction"];
  const destinations = instructionsOf(stage, Copy).map((copy) =>
    withoutTrailingSlash(copyDestination(copy) ?? ""),
  );
  const findings: string[] = [];
  if (!destinations.some((dest) => dest === CA_BUNDLE_PATH || dest === "/etc/ssl/certs")) {
    findings.push(
      `the final stage does not copy ${CA_BUNDLE_PATH}; scratch has no CA roots, so every ` +
        `HTTPS probe would fail with "certificate signed by unknown authority".`,
    );
  }
  if (!destinations.includes(ZONEINFO_PATH)) {
    findings.push(
      `the final stage does not copy ${ZONEINFO_PATH}; scratch has no time zone database, so ` +
        `TZ and maintenance-window time zones depend on whatever data the binary happens to embed.`,
    );
  }
  return findings;
}

/** Where a final-stage COPY from the context puts `file`, or undefined if none copies it. */
function bakedPath(copies: readonly Copy[], file: string): string | undefined {
  const copy = copies.find((c) => c.getFromFlag() === null && copySources(c).includes(file));
  if (copy === undefined) return undefined;
  const destination = copyDestination(copy) ?? "";
  // `COPY a b /dir/` puts each source into the directory under its own name.
  return destination.endsWith("/") ? `${destination}${file}` : destination;
}

/** config.yaml is baked at GATUS_CONFIG_PATH and the ENV points Gatus at it. */
export function configBakedAtConfigPath(dockerfileText: string): string[] {
  const stage = finalStage(parseDockerfile(dockerfileText));
  if (stage === undefined) return ["the Dockerfile has no FROM instruction"];
  const findings: string[] = [];
  if (bakedPath(instructionsOf(stage, Copy), "config.yaml") !== GATUS_CONFIG_PATH) {
    findings.push(
      `the final stage does not COPY config.yaml to ${GATUS_CONFIG_PATH}; Gatus would start ` +
        `with no endpoints (or fail), and the config would not be versioned with the image.`,
    );
  }
  const configPath = envValue(stage, "GATUS_CONFIG_PATH");
  if (configPath !== GATUS_CONFIG_PATH) {
    findings.push(
      `ENV GATUS_CONFIG_PATH is ${configPath ?? "unset"}, expected ${GATUS_CONFIG_PATH}; say ` +
        `explicitly which file Gatus reads rather than rely on its relative default (and the ` +
        `directory would add security.yaml, which an unprotected task leaves empty: Gatus refuses to start).`,
    );
  }
  return findings;
}

/** security.yaml sits in the directory a protected task points GATUS_CONFIG_PATH at. */
export function securityBakedBesideConfig(dockerfileText: string): string[] {
  const stage = finalStage(parseDockerfile(dockerfileText));
  if (stage === undefined) return ["the Dockerfile has no FROM instruction"];
  const expected = `${IMAGE_CONFIG_DIR}/security.yaml`;
  const actual = bakedPath(instructionsOf(stage, Copy), "security.yaml");
  if (actual === expected) return [];
  return [
    `the final stage copies security.yaml to ${actual ?? "nowhere"}, not ${expected}; a task ` +
      `with dashboard protection reads the directory ${IMAGE_CONFIG_DIR} and would start ` +
      `without the security block, leaving the dashboard public although a login is configured.`,
  ];
}
