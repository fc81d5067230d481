/**
 * The bridge between the checker's rule context and the consent lints: the catalog of the
 * policy set (built once per context) and its allowed scopes, and the conversion of a lint
 * finding into a checker finding with an exact source range.
 */
import type { GrantScope, RuleContext } from '../../model/rule-context.js';
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
/** Per grant scope (kept per unchanged grant block across checks, see `rule-context.ts`). */
const allowedCache = new WeakMap<GrantScope, AllowedScope>();

function spanOfRange(range: Range, uri: string | undefined): CatalogSpan {
  const { start, end } = range;
  const copy = {
    start: { line: start.line, column: start.column, offset: start.offset },
    end: { line: end.line, column: end.column, offset: end.offset },
  };
  return uri !== undefined ? { uri, ...copy } : copy;
}

/** The catalog and allowed scopes of the policy set a rule is checking. */
export function consentInput(context: RuleContext): ConsentInput {
  const found = cache.get(context.index);
  if (found) return found;
  const allowed: AllowedScope[] = [];
  for (const gs of context.grantScopes) {
    if (gs.effect !== 'allow' || gs.app === undefined) continue;
    let scope = allowedCache.get(gs);
    if (!scope) {
      scope = { app: gs.app, scope: gs.info.text, span: spanOfRange(gs.info.textRange, gs.uri) };
      allowedCache.set(gs, scope);
    }
    allowed.push(scope);
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
