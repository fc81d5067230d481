/**
 * Where each statement starts, so that an ignore comment above a statement that spans several
 * lines (`allow x\n    when user is practitioner`) covers findings on its continuation lines.
 */
import type { PolicyFile } from '../../language/ast.js';
import type { Range } from '../../language/range.js';
import { list, rangeOf } from '../../model/safe.js';

/** Finds the line on which the statement holding a range starts. */
export interface StatementLines {
  /** The first line of the innermost statement containing `range` in `uri`, if any. */
  statementLine(uri: string | undefined, range: Range): number | undefined;
}

// Blocks whose direct children are the statements an ignore comment is written above.
const CHILD_LISTS = ['statements', 'rules'] as const;

/** Indexes the statements of every block of every file. */
export function indexStatementLines(files: readonly PolicyFile[]): StatementLines {
  const byUri = new Map<string, Range[]>();
  for (const file of list(files)) {
    if (!file || typeof file !== 'object') continue;
    const ranges: Range[] = [];
    for (const decl of list(file.declarations)) {
      if (!decl || typeof decl !== 'object') continue;
      for (const key of CHILD_LISTS) {
        for (const st of list((decl as unknown as Record<string, readonly { range?: unknown }[] | undefined>)[key])) {
          if (st && typeof st === 'object') ranges.push(rangeOf(st));
        }
      }
    }
    ranges.sort((a, b) => a.start.offset - b.start.offset);
    byUri.set(typeof file.uri === 'string' ? file.uri : '', ranges);
  }
  return {
    statementLine(uri, range) {
      const ranges = byUri.get(uri ?? '');
      if (!ranges || ranges.length === 0) return undefined;
      let lo = 0;
      let hi = ranges.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (ranges[mid]!.start.offset <= range.start.offset) {
          found = mid;
          lo = mid + 1;
        } else {
          hi = mid - 1;
        }
      }
      const st = found >= 0 ? ranges[found] : undefined;
      return st && range.end.offset <= st.end.offset ? st.start.line : undefined;
    },
  };
}
