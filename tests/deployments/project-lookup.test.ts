import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { EPHEMERAL_PROJECT, PERSISTENT_PROJECT } from "../../persistent/config";
import { REPO_ROOT } from "../engine/example-config";
import { CONTROL_PROJECT } from "./control-project";
import { findProjectFile, PROJECT_FILE_NAMES } from "./project-lookup";

const projectAt = (dir: string): string | undefined => {
  const file = findProjectFile(dir);
  return file === undefined
    ? undefined
    : (parse(readFileSync(file, "utf8")) as { name: string }).name;
};

describe("the CLI's project lookup (walk up to the nearest Pulumi.json/.yaml/.yml)", () => {
  const scratch = () => mkdtempSync(path.join(tmpdir(), "project-lookup-"));

  it("stops at the nearest directory with a project file", () => {
    const root = scratch();
    mkdirSync(path.join(root, "a", "b", "c"), { recursive: true });
    writeFileSync(path.join(root, "Pulumi.yaml"), "name: outer\n");
    writeFileSync(path.join(root, "a", "Pulumi.yaml"), "name: inner\n");
    expect(findProjectFile(path.join(root, "a", "b", "c"))).toBe(
      path.join(root, "a", "Pulumi.yaml"),
    );
    expect(findProjectFile(root)).toBe(path.join(root, "Pulumi.yaml"));
  });

  it("accepts Pulumi.yml and Pulumi.json, and prefers .json, then .yaml, then .yml in one directory", () => {
    const root = scratch();
    writeFileSync(path.join(root, "Pulumi.yml"), "name: yml\n");
    expect(findProjectFile(root)).toBe(path.join(root, "Pulumi.yml"));
    writeFileSync(path.join(root, "Pulumi.yaml"), "name: yaml\n");
    expect(findProjectFile(root)).toBe(path.join(root, "Pulumi.yaml"));
    writeFileSync(path.join(root, "Pulumi.json"), '{"name":"json"}\n');
    expect(findProjectFile(root)).toBe(path.join(root, "Pulumi.json"));
    expect(PROJECT_FILE_NAMES).toEqual(["Pulumi.json", "Pulumi.yaml", "Pulumi.yml"]);
  });

  it("ignores a directory named like a project file and stack files", () => {
    const root = scratch();
    mkdirSync(path.join(root, "x", "Pulumi.yaml"), { recursive: true });
    writeFileSync(path.join(root, "x", "Pulumi.dev.yaml"), "config: {}\n");
    writeFileSync(path.join(root, "Pulumi.yaml"), "name: root\n");
    expect(findProjectFile(path.join(root, "x"))).toBe(path.join(root, "Pulumi.yaml"));
  });

  it("finds nothing when no ancestor has a project file", () => {
    expect(findProjectFile(scratch(), () => false)).toBeUndefined();
  });
});

const SKIP = new Set(["node_modules", ".git", "synth", "coverage"]);
function directories(dir: string): string[] {
  return [
    dir,
    ...readdirSync(dir)
      .filter((entry) => !SKIP.has(entry) && statSync(path.join(dir, entry)).isDirectory())
      .flatMap((entry) => directories(path.join(dir, entry))),
  ];
}

describe("with the root control project in place", () => {
  it("persistent/ and ephemeral/ still select their own projects, at any depth", () => {
    for (const [dir, project] of [
      ["persistent", PERSISTENT_PROJECT],
      ["ephemeral", EPHEMERAL_PROJECT],
    ] as const) {
      const dirs = directories(path.join(REPO_ROOT, dir));
      expect(dirs.length).toBeGreaterThan(1);
      for (const d of dirs) {
        expect(findProjectFile(d), path.relative(REPO_ROOT, d)).toBe(
          path.join(REPO_ROOT, dir, "Pulumi.yaml"),
        );
        expect(projectAt(d)).toBe(project);
      }
    }
  });

  it("the root selects the control project", () => {
    expect(findProjectFile(REPO_ROOT)).toBe(path.join(REPO_ROOT, "Pulumi.yaml"));
    expect(projectAt(REPO_ROOT)).toBe(CONTROL_PROJECT);
  });

  it("the only project files are the three known ones, so nothing else shadows or is shadowed", () => {
    const projectFiles = directories(REPO_ROOT)
      .flatMap((d) => PROJECT_FILE_NAMES.map((name) => path.join(d, name)))
      .filter((f) => {
        try {
          return statSync(f).isFile();
        } catch {
          return false;
        }
      })
      .map((f) => path.relative(REPO_ROOT, f))
      .sort();
    expect(projectFiles).toEqual([
      "Pulumi.yaml",
      "ephemeral/Pulumi.yaml",
      "persistent/Pulumi.yaml",
    ]);
  });

  it("every other directory resolves to the control project (run project commands in persistent/ or ephemeral/)", () => {
    const elsewhere = directories(REPO_ROOT).filter(
      (d) => !/^(persistent|ephemeral)(\/|$)/.test(path.relative(REPO_ROOT, d)),
    );
    for (const d of elsewhere)
      expect(projectAt(d), path.relative(REPO_ROOT, d)).toBe(CONTROL_PROJECT);
  });
});
