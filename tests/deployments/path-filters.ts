/**
 * Pulumi Deployments path filters, as documented in pulumi/docs
 * content/docs/deployments/concepts/settings/path-filtering.md: each filter is a glob matched
 * against the whole path (relative to the repository root) of a changed file; `!` makes it an
 * exclude; a file counts when it matches an include (or there are no includes) and no exclude;
 * exclude always wins, whatever the order.
 */

function globToRegExp(glob: string): RegExp {
  let source = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob.charAt(i);
    if (c === "*" && glob.charAt(i + 1) === "*") {
      // "**/" also matches no directory at all; a trailing "**" matches everything below.
      if (glob.charAt(i + 2) === "/") {
        source += "(?:.*/)?";
        i += 2;
      } else {
        source += ".*";
        i += 1;
      }
    } else if (c === "*") source += "[^/]*";
    else if (c === "?") source += "[^/]";
    else source += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

/** True when a change to `file` passes the filters (and so would trigger a deployment). */
export function pathFilterMatches(filters: readonly string[], file: string): boolean {
  const includes = filters.filter((f) => !f.startsWith("!")).map(globToRegExp);
  const excludes = filters.filter((f) => f.startsWith("!")).map((f) => globToRegExp(f.slice(1)));
  const included = includes.length === 0 || includes.some((re) => re.test(file));
  return included && !excludes.some((re) => re.test(file));
}
