/**
 * Which requests of an app class can end with a refresh token, and how that token is protected.
 * A refresh token is issued when a grant allows `offline_access` / `online_access` and the
 * app's `refresh` block does not deny it; the block's `bind ... required` and `rotate on every
 * use` statements say how it is protected (no block: no binding, no rotation).
 */
import type { Position } from '../../language/range.js';
import type { RefreshBlock, RefreshStatement } from '../../language/ast.js';
import type { GrantScope, RuleContext } from '../../model/rule-context.js';
import type { Located } from '../../model/policy-index.js';
import type { World } from '../../model/request-worlds.js';
import { worldsWhere } from '../../model/request-worlds.js';
import { list, rangeOf, textOf } from '../../model/safe.js';

/** One way an app class gets a refresh token. */
export interface RefreshPath {
  readonly app: string;
  /** The `allow offline_access` / `allow online_access` scope that opens the path. */
  readonly grantScope: GrantScope;
  readonly mode: 'offline' | 'online';
  /** The requests (worlds) that get a refresh token this way. */
  readonly worlds: readonly World[];
  /** The app's refresh block, if any (first one). */
  readonly refresh: Located<RefreshBlock> | undefined;
  /** `bind <dpop|client-key> required` is written. */
  readonly bindingRequired: boolean;
  /** `rotate on every use` is written. */
  readonly rotates: boolean;
}

/** Every refresh path of every app class. */
export function refreshPaths(context: RuleContext): RefreshPath[] {
  const out: RefreshPath[] = [];
  for (const gs of context.grantScopes) {
    if (gs.effect !== 'allow' || gs.app === undefined || !gs.info.parsed.ok) continue;
    const scope = gs.info.parsed.scope;
    if (scope.type !== 'refresh') continue;
    const grantWorlds = context.worldsWhere(gs.app, gs.rule.condition);
    if (!grantWorlds || grantWorlds.length === 0) continue;
    const refresh = context.index.refreshes.find((r) => textOf(r.node.app) === gs.app);
    const statements: readonly RefreshStatement[] = list(refresh?.node.statements);
    const access = statements.find((s) => s?.kind === 'refresh.access' && s.mode === scope.mode);
    let worlds: readonly World[] | undefined = grantWorlds;
    if (access?.kind === 'refresh.access') worlds = access.allowed ? worldsWhere(access.condition, grantWorlds) : [];
    // Backend services SHOULD NOT get refresh tokens (SMART App Launch, Backend Services); the engine never issues them.
    worlds = worlds?.filter((w) => w.grant !== 'client_credentials');
    if (!worlds || worlds.length === 0) continue;
    const bindingRequired = statements.some(
      (s) =>
        s?.kind === 'refresh.bind' && s.required === true && list(s.bindings).some((b) => b?.value === 'dpop' || b?.value === 'client-key'),
    );
    const rotates = statements.some((s) => s?.kind === 'refresh.rotate' && s.rotate === 'every-use');
    out.push({ app: gs.app, grantScope: gs, mode: scope.mode, worlds, refresh, bindingRequired, rotates });
  }
  return out;
}

/** Where to insert a statement into a block: just before its closing brace. */
export function insertionPoint(block: RefreshBlock): Position {
  const end = rangeOf(block).end;
  return { line: end.line, column: Math.max(1, end.column - 1), offset: Math.max(0, end.offset - 1) };
}
