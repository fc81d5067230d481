/**
 * Loads a PolicyBundle from JSON text or a parsed value: checks its format, version, shape and
 * content hash, and reports every problem with a JSON path (`$.grants[3].span.start.line`).
 * Never throws.
 */
import { BUNDLE_FORMAT, BUNDLE_VERSION, type PolicyBundle } from './bundle-types.js';
import { computeBundleHash } from './bundle-hash.js';
import { ALL_OPTIONS, type OptionGroup } from '../options/option-registry.js';
import { parseJsonQuietly } from '../io/json-syntax-error.js';
import { isSignedBundleEnvelope } from './signed-bundle-format.js';

export interface BundleLoadError {
  readonly path: string;
  readonly message: string;
}

export type LoadBundleResult =
  | { readonly ok: true; readonly bundle: PolicyBundle }
  | { readonly ok: false; readonly errors: readonly BundleLoadError[] };

type Json = unknown;

class Checker {
  readonly errors: BundleLoadError[] = [];
  fail(path: string, message: string): void {
    if (this.errors.length < 100) this.errors.push({ path, message });
  }
  object(v: Json, path: string): v is Record<string, Json> {
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return true;
    this.fail(path, 'must be an object');
    return false;
  }
  array(v: Json, path: string, each?: (item: Json, path: string) => void): v is Json[] {
    if (!Array.isArray(v)) {
      this.fail(path, 'must be an array');
      return false;
    }
    if (each) for (const [i, item] of v.entries()) each(item, `${path}[${i}]`);
    return true;
  }
  string(v: Json, path: string): void {
    if (typeof v !== 'string') this.fail(path, 'must be a string');
  }
  strings(v: Json, path: string): void {
    this.array(v, path, (item, p) => this.string(item, p));
  }
  oneOf(v: Json, path: string, values: readonly string[]): void {
    if (typeof v !== 'string' || !values.includes(v)) this.fail(path, `must be one of ${values.join(', ')}`);
  }
  numberOrNull(v: Json, path: string): void {
    if (v !== null && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) this.fail(path, 'must be a non-negative number or null');
  }
  number(v: Json, path: string): void {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) this.fail(path, 'must be a non-negative number');
  }
  boolean(v: Json, path: string): void {
    if (typeof v !== 'boolean') this.fail(path, 'must be true or false');
  }
  position(v: Json, path: string): void {
    if (!this.object(v, path)) return;
    for (const k of ['line', 'column'] as const) {
      const n = v[k];
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) this.fail(`${path}.${k}`, 'must be a whole number ≥ 1');
    }
  }
  span(v: Json, path: string): void {
    if (!this.object(v, path)) return;
    this.string(v.uri, `${path}.uri`);
    this.position(v.start, `${path}.start`);
    this.position(v.end, `${path}.end`);
  }
  condition(v: Json, path: string, depth = 0): void {
    if (depth > 64) {
      this.fail(path, 'is nested too deeply');
      return;
    }
    if (!this.object(v, path)) return;
    if ('all' in v) this.array(v.all, `${path}.all`, (c, p) => this.condition(c, p, depth + 1));
    else if ('any' in v) this.array(v.any, `${path}.any`, (c, p) => this.condition(c, p, depth + 1));
    else if ('not' in v) this.condition(v.not, `${path}.not`, depth + 1);
    else if ('field' in v) {
      this.oneOf(v.field, `${path}.field`, ['launch', 'user', 'client', 'grant', 'bound']);
      this.strings(v.in, `${path}.in`);
    } else this.fail(path, 'must have all, any, not or field');
  }
  /** A flag that is present only when set. */
  trueFlag(v: Json, path: string): void {
    if (v !== true) this.fail(path, 'must be true when present');
  }
  optional(v: Record<string, Json>, key: string, path: string, check: (value: Json, path: string) => void): void {
    if (v[key] !== undefined) check(v[key], `${path}.${key}`);
  }
}

/**
 * Every option the registry defines must be present with a value of its kind: a missing one
 * must not silently mean "off" (so new options need no change here).
 */
