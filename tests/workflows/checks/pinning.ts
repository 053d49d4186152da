// Pinning: every `uses:` is local or a full commit SHA with a `# vX.Y.Z` comment, and each action
// repository is pinned to one release everywhere. A tag can be moved to other code, a SHA cannot;
// the comment says which release the SHA is, for reviewers and for Dependabot's updates.
import { type Repo } from "../workflows";

const PINNED = /^([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_./-]+)?)@([0-9a-f]{40})$/;
const USES_LINE = /^\s*(?:-\s+)?uses:\s*(\S+)\s*(?:#\s*(.*))?$/;
const VERSION_COMMENT = /^v\d+\.\d+\.\d+$/;

interface UsesLine {
  file: string;
  line: number;
  uses: string;
  comment: string | undefined;
}

/** `uses:` lines read from the raw text, because the version comment is not in the YAML data. */
function usesLines(repo: Repo): UsesLine[] {
  const files = [
    ...repo.workflows.map((w) => ({ file: `.github/workflows/${w.file}`, text: w.text })),
    { file: repo.setup.file, text: repo.setup.text },
  ];
  return files.flatMap(({ file, text }) =>
    text.split("\n").flatMap((raw, i) => {
      const m = USES_LINE.exec(raw);
      if (!m?.[1]) return [];
      return [{ file, line: i + 1, uses: m[1].replace(/^["']|["']$/g, ""), comment: m[2]?.trim() }];
    }),
  );
}

export function checkPinnedActions(repo: Repo): string[] {
  const problems: string[] = [];
  const lines = usesLines(repo);
  const seen = new Map<string, { sha: string; version: string; where: string }>();
  for (const l of lines) {
    const where = `${l.file}:${l.line}`;
    if (l.uses.startsWith("./")) continue;
    const m = PINNED.exec(l.uses);
    if (!m?.[1] || !m[2]) {
      problems.push(`${where}: "${l.uses}" is not pinned to a full 40-character commit SHA`);
      continue;
    }
    if (l.comment === undefined || !VERSION_COMMENT.test(l.comment)) {
      problems.push(`${where}: "${l.uses}" needs a "# vX.Y.Z" comment naming the pinned release`);
      continue;
    }
    // upload-sarif and init are paths in one repository: one pin for the repository.
    const repoName = m[1].split("/").slice(0, 2).join("/");
    const previous = seen.get(repoName);
    if (previous === undefined) seen.set(repoName, { sha: m[2], version: l.comment, where });
    else if (previous.sha !== m[2] || previous.version !== l.comment) {
      problems.push(
        `${where}: ${repoName}@${m[2]} # ${l.comment} differs from ${previous.where} (${previous.sha} # ${previous.version}); pin one release everywhere`,
      );
    }
  }
  // Every `uses:` the YAML has must have been seen as a line (no flow-style hiding a pin).
  const yamlUses = [
    ...repo.workflows.flatMap((w) =>
      Object.values(w.doc.jobs).flatMap((j) => [j.uses, ...j.steps.map((s) => s.uses)]),
    ),
    ...repo.setup.doc.runs.steps.map((s) => s.uses),
  ].filter((u): u is string => u !== undefined);
  if (yamlUses.length !== lines.length) {
    problems.push(`found ${yamlUses.length} uses: in the YAML but ${lines.length} uses: lines`);
  }
  return problems;
}
