import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { describe, expect, it } from "vitest";
import { IMAGE_DIR } from "../../ephemeral/image-tag";
import { EPHEMERAL_PROJECT, PERSISTENT_PROJECT } from "../../persistent/config";
import { REPO_ROOT } from "../engine/example-config";
import { loadControlProject, resourcesOf, TYPES } from "./control-project";
import { pathFilterMatches } from "./path-filters";

describe("path filter semantics (pulumi/docs path-filtering.md)", () => {
  it.each([
    [["infrastructure/Pulumi.dev.yaml"], "infrastructure/Pulumi.dev.yaml", true],
    [["infrastructure/Pulumi.dev.yaml"], "infrastructure/index.ts", false],
    [["infrastructure/**"], "infrastructure/a/b/c.ts", true],
    [["infrastructure/**"], "other/infrastructure/a.ts", false],
    [["persistent/*.ts"], "persistent/lib/stack-config.ts", false],
    [["persistent/*.ts"], "persistent/config.ts", true],
    [["**/package.json"], "package.json", true],
    [["infrastructure/**", "!infrastructure/docs/**"], "infrastructure/docs/a.md", false],
    // Exclude always wins, whatever the order; a later include cannot bring a file back.
    [["!foo/**", "foo/bar/**"], "foo/bar/main.ts", false],
    [[], "anything/at/all.ts", true],
    [["!docs/**"], "src/index.ts", true],
    [["!docs/**"], "docs/readme.md", false],
    [["package-lock.json"], "package-lock-json", false],
  ])("%j on %s → %s", (filters, file, expected) => {
    expect(pathFilterMatches(filters, file)).toBe(expected);
  });
});

const SKIP = new Set(["node_modules", ".git", "synth", "coverage"]);
function repoFiles(dir = REPO_ROOT): string[] {
  return readdirSync(dir).flatMap((entry) => {
    if (SKIP.has(entry)) return [];
    const full = path.join(dir, entry);
    return statSync(full).isDirectory()
      ? repoFiles(full)
      : [path.relative(REPO_ROOT, full).split(path.sep).join("/")];
  });
}

/** Every repository file a program's entry point imports, transitively (relative imports only). */
function importClosure(entry: string): string[] {
  const seen = new Set<string>();
  const pending = [path.join(REPO_ROOT, entry)];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const { fileName } of ts.preProcessFile(readFileSync(file, "utf8")).importedFiles) {
      if (!fileName.startsWith(".")) continue;
      const base = path.resolve(path.dirname(file), fileName);
      const resolved = [`${base}.ts`, path.join(base, "index.ts"), base].find((candidate) => {
        try {
          return statSync(candidate).isFile();
        } catch {
          return false;
        }
      });
      if (resolved === undefined) throw new Error(`${file}: cannot resolve ${fileName}`);
      pending.push(resolved);
    }
  }
  return [...seen].map((f) => path.relative(REPO_ROOT, f).split(path.sep).join("/")).sort();
}

describe("the DeploymentSettings path filters", () => {
  const control = loadControlProject();
  const filtersOf = (project: string) => {
    const settings = resourcesOf(control, TYPES.settings).find(
      (s) => s.properties.project === project,
    );
    if (!settings) throw new Error(`no DeploymentSettings for ${project}`);
    return settings.properties.vcs.paths;
  };
  const files = repoFiles();
  const shared = ["package.json", "package-lock.json", "tsconfig.json"];

  it("ephemeral's filters cover every file it imports, its image build context and the lock file", () => {
    const imageFiles = files.filter((f) => f.startsWith(`${path.relative(REPO_ROOT, IMAGE_DIR)}/`));
    expect(imageFiles.length).toBeGreaterThan(0);
    const needed = [...importClosure("ephemeral/index.ts"), ...imageFiles, ...shared];
    const missed = needed.filter((f) => !pathFilterMatches(filtersOf(EPHEMERAL_PROJECT), f));
    expect(missed).toEqual([]);
  });

  it("ephemeral's filters match no persistent file that ephemeral does not import", () => {
    const closure = new Set(importClosure("ephemeral/index.ts"));
    const extra = files.filter(
      (f) =>
        f.startsWith("persistent/") &&
        !closure.has(f) &&
        pathFilterMatches(filtersOf(EPHEMERAL_PROJECT), f),
    );
    expect(extra).toEqual([]);
  });

  it("persistent's filters cover every file it imports and the lock file, and nothing of ephemeral", () => {
    const filters = filtersOf(PERSISTENT_PROJECT);
    const needed = [...importClosure("persistent/index.ts"), ...shared];
    expect(needed.filter((f) => !pathFilterMatches(filters, f))).toEqual([]);
    const foreign = files.filter(
      (f) =>
        (f.startsWith("ephemeral/") || f.startsWith("image/")) && pathFilterMatches(filters, f),
    );
    expect(foreign).toEqual([]);
  });

  it("every filter matches at least one file (a misspelt directory would silently match nothing)", () => {
    for (const settings of resourcesOf(control, TYPES.settings)) {
      for (const filter of settings.properties.vcs.paths) {
        expect(
          files.some((f) => pathFilterMatches([filter], f)),
          `${settings.name}: ${filter}`,
        ).toBe(true);
      }
    }
  });
});