function checkOptionGroup(c: Checker, group: OptionGroup, o: Record<string, Json>): void {
  for (const option of ALL_OPTIONS) {
    if (option.group !== group) continue;
    const path = `$.policy.options.${group}.${option.member}`;
    const value = o[option.member];
    const d = option.definition;
    switch (d.kind) {
      case 'choice':
        c.oneOf(value, path, d.values);
        break;
      case 'fixed':
        c.oneOf(value, path, [d.value]);
        break;
      case 'seconds':
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > d.max)
          c.fail(path, `must be a whole number of seconds from 1 to ${d.max}`);
        break;
      case 'url':
        if (typeof value !== 'string' || (value !== '' && !d.pattern.test(value)))
          c.fail(path, "must be '' or an absolute http(s) URL without query, fragment or user info");
        break;
      case 'operations':
        if (c.object(value, path)) for (const [name, letters] of Object.entries(value)) c.string(letters, `${path}.${name}`);
        break;
    }
  }
}

function checkPhrasebook(c: Checker, pb: Json, path: string): void {
  if (!c.object(pb, path)) return;
  if (c.object(pb.messages, `${path}.messages`))
    for (const [key, source] of Object.entries(pb.messages)) c.string(source, `${path}.messages.${key}`);
  c.optional(pb, 'wildcard', path, (w, p) => {
    if (!c.object(w, p)) return;
    c.string(w.short, `${p}.short`);
    c.optional(w, 'long', p, (v, q) => c.string(v, q));
    c.optional(w, 'gender', p, (v, q) => c.oneOf(v, q, ['masculine', 'feminine', 'neuter']));
    c.optional(w, 'number', p, (v, q) => c.oneOf(v, q, ['singular', 'plural']));
  });
  c.optional(pb, 'jargon', path, (v, p) => c.strings(v, p));
  c.optional(pb, 'possessives', path, (v, p) => c.strings(v, p));
  c.span(pb.span, `${path}.span`);
}

function checkTestContext(c: Checker, v: Json, path: string): void {
  if (!c.object(v, path)) return;
  c.optional(v, 'patient', path, (x, p) => c.string(x, p));
  c.optional(v, 'encounter', path, (x, p) => c.string(x, p));
  c.optional(v, 'fhirContext', path, (x, p) =>
    c.array(x, p, (item, q) => {
      if (!c.object(item, q)) return;
      c.string(item.reference, `${q}.reference`);
      c.optional(item, 'role', q, (r, rp) => c.string(r, rp));
    }),
  );
}

/** A test case as the runner reads it: every member it touches has the type it expects. */
function checkTestCase(c: Checker, t: Json, path: string): void {
  if (!c.object(t, path)) return;
  c.string(t.id, `${path}.id`);
  c.string(t.name, `${path}.name`);
  c.optional(t, 'row', path, (v, p) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) c.fail(p, 'must be a whole number ≥ 1');
  });
  c.oneOf(t.kind, `${path}.kind`, ['token', 'access']);
  if (t.kind === 'token' && c.object(t.token, `${path}.token`)) {
    const k = t.token;
    for (const key of ['app', 'clientId', 'grant', 'launch', 'user', 'scope', 'previousScope'])
      c.optional(k, key, `${path}.token`, (v, p) => c.string(v, p));
    c.optional(k, 'context', `${path}.token`, (v, p) => checkTestContext(c, v, p));
    c.optional(k, 'bound', `${path}.token`, (v, p) => c.strings(v, p));
  }
  if (t.kind === 'access' && c.object(t.access, `${path}.access`)) {
    const a = t.access;
    c.string(a.scope, `${path}.access.scope`);
    c.optional(a, 'context', `${path}.access`, (v, p) => checkTestContext(c, v, p));
    if (c.object(a.request, `${path}.access.request`)) {
      c.string(a.request.method, `${path}.access.request.method`);
      c.string(a.request.path, `${path}.access.request.path`);
      c.optional(a.request, 'query', `${path}.access.request`, (v, p) => c.string(v, p));
    }
    c.optional(a, 'resourceFile', `${path}.access`, (v, p) => c.string(v, p));
    c.optional(a, 'resource', `${path}.access`, (v, p) => {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) c.fail(p, 'must be a JSON object (a FHIR resource)');
    });
  }
  if (c.object(t.expect, `${path}.expect`)) {
    const e = t.expect;
    const at = `${path}.expect`;
    c.optional(e, 'decision', at, (v, p) => c.oneOf(v, p, ['allow', 'deny']));
    c.optional(e, 'granted', at, (v, p) => c.string(v, p));
    c.optional(e, 'dropped', at, (v, p) => c.strings(v, p));
    c.optional(e, 'error', at, (v, p) => c.string(v, p));
    c.optional(e, 'reasons', at, (v, p) => c.strings(v, p));
    c.optional(e, 'refresh', at, (v, p) => c.oneOf(v, p, ['issued', 'none']));
  }
  c.span(t.span, `${path}.span`);
}

