/**
 * The bridge between the checker's rule context and the consent lints: the catalog of the
 * policy set (built once per context) and its allowed scopes, and the conversion of a lint
 * finding into a checker finding with an exact source range.
 */
import type { RuleContext } from '../../model/rule-context.js';
import type { RuleFinding } from '../../model/rule-types.js';
import type { Range } from '../../language/range.js';
import { catalogFromAst } from '../../explain/catalog-from-ast.js';
import type { CatalogSpan, ExplanationCatalog } from '../../explain/explanation-catalog.js';
import type { AllowedScope, ConsentFinding } from '../../explain/lint/lint-types.js';

interface ConsentInput {
  readonly catalog: ExplanationCatalog;
  readonly allowed: readonly AllowedScope[];
}

const cache = new WeakMap<object, ConsentInput>();

function spanOfRange(range: Range, uri: string | undefined): CatalogSpan {
  return { ...(uri !== undefined ? { uri } : {}), start: { ...range.start }, end: { ...range.end } };
}

/** The catalog and allowed scopes of the policy set a rule is checking. */
export function consentInput(context: RuleContext): ConsentInput {
  const found = cache.get(context.index);
  if (found) return found;
  const allowed: AllowedScope[] = [];
  for (const gs of context.grantScopes) {
    if (gs.effect !== 'allow' || gs.app === undefined) continue;
    allowed.push({ app: gs.app, scope: gs.info.text, span: spanOfRange(gs.info.textRange, gs.uri) });
  }
  const input = { catalog: catalogFromAst(context.index.files), allowed };
  cache.set(context.index, input);
  return input;
}

const ORIGIN = { line: 1, column: 1, offset: 0 };

/** A consent lint finding as a checker finding (range from the span; file start if none). */
export function toRuleFinding(f: ConsentFinding): RuleFinding {
  const s = f.span;
  const range: Range = s
    ? {
        start: { line: s.start.line, column: s.start.column, offset: s.start.offset ?? 0 },
        end: { line: s.end.line, column: s.end.column, offset: s.end.offset ?? 0 },
      }
    : { start: ORIGIN, end: ORIGIN };
  return { range, message: f.message, ...(s?.uri !== undefined ? { uri: s.uri } : {}), data: f.data };
}
