/**
 * The token decision (issue 3; SMART App Launch: Scopes and Launch Context, App Launch, Token Introspection, Client Authentication, Backend Services, and the persistent-access proposal): which of the requested scopes a
 * client gets, what context the server must establish, what the token response carries and
 * whether a refresh token is issued. Pure and synchronous; never throws (fail closed).
 */
import type { PolicyBundle } from '../compile/bundle-types.js';
import type { EvaluatorIndex, IndexedApp, IndexedRefresh } from './evaluator-index.js';
import { clientMismatch, sessionMismatch } from './match-app.js';
import { bindingOf } from './binding.js';
import { establishedContext } from './established-context.js';
import { BUILT_IN_RULES, builtInDrop } from './built-in-rules.js';
import { answerOtherScope, answerResourceScope } from './scope-outcome.js';
import { checkCeiling } from './scope-ceiling.js';
import { checkRefresh, refreshDecision } from './refresh-decision.js';
import { decideContext, type ContextPiece } from './context-decision.js';
import { responseShape } from './token-response.js';
import { validateTokenRequest } from './validate-token-request.js';
import {
  allowMessage,
  factsOf,
  fieldsFor,
  grantedKinds,
  isExact,
  JWT_BEARER,
  MAX_SCOPES,
  NO_RULES,
  pieceText,
  refuse,
  splitScopes,
  type Outcome,
} from './decision-parts.js';
import type { Piece } from './scope-outcome.js';
import type { DroppedScope, NarrowedScope, RefreshDecision, TokenDecision, TokenReason, TokenRequest } from './token-types.js';
import { appendAll } from '../util/append-all.js';

export { MAX_SCOPES } from './decision-parts.js';

/** Decides a token request against an evaluator's indexes. Never throws. */
export function decideToken(bundle: PolicyBundle, index: EvaluatorIndex, input: unknown): TokenDecision {
  try {
    return decide(bundle, index, input);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return refuse('invalid_request', 'the token decision failed; nothing is granted', 'token.internal-error', [
      { code: 'decision.internal', message },
    ]);
  }
}

