/** CST → AST for the `policy`, `app`, `context`, `refresh` and `registration` blocks. */
import type { CstNode, IToken } from 'chevrotain';
import type * as A from './ast.js';
import { isToken, sub, subs, tok, toks } from './cst-access.js';
import { isReal, tokenEnd } from './positions.js';
import type { Range } from './range.js';
import { emptyRangeAt } from './range.js';
import { EXPECTED } from './statement-keywords.js';
import { closest } from './suggest.js';
import * as V from './vocabulary.js';
import type { LeafBuilder, Mutable } from './build-leaves.js';
import { condition } from './build-grant.js';
import { isPatientFacingUrl } from './patient-facing-url.js';

// ─── policy ──────────────────────────────────────────────────────────────────────────────

/** CST `policyBlock` → AST. */
export function policyBlock(b: LeafBuilder, n: CstNode): A.PolicyBlock {
  const range = b.rangeOf(n, b.eof);
  const kw = tok(n, 'Kw_policy');
  const title = b.str(tok(n, 'StringLit'), kw ? tokenEnd(kw) : range.start);
  const statements = b.statements(subs(n, 'policyStatement'), 'policy', (s, key) => policyStatement(b, s, key));
  return { kind: 'policy', title, statements, range };
}

/** CST `policyStatement` → AST. */
export function policyStatement(b: LeafBuilder, n: CstNode, key: string): A.PolicyStatement | undefined {
  const range = b.rangeOf(n, b.eof);
  switch (key) {
    case 'fhirStmt': {
      const w = tok(n, 'Word');
      const at = w ? range.end : b.missing(tok(n, 'Kw_fhir'), 'The FHIR version', 'fhir R4', range.end);
      return { kind: 'policy.fhir', version: b.name(w, at), range };
    }
    case 'localesStmt': {
      const list = sub(n, 'wordList');
      if (list === undefined) b.missing(tok(n, 'Kw_locales'), 'A locale list', 'locales en, es', range.end);
      return { kind: 'policy.locales', locales: b.wordTokens(list).map((t) => b.name(t, range.end)), range };
    }
    case 'defaultLocaleStmt': {
      const w = tok(n, 'Word');
      if (w === undefined) b.missing(tok(n, 'Kw_locale'), 'The default locale', 'default locale en', range.end);
      return { kind: 'policy.default-locale', locale: b.name(w, range.end), range };
    }
    case 'optionStmt':
      return optionStmt(b, n, range);
    case 'revokeUriStmt':
      return revokeUriStmt(b, n, range);
    default:
      return undefined;
  }
}

/**
 * CST `revokeUriStmt` → AST. The link is shown to patients, so it must be an absolute `https:`
 * URL (`http:` only for localhost); the message never repeats the value.
 */
export function revokeUriStmt(b: LeafBuilder, n: CstNode, range: Range): A.RevokeUriStatement {
  const t = tok(n, 'StringLit');
  if (t === undefined)
    b.missing(tok(n, 'Kw_revoke_uri'), 'The revoke link', 'revoke_uri "https://portal.example.org/connected-apps"', range.end);
  const uri = b.str(t, range.end);
  if (t !== undefined && uri.missing !== true && !isPatientFacingUrl(uri.value)) {
    b.report(
      'syntax.uri.invalid',
      'The revoke link must be an absolute https: URL (http: only for localhost), with no user name or password in it.',
      uri.range,
    );
  }
  return { kind: 'policy.revoke-uri', uri, range };
}

