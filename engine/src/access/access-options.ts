/**
 * Default access options: each settles one question the SMART App Launch IG leaves open that touches
 * resource-server decisions. The defaults and their documentation live in the options registry
 * (`../options/`); a policy file overrides them, and `authorize` also accepts per-request
 * overrides.
 */
import type { AccessOptions } from './access-types.js';
import { DEFAULT_ACCESS_OPTIONS } from '../options/option-registry.js';

/**
 * The options `authorize` uses when neither a policy nor the request says otherwise.
 * Frozen: callers build their own object (`{...DEFAULT_ACCESS_OPTIONS, ...}`) to change them.
 */
export { DEFAULT_ACCESS_OPTIONS };

/** Merges per-request overrides onto a base; returns the base itself when there are none. */
export function resolveAccessOptions(
  overrides: Partial<AccessOptions> | undefined,
  base: AccessOptions = DEFAULT_ACCESS_OPTIONS,
): AccessOptions {
  if (overrides === undefined || overrides === null) return base;
  if (typeof overrides !== 'object') return base;
  return { ...base, ...overrides };
}
