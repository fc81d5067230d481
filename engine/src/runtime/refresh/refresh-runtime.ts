/**
 * Refresh-token families: start one after an authorization-code grant, rotate on every use with
 * reuse detection (OAuth 2.1 refresh token grant; SMART App Launch best practices: expire the
 * whole authorization when a refresh token is used twice), key binding (RFC 9449), the policy's
 * scope narrowing (`decideRefresh`), session end for `online_access`, user control and RFC 7009
 * revocation.
 */
import type { FhirContextItem } from '../../access/access-types.js';
import type { TokenClient, TokenRequest } from '../../evaluate/token-types.js';
import { OAuthFailure } from '../oauth-failure.js';
import type { RotateOutcome, StoredFamily } from '../stores/store-types.js';
import { familyExpired } from '../stores/rotation-rules.js';
import { familyIdOf, hashToken, newFamilyId, newRefreshToken } from './refresh-token-format.js';
import type { RefreshInput, RefreshResult, RefreshRuntimeOptions, StartedFamily, StartFamilyInput, UserGrant } from './refresh-types.js';

export interface RefreshRuntime {
  startFamily(input: StartFamilyInput): Promise<StartedFamily>;
  refresh(input: RefreshInput): Promise<RefreshResult>;
  /** Revokes the session's `online_access` families; returns how many. */
  endSession(userSessionId: string): Promise<number>;
  listUserGrants(userId: string): Promise<UserGrant[]>;
  /** False when the family is unknown, not the user's, or already revoked. */
  revokeUserGrant(userId: string, familyId: string): Promise<boolean>;
  /** RFC 7009: revokes the family of a refresh token issued to `clientId`; anything else is ignored. */
  revokeToken(token: unknown, clientId: string): Promise<boolean>;
}

const REFUSALS: Record<Exclude<RotateOutcome['kind'], 'rotated'>, readonly [string, string]> = {
  'retry-in-grace': ['refresh.retry-in-grace', 'the refresh token was just rotated by a concurrent request; use its successor'],
  'reuse-revoked': ['refresh.reuse', 'the refresh token was already used; the whole grant is revoked'],
  'reuse-refused': ['refresh.reuse', 'the refresh token was already used'],
  revoked: ['refresh.revoked', 'the grant of this refresh token was revoked'],
  expired: ['refresh.expired', 'the refresh token expired'],
  unknown: ['refresh.unknown', 'the refresh token is unknown'],
};

const grant = (check: string, description: string) => new OAuthFailure('invalid_grant', check, description);

