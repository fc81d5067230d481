/**
 * Minimal line edits turning one text into another, so formatting sends only the lines that
 * change (cursor and undo stay put) and range formatting can keep the hunks inside its range.
 */
export interface LineHunk {
  /** 0-based first line of the old text replaced, and how many lines; `newLines` keep their line breaks. */
  readonly oldStart: number;
  readonly oldCount: number;
  readonly newLines: readonly string[];
}

/** Largest middle section compared line by line (beyond it, one hunk replaces the middle). */
const MAX_CELLS = 4_000_000;

export function lineHunks(before: string, after: string): LineHunk[] {
  const a = linesOf(before);
  const b = linesOf(after);
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const oldMid = a.slice(prefix, a.length - suffix);
  const newMid = b.slice(prefix, b.length - suffix);
  if (oldMid.length === 0 && newMid.length === 0) return [];
  if (oldMid.length * newMid.length > MAX_CELLS || oldMid.length === 0 || newMid.length === 0) {
    return [{ oldStart: prefix, oldCount: oldMid.length, newLines: newMid }];
  }
  return lcsHunks(oldMid, newMid).map((h) => ({ ...h, oldStart: h.oldStart + prefix }));
}

/** Lines with their line breaks kept, so joining hunks' lines gives the text back exactly. */
function linesOf(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function lcsHunks(a: readonly string[], b: readonly string[]): LineHunk[] {
  const n = a.length;
  const m = b.length;
  const table = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * (m + 1) + j] =
        a[i] === b[j]
          ? (table[(i + 1) * (m + 1) + j + 1] ?? 0) + 1
          : Math.max(table[(i + 1) * (m + 1) + j] ?? 0, table[i * (m + 1) + j + 1] ?? 0);
    }
  }
  const hunks: LineHunk[] = [];
  let i = 0;
  let j = 0;
  let open: { oldStart: number; oldCount: number; newLines: string[] } | undefined;
  const close = () => {
    if (open) hunks.push(open);
    open = undefined;
  };
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      close();
      i++;
      j++;
      continue;
    }
    open ??= { oldStart: i, oldCount: 0, newLines: [] };
    if (j < m && (i >= n || (table[i * (m + 1) + j + 1] ?? 0) >= (table[(i + 1) * (m + 1) + j] ?? 0))) {
      open.newLines.push(b[j] ?? '');
      j++;
    } else {
      open.oldCount++;
      i++;
    }
  }
  close();
  return hunks;
}
