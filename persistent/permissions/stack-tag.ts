/**
 * The tag the ephemeral program puts on every taggable resource (provider default tags), with
 * the stack's resource prefix as its value. The deploy role's EC2 and ELB grants are scoped to
 * it. A module of its own: the ephemeral program imports this and nothing else of the manifest.
 */
export const STACK_TAG_KEY = "gatus:stack";