/** CST `optionStmt` → AST. */
export function optionStmt(b: LeafBuilder, n: CstNode, range: Range): A.OptionStatement {
  const nameTok = tok(n, 'name');
  if (nameTok === undefined) b.missing(tok(n, 'Kw_option'), 'The option name', 'option search.query_restricted narrow', range.end);
  const name = b.name(nameTok, range.end);
  const valueToks = subs(n, 'optionValue')
    .map((v) => Object.values(v.children).flat()[0])
    .filter((e): e is IToken => e !== undefined && isToken(e) && isReal(e));
  const values = valueToks.map((t) => b.textValue(t, range.end));
  if (nameTok === undefined) return { kind: 'policy.option', name, values, known: false, range };
  const spec = V.findOption(nameTok.image);
  if (spec === undefined) {
    const names = V.POLICY_OPTIONS.map((o) => o.name);
    const suggestion = closest(nameTok.image, names);
    b.report(
      'syntax.option.unknown',
      `There is no option \`${nameTok.image}\`${suggestion !== undefined ? ` (did you mean \`${suggestion}\`?)` : ''}; options are listed in docs/language.md.`,
      name.range,
      { found: nameTok.image, expected: names, ...(suggestion !== undefined ? { suggestion } : {}) },
    );
    return { kind: 'policy.option', name, values, known: false, range };
  }
  if (values.length !== spec.values.length) {
    const example = spec.values.map((v) => ('free' in v ? v.free : v.join('|'))).join(' ');
    b.report(
      'syntax.option.arity',
      `\`option ${spec.name}\` takes ${spec.values.length} value${spec.values.length === 1 ? '' : 's'}: ${example}.`,
      values.length > spec.values.length ? (values[spec.values.length]?.range ?? range) : emptyRangeAt(range.end),
      {
        option: spec.name,
        expected: spec.values.length,
        found: values.length,
      },
    );
  }
  spec.values.forEach((allowed, i) => {
    const v = values[i];
    if (v === undefined) return;
    const ok = V.optionValueAccepted(allowed, v.text);
    if (!ok) {
      const expected = 'free' in allowed ? allowed.free : allowed.map((a) => `\`${a}\``).join(' or ');
      b.report('syntax.option.value', `\`${v.text}\` is not a value of \`option ${spec.name}\`; use ${expected}.`, v.range, {
        option: spec.name,
        found: v.text,
        expected: 'free' in allowed ? allowed.free : [...allowed],
      });
    }
  });
  return { kind: 'policy.option', name, values, known: true, range };
}

// ─── app ─────────────────────────────────────────────────────────────────────────────────

/** CST `appBlock` → AST. */
export function appBlock(b: LeafBuilder, n: CstNode): A.AppBlock {
  const range = b.rangeOf(n, b.eof);
  const header = b.blockHeader(n, 'Kw_app', range);
  const statements = b.statements(subs(n, 'appStatement'), 'app', (s, key) => appStatement(b, s, key));
  return { kind: 'app', ...header, statements, range };
}

/** CST `appStatement` → AST. */
export function appStatement(b: LeafBuilder, n: CstNode, key: string): A.AppStatement | undefined {
  const range = b.rangeOf(n, b.eof);
  const kw = tok(n, 'keyword');
  if (kw === undefined) return undefined;
  if (key === 'appStringsStmt') {
    const list = sub(n, 'stringList');
    if (list === undefined) b.missing(kw, 'A quoted value', `${kw.image} "my-app"`, range.end);
    const values = toks(list, 'StringLit').map((t) => b.str(t, range.end));
    return kw.image === 'client_id' ? { kind: 'app.client-id', values, range } : { kind: 'app.software-id', values, range };
  }
  const list = sub(n, 'wordList');
  const example: Record<string, string> = {
    client: 'client public',
    auth: 'auth private_key_jwt',
    registration: 'registration static',
    user: 'user patient',
    launch: 'launch ehr',
  };
  if (list === undefined) b.missing(kw, 'A value list', example[kw.image] ?? kw.image, range.end);
  switch (kw.image) {
    case 'client':
      return { kind: 'app.client', values: b.choices(list, V.CLIENT_TYPES, 'a client type', range.end), range };
    case 'auth':
      return { kind: 'app.auth', values: b.choices(list, V.AUTH_METHODS, 'an authentication method', range.end), range };
    case 'registration':
      return { kind: 'app.registration', values: b.choices(list, V.REGISTRATION_KINDS, 'a registration kind', range.end), range };
    case 'user':
      return { kind: 'app.user', values: b.choices(list, V.USER_TYPES, 'a user type', range.end), range };
    case 'launch':
      return { kind: 'app.launch', values: b.choices(list, V.LAUNCH_MODES, 'a launch mode', range.end), range };
    default:
      return undefined;
  }
}

