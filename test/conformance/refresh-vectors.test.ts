/**
 * The `refresh` conformance vectors (scope narrowing at refresh time; SMART App Launch, App Launch: "Refresh access token")
 * through `decideToken`, under a policy that allows every scope the vectors use, so that only
 * the refresh rules decide.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ACCESS_OPTIONS } from '../../engine/src/access/access-options.js';
import { computeBundleHash } from '../../engine/src/compile/bundle-hash.js';
import type { PolicyBundle, SourceSpan } from '../../engine/src/compile/bundle-types.js';
import { DEFAULT_TOKEN_OPTIONS } from '../../engine/src/compile/token-options.js';
import { createEvaluator } from '../../engine/src/evaluate/index.js';

/** The shared corpus lives beside the project (../shared from the repo root); never copied in. */
const vectorsPath = fileURLToPath(new URL('../../../shared/conformance/smart-vectors.jsonl', import.meta.url));

interface RefreshVector {
  id: string;
  kind: 'refresh';
  originalScope: string;
  requestScope: string | null;
  expect: 'allow' | 'deny';
  expectScope?: string;
  error?: string;
  why: string;
}

function loadVectors(): RefreshVector[] {
  if (!existsSync(vectorsPath)) {
    throw new Error(`conformance vectors not found at ${vectorsPath}: the shared corpus must be checked out beside the project`);
  }
  return readFileSync(vectorsPath, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { kind: string })
    .filter((v): v is RefreshVector => v.kind === 'refresh');
}

const span: SourceSpan = { uri: 'refresh-vectors', start: { line: 1, column: 1 }, end: { line: 1, column: 2 } };
const ALLOW_EVERYTHING = [
  'patient/*.cruds',
  'user/*.cruds',
  'system/*.cruds',
  'launch',
  'launch/patient',
  'launch/encounter',
  'openid',
  'fhirUser',
  'profile',
  'offline_access',
  'online_access',
];

function permissiveBundle(): PolicyBundle {
  const body = {
    format: 'smart-policy-bundle' as const,
    version: 1 as const,
    sources: ['refresh-vectors'],
    policy: {
      name: 'allow everything',
      fhirVersion: 'R4',
      locales: ['en'],
      defaultLocale: 'en',
      options: { access: DEFAULT_ACCESS_OPTIONS, token: DEFAULT_TOKEN_OPTIONS },
      span,
    },
    apps: [
      {
        id: 'app:any',
        name: 'any',
        clientTypes: [],
        authMethods: [],
        registration: [],
        clientIds: [],
        softwareIds: [],
        userTypes: [],
        launch: [],
        span,
      },
    ],
    grants: ALLOW_EVERYTHING.map((scope, i) => ({ id: `grant:any#${i + 1}`, app: 'any', effect: 'allow' as const, scope, span })),
    context: { requirements: [], tokenCarries: [], introspectionEchoes: [] },
    refresh: [
      {
        id: 'refresh:any',
        app: 'any',
        offline: true,
        online: true,
        lifetime: null,
        idle: null,
        rotate: 'every-use' as const,
        reuse: 'revoke-grant' as const,
        binding: { methods: [], required: false },
        graceSeconds: 0,
        remindEvery: null,
        reminderCap: null,
        span,
      },
    ],
    registration: [],
    explanations: [],
    tests: [],
  };
  return { ...body, hash: computeBundleHash(body) };
}

const vectors = loadVectors();
const evaluator = createEvaluator(permissiveBundle());

function tokens(scope: string): string[] {
  return scope.split(' ').filter((t) => t !== '');
}

describe('conformance: refresh vectors', () => {
  it('the corpus has refresh vectors', () => expect(vectors.length).toBeGreaterThan(0));

  it.each(vectors.map((v) => [v.id, v] as const))('%s', (_id, v) => {
    const decision = evaluator.decideToken({
      grantType: 'refresh_token',
      client: { clientId: 'app-1', type: 'confidential-asymmetric', authMethod: 'private_key_jwt' },
      user: { type: 'patient' },
      requestedScope: v.requestScope,
      originalScope: v.originalScope,
      availableContext: { patient: '123' },
    });
    expect(decision.decision, `${v.why}\n${JSON.stringify(decision.oauthError ?? decision.dropped)}`).toBe(v.expect);
    if (v.expect === 'allow' && v.expectScope !== undefined) {
      expect(decision.granted.scopes).toEqual(tokens(v.expectScope));
      // RFC 6749 §6: a new refresh token keeps the original grant's scope.
      expect(decision.refresh?.scope).toBe(tokens(v.originalScope).join(' '));
    }
    if (v.expect === 'deny' && v.error !== undefined) expect(decision.oauthError?.error).toBe(v.error);
  });
});
