// "Did you mean ...?" for misspelt config keys, AWS regions and command-line options.

/**
 * Edits (insert, delete, substitute, swap two adjacent letters) that turn `a` into `b`,
 * ignoring case: the optimal-string-alignment form of the Damerau–Levenshtein distance, so
 * the commonest typo, two swapped letters ("zoneNmae"), costs one edit rather than two.
 */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  // rows[i][j]: distance between the first i letters of s and the first j letters of t.
  const rows: number[][] = Array.from({ length: s.length + 1 }, (_, i) =>
    Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= s.length; i++) {
    const row = rows[i] ?? [];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        best = Math.min(best, at(i - 2, j - 2) + 1);
      }
      row[j] = best;
    }
  }
  return at(s.length, t.length);
}

/**
 * The candidates nearest to `input`: every one at the smallest distance, in the candidates'
 * order, or none when even the nearest needs more than one edit per three letters typed
 * (at least one). Beyond that a guess misleads more than a list of what is allowed helps.
 */
export function closest(input: string, candidates: readonly string[]): string[] {
  if (input === "") return [];
  const allowed = Math.max(1, Math.floor(input.length / 3));
  const scored = candidates.map((candidate) => ({ candidate, d: editDistance(input, candidate) }));
  const best = Math.min(...scored.map((s) => s.d));
  if (best > allowed) return [];
  return scored.filter((s) => s.d === best).map((s) => s.candidate);
}
