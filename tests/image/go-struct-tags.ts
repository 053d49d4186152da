// Reads a Go struct's YAML keys from source, the way gopkg.in/yaml.v3 derives them: the tag's
// name, or the lower-cased field name when there is no tag; `-` and unexported fields are not
// keys. Enough for Gatus's config structs; anything it cannot read (inline or anonymous structs)
// is refused rather than guessed.

export interface GoField {
  /** The Go field name. */
  field: string;
  /** The field's type as written, e.g. `*dns.Config` or `[]*alert.Alert`. */
  type: string;
}

/** YAML key → field, for `type <name> struct` in `source`; undefined if the file has no such struct. */
export function yamlKeysOf(source: string, name: string): Map<string, GoField> | undefined {
  const lines = source.split("\n");
  const start = lines.findIndex((line) => line.startsWith(`type ${name} struct {`));
  if (start < 0) return undefined;
  const keys = new Map<string, GoField>();
  for (const raw of lines.slice(start + 1)) {
    if (raw.startsWith("}")) return keys;
    const line = raw.replace(/\s*\/\/.*$/, "").trim();
    if (line === "") continue;
    const match = /^([A-Za-z_]\w*)\s+([^`]+?)\s*(?:`([^`]*)`)?$/.exec(line);
    if (match?.[1] === undefined || match[2] === undefined) {
      throw new Error(`cannot read the field ${JSON.stringify(line)} of struct ${name}`);
    }
    const [, field, type, tag = ""] = match;
    if (type.includes("struct {")) throw new Error(`struct ${name}: anonymous struct in ${field}`);
    const options = /\byaml:"([^"]*)"/.exec(tag)?.[1]?.split(",") ?? [];
    if (options.includes("inline")) throw new Error(`struct ${name}: inline field ${field}`);
    const tagged = options[0];
    if (tagged === "-" || !/^[A-Z]/.test(field)) continue;
    keys.set(tagged !== undefined && tagged !== "" ? tagged : field.toLowerCase(), { field, type });
  }
  throw new Error(`struct ${name} has no closing brace`);
}
