/**
 * Consent text the engine would not keep: a granted scope whose letters the policy's options
 * refuse on every request (its text would promise access that never happens), and an app class
 * allowed both `offline_access` and `online_access`, whose screen could show two contradicting
 * lines.
 */
import type { ExplanationCatalog } from '../explanation-catalog.js';
import { unreachableLetters } from '../reachability.js';
import { parseScopeCached as parseScope } from '../../smart/parse-scope.js';
import { CONSENT_LINT_CODES } from './lint-types.js';
import type { AllowedScope, ConsentFinding } from './lint-types.js';

/** Allowed scopes (or some of their letters) that no request can use under the policy's options. */
export function lintUnreachableScope(catalog: ExplanationCatalog, allowed: readonly AllowedScope[]): ConsentFinding[] {
  const out: ConsentFinding[] = [];
  for (const a of allowed) {
    const parsed = parseScope(a.scope);
    if (!parsed.ok || parsed.scope.type !== 'resource') continue;
    const unreachable = unreachableLetters(parsed.scope, catalog);
    if (!unreachable) continue;
    out.push({
      code: CONSENT_LINT_CODES.unreachableScope,
      message: `"${a.scope}" (app class ${a.app}) ${unreachable.letters === parsed.scope.permissions ? 'can never be used' : `cannot use "${unreachable.letters}"`}: ${unreachable.reason}. Its consent text would promise access the server refuses; remove it, narrow it, or grant it at user level.`,
      ...(a.span ? { span: a.span } : {}),
      data: { scope: a.scope, app: a.app, resourceType: parsed.scope.resourceType, letters: unreachable.letters },
    });
  }
  return out;
}

/** App classes allowed both refresh modes: one screen, two contradicting promises. */
export function lintOfflineWithOnline(_catalog: ExplanationCatalog, allowed: readonly AllowedScope[]): ConsentFinding[] {
  const out: ConsentFinding[] = [];
  // Grouped in one pass (a filter per app class was quadratic in the set's size).
  const byApp = new Map<string, AllowedScope[]>();
  for (const a of allowed) {
    const mine = byApp.get(a.app);
    if (mine) mine.push(a);
    else byApp.set(a.app, [a]);
  }
  for (const [app, mine] of byApp) {
    const online = mine.find((a) => a.scope.split(/\s+/).includes('online_access'));
    if (!online || !mine.some((a) => a.scope.split(/\s+/).includes('offline_access'))) continue;
    out.push({
      code: CONSENT_LINT_CODES.offlineWithOnline,
      message: `app class ${app} may be granted both offline_access and online_access; together they contradict each other on the consent screen (access after the app is closed, or only while signed in). Allow one of them.`,
      ...(online.span ? { span: online.span } : {}),
      data: { app, scope: online.scope },
    });
  }
  return out;
}