function checkShape(c: Checker, b: Record<string, Json>): void {
  if (c.object(b.policy, '$.policy')) {
    const p = b.policy;
    c.string(p.name, '$.policy.name');
    c.string(p.fhirVersion, '$.policy.fhirVersion');
    c.strings(p.locales, '$.policy.locales');
    c.string(p.defaultLocale, '$.policy.defaultLocale');
    c.optional(p, 'revokeUri', '$.policy', (v, q) => c.string(v, q));
    c.span(p.span, '$.policy.span');
    if (c.object(p.options, '$.policy.options')) {
      if (c.object(p.options.access, '$.policy.options.access')) checkOptionGroup(c, 'access', p.options.access);
      if (c.object(p.options.token, '$.policy.options.token')) checkOptionGroup(c, 'token', p.options.token);
    }
  }
  c.strings(b.sources, '$.sources');
  c.array(b.apps, '$.apps', (a, path) => {
    if (!c.object(a, path)) return;
    c.string(a.id, `${path}.id`);
    c.string(a.name, `${path}.name`);
    c.optional(a, 'title', path, (v, q) => c.string(v, q));
    for (const k of ['clientTypes', 'authMethods', 'registration', 'clientIds', 'softwareIds', 'userTypes', 'launch'])
      c.strings(a[k], `${path}.${k}`);
    c.span(a.span, `${path}.span`);
  });
  c.array(b.grants, '$.grants', (g, path) => {
    if (!c.object(g, path)) return;
    c.string(g.id, `${path}.id`);
    c.string(g.app, `${path}.app`);
    c.oneOf(g.effect, `${path}.effect`, ['allow', 'deny']);
    c.string(g.scope, `${path}.scope`);
    c.optional(g, 'reason', path, (v, p) => c.string(v, p));
    c.optional(g, 'when', path, (v, p) => c.condition(v, p));
    c.span(g.span, `${path}.span`);
  });
  if (c.object(b.context, '$.context')) {
    c.array(b.context.requirements, '$.context.requirements', (r, path) => {
      if (!c.object(r, path)) return;
      c.string(r.id, `${path}.id`);
      c.string(r.pattern, `${path}.pattern`);
      c.array(r.requires, `${path}.requires`, (n, p) => {
        if (c.object(n, p)) c.oneOf(n.kind, `${p}.kind`, ['patient', 'encounter', 'fhirContext']);
      });
      c.span(r.span, `${path}.span`);
    });
    for (const key of ['tokenCarries', 'introspectionEchoes']) {
      c.array(b.context[key], `$.context.${key}`, (f, path) => {
        if (c.object(f, path)) c.strings(f.fields, `${path}.fields`);
      });
    }
  }
  c.array(b.refresh, '$.refresh', (r, path) => {
    if (!c.object(r, path)) return;
    c.string(r.id, `${path}.id`);
    c.string(r.app, `${path}.app`);
    c.boolean(r.offline, `${path}.offline`);
    c.boolean(r.online, `${path}.online`);
    c.optional(r, 'offlineWhen', path, (v, p) => c.condition(v, p));
    c.optional(r, 'onlineWhen', path, (v, p) => c.condition(v, p));
    c.numberOrNull(r.lifetime, `${path}.lifetime`);
    c.numberOrNull(r.idle, `${path}.idle`);
    c.oneOf(r.rotate, `${path}.rotate`, ['every-use', 'never']);
    c.oneOf(r.reuse, `${path}.reuse`, ['revoke-grant', 'reject']);
    if (c.object(r.binding, `${path}.binding`)) {
      c.strings(r.binding.methods, `${path}.binding.methods`);
      c.boolean(r.binding.required, `${path}.binding.required`);
    }
    c.number(r.graceSeconds, `${path}.graceSeconds`);
    c.span(r.span, `${path}.span`);
  });
  c.array(b.registration, '$.registration', (r, path) => {
    if (!c.object(r, path)) return;
    c.string(r.id, `${path}.id`);
    c.string(r.app, `${path}.app`);
    c.strings(r.softwareIds, `${path}.softwareIds`);
    c.strings(r.algorithms, `${path}.algorithms`);
    c.span(r.span, `${path}.span`);
  });
  c.array(b.explanations, '$.explanations', (e, path) => {
    if (!c.object(e, path)) return;
    c.string(e.target, `${path}.target`);
    c.optional(e, 'sensitive', path, (v, q) => c.trueFlag(v, q));
    c.object(e.texts, `${path}.texts`);
    c.array(e.queries, `${path}.queries`, (qv, qp) => {
      if (c.object(qv, qp)) c.optional(qv, 'sensitive', qp, (v, q) => c.trueFlag(v, q));
    });
    c.span(e.span, `${path}.span`);
  });
  if (b.phrasebooks !== undefined && c.object(b.phrasebooks, '$.phrasebooks')) {
    for (const [locale, pb] of Object.entries(b.phrasebooks)) checkPhrasebook(c, pb, `$.phrasebooks.${locale}`);
  }
  c.array(b.tests, '$.tests', (t, path) => checkTestCase(c, t, path));
}

