/**
 * Which permissions could reach data the policy marks `sensitive` (`explain X sensitive`,
 * `where p = v sensitive`). A permission is sensitive when its resource type meets a marked
 * target's type (`*` meets every type). A query never rules marked data out: FHIR elements such
 * as Observation.category repeat, so `Observation.rs?category=laboratory` also returns a result
 * tagged both laboratory and social-history — the scope algebra agrees (the conjunction of the
 * two conditions is not empty), and asking once too often is the safe side of the choice.
 */
import type { ExplanationCatalog } from '../explanation-catalog.js';
import type { ResourceScope } from '../../smart/scope-types.js';

/** A marked target: a resource type (or `*`), optionally one query value of it (kept for the docs). */
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
      if (q?.sensitive === true && typeof q.param === 'string' && typeof q.value === 'string')
        out.push({ resourceType: entry.target, param: q.param, value: q.value });
    }
  }
  return out;
}

/** Whether a resource scope could reach any sensitive target. */
export function isSensitiveScope(scope: ResourceScope, targets: readonly SensitiveTarget[]): boolean {
  return targets.some((t) => t.resourceType === '*' || scope.resourceType === '*' || t.resourceType === scope.resourceType);
}
