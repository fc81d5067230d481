/** Inputs shared by the decision-server tests: one per route, on the patient access API policy. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino, { type Logger } from 'pino';
import { compilePolicyFile } from '../../src/node/compile-policy-file.js';
import type { PolicyBundle } from '../../src/compile/bundle-types.js';
import { createEvaluator, type Evaluator } from '../../src/evaluate/create-evaluator.js';
import type { RegistrationRequest } from '../../src/evaluate/decide-registration.js';
import type { TokenRequest } from '../../src/evaluate/token-types.js';
import { explainOptionsOf, explainResultWire, explainScopes } from '../../src/explain/explain-wire.js';
import { createRefreshRuntime, type Store } from '../../src/runtime/index.js';
import { accessResultWire } from '../../src/schema/access-result-wire.js';
import { validateAccessRequest } from '../../src/schema/validate-access-request.js';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const POLICY_DIR = join(REPO_ROOT, 'policies/patient-access-api');
export const POLICY_ENTRY = join(POLICY_DIR, 'api.smartpolicy');

export function policyBundle(entry = POLICY_ENTRY): PolicyBundle {
  const { bundle } = compilePolicyFile(entry, { relativeTo: dirname(entry) });
  if (bundle === null) throw new Error('the test policy does not compile');
  return bundle;
}

/** A pino logger whose lines are kept in memory, for tests that read what was logged. */
export function capturedLog(level: 'info' | 'debug'): { readonly logger: Logger; text(): string; clear(): void } {
  let text = '';
  const logger = pino({ level }, { write: (line: string) => void (text += line) });
  return { logger, text: () => text, clear: () => void (text = '') };
}

/** A secret-looking value planted in inputs: it must never reach a log line or an error body. */
export const SECRET = 'eyJhbGciOiJSUzM4NCJ9.SECRET-TOKEN-VALUE.c2lnbmF0dXJl';

/**
 * One offline-access grant per user (repeats give a user several), started through the runtime as
 * the reference server's demo app would after its authorization-code grant, at time `at`: what the
 * reminder routes and `smart-policy reminders` read.
 */
export async function startOfflineGrants(store: Store, bundle: PolicyBundle, users: readonly string[], at: number): Promise<void> {
  const evaluator = createEvaluator(bundle);
  const refresh = createRefreshRuntime({ store, evaluator, clock: () => at });
  for (const user of users) {
    const request: TokenRequest = {
      grantType: 'authorization_code',
      client: { clientId: 'sandbox-demo-app', type: 'public', authMethod: 'none' },
      user: { type: 'patient', id: user },
      launch: 'standalone',
      requestedScope: 'launch/patient patient/Patient.rs offline_access',
      availableContext: { patient: user },
    };
    const decision = evaluator.decideToken(request);
    if (decision.decision !== 'allow') throw new Error('the policy refuses the grant a reminder test needs');
    await refresh.startFamily({ request, decision, userId: user, context: { patient: user } });
  }
}

const patientApp = { clientId: 'app-1', type: 'public', authMethod: 'none' } as const;

export const INPUTS = {
  '/v1/decide/access': {
    granted: 'patient/Observation.rs launch/patient',
    context: { patient: '85' },
    request: { method: 'GET', path: 'Observation', query: 'patient=85&category=laboratory' },
  },
  '/v1/decide/token': {
    grantType: 'authorization_code',
    client: patientApp,
    user: { type: 'patient', id: 'u1' },
    launch: 'standalone',
    requestedScope: 'launch/patient openid fhirUser patient/Observation.rs offline_access',
    availableContext: { patient: '85' },
    binding: { dpopJkt: 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs' },
  },
  '/v1/decide/refresh': {
    client: patientApp,
    user: { type: 'patient', id: 'u1' },
    requestedScope: 'patient/Observation.rs',
    originalScope: 'launch/patient patient/Observation.rs offline_access',
    availableContext: { patient: '85' },
    binding: { dpopJkt: 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs' },
  },
  '/v1/introspection': {
    grantType: 'authorization_code',
    client: patientApp,
    user: { type: 'patient' },
    requestedScope: 'launch/patient patient/Observation.rs',
    availableContext: { patient: '85' },
  },
  '/v1/decide/registration': {
    client: { clientId: 'wallet', type: 'public', authMethod: 'none', softwareId: 'org.summithealth.wallet' },
    softwareId: 'org.summithealth.wallet',
    initialToken: { scope: 'launch/patient patient/Observation.rs system/DynamicClient.register', ageSeconds: 30, used: false },
    keys: [{ alg: 'ES384', seenBefore: false }],
    instancesOfUser: 1,
  },
  '/v1/explain': { scopes: 'patient/Observation.rs offline_access', locale: 'es' },
} satisfies Readonly<Record<string, object>>;

/** What the library answers for each route's input: the JSON every transport must give. */
export function libraryAnswer(evaluator: Evaluator, route: string, input: object): unknown {
  switch (route) {
    case '/v1/decide/access': {
      const validated = validateAccessRequest(input);
      if (!validated.ok) throw new Error('bad fixture');
      return accessResultWire(evaluator.authorize(validated.value));
    }
    case '/v1/decide/token':
      return evaluator.decideToken(input as TokenRequest);
    case '/v1/decide/refresh':
      return evaluator.decideRefresh(input as TokenRequest);
    case '/v1/introspection':
      return evaluator.decideIntrospection(input as TokenRequest);
    case '/v1/decide/registration':
      return evaluator.decideRegistration(input as RegistrationRequest);
    case '/v1/explain': {
      const request = input as { scopes: string; locale?: string };
      return explainResultWire(evaluator.explain(explainScopes(request.scopes), explainOptionsOf(request)));
    }
  }
  throw new Error(`no route ${route}`);
}
