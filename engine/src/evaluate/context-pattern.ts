/**
 * Scope patterns of `context` requirements: a pattern covers the scopes it is a prefix of at a
 * boundary. `patient/*` covers every patient-level scope, `user/Observation` every user-level
 * scope that can touch Observation (including `user/*.rs`), `launch/list` every
 * `launch/list?role=…`. A pattern written as a whole scope (`user/Encounter.rs`) covers the
 * scopes that overlap it.
 */
import type { Scope } from '../smart/scope-types.js';
import { parseScope } from '../smart/parse-scope.js';
import type { ScopeParseResult } from '../smart/scope-types.js';
import { overlaps, setOf } from './scope-sets.js';
import { scopeKey } from './scope-key.js';

export type ScopeMatcher = (scope: Scope) => boolean;

const LEVELS = new Set(['patient', 'user', 'system']);

/** Compiles a pattern; one that means nothing matches nothing. `parse`: the evaluator's scope memo. */
export function compilePattern(pattern: string, parse: (text: string) => ScopeParseResult = parseScope): ScopeMatcher {
  const slash = pattern.indexOf('/');
  const level = slash > 0 ? pattern.slice(0, slash) : '';
  if (LEVELS.has(level) && !pattern.includes('.')) {
    const type = pattern.slice(slash + 1);
    return (scope) =>
      scope.type === 'resource' &&
      scope.level === level &&
      (type === '*' || type === '' || scope.resourceType === '*' || scope.resourceType === type);
  }
  const parsed = parse(pattern);
  if (!parsed.ok) return () => false;
  const target = parsed.scope;
  if (target.type === 'resource') {
    const targetSet = setOf(target);
    return (scope) => scope.type === 'resource' && overlaps(setOf(scope), targetSet);
  }
  const key = scopeKey(target);
  return (scope) => scope.type !== 'resource' && scopeKey(scope) === key;
}
