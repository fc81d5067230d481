import type { Grant } from './scope-grant.js';
import { appendAll } from '../util/append-all.js';

/**
 * Grants bucketed by (level, letter, type), so that the algebra only compares grants that can
 * meet: same level and letter, and the same type or `*`. Keeps set operations near-linear on
 * large scope lists instead of comparing every grant with every other.
 */
export class GrantIndex {
  readonly #buckets = new Map<string, Grant[]>();

  constructor(grants: Iterable<Grant>) {
    for (const grant of grants) {
      const key = bucketKey(grant.level, grant.letter, grant.resourceType);
      const bucket = this.#buckets.get(key);
      if (bucket) bucket.push(grant);
      else this.#buckets.set(key, [grant]);
    }
  }

  /** Grants that could cover `target`: same level and letter, on its type or on `*`. */
  coverCandidates(target: Grant): readonly Grant[] {
    const wildcard = this.#buckets.get(bucketKey(target.level, target.letter, '*')) ?? [];
    if (target.resourceType === '*') return wildcard;
    const exact = this.#buckets.get(bucketKey(target.level, target.letter, target.resourceType)) ?? [];
    return wildcard.length === 0 ? exact : exact.length === 0 ? wildcard : [...exact, ...wildcard];
  }

  /** Grants that share some permission with `grant`: cover candidates, plus every type when `grant` is on `*`. */
  overlapping(grant: Grant): readonly Grant[] {
    if (grant.resourceType !== '*') return this.coverCandidates(grant);
    const prefix = `${grant.level}|${grant.letter}|`;
    const found: Grant[] = [];
    for (const [key, bucket] of this.#buckets) if (key.startsWith(prefix)) appendAll(found, bucket);
    return found;
  }
}

function bucketKey(level: string, letter: string, resourceType: string): string {
  return `${level}|${letter}|${resourceType}`;
}