// ─── context ─────────────────────────────────────────────────────────────────────────────

/** CST `contextBlock` → AST. */
export function contextBlock(b: LeafBuilder, n: CstNode): A.ContextBlock {
  const range = b.rangeOf(n, b.eof);
  const nameTok = tok(n, 'name');
  const statements = b.statements(subs(n, 'contextStatement'), 'context', (s, key) => contextStatement(b, s, key));
  return { kind: 'context', ...(nameTok ? { app: b.name(nameTok, range.start) } : {}), statements, range };
}

/** CST `contextStatement` → AST. */
export function contextStatement(b: LeafBuilder, n: CstNode, key: string): A.ContextStatement | undefined {
  const range = b.rangeOf(n, b.eof);
  switch (key) {
    case 'tokenCarriesStmt':
    case 'introspectionStmt': {
      const list = sub(n, 'wordList');
      const carries = key === 'tokenCarriesStmt';
      if (list === undefined) {
        b.missing(
          tok(n, carries ? 'Kw_carries' : 'Kw_echoes'),
          'A field list',
          carries ? 'token carries patient, encounter' : 'introspection echoes patient',
          range.end,
        );
      }
      const fields = b.wordTokens(list).map((t) => b.name(t, range.end));
      return carries ? { kind: 'context.token-carries', fields, range } : { kind: 'context.introspection-echoes', fields, range };
    }
    case 'requiresStmt': {
      const patternNode = sub(n, 'pattern');
      const pattern = patternNode
        ? b.scopeFromItem(patternNode, range.start)
        : b.scopeFromItem({ name: 'scopeItem', children: {} }, range.start);
      const items = subs(n, 'contextItem');
      if (items.length === 0) b.missing(tok(n, 'Kw_requires'), 'A context requirement', 'patient/* requires patient', range.end);
      return { kind: 'context.requires', pattern, requirements: items.map((i) => contextItem(b, i)), range };
    }
    default:
      return undefined;
  }
}

/** CST `contextItem` → AST. */
export function contextItem(b: LeafBuilder, n: CstNode): A.ContextItem {
  const range = b.rangeOf(n, b.eof);
  const p = tok(n, 'parameter');
  const parameter = b.choice(p, V.CONTEXT_PARAMETERS, 'a launch context parameter', range.start);
  const item: Mutable<A.ContextItem> = { kind: 'context.item', parameter, range };
  if (p?.image === 'fhirContext') {
    const rt = tok(n, 'resourceType');
    if (rt === undefined) b.missing(p, 'The fhirContext resource type', 'fhirContext ImagingStudy', range.end);
    item.resourceType = b.textValue(rt, range.end);
  }
  const role = tok(n, 'role');
  if (role !== undefined) item.role = b.str(role, range.end);
  return item;
}

// ─── refresh ─────────────────────────────────────────────────────────────────────────────

/** CST `refreshBlock` → AST. */
export function refreshBlock(b: LeafBuilder, n: CstNode): A.RefreshBlock {
  const range = b.rangeOf(n, b.eof);
  const { name } = b.blockHeader(n, 'Kw_refresh', range);
  const statements = b.statements(subs(n, 'refreshStatement'), 'refresh', (s, key) => refreshStatement(b, s, key));
  return { kind: 'refresh', app: name, statements, range };
}

