/** CST → AST for `grant` blocks and conditions (conditions are shared with `refresh`). */
import type { CstNode } from 'chevrotain';
import type * as A from './ast.js';
import { sub, subs, tok } from './cst-access.js';
import { tokenEnd } from './positions.js';
import * as V from './vocabulary.js';
import type { LeafBuilder, Mutable } from './build-leaves.js';

// ─── grant ───────────────────────────────────────────────────────────────────────────────

/** CST `grantBlock` → AST. */
export function grantBlock(b: LeafBuilder, n: CstNode): A.GrantBlock {
  const range = b.rangeOf(n, b.eof);
  const { name, title } = b.blockHeader(n, 'Kw_grant', range);
  const rules = b.statements(subs(n, 'grantStatement'), 'grant', (s) => grantRule(b, s));
  return { kind: 'grant', app: name, ...(title ? { title } : {}), rules, range };
}

/** CST `grantRule` → AST. */
export function grantRule(b: LeafBuilder, n: CstNode): A.GrantRule | undefined {
  const effect = tok(n, 'effect');
  if (effect === undefined) return undefined;
  const range = b.rangeOf(n, b.eof);
  const list = sub(n, 'scopeList');
  if (list === undefined) b.missing(effect, 'A scope list', `${effect.image} patient/*.rs`, range.end);
  const scopes = b.scopeList(list, range.end);
  const rule: Mutable<A.GrantRule> = { kind: 'grant.rule', effect: effect.image === 'deny' ? 'deny' : 'allow', scopes, range };
  const ruleName = tok(n, 'ruleName');
  if (ruleName !== undefined) rule.name = b.name(ruleName, tokenEnd(ruleName));
  const condNode = sub(n, 'condition');
  if (condNode !== undefined) {
    const c = condition(b, condNode);
    if (c !== undefined) rule.condition = c;
  }
  const because = tok(n, 'Kw_because');
  if (because !== undefined) rule.because = b.str(tok(n, 'StringLit'), tokenEnd(because));
  return rule;
}

/** CST `condition` → AST. */
export function condition(b: LeafBuilder, n: CstNode): A.Condition | undefined {
  const operands = subs(n, 'andCondition')
    .map((a) => andCondition(b, a))
    .filter((c): c is A.Condition => c !== undefined)
    .flatMap((c) => (c.kind === 'cond.or' ? c.operands : [c]));
  if (operands.length <= 1) return operands[0];
  return { kind: 'cond.or', operands, range: b.rangeOf(n, b.eof) };
}

/** CST `andCondition` → AST. */
export function andCondition(b: LeafBuilder, n: CstNode): A.Condition | undefined {
  const operands = subs(n, 'notCondition')
    .map((a) => notCondition(b, a))
    .filter((c): c is A.Condition => c !== undefined)
    .flatMap((c) => (c.kind === 'cond.and' ? c.operands : [c]));
  if (operands.length <= 1) return operands[0];
  return { kind: 'cond.and', operands, range: b.rangeOf(n, b.eof) };
}

/** CST `notCondition` → AST. */
export function notCondition(b: LeafBuilder, n: CstNode): A.Condition | undefined {
  if (tok(n, 'Kw_not') !== undefined) {
    const inner = sub(n, 'notCondition');
    const operand = inner ? notCondition(b, inner) : undefined;
    return operand === undefined ? undefined : { kind: 'cond.not', operand, range: b.rangeOf(n, b.eof) };
  }
  const paren = sub(n, 'condition');
  if (paren !== undefined) return condition(b, paren);
  const is = sub(n, 'isCondition');
  return is === undefined ? undefined : isCondition(b, is);
}

/** CST `isCondition` → AST. */
export function isCondition(b: LeafBuilder, n: CstNode): A.IsCondition | undefined {
  const subject = tok(n, 'subject');
  if (subject === undefined) return undefined;
  const range = b.rangeOf(n, b.eof);
  const list = sub(n, 'wordList');
  if (list === undefined) {
    const examples: Record<string, string> = {
      launch: 'launch is ehr',
      user: 'user is patient',
      client: 'client is public',
      grant: 'grant is authorization_code',
      bound: 'bound by dpop',
    };
    b.missing(tok(n, 'Kw_is') ?? tok(n, 'Kw_by'), 'A value', examples[subject.image] ?? subject.image, range.end);
  }
  const at = range.end;
  switch (subject.image) {
    case 'launch':
      return { kind: 'cond.is', subject: 'launch', values: b.choices(list, V.LAUNCH_MODES, 'a launch mode', at), range };
    case 'user':
      return { kind: 'cond.is', subject: 'user', values: b.choices(list, V.USER_TYPES, 'a user type', at), range };
    case 'client':
      return { kind: 'cond.is', subject: 'client', values: b.choices(list, V.CLIENT_TYPES, 'a client type', at), range };
    case 'grant':
      return { kind: 'cond.is', subject: 'grant', values: b.choices(list, V.GRANT_TYPES, 'a grant type', at), range };
    case 'bound':
      return { kind: 'cond.is', subject: 'bound', values: b.choices(list, V.BINDINGS, 'a binding', at), range };
    default:
      return undefined;
  }
}