export function createRefreshRuntime({ store, evaluator, clock, sessionLive }: RefreshRuntimeOptions): RefreshRuntime {
  const titles = new Map(evaluator.bundle.apps.map((a) => [a.name, a.title]));

  async function familyOfToken(token: unknown): Promise<{ family: StoredFamily; token: string } | null> {
    const familyId = familyIdOf(token);
    if (familyId === null) return null;
    const family = await store.getFamily(familyId);
    return family === null ? null : { family, token: token as string };
  }

  return {
    async startFamily({ request, decision, userId, userSessionId, context }) {
      const refresh = decision.refresh;
      if (decision.decision !== 'allow' || refresh === null || !refresh.issue || refresh.mode === null) {
        throw new TypeError('startFamily needs an allow decision that issues a refresh token');
      }
      if (refresh.mode === 'online' && (userSessionId === undefined || userSessionId === '')) {
        throw new TypeError('an online_access family needs the user session it ends with');
      }
      const now = clock();
      const id = newFamilyId();
      const app = decision.apps[0] ?? '';
      const title = titles.get(app);
      const record = {
        id,
        userId,
        clientId: request.client.clientId,
        clientType: request.client.type,
        authMethod: request.client.authMethod,
        ...(request.client.softwareId === undefined ? {} : { softwareId: request.client.softwareId }),
        ...(request.client.registration === undefined ? {} : { registration: request.client.registration }),
        userType: request.user?.type ?? 'none',
        app,
        ...(title === undefined ? {} : { appTitle: title }),
        userSessionId: refresh.mode === 'online' ? (userSessionId ?? null) : null,
        mode: refresh.mode,
        scope: refresh.scope,
        context,
        ...(request.launch === undefined ? {} : { launch: request.launch }),
        binding:
          refresh.binding === 'none' || refresh.jkt === undefined ? { kind: 'none' as const } : { kind: refresh.binding, jkt: refresh.jkt },
        createdAt: now,
        expiresAt: refresh.lifetime === null ? null : now + refresh.lifetime,
        idleSeconds: refresh.idle,
        rotate: refresh.rotate ? ('every-use' as const) : ('never' as const),
        reuse: refresh.reuse,
        graceSeconds: refresh.graceSeconds,
        remindEvery: refresh.remindEvery,
        reminderCap: refresh.reminderCap,
      };
      const refreshToken = newRefreshToken(id);
      await store.createFamily(record, hashToken(refreshToken));
      const family = await store.getFamily(id);
      if (family === null) throw new Error('the store lost a family it just created');
      return { refreshToken, family };
    },

    async refresh(input) {
      const found = await familyOfToken(input.refreshToken);
      // A token that is not one of the family's says nothing about the family (revoked, bound, whose).
      if (found === null || (await store.tokenState(found.family.id, hashToken(found.token))) === null) {
        throw grant('refresh.unknown', REFUSALS.unknown[1]);
      }
      const { family } = found;
      if (family.revokedAt !== null) throw grant('refresh.revoked', REFUSALS.revoked[1]);
      if (input.client !== null && input.client.clientId !== family.clientId) {
        throw grant('refresh.client', 'the refresh token was not issued to this client');
      }
      if (input.client === null && family.clientType !== 'public') {
        throw new OAuthFailure('invalid_client', 'refresh.client-auth', 'the client must authenticate to use this refresh token');
      }
      checkBinding(family, input);
      // Only the family's own client, with its key, learns that the session is over (and ends the family).
      if (family.mode === 'online' && sessionLive !== undefined) {
        const live = family.userSessionId !== null && (await sessionLive(family.userSessionId));
        if (!live) {
          await store.revokeFamily(family.id, clock(), 'session-ended');
          throw grant('refresh.session-ended', "the user's session has ended, and online access with it");
        }
      }
      const client: TokenClient = input.client ?? {
        clientId: family.clientId,
        type: family.clientType,
        authMethod: family.authMethod,
        ...(family.softwareId === undefined ? {} : { softwareId: family.softwareId }),
        ...(family.registration === undefined ? {} : { registration: family.registration }),
      };
      const request: Omit<TokenRequest, 'grantType'> = {
        client,
        user: { type: family.userType, id: family.userId },
        ...(family.launch === undefined ? {} : { launch: family.launch }),
        requestedScope: input.requestedScope ?? null,
        originalScope: family.scope,
        availableContext: availableContext(family.context),
        binding: {
          ...(input.dpopJkt === undefined ? {} : { dpopJkt: input.dpopJkt }),
          ...(input.clientKeyJkt === undefined ? {} : { clientKeyJkt: input.clientKeyJkt }),
        },
      };
      const decision = evaluator.decideRefresh(request);
      if (decision.decision !== 'allow') {
        const error = decision.oauthError?.error === 'invalid_scope' ? 'invalid_scope' : 'invalid_grant';
        throw new OAuthFailure(error, 'refresh.policy', decision.oauthError?.error_description ?? 'the policy refuses this refresh');
      }
      const successor = family.rotate === 'every-use' ? newRefreshToken(family.id) : null;
      const outcome = await store.rotate({
        familyId: family.id,
        presentedHash: hashToken(found.token),
        successorHash: successor === null ? null : hashToken(successor),
        now: clock(),
      });
      if (outcome.kind !== 'rotated') {
        const [check, description] = REFUSALS[outcome.kind];
        throw grant(check, description);
      }
      return { decision, family: outcome.family, ...(successor === null ? {} : { refreshToken: successor }) };
    },

    async endSession(userSessionId) {
      const now = clock();
      let ended = 0;
      for (const family of await store.listFamilies({ userSessionId })) {
        if (family.mode === 'online' && (await store.revokeFamily(family.id, now, 'session-ended'))) ended += 1;
      }
      return ended;
    },

    async listUserGrants(userId) {
      const now = clock();
      return (await store.listFamilies({ userId }))
        .filter((f) => f.revokedAt === null && !familyExpired(f, now))
        .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
        .map(userGrant);
    },

    async revokeUserGrant(userId, familyId) {
      const family = await store.getFamily(familyId);
      if (family === null || family.userId !== userId) return false;
      return store.revokeFamily(familyId, clock(), 'user');
    },

    async revokeToken(token, clientId) {
      const found = await familyOfToken(token);
      if (found === null || found.family.clientId !== clientId) return false;
      if ((await store.tokenState(found.family.id, hashToken(found.token))) === null) return false;
      return store.revokeFamily(found.family.id, clock(), 'client');
    },
  };
}

function checkBinding(family: StoredFamily, input: RefreshInput): void {
  const { kind, jkt } = family.binding;
  if (kind === 'dpop') {
    if (input.dpopJkt === undefined) {
      throw new OAuthFailure(
        'invalid_dpop_proof',
        'refresh.binding-missing',
        'this refresh token is DPoP-bound: send a DPoP proof from its key',
      );
    }
    if (input.dpopJkt !== jkt) throw grant('refresh.binding-key', 'the DPoP proof is not from the key this refresh token is bound to');
  }
  if (kind === 'client-key' && input.clientKeyJkt !== jkt) {
    throw grant('refresh.binding-key', 'the client did not authenticate with the key this refresh token is bound to');
  }
}

function availableContext(context: Readonly<Record<string, unknown>>): NonNullable<TokenRequest['availableContext']> {
  const patient = Object.hasOwn(context, 'patient') && typeof context.patient === 'string' ? context.patient : undefined;
  const encounter = Object.hasOwn(context, 'encounter') && typeof context.encounter === 'string' ? context.encounter : undefined;
  const fhirContext =
    Object.hasOwn(context, 'fhirContext') && Array.isArray(context.fhirContext) ? (context.fhirContext as FhirContextItem[]) : undefined;
  return {
    ...(patient === undefined ? {} : { patient }),
    ...(encounter === undefined ? {} : { encounter }),
    ...(fhirContext === undefined ? {} : { fhirContext }),
  };
}

function userGrant(f: StoredFamily): UserGrant {
  const idleEnd = f.idleSeconds === null ? null : f.lastUsedAt + f.idleSeconds;
  const expiresAt = f.expiresAt === null ? idleEnd : idleEnd === null ? f.expiresAt : Math.min(f.expiresAt, idleEnd);
  return {
    familyId: f.id,
    clientId: f.clientId,
    app: f.app,
    ...(f.appTitle === undefined ? {} : { appTitle: f.appTitle }),
    scope: f.scope,
    mode: f.mode,
    since: f.createdAt,
    lastUsedAt: f.lastUsedAt,
    expiresAt,
    binding: f.binding.kind,
  };
}
