/**
 * The requests an app class can make, as a small finite set of "worlds" (client type × user ×
 * launch × grant type × binding ≤ 3·4·3·4·3). Conditions are evaluated in every world of the
 * app class, which decides exactly whether a rule can ever apply — no SAT solver needed, and
 * `user is patient and user is practitioner` is caught as surely as a clash with the app class.
 */
import type { AppBlock, ClientType, Condition, GrantType, LaunchMode, UserType } from '../language/ast.js';
import { BINDINGS, CLIENT_TYPES, GRANT_TYPES, LAUNCH_MODES, USER_TYPES } from '../language/vocabulary.js';
import { hasKind, list } from './safe.js';

/** One kind of request. `launch` is `none` for grants without a launch (client_credentials, jwt_bearer). */
export interface World {
  readonly client: ClientType;
  readonly user: UserType;
  readonly launch: LaunchMode | 'none';
  readonly grant: GrantType;
  readonly bound: 'dpop' | 'client-key' | 'none';
}

/** What an app block declares; a statement left out means "any". */
export interface AppFacts {
  readonly clients: readonly ClientType[];
  readonly users: readonly UserType[];
  readonly launches: readonly LaunchMode[];
  readonly trustedDynamic: boolean;
  /** Which facts were declared explicitly (messages only cite those). */
  readonly declared: { readonly client: boolean; readonly user: boolean; readonly launch: boolean };
}

/** Reads the facts of an app block (undefined app: an unknown class, everything possible). */
export function appFacts(app: AppBlock | undefined): AppFacts {
  const clients = collect(app, 'app.client') as ClientType[];
  const users = collect(app, 'app.user') as UserType[];
  const launches = collect(app, 'app.launch') as LaunchMode[];
  const registrations = collect(app, 'app.registration');
  return {
    clients: clients.length > 0 ? clients : CLIENT_TYPES,
    users: users.length > 0 ? users : USER_TYPES,
    launches: launches.length > 0 ? launches : LAUNCH_MODES,
    trustedDynamic: registrations.includes('trusted-dynamic'),
    declared: { client: clients.length > 0, user: users.length > 0, launch: launches.length > 0 },
  };
}

function collect(app: AppBlock | undefined, kind: string): string[] {
  const values: string[] = [];
  for (const st of list(app?.statements)) {
    if (!hasKind(st, kind)) continue;
    for (const choice of list((st as { values?: readonly { value?: unknown }[] }).values)) {
      if (typeof choice?.value === 'string' && !values.includes(choice.value)) values.push(choice.value);
    }
  }
  return values;
}

/** Every request the app class can make. */
export function worldsOf(facts: AppFacts): World[] {
  const worlds: World[] = [];
  for (const client of facts.clients) {
    for (const user of facts.users) {
      for (const grant of GRANT_TYPES) {
        if (!grantPossible(grant, client, user, facts)) continue;
        const launches: (LaunchMode | 'none')[] = grant === 'client_credentials' || grant === 'jwt_bearer' ? ['none'] : [...facts.launches];
        for (const launch of launches) {
          for (const bound of [...BINDINGS, 'none' as const]) worlds.push({ client, user, launch, grant, bound });
        }
      }
    }
  }
  return worlds;
}

// client_credentials is the backend-services grant: no user, never a public client (SMART App Launch, Backend Services).
// jwt_bearer is step 3 of trusted dynamic registration (the persistent-access proposal): a user, a registered instance.
function grantPossible(grant: GrantType, client: ClientType, user: UserType, facts: AppFacts): boolean {
  switch (grant) {
    case 'client_credentials':
      return user === 'none' && client !== 'public';
    case 'jwt_bearer':
      return user !== 'none' && facts.trustedDynamic;
    default:
      return user !== 'none';
  }
}

/**
 * Does `condition` hold in `world`? `undefined` when the condition holds words the parser could
 * not recognise (or `$variables`): the checker then stays silent rather than guess.
 */
export function holds(condition: Condition | undefined, world: World): boolean | undefined {
  if (!condition || typeof condition !== 'object') return true;
  switch (condition.kind) {
    case 'cond.and': {
      let result: boolean | undefined = true;
      for (const op of list(condition.operands)) {
        const v = holds(op, world);
        if (v === false) return false;
        if (v === undefined) result = undefined;
      }
      return result;
    }
    case 'cond.or': {
      let result: boolean | undefined = false;
      for (const op of list(condition.operands)) {
        const v = holds(op, world);
        if (v === true) return true;
        if (v === undefined) result = undefined;
      }
      return result;
    }
    case 'cond.not': {
      const v = holds(condition.operand, world);
      return v === undefined ? undefined : !v;
    }
    case 'cond.is': {
      const values = list(condition.values as readonly { value?: unknown }[]);
      if (values.length === 0 || values.some((c) => typeof c?.value !== 'string')) return undefined;
      const actual = world[condition.subject as keyof World];
      if (actual === undefined) return undefined;
      return values.some((c) => c.value === actual);
    }
    default:
      return undefined;
  }
}

/** The worlds in which the condition holds; `undefined` when it cannot be judged. */
export function worldsWhere(condition: Condition | undefined, worlds: readonly World[]): World[] | undefined {
  const out: World[] = [];
  for (const w of worlds) {
    const v = holds(condition, w);
    if (v === undefined) return undefined;
    if (v) out.push(w);
  }
  return out;
}