function decide(bundle: PolicyBundle, index: EvaluatorIndex, input: unknown): TokenDecision {
  const shapeErrors = validateTokenRequest(input);
  if (shapeErrors.length > 0) {
    return refuse('invalid_request', shapeErrors.map((e) => e.message).join('; '), 'token.request.invalid', shapeErrors);
  }
  const request = input as TokenRequest;
  const options = bundle.policy.options.token;
  const bound = bindingOf(request);
  const facts = factsOf(request, bound);
  const grant = request.grantType;

  // 1. Which app classes describe this client, and which fit this session. A class that does
  // not is reported with the real cause (issue 20), never as "matches".
  const clientApps: IndexedApp[] = [];
  const clientMisses: TokenReason[] = [];
  for (const a of index.apps) {
    const miss = clientMismatch(a, request);
    if (miss === null) clientApps.push(a);
    else clientMisses.push({ rule: a.app.id, message: `app class ${a.app.name} does not describe this client: ${miss}`, span: a.app.span });
  }
  if (clientApps.length === 0) {
    const only =
      clientMisses.length === 1 ? `: ${clientMisses[0]?.message.replace(/^app class \S+ does not describe this client: /, '')}` : '';
    return refuse('invalid_client', `no app class of the policy describes this client${only}`, 'token.client.unknown', [], [], {
      reasons: clientMisses,
    });
  }
  const apps: IndexedApp[] = [];
  const sessionMisses: TokenReason[] = [];
  for (const a of clientApps) {
    const miss = sessionMismatch(a, request);
    if (miss === null) apps.push(a);
    else
      sessionMisses.push({
        rule: a.app.id,
        message: `app class ${a.app.name} describes this client but not this session: ${miss}`,
        span: a.app.span,
      });
  }
  const appNames = apps.map((a) => a.app.name);
  const nameSet = new Set(appNames);
  if (apps.length === 0) {
    return refuse(
      'unauthorized_client',
      sessionMisses.map((m) => m.message).join('; '),
      'token.client.session',
      [],
      clientApps.map((a) => a.app.name),
      { reasons: sessionMisses },
    );
  }

  // 2. Grant types the client may use at all.
  if (grant === 'client_credentials' && request.client.type !== 'confidential-asymmetric') {
    return refuse(
      'unauthorized_client',
      'Backend Services clients must be confidential-asymmetric (private_key_jwt)',
      'token.backend.client-type',
      [],
      appNames,
    );
  }
  // A per-device instance registered through trusted dynamic registration has exactly one
  // grant type, the JWT bearer grant (persistent-access proposal, step 2 response).
  if (grant !== JWT_BEARER && request.client.registration === 'trusted-dynamic') {
    return refuse(
      'unauthorized_client',
      'a client registered through trusted dynamic registration may only use the JWT bearer grant',
      'token.jwt-bearer.client',
      [],
      appNames,
    );
  }
  if (grant === JWT_BEARER && request.client.registration !== 'trusted-dynamic') {
    return refuse(
      'unauthorized_client',
      'the JWT bearer grant is only for clients registered through trusted dynamic registration',
      'token.jwt-bearer.client',
      [],
      appNames,
    );
  }
  if ((grant === 'refresh_token' || grant === JWT_BEARER) && request.originalScope === undefined) {
    return refuse(
      'invalid_grant',
      'the original grant (its scope) is unknown, so nothing can be renewed',
      'token.grant.original-missing',
      [],
      appNames,
    );
  }

  // 3. The requested scopes (refresh and JWT bearer: omitted means the original grant).
  // An absent or blank `scope` on a refresh or JWT bearer grant means the original grant (RFC 6749 §6).
  const useOriginal =
    (grant === 'refresh_token' || grant === JWT_BEARER) &&
    (request.requestedScope === undefined || request.requestedScope === null || request.requestedScope.trim() === '');
  const scopeText = useOriginal ? (request.originalScope ?? '') : (request.requestedScope ?? '');
  const tokens = splitScopes(scopeText);
  if (tokens.length > MAX_SCOPES) {
    return refuse(
      'invalid_request',
      `the scope parameter holds ${tokens.length} scopes; at most ${MAX_SCOPES} are accepted`,
      'token.scope.too-many',
      [{ code: 'request.scope.too-many', message: `more than ${MAX_SCOPES} scopes`, path: '$.requestedScope' }],
      appNames,
    );
  }
  const outcomes: Outcome[] = [];
  for (const text of tokens) {
    const parsed = index.scopes.parse(text);
    if (!parsed.ok) {
      if (options.invalidScopes === 'reject') {
        return refuse('invalid_scope', `${text} is not a SMART scope: ${parsed.error.message}`, BUILT_IN_RULES.invalidScope, [], appNames);
      }
      outcomes.push({
        text,
        scope: null,
        pieces: [],
        drop: { rule: BUILT_IN_RULES.invalidScope, reason: `not a SMART scope: ${parsed.error.message}` },
        cutRules: [],
      });
      continue;
    }
    const outcome: Outcome = { text, scope: parsed.scope, pieces: [], cutRules: [] };
    if (parsed.scope.type === 'resource' && parsed.scope.syntax === 'v1' && options.v1Scopes === 'reject') {
      outcome.drop = { rule: BUILT_IN_RULES.v1Rejected, reason: 'the policy does not accept SMART v1 scopes: ask for the v2 form' };
    }
    outcomes.push(outcome);
  }
  if (options.v1Mixing === 'reject') {
    const syntaxes = new Set(outcomes.flatMap((o) => (o.scope?.type === 'resource' ? [o.scope.syntax] : [])));
    if (syntaxes.size > 1) {
      return refuse(
        'invalid_scope',
        'the policy does not accept a request that mixes SMART v1 and v2 resource scopes',
        'token.v1.mixing',
        [],
        appNames,
      );
    }
  }

  // 4. Refresh and JWT bearer: nothing beyond the original grant (RFC 6749 §6).
  if ((grant === 'refresh_token' || grant === JWT_BEARER) && !useOriginal) {
    const original = splitScopes(request.originalScope ?? '')
      .map((t) => index.scopes.parse(t))
      .flatMap((r) => (r.ok ? [r.scope] : []));
    const valid = outcomes.flatMap((o) => (o.scope !== null ? [{ text: o.text, scope: o.scope }] : []));
    const ceiling = checkCeiling(valid, original);
    // A token that does not parse is not part of the original grant either.
    const outside = [...outcomes.filter((o) => o.scope === null).map((o) => o.text), ...ceiling.outside];
    if (outside.length > 0) {
      return refuse(
        'invalid_scope',
        `not in the original grant: ${outside.join(' ')} (no new permissions at ${grant === 'refresh_token' ? 'refresh' : 'a JWT bearer grant'})`,
        'token.scope.beyond-original',
        [],
        appNames,
      );
    }
    if (grant === 'refresh_token' && options.refreshScopeNarrowing === 'strict-subset' && ceiling.equal) {
      return refuse(
        'invalid_scope',
        'the policy requires a refresh request to ask for a strict subset of the original grant; omit scope to keep it',
        'token.refresh.strict-subset',
        [],
        appNames,
      );
    }
  }

  // 5. Each scope: built-in rules, then the policy's grants.
  const refreshFor = new Map<'offline' | 'online', IndexedRefresh>();
  for (const o of outcomes) {
    if (o.scope === null || o.drop !== undefined) continue;
    const builtIn = builtInDrop(o.scope, request, apps);
    if (builtIn !== null) {
      o.drop = builtIn;
      continue;
    }
    const answer =
      o.scope.type === 'resource'
        ? answerResourceScope(apps, facts, o.scope, o.text, index.answers, options.queryConflicts)
        : answerOtherScope(apps, facts, o.scope, o.text);
    if (answer.drop !== undefined) {
      o.drop = answer.drop;
      continue;
    }
    o.pieces = answer.pieces;
    o.cutRules = answer.cutBy.length === 0 ? NO_RULES : answer.cutBy.map((r) => r.id);
    if (answer.partialDeny) {
      o.note = `a deny rule (${o.cutRules.join(', ')}) covers only part of ${o.text}; SMART scopes cannot say "all but", so what remains is listed per R4 resource type (types added later are not covered) or, for a query-restricted deny, left out whole`;
    } else if (answer.cutBy.length > 0) {
      o.note = `narrowed by ${o.cutRules.join(', ')}${answer.cutBy[0]?.reason !== undefined ? `: ${answer.cutBy[0].reason}` : ''}`;
    }
    if (answer.conflicts !== undefined && answer.conflicts.length > 0) {
      const why = `the rest of the requested query conflicts with ${answer.conflicts.length === 1 ? 'an allow rule' : `${answer.conflicts.length} allow rules`} (${answer.conflicts
        .slice(0, 3)
        .map((r) => r.id)
        .join(', ')}${answer.conflicts.length > 3 ? ', …' : ''}) and is not granted`;
      o.note = o.note !== undefined ? `${o.note}; ${why}` : why;
    }
    if (o.scope.type === 'refresh') {
      const check = checkRefresh(apps, o.scope.mode, facts, request, bound);
      if (!check.ok) {
        if (grant === 'refresh_token') {
          return refuse('invalid_grant', `refresh is no longer allowed: ${check.drop.reason}`, check.drop.rule, [], appNames, {
            reasons: bound.problems,
          });
        }
        o.pieces = [];
        o.drop = check.drop;
      } else refreshFor.set(o.scope.mode, check.refresh);
    }
  }

  // 6. Context the granted scopes need; pieces without a possible context are dropped.
  const before = grantedKinds(outcomes);
  const ehrLaunchGranted = grant === 'authorization_code' && request.launch === 'ehr' && before.launch;
  // `launch` granted in an EHR launch (or renewed from one): the session's context is the token's.
  const sessionContextGranted = grant !== 'client_credentials' && request.launch === 'ehr' && before.launch;
  const contextPieces: { outcome: Outcome; piece: Piece; cp: ContextPiece }[] = [];
  for (const o of outcomes) {
    if (o.drop !== undefined) continue;
    for (const piece of o.pieces) {
      contextPieces.push({ outcome: o, piece, cp: { scope: piece.scope } });
    }
  }
  const context = decideContext({
    request,
    pieces: contextPieces.map((c) => c.cp),
    requirements: index.requirements.filter((r) => r.requirement.app === undefined || nameSet.has(r.requirement.app)),
    patientLaunchGranted: ehrLaunchGranted || before.launchPatient,
    dropPatientScopesWithoutLaunch: options.patientScopesWithoutLaunch === 'drop',
    sessionContextGranted,
  });
  // Dropped pieces are removed per outcome in one pass (linear even when thousands are dropped).
  const droppedPieces = new Map<Outcome, { pieces: Set<Piece>; reason: ContextPiece['dropped'] }>();
  for (const c of contextPieces) {
    if (c.cp.dropped === undefined) continue;
    const entry = droppedPieces.get(c.outcome);
    if (entry === undefined) droppedPieces.set(c.outcome, { pieces: new Set([c.piece]), reason: c.cp.dropped });
    else entry.pieces.add(c.piece);
  }
  for (const [outcome, { pieces, reason }] of droppedPieces) {
    if (reason === undefined) continue;
    outcome.pieces = outcome.pieces.filter((p) => !pieces.has(p));
    if (outcome.pieces.length === 0) outcome.drop = reason;
    else outcome.note = `${outcome.note !== undefined ? `${outcome.note}; ` : ''}${reason.reason}`;
  }

  // 7. Assemble granted, dropped, narrowed and the reasons.
  const echoV1 = options.v1Echo === 'v1';
  const granted: string[] = [];
  const grantedSet = new Set<string>();
  const dropped: DroppedScope[] = [];
  const narrowed: NarrowedScope[] = [];
  const reasons: TokenReason[] = [
    ...apps.map((a) => ({ rule: a.app.id, message: `the client matches app class ${a.app.name}`, span: a.app.span })),
    ...bound.problems,
  ];
  for (const o of outcomes) {
    if (o.drop !== undefined || o.pieces.length === 0) {
      const d = o.drop ?? { rule: 'policy.no-allow', reason: `nothing allows ${o.text}` };
      dropped.push({ scope: o.text, reason: d.reason, rule: d.rule, ...(d.span !== undefined ? { span: d.span } : {}) });
      continue;
    }
    const exact = isExact(o);
    const texts = o.pieces.map((p) => pieceText(p.scope, o, exact, echoV1));
    for (const t of texts) {
      if (grantedSet.has(t)) continue;
      grantedSet.add(t);
      granted.push(t);
    }
    const firstRule = o.pieces[0]?.rules[0];
    if (!exact) {
      const rules = [
        ...new Set(
          appendAll(
            o.pieces.flatMap((p) => p.rules.map((r) => r.id)),
            o.cutRules,
          ),
        ),
      ];
      narrowed.push({
        requested: o.text,
        granted: texts,
        rule: rules.join(', '),
        ...(firstRule !== undefined ? { span: firstRule.span } : {}),
        reason: o.note ?? `the policy allows only ${texts.join(' ')} of ${o.text}`,
      });
    }
    for (const p of o.pieces) {
      for (const r of p.rules) reasons.push({ rule: r.id, message: allowMessage(r), scope: o.text, span: r.span });
    }
  }

  // 8. Nothing grantable.
  if (granted.length === 0 && options.emptyGrant === 'invalid-scope') {
    const why = dropped.length === 0 ? 'no scope was requested' : dropped.map((d) => `${d.scope}: ${d.reason}`).join('; ');
    return refuse('invalid_scope', `nothing requested can be granted (${why})`, 'token.scope.none-grantable', [], appNames, {
      dropped,
      narrowed,
    });
  }
  const scope = granted.join(' ');

  const after = grantedKinds(outcomes);

  // 9. Refresh tokens.
  let refresh: RefreshDecision | null = null;
  if (grant === 'authorization_code') {
    const modeGranted = after.offline ? 'offline' : after.online ? 'online' : null;
    const policy = modeGranted === null ? undefined : refreshFor.get(modeGranted);
    if (modeGranted !== null && policy !== undefined) refresh = refreshDecision(policy, modeGranted, request, bound, scope, true);
  } else if (grant === 'refresh_token') {
    const original = splitScopes(request.originalScope ?? '');
    const modeOriginal = original.includes('offline_access') ? 'offline' : original.includes('online_access') ? 'online' : null;
    if (modeOriginal !== null) {
      const check = checkRefresh(apps, modeOriginal, facts, request, bound);
      if (!check.ok)
        return refuse('invalid_grant', `refresh is no longer allowed: ${check.drop.reason}`, check.drop.rule, [], appNames, {
          reasons: bound.problems,
        });
      // RFC 6749 §6: a new refresh token keeps the original grant's scope, narrowing or not.
      refresh = refreshDecision(
        check.refresh,
        modeOriginal,
        request,
        bound,
        original.join(' '),
        check.refresh.policy.rotate === 'every-use',
      );
    }
  }
  if (refresh !== null)
    reasons.push({
      rule: refresh.rule,
      message: `refresh token: ${refresh.issue ? 'issued' : 'not reissued'} (${refresh.mode} access, binding ${refresh.binding})`,
      ...(refresh.span !== undefined ? { span: refresh.span } : {}),
    });

  // 10. Response shapes.
  const idToken = grant === 'authorization_code' && after.openid;
  const fhirUser = after.fhirUser;
  const members = establishedContext(request, context);
  const shape = responseShape(
    bundle,
    fieldsFor(bundle.context.tokenCarries, nameSet),
    fieldsFor(bundle.context.introspectionEchoes, nameSet),
    request,
    context,
    members,
    bound,
    idToken,
    fhirUser,
    refresh,
  );
  return {
    decision: 'allow',
    reasons,
    errors: [],
    apps: appNames,
    granted: { scope, scopes: granted },
    dropped,
    narrowed,
    context,
    tokenResponse: { mustInclude: shape.mustInclude, tokenType: shape.tokenType, expiresIn: shape.expiresIn, members },
    introspection: { echo: shape.echo, members },
    refresh,
  };
}
