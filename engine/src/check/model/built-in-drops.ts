/**
 * Which allowed scopes the token evaluator would drop in every request an app class can make,
 * decided by the evaluator's own built-in rules (`builtInDrop`), so the checker and the
 * evaluator never disagree about, e.g., `launch` outside an EHR launch, identity scopes without
 * a user, or non-system scopes under client_credentials.
 */
import type { Scope } from '../../smart/scope-types.js';
import type { TokenRequest } from '../../evaluate/token-types.js';
import { builtInDrop } from '../../evaluate/built-in-rules.js';
import type { World } from '../../model/request-worlds.js';

const GRANT: Readonly<Record<World['grant'], TokenRequest['grantType']>> = {
  authorization_code: 'authorization_code',
  client_credentials: 'client_credentials',
  refresh_token: 'refresh_token',
  jwt_bearer: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
};

/** The request the evaluator would see in a world. */
export function requestOf(world: World): TokenRequest {
  return {
    grantType: GRANT[world.grant],
    client: {
      clientId: 'checker',
      type: world.client,
      authMethod: world.client === 'public' ? 'none' : 'private_key_jwt',
      ...(world.grant === 'jwt_bearer' ? { registration: 'trusted-dynamic' as const } : {}),
    },
    user: { type: world.user },
    ...(world.launch === 'none' ? {} : { launch: world.launch }),
  };
}

/**
 * The evaluator's reason when it drops `scope` in every one of `worlds`, else undefined.
 * Registration scopes depend on the app index and are judged by the caller.
 */
export function droppedEverywhere(
  scope: Scope,
  reachable: readonly World[],
): { readonly rule: string; readonly reason: string } | undefined {
  // A refresh or JWT bearer grant only re-issues what an authorization code (or, for backend
  // services, client credentials) grant first gave; a scope those never grant is unreachable.
  // builtInDrop reads grant, client, user and launch only: one request per distinct combination.
  const seen = new Set<string>();
  const worlds = reachable.filter((w) => {
    if (w.grant !== 'authorization_code' && w.grant !== 'client_credentials') return false;
    const key = `${w.grant}|${w.client}|${w.user}|${w.launch}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (worlds.length === 0 || scope.type === 'registration') return undefined;
  let first: { rule: string; reason: string } | undefined;
  for (const world of worlds) {
    let drop: { rule: string; reason: string } | null;
    try {
      drop = builtInDrop(scope, requestOf(world), []);
    } catch {
      return undefined;
    }
    if (!drop) return undefined;
    first ??= drop;
  }
  return first;
}
