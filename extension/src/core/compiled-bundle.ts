/** "Show compiled bundle": the PolicyBundle JSON of a set, or why the compiler refused it. */
import { dirname } from 'node:path';
import type { LanguageService } from 'smart-policy';

export type CompiledBundle = { readonly ok: true; readonly json: string } | { readonly ok: false; readonly errors: readonly string[] };

export function compiledBundle(service: LanguageService, entry: string): CompiledBundle {
  const { bundle, diagnostics } = service.compile(entry, { relativeTo: dirname(entry) });
  if (bundle !== null) return { ok: true, json: `${JSON.stringify(bundle, null, 2)}\n` };
  const errors = diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => `${d.uri ?? entry}:${d.range.start.line}:${d.range.start.column} ${d.code} ${d.message}`);
  return { ok: false, errors: errors.length > 0 ? errors : ['the compiler refused the policy set'] };
}
