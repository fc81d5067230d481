/**
 * The core of `smart-policy explain` (the CLI wires argument parsing and I/O): explains scopes
 * with a policy's catalog, or the built-in phrasebook without one, as text or as the JSON
 * `{"locale", "requestedLocale", "localeFallback", "audience", "scopes": [{"scope", "short", "long", "warnings"?, "unreachable"?}],
 * "summary", "omitted"?, "warnings"?}`.
 */
import { BUNDLE_FORMAT } from '../../compile/bundle-types.js';
import type { PolicyBundle } from '../../compile/bundle-types.js';
import { catalogFromBundle } from '../../explain/catalog-from-bundle.js';
import { explain } from '../../explain/explain.js';
import type { Audience, ExplainResult } from '../../explain/explain-types.js';
import type { ExplanationCatalog } from '../../explain/explanation-catalog.js';
import { explainOptionsOf, explainResultWire, explainScopes } from '../../explain/explain-wire.js';

export interface ExplainCommandInput {
  /**
   * The policy as a loaded bundle (the CLI's `loadPolicyBundle` compiles `--policy P`) or a
   * catalog; none = the built-in phrasebook only.
   */
  readonly policy?: PolicyBundle | ExplanationCatalog;
  /** Scope strings; each may hold several space-separated scopes. */
  readonly scopes: readonly string[];
  readonly locale?: string;
  readonly acceptLanguage?: string;
  readonly audience?: Audience;
  /** An app class of the policy: its refresh limits and, without `audience`, its readers. */
  readonly appClass?: string;
  readonly json?: boolean;
}

export interface ExplainCommandOutput {
  /** What to print on stdout (JSON or text), ending with a newline. */
  readonly output: string;
  /** 0 explained (warnings included), 3 bad input (no scopes, an unreadable policy object). */
  readonly exitCode: 0 | 3;
  readonly result: ExplainResult | null;
  /** For stderr: the requested language could not be offered, so another was used. */
  readonly note?: string;
}

/** "no consent text in fr; used en", when the requested language was not available. */
function fallbackNote(result: ExplainResult): string | undefined {
  if (!result.localeFallback || result.requestedLocale === undefined) return undefined;
  // The requested tag is the user's input: name only its primary language subtag, letters only.
  const asked = /^[A-Za-z]{1,8}/.exec(result.requestedLocale)?.[0] ?? 'the requested language';
  return `smart-policy explain: note: no consent text in ${asked}; used ${result.locale}\n`;
}

function catalogOf(policy: ExplainCommandInput['policy']): ExplanationCatalog | undefined {
  if (policy === undefined) return undefined;
  return (policy as { format?: unknown }).format === BUNDLE_FORMAT
    ? catalogFromBundle(policy as PolicyBundle)
    : (policy as ExplanationCatalog);
}

/** Human-readable text of a result: each scope with its short and long text, then the summary. */
export function formatExplainText(result: ExplainResult): string {
  const lines = [`Consent text in ${result.locale}, for a ${result.audience}:`, ''];
  for (const w of result.warnings ?? []) lines.push(`warning ${w.code}: ${w.message}`, '');
  for (const s of result.scopes) {
    lines.push(s.scope, `  ${s.short}`, `  ${s.long}`);
    for (const w of s.warnings ?? []) lines.push(`  warning ${w.code}: ${w.message}`);
    lines.push('');
  }
  lines.push('Consent screen:');
  for (const line of result.summary) lines.push(`  • ${line.text}`);
  for (const o of result.omitted ?? []) lines.push(`  (left out: ${o.scope}: ${o.reason})`);
  return `${lines.join('\n')}\n`;
}

/** Runs `explain` for the CLI. Never throws on user input. */
export function runExplainCommand(input: ExplainCommandInput): ExplainCommandOutput {
  const scopes = explainScopes(input.scopes);
  if (scopes.length === 0) {
    return { output: 'smart-policy explain: give at least one scope, e.g. patient/Observation.rs\n', exitCode: 3, result: null };
  }
  let catalog: ExplanationCatalog | undefined;
  try {
    catalog = catalogOf(input.policy);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { output: `smart-policy explain: the policy cannot be read: ${reason}\n`, exitCode: 3, result: null };
  }
  const result = explain(scopes, { ...explainOptionsOf(input), ...(catalog ? { catalog } : {}) });
  const note = fallbackNote(result);
  if (input.json) {
    const json = explainResultWire(result);
    return { output: `${JSON.stringify(json, null, 2)}\n`, exitCode: 0, result, ...(note ? { note } : {}) };
  }
  return { output: formatExplainText(result), exitCode: 0, result, ...(note ? { note } : {}) };
}