/**
 * Validates and returns a bundle. `input` is JSON text or an already parsed value. A bundle whose
 * hash does not match its content is refused: it was edited or corrupted after compilation. The
 * hash is unkeyed, so it catches accidents only; use `verifyBundle` with a public key to refuse
 * deliberate edits. A signed bundle (`signed-bundle.ts`) given here loads by its hash alone: its
 * signature is not checked.
 */
export function loadBundle(input: unknown): LoadBundleResult {
  let value: unknown = input;
  if (typeof input === 'string') {
    const parsed = parseJsonQuietly(input);
    if (!parsed.ok) return { ok: false, errors: [{ path: '$', message: parsed.message }] };
    value = parsed.value;
  }
  if (isSignedBundleEnvelope(value)) {
    const inner = loadBundle(value['bundle']);
    return inner.ok ? inner : { ok: false, errors: inner.errors.map((e) => ({ ...e, path: e.path.replace(/^\$/, '$.bundle') })) };
  }
  const c = new Checker();
  if (!c.object(value, '$')) return { ok: false, errors: c.errors };
  if (value.format !== BUNDLE_FORMAT) {
    return { ok: false, errors: [{ path: '$.format', message: `must be "${BUNDLE_FORMAT}" (this is not a smart-policy bundle)` }] };
  }
  if (value.version !== BUNDLE_VERSION) {
    const found = typeof value.version === 'number' && Number.isSafeInteger(value.version) ? ` version ${value.version}` : ' this version';
    return { ok: false, errors: [{ path: '$.version', message: `must be ${BUNDLE_VERSION}; this engine cannot read bundle${found}` }] };
  }
  checkShape(c, value);
  if (c.errors.length > 0) return { ok: false, errors: c.errors };
  let expected: string;
  try {
    expected = computeBundleHash(value);
  } catch {
    return { ok: false, errors: [{ path: '$', message: 'cannot be hashed (it holds values canonical JSON cannot represent)' }] };
  }
  // The expected hash is not printed: it would tell whoever edited the bundle what to paste.
  if (value.hash !== expected) {
    return {
      ok: false,
      errors: [
        {
          path: '$.hash',
          message:
            'does not match the content: the bundle was changed after it was compiled (the hash catches accidental changes; sign bundles to refuse deliberate ones)',
        },
      ],
    };
  }
  return { ok: true, bundle: value as unknown as PolicyBundle };
}
