/** Shared fixtures of the consent-screen tests: the compiled example policies. */
import { compilePolicyFile } from '../../src/node/index.js';
import type { PolicyBundle } from '../../src/compile/bundle-types.js';

const cache = new Map<string, PolicyBundle>();

/** A compiled example policy (policies/<dir>/<file>), compiled once per test file. */
export function examplePolicy(path: string): PolicyBundle {
  const hit = cache.get(path);
  if (hit) return hit;
  const { bundle } = compilePolicyFile(path);
  if (!bundle) throw new Error(`${path} does not compile`);
  cache.set(path, bundle);
  return bundle;
}

export const PORTAL = 'policies/patient-portal/portal.smartpolicy';
export const API = 'policies/patient-access-api/api.smartpolicy';
export const EHR = 'policies/clinician-ehr/ehr.smartpolicy';

/** The scopes an app class may be granted, as written. */
export function allowedOf(bundle: PolicyBundle, app: string): string[] {
  return bundle.grants.filter((g) => g.app === app && g.effect === 'allow').map((g) => g.scope);
}

export const NOW = '2026-03-01T12:00:00Z';