/** CST `refreshStatement` → AST. */
export function refreshStatement(b: LeafBuilder, n: CstNode, key: string): A.RefreshStatement | undefined {
  const range = b.rangeOf(n, b.eof);
  switch (key) {
    case 'refreshAccessStmt': {
      const mode = tok(n, 'mode')?.image === 'online_access' ? 'online' : 'offline';
      const allowed = tok(n, 'Kw_allowed') !== undefined;
      const stmt: Mutable<A.RefreshAccess> = { kind: 'refresh.access', mode, allowed, range };
      const c = sub(n, 'condition');
      if (c !== undefined) {
        const cond = condition(b, c);
        if (cond !== undefined) stmt.condition = cond;
      }
      return stmt;
    }
    case 'durationStmt': {
      const kw = tok(n, 'keyword');
      const duration = b.duration(tok(n, 'DurationTok'), range.end);
      if (kw?.image === 'idle') return { kind: 'refresh.idle', duration, range };
      if (kw?.image === 'grace') return { kind: 'refresh.grace', duration, range };
      return { kind: 'refresh.lifetime', duration, range };
    }
    case 'rotateStmt':
      return { kind: 'refresh.rotate', rotate: tok(n, 'Kw_never') !== undefined ? 'never' : 'every-use', range };
    case 'reuseStmt':
      return { kind: 'refresh.reuse', action: tok(n, 'Kw_reject') !== undefined ? 'reject' : 'revoke-grant', range };
    case 'bindStmt': {
      const list = sub(n, 'wordList');
      if (list === undefined) b.missing(tok(n, 'Kw_bind'), 'A binding', 'bind dpop required', range.end);
      return {
        kind: 'refresh.bind',
        bindings: b.choices(list, V.REFRESH_BINDINGS, 'a binding', range.end),
        required: tok(n, 'Kw_required') !== undefined,
        range,
      };
    }
    case 'remindStmt': {
      if (tok(n, 'Kw_at') !== undefined) {
        return {
          kind: 'refresh.remind-cap',
          count: b.integer(tok(n, 'NumberTok'), range.end),
          per: b.duration(tok(n, 'per'), range.end),
          range,
        };
      }
      return { kind: 'refresh.remind-every', duration: b.duration(tok(n, 'every'), range.end), range };
    }
    default:
      return undefined;
  }
}

// ─── registration ────────────────────────────────────────────────────────────────────────

/** CST `registrationBlock` → AST. */
export function registrationBlock(b: LeafBuilder, n: CstNode): A.RegistrationBlock {
  const range = b.rangeOf(n, b.eof);
  const { name } = b.blockHeader(n, 'Kw_registration', range);
  const statements = b.statements(subs(n, 'registrationStatement'), 'registration', (s, key) => registrationStatement(b, s, key));
  return { kind: 'registration', app: name, statements, range };
}

/** CST `registrationStatement` → AST. */
export function registrationStatement(b: LeafBuilder, n: CstNode, key: string): A.RegistrationStatement | undefined {
  const range = b.rangeOf(n, b.eof);
  switch (key) {
    case 'appStringsStmt': {
      const kw = tok(n, 'keyword');
      if (kw?.image !== 'software_id') {
        b.report(
          'syntax.unexpected-token',
          'A registration block names apps by `software_id`; `client_id`s belong in the `app` block.',
          range,
          {
            found: kw?.image ?? '',
            expected: [...(EXPECTED['registration'] ?? [])],
          },
        );
        return undefined;
      }
      const list = sub(n, 'stringList');
      if (list === undefined) b.missing(kw, 'A software id', 'software_id "com.example.app"', range.end);
      return { kind: 'registration.software-id', values: toks(list, 'StringLit').map((t) => b.str(t, range.end)), range };
    }
    case 'initialTokenStmt':
      if (tok(n, 'Kw_single') !== undefined) return { kind: 'registration.initial-token-single-use', range };
      return { kind: 'registration.initial-token-max-age', duration: b.duration(tok(n, 'DurationTok'), range.end), range };
    case 'algorithmsStmt': {
      const list = sub(n, 'wordList');
      if (list === undefined) b.missing(tok(n, 'Kw_algorithms'), 'An algorithm list', 'algorithms ES384, RS384', range.end);
      return { kind: 'registration.algorithms', values: b.wordTokens(list).map((t) => b.name(t, range.end)), range };
    }
    case 'instanceStmt':
      return { kind: 'registration.instance-lifetime', duration: b.duration(tok(n, 'DurationTok'), range.end), range };
    case 'instancesStmt':
      return { kind: 'registration.instances-per-user', count: b.integer(tok(n, 'NumberTok'), range.end), range };
    default:
      return undefined;
  }
}
