/**
 * Inline ignores: `# smart-policy-ignore <code>` silences that code on the line the parser
 * attached it to; `# smart-policy-ignore-file <code>` silences it in the whole file. Ignores are
 * per document: a directive in one file of a set never hides a finding in another.
 */
import type { Diagnostic } from '../language/diagnostic.js';
import type { IgnoreDirective } from '../language/ast.js';
import type { Located } from './model/policy-index.js';

/** Ignore directives grouped for fast lookup. */
export interface IgnoreIndex {
  /** True when the diagnostic is silenced by a directive of its own document. */
  isIgnored(diagnostic: Diagnostic): boolean;
}

/** Builds the lookup from the directives of every file. */
export function buildIgnoreIndex(directives: readonly Located<IgnoreDirective>[]): IgnoreIndex {
  const fileScoped = new Set<string>();
  const lineScoped = new Set<string>();
  for (const { node, uri } of directives) {
    if (!node || typeof node.code !== 'string') continue;
    const doc = uri ?? '';
    if (node.scope === 'file') fileScoped.add(`${doc}\u0000${node.code}`);
    else if (typeof node.line === 'number') lineScoped.add(`${doc}\u0000${node.line}\u0000${node.code}`);
  }
  return {
    isIgnored(d) {
      const doc = d.uri ?? '';
      return fileScoped.has(`${doc}\u0000${d.code}`) || lineScoped.has(`${doc}\u0000${d.range.start.line}\u0000${d.code}`);
    },
  };
}
