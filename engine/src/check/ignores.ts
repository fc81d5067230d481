/**
 * Inline ignores: `# smart-policy-ignore <code>` silences that code on the line the parser
 * attached it to; `# smart-policy-ignore-file <code>` silences it in the whole file. Ignores are
 * per document: a directive in one file of a set never hides a finding in another. The index
 * remembers which directives silenced something, so stale ones can be reported.
 */
import type { Diagnostic } from '../language/diagnostic.js';
import type { IgnoreDirective } from '../language/ast.js';
import type { Located } from '../model/policy-index.js';

/** Ignore directives grouped for fast lookup. */
export interface IgnoreIndex {
  /** True when the diagnostic is silenced by a directive of its own document (and marks it used). */
  isIgnored(diagnostic: Diagnostic): boolean;
  /** Directives that have silenced nothing so far. */
  unused(): Located<IgnoreDirective>[];
}

/**
 * Builds the lookup from the directives of every file. With `statementLine`, a line directive
 * also covers findings on the continuation lines of the statement that starts on its line.
 */
export function buildIgnoreIndex(
  directives: readonly Located<IgnoreDirective>[],
  statementLine?: (uri: string | undefined, range: Diagnostic['range']) => number | undefined,
): IgnoreIndex {
  const byKey = new Map<string, Located<IgnoreDirective>[]>();
  const used = new Set<string>();
  const keyOf = (doc: string, scope: 'file' | 'line', code: string, line: number): string =>
    scope === 'file' ? `${doc}\u0000file\u0000${code}` : `${doc}\u0000${line}\u0000${code}`;
  for (const located of directives) {
    const { node, uri } = located;
    if (!node || typeof node.code !== 'string') continue;
    if (node.scope !== 'file' && typeof node.line !== 'number') continue;
    const key = keyOf(uri ?? '', node.scope === 'file' ? 'file' : 'line', node.code, node.line);
    const list = byKey.get(key) ?? [];
    list.push(located);
    byKey.set(key, list);
  }
  return {
    isIgnored(d) {
      const doc = d.uri ?? '';
      const keys = [keyOf(doc, 'line', d.code, d.range.start.line), keyOf(doc, 'file', d.code, 0)];
      const first = statementLine?.(d.uri, d.range);
      if (first !== undefined && first !== d.range.start.line) keys.push(keyOf(doc, 'line', d.code, first));
      for (const key of keys) {
        if (byKey.has(key)) {
          used.add(key);
          return true;
        }
      }
      return false;
    },
    unused() {
      return [...byKey.entries()].filter(([key]) => !used.has(key)).flatMap(([, list]) => list);
    },
  };
}
