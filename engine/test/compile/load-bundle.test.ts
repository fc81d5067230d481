/** loadBundle: shape, version and hash checks with JSON paths; canonical JSON. */
import { describe, expect, it } from 'vitest';
import { canonicalJson, computeBundleHash, loadBundle } from '../../src/compile/index.js';
import { allow, app, makeBundle, rules } from '../evaluate/bundle-fixture.js';

const bundle = makeBundle({ apps: [app('a')], grants: rules('a', [allow('patient/Patient.rs')]) });

describe('loadBundle', () => {
  it('loads a bundle from JSON text and from a value', () => {
    expect(loadBundle(JSON.stringify(bundle))).toMatchObject({ ok: true });
    expect(loadBundle(JSON.parse(JSON.stringify(bundle)) as unknown)).toMatchObject({ ok: true });
  });

  it('refuses a bundle changed after compilation', () => {
    const tampered = { ...bundle, grants: bundle.grants.map((g) => ({ ...g, scope: 'patient/*.cruds' })) };
    const r = loadBundle(JSON.stringify(tampered));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.path).toBe('$.hash');
  });

  it('names the JSON path of shape errors', () => {
    const broken = { ...bundle, grants: [{ ...bundle.grants[0], effect: 'permit' }] };
    const r = loadBundle({ ...broken, hash: computeBundleHash(broken) });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors).toEqual([{ path: '$.grants[0].effect', pointer: '/grants/0/effect', message: 'must be one of allow, deny' }]);
  });

  it('checks phrasebooks and names the JSON path of their shape errors', () => {
    const span = { uri: 'p.smartpolicy', start: { line: 1, column: 1 }, end: { line: 2, column: 2 } };
    const good = {
      ...bundle,
      phrasebooks: {
        fr: {
          messages: { verb: '{letter, select, r {voir} other {}}' },
          wildcard: { short: 'informations', gender: 'feminine' },
          jargon: ['rencontre'],
          span,
        },
      },
    };
    expect(loadBundle({ ...good, hash: computeBundleHash(good) })).toMatchObject({ ok: true });
    const broken = {
      ...bundle,
      phrasebooks: { fr: { messages: { verb: 3 }, wildcard: { short: 'x', number: 'many' }, possessives: 'vos', span } },
    };
    const r = loadBundle({ ...broken, hash: computeBundleHash(broken) });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toEqual([
        { path: '$.phrasebooks.fr.messages.verb', pointer: '/phrasebooks/fr/messages/verb', message: 'must be a string' },
        {
          path: '$.phrasebooks.fr.wildcard.number',
          pointer: '/phrasebooks/fr/wildcard/number',
          message: 'must be one of singular, plural',
        },
        { path: '$.phrasebooks.fr.possessives', pointer: '/phrasebooks/fr/possessives', message: 'must be an array' },
      ]);
    }
  });

  it.each([
    ['not JSON', '{', '$'],
    ['not an object', '[1]', '$'],
    ['another format', JSON.stringify({ ...bundle, format: 'x' }), '$.format'],
    ['another version', JSON.stringify({ ...bundle, version: 2 }), '$.version'],
    ['missing apps', JSON.stringify({ ...bundle, apps: undefined }), '$.apps'],
  ])('refuses %s', (_name, text, path) => {
    const r = loadBundle(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.path).toBe(path);
  });
});

describe('canonical JSON', () => {
  it('sorts keys at every level and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: true, y: null }], c: 'x' }, u: undefined })).toBe(
      '{"a":{"c":"x","d":[1,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('gives the same hash whatever the key order', () => {
    const reverse = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reverse)
        : v !== null && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reverse(x)]),
            )
          : v;
    const reordered = reverse(bundle) as object;
    expect(Object.keys(reordered)[0]).not.toBe(Object.keys(bundle)[0]);
    expect(computeBundleHash({ ...bundle })).toBe(computeBundleHash(reordered));
  });

  it('refuses values JSON cannot hold', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow();
    expect(() => canonicalJson({ f: () => 1 })).toThrow();
  });
});

describe('loadBundle options', () => {
  it('refuses a bundle whose options are missing or unknown, even with a matching hash', () => {
    const { emptyGrant: _e, ...token } = bundle.policy.options.token;
    const broken = { ...bundle, policy: { ...bundle.policy, options: { ...bundle.policy.options, token: { ...token, v1Echo: 'v3' } } } };
    const r = loadBundle({ ...broken, hash: computeBundleHash(broken) });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.map((e) => e.path)).toEqual(['$.policy.options.token.v1Echo', '$.policy.options.token.emptyGrant']);
    }
  });
});
