/** Hand-built bundles for evaluator unit tests (no parser involved). */
import { DEFAULT_ACCESS_OPTIONS } from '../../src/access/access-options.js';
import type {
  BundleApp,
  BundleContext,
  BundleGrant,
  BundleRefreshPolicy,
  BundleRegistrationPolicy,
  Condition,
  PolicyBundle,
  SourceSpan,
  TokenOptions,
} from '../../src/compile/bundle-types.js';
import { computeBundleHash } from '../../src/compile/bundle-hash.js';
import { DEFAULT_TOKEN_OPTIONS } from '../../src/compile/token-options.js';

let line = 1;
export function span(): SourceSpan {
  const l = line++;
  return { uri: 'test.smartpolicy', start: { line: l, column: 1 }, end: { line: l, column: 10 } };
}

export function app(name: string, fields: Partial<Omit<BundleApp, 'id' | 'name' | 'span'>> = {}): BundleApp {
  return {
    id: `app:${name}`,
    name,
    clientTypes: [],
    authMethods: [],
    registration: [],
    clientIds: [],
    softwareIds: [],
    userTypes: [],
    launch: [],
    ...fields,
    span: span(),
  };
}

/** Grant rules for one app: `allow('patient/*.rs', 'openid')`, numbered in order. */
export function rules(
  appName: string,
  list: readonly { effect: 'allow' | 'deny'; scopes: readonly string[]; when?: Condition; reason?: string }[],
): BundleGrant[] {
  let n = 0;
  return list.flatMap((r) =>
    r.scopes.map((scope) => ({
      id: `grant:${appName}#${++n}`,
      app: appName,
      effect: r.effect,
      scope,
      ...(r.reason !== undefined ? { reason: r.reason } : {}),
      ...(r.when !== undefined ? { when: r.when } : {}),
      span: span(),
    })),
  );
}

export function refreshPolicy(
  appName: string,
  fields: Partial<Omit<BundleRefreshPolicy, 'id' | 'app' | 'span'>> = {},
): BundleRefreshPolicy {
  return {
    id: `refresh:${appName}`,
    app: appName,
    offline: true,
    online: false,
    lifetime: 7_776_000,
    idle: 2_592_000,
    rotate: 'every-use',
    reuse: 'revoke-grant',
    binding: { methods: [], required: false },
    graceSeconds: 10,
    remindEvery: null,
    reminderCap: null,
    ...fields,
    span: span(),
  };
}

export interface BundleParts {
  apps: BundleApp[];
  grants: BundleGrant[];
  context?: Partial<BundleContext>;
  refresh?: BundleRefreshPolicy[];
  registration?: BundleRegistrationPolicy[];
  token?: Partial<TokenOptions>;
}

export function makeBundle(parts: BundleParts): PolicyBundle {
  const body = {
    format: 'smart-policy-bundle' as const,
    version: 1 as const,
    sources: ['test.smartpolicy'],
    policy: {
      name: 'Test',
      fhirVersion: 'R4',
      locales: ['en'],
      defaultLocale: 'en',
      options: { access: { ...DEFAULT_ACCESS_OPTIONS }, token: { ...DEFAULT_TOKEN_OPTIONS, ...parts.token } },
      span: span(),
    },
    apps: parts.apps,
    grants: parts.grants,
    context: { requirements: [], tokenCarries: [], introspectionEchoes: [], ...parts.context },
    refresh: parts.refresh ?? [],
    registration: parts.registration ?? [],
    explanations: [],
    tests: [],
  };
  return { ...body, hash: computeBundleHash(body) };
}

export const allow = (...scopes: string[]) => ({ effect: 'allow' as const, scopes });
export const deny = (...scopes: string[]) => ({ effect: 'deny' as const, scopes });
