/**
 * Checks the scope patterns of `context` requirements (`patient/*`, `user/Observation`,
 * `launch/imagingstudy`, or a whole scope). A pattern that matches no scope makes its
 * requirement dead, so its problems are reported by the same rules as grant scopes.
 */
import type { ScopeRef } from '../language/ast.js';
import type { RuleContext } from './rule-context.js';
import type { ScopeInfo } from './scope-info.js';
import { scopeInfo } from './scope-info.js';
import { list } from './safe.js';
import { correctedScope, isResourceTypeError } from './scope-errors.js';
import { RESOURCE_TYPE_BY_LOWER_NAME, RESOURCE_TYPE_SET } from '../fhir/resource-types.js';

/** A problem with one pattern: `type` for an unknown resource type, `syntax` otherwise. */
export interface PatternProblem {
  readonly info: ScopeInfo;
  readonly uri: string | undefined;
  readonly kind: 'syntax' | 'type';
  readonly offset: number;
  readonly length: number;
  readonly message: string;
  readonly replacement?: string;
}

const LEVELS = ['patient', 'user', 'system'];

/** Every problem of every context requirement pattern. */
export function contextPatternProblems(context: RuleContext): PatternProblem[] {
  const out: PatternProblem[] = [];
  for (const { node, uri } of context.index.contexts) {
    for (const st of list(node.statements)) {
      if (st?.kind !== 'context.requires') continue;
      const info = scopeInfo(st.pattern as ScopeRef);
      if (!info) continue;
      const problem = checkPattern(info);
      if (problem) out.push({ info, uri, ...problem });
    }
  }
  return out;
}

function checkPattern(info: ScopeInfo): Omit<PatternProblem, 'info' | 'uri'> | undefined {
  const text = info.text;
  const slash = text.indexOf('/');
  const head = slash < 0 ? text : text.slice(0, slash);
  // Whole scopes (with permissions) and launch scopes: the scope parser decides.
  if (text.includes('.') || head === 'launch' || slash < 0) {
    if (info.parsed.ok) return undefined;
    const e = info.parsed.error;
    const replacement = correctedScope(text, e);
    return {
      kind: isResourceTypeError(e) ? 'type' : 'syntax',
      offset: e.offset,
      length: e.length,
      message: e.message,
      ...(replacement ? { replacement } : {}),
    };
  }
  if (!LEVELS.includes(head)) {
    const lower = head.toLowerCase();
    const level = LEVELS.find((l) => l === lower || l === lower.replace(/s$/, ''));
    return {
      kind: 'syntax',
      offset: 0,
      length: head.length,
      message: `'${head}' is not a scope level: a pattern starts with patient/, user/, system/ or launch/`,
      ...(level ? { replacement: level + text.slice(slash) } : {}),
    };
  }
  const target = text.slice(slash + 1);
  if (target === '*' || RESOURCE_TYPE_SET.has(target)) return undefined;
  const canonical = RESOURCE_TYPE_BY_LOWER_NAME.get(target.toLowerCase());
  return {
    kind: target === '' ? 'syntax' : 'type',
    offset: slash + 1,
    length: Math.max(1, target.length),
    message:
      target === ''
        ? `write a resource type or '*' after '${head}/'`
        : `'${target}' is not a FHIR R4 resource type${canonical ? ` (write '${canonical}')` : ''}`,
    ...(canonical ? { replacement: `${head}/${canonical}` } : {}),
  };
}
