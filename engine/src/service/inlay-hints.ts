/**
 * Inlay hints: the short explanation a patient reads, after each scope of a grant rule, in the
 * configured locale (the policy's default locale otherwise).
 */
import type { Range } from '../language/range.js';
import { explain } from '../explain/index.js';
import { catalogOf } from './set-catalog.js';
import { list } from '../model/safe.js';
import type { LinkedSet, ParsedDocument } from './service-types.js';

export interface InlayHint {
  /** Where the hint shows: right after the scope. */
  readonly offset: number;
  readonly label: string;
  /** The scope's long explanation, for the hint's tooltip. */
  readonly tooltip: string;
}

/** Hints for the scopes that end within `[start, end]` of `doc`. */
export function inlayHints(set: LinkedSet, doc: ParsedDocument, start: number, end: number, locale?: string, limit = 2000): InlayHint[] {
  const catalog = catalogOf(set);
  const out: InlayHint[] = [];
  for (const declaration of list(doc.ast.declarations)) {
    if (declaration?.kind !== 'grant') continue;
    if (declaration.range.end.offset < start || declaration.range.start.offset > end) continue;
    for (const rule of list(declaration.rules)) {
      const app = declaration.app?.text;
      for (const scope of list(rule.scopes)) {
        const at = scope.range.end.offset;
        if (scope.missing || at < start || at > end) continue;
        const result = explain(scope.text, { catalog, ...(locale ? { locale } : {}), ...(app ? { appClass: app } : {}) });
        const one = result.scopes[0];
        if (!one || one.short === '') continue;
        out.push({ offset: at, label: `${rule.effect === 'deny' ? 'not: ' : ''}${one.short}`, tooltip: one.long });
        if (out.length >= limit) return out;
      }
    }
  }
  return out;
}

/** The range type hints are computed over, re-exported for hosts. */
export type { Range };
