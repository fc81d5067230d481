/** A small policy and helpers to start refresh families through the real evaluator. */
import { createEvaluator } from '../../../src/evaluate/index.js';
import type { TokenRequest } from '../../../src/evaluate/token-types.js';
import { createRefreshRuntime, createMemoryStore, type Store } from '../../../src/runtime/index.js';
import { allow, app, makeBundle, refreshPolicy, rules } from '../../evaluate/bundle-fixture.js';
import type { BundleRefreshPolicy } from '../../../src/compile/bundle-types.js';

export const DPOP_JKT = 'A'.repeat(43);
export const OTHER_JKT = 'B'.repeat(43);

export function refreshBundle(refresh: Partial<Omit<BundleRefreshPolicy, 'id' | 'app' | 'span'>> = {}) {
  return makeBundle({
    apps: [app('portal', { title: 'Patient portal apps', clientTypes: ['public'], userTypes: ['patient'] })],
    grants: rules('portal', [allow('patient/Observation.rs', 'patient/Condition.rs', 'launch/patient', 'offline_access', 'online_access')]),
    refresh: [refreshPolicy('portal', { online: true, graceSeconds: 0, ...refresh })],
  });
}

export function codeRequest(scope: string, dpopJkt?: string): TokenRequest {
  return {
    grantType: 'authorization_code',
    client: { clientId: 'portal-app', type: 'public', authMethod: 'none' },
    user: { type: 'patient', id: 'pat-user' },
    launch: 'standalone',
    requestedScope: scope,
    availableContext: { patient: 'p1' },
    ...(dpopJkt === undefined ? {} : { binding: { dpopJkt } }),
  };
}

export function setup(
  refresh: Parameters<typeof refreshBundle>[0] = {},
  store: Store = createMemoryStore(),
  sessionLive?: (userSessionId: string) => boolean | Promise<boolean>,
) {
  let now = 1_800_000_000;
  const evaluator = createEvaluator(refreshBundle(refresh));
  const clock = () => now;
  const runtime = createRefreshRuntime({ store, evaluator, clock, ...(sessionLive === undefined ? {} : { sessionLive }) });
  const start = async (
    scope = 'patient/Observation.rs patient/Condition.rs launch/patient offline_access',
    dpopJkt?: string,
    session?: string,
  ) => {
    const request = codeRequest(scope, dpopJkt);
    const decision = evaluator.decideToken(request);
    return runtime.startFamily({
      request,
      decision,
      userId: 'pat-user',
      context: { patient: 'p1', need_patient_banner: true },
      ...(session === undefined ? {} : { userSessionId: session }),
    });
  };
  return {
    store,
    evaluator,
    runtime,
    start,
    advance: (seconds: number) => {
      now += seconds;
    },
    now: () => now,
  };
}
