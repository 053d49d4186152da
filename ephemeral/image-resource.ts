/**
 * The image resource's identity, in a module of its own (no Pulumi imports): the CD workflow
 * targets it by URN to build and push the image, and Trivy-scans the pushed digest, before the
 * update that serves it. A test keeps the workflow's URN equal to this one.
 */
export const IMAGE_RESOURCE_TYPE = "docker:index/image:Image";
export const IMAGE_RESOURCE_NAME = "gatus";

/** The image's URN in a stack (it is a top-level resource of the ephemeral project). */
export const imageUrn = (stack: string, project: string) =>
  `urn:pulumi:${stack}::${project}::${IMAGE_RESOURCE_TYPE}::${IMAGE_RESOURCE_NAME}`;
