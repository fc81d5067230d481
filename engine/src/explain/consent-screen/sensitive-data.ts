/**
 * Which permissions could reach data the policy marks `sensitive` (`explain X sensitive`,
 * `where p = v sensitive`). The rule errs towards asking: a permission is sensitive unless one
 * of its own query conditions rules the marked value out. So `Observation.rs`,
 * `*.rs`, `Observation.rs?code=…` and `Observation.rs?category=social-history` (any system, any
 * percent-encoding) are sensitive when Observation's social-history category is marked;
 * `Observation.rs?category=laboratory` is not.
 */
import type { ExplanationCatalog } from '../explanation-catalog.js';
import type { ResourceScope } from '../../smart/scope-types.js';

/** A marked target: a resource type (or `*`), optionally one query value of it. */
export interface SensitiveTarget {
  readonly resourceType: string;
  readonly param?: string;
  readonly value?: string;
}

/** The sensitive targets of a catalog (scope-word targets such as `offline_access` are not data). */
export function sensitiveTargets(catalog: ExplanationCatalog): SensitiveTarget[] {
  const out: SensitiveTarget[] = [];
  for (const entry of Object.values(catalog.entries ?? {})) {
    if (!entry || typeof entry.target !== 'string' || !/^([A-Z][A-Za-z0-9]*|\*)$/.test(entry.target)) continue;
    if (entry.sensitive === true) out.push({ resourceType: entry.target });
    for (const q of Array.isArray(entry.queries) ? entry.queries : []) {
      if (q?.sensitive === true && typeof q.param === 'string' && typeof q.value === 'string') out.push({ resourceType: entry.target, param: q.param, value: q.value });
    }
  }
  return out;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A token value split into system and code (`system|code`, `|code` or a bare `code`). */
function token(value: string): { system: string | null; code: string } {
  const v = decode(value);
  const bar = v.lastIndexOf('|');
  return bar < 0 ? { system: null, code: v } : { system: v.slice(0, bar) === '' ? null : v.slice(0, bar), code: v.slice(bar + 1) };
}

/** Whether a value written in a scope may select the marked value (FHIR token search: a bare code matches any system). */
function mayMatch(written: string, marked: string): boolean {
  const a = token(written);
  const b = token(marked);
  if (a.code !== b.code) return false;
  return a.system === null || b.system === null || a.system === b.system;
}

/** True when the scope's own conditions exclude the marked value: same parameter, no modifiers, no value that may match. */
function excludes(scope: ResourceScope, target: SensitiveTarget): boolean {
  if (target.param === undefined || target.value === undefined) return false;
  const marked = target.value;
  const param = target.param;
  if (param.includes(':') || param.includes('.')) return false;
  return scope.query.some((pair) => {
    if (decode(pair.name) !== param) return false;
    // A comma is OR in FHIR search: every alternative must miss the marked value.
    // Split before and after percent-decoding: an encoded comma may still mean OR.
    const alternatives = [...pair.value.split(','), ...decode(pair.value).split(',')];
    return alternatives.every((alt) => !mayMatch(alt, marked));
  });
}

/** Whether a resource scope could reach any sensitive target. */
export function isSensitiveScope(scope: ResourceScope, targets: readonly SensitiveTarget[]): boolean {
  return targets.some(
    (t) => (t.resourceType === '*' || scope.resourceType === '*' || t.resourceType === scope.resourceType) && !excludes(scope, t),
  );
}
