// Reads a Go struct's YAML keys from source, the way gopkg.in/yaml.v3 derives them: the tag's
// name, or the lower-cased field name when there is no tag; `-` and unexported fields are not
// keys; an `inline` field contributes the keys of the struct it embeds (Gatus's alert providers
// inline their Config). Enough for Gatus's config structs; anything it cannot read (anonymous
// structs, an inline struct nobody can resolve) is refused rather than guessed.

export interface GoField {
  /** The Go field name. */
  field: string;
  /** The field's type as written, e.g. `*dns.Config` or `[]*alert.Alert`. */
  type: string;
}

export interface YamlKeysOptions {
  /**
   * The keys of the struct an `inline` field embeds, by the field's Go type (e.g. `Config`);
   * undefined when it cannot be read. Without it, an inline field is refused.
   */
  inline?: (type: string) => Map<string, GoField> | undefined;
}

/** YAML key → field, for `type <name> struct` in `source`; undefined if the file has no such struct. */
export function yamlKeysOf(
  source: string,
  name: string,
  options: YamlKeysOptions = {},
): Map<string, GoField> | undefined {
  const lines = source.split("\n");
  const start = lines.findIndex((line) => line.startsWith(`type ${name} struct {`));
  if (start < 0) return undefined;
  const keys = new Map<string, GoField>();
  for (const raw of lines.slice(start + 1)) {
    if (raw.startsWith("}")) return keys;
    const line = raw.replace(/\s*\/\/.*$/, "").trim();
    if (line === "") continue;
    // A named field (`Name Type `tag``) or an embedded one (`Type `tag``, named after its type).
    const match =
      /^([A-Za-z_]\w*)\s+([^`]+?)\s*(?:`([^`]*)`)?$/.exec(line) ??
      /^()(\*?[A-Za-z_][\w.]*)\s*`([^`]*)`$/.exec(line);
    if (match?.[1] === undefined || match[2] === undefined) {
      throw new Error(`cannot read the field ${JSON.stringify(line)} of struct ${name}`);
    }
    const [, named, type, tag = ""] = match;
    const field = named === "" ? (type.split(".").pop() ?? type).replace(/^\*/, "") : named;
    if (type.includes("struct {")) throw new Error(`struct ${name}: anonymous struct in ${field}`);
    const tagOptions = /\byaml:"([^"]*)"/.exec(tag)?.[1]?.split(",") ?? [];
    if (tagOptions.includes("inline")) {
      const embedded = options.inline?.(type);
      if (embedded === undefined) throw new Error(`struct ${name}: inline field ${field}`);
      for (const [key, value] of embedded) keys.set(key, value);
      continue;
    }
    const tagged = tagOptions[0];
    if (tagged === "-" || !/^[A-Z]/.test(field)) continue;
    keys.set(tagged !== undefined && tagged !== "" ? tagged : field.toLowerCase(), { field, type });
  }
  throw new Error(`struct ${name} has no closing brace`);
}
