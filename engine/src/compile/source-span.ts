/** Source spans in bundles: a file URI (relative when asked) and a 1-based range, no offsets. */
import type { Range } from '../language/range.js';
import type { SourceSpan } from './bundle-types.js';

/** Makes file URIs relative to a base so that bundles do not depend on where the checkout is. */
export function relativeUri(uri: string | undefined, relativeTo: string | undefined): string {
  const u = uri ?? '<input>';
  if (relativeTo === undefined || relativeTo === '') return u;
  const base = relativeTo.endsWith('/') ? relativeTo : `${relativeTo}/`;
  return u.startsWith(base) ? u.slice(base.length) : u;
}

/** The bundle span of an AST range. */
export function spanOf(uri: string, range: Range): SourceSpan {
  return {
    uri,
    start: { line: range.start.line, column: range.start.column },
    end: { line: range.end.line, column: range.end.column },
  };
}
