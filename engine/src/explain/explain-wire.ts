/**
 * The explain request and result as JSON on the wire: what `smart-policy explain --json` prints
 * and `POST /v1/explain` answers (engine/schemas/explain-request.schema.json for the request).
 */
import type { Audience, ExplainOptions, ExplainResult } from './explain-types.js';

export interface ExplainWireRequest {
  readonly scopes: string | readonly string[];
  readonly locale?: string;
  readonly acceptLanguage?: string;
  readonly audience?: Audience;
  readonly appClass?: string;
}

/** The scopes of a request, one per entry (entries may hold several space-separated scopes). */
export function explainScopes(scopes: string | readonly string[]): string[] {
  return (typeof scopes === 'string' ? [scopes] : scopes).flatMap((s) => s.split(/\s+/)).filter((s) => s !== '');
}

/** The explain options of a request; the audience is `patient` unless an app class decides it. */
export function explainOptionsOf(request: Omit<ExplainWireRequest, 'scopes'>): Omit<ExplainOptions, 'catalog'> {
  return {
    ...(request.locale !== undefined ? { locale: request.locale } : {}),
    ...(request.acceptLanguage !== undefined ? { acceptLanguage: request.acceptLanguage } : {}),
    ...(request.audience !== undefined || request.appClass === undefined ? { audience: request.audience ?? 'patient' } : {}),
    ...(request.appClass !== undefined ? { appClass: request.appClass } : {}),
  };
}

export function explainResultWire(result: ExplainResult): Record<string, unknown> {
  return {
    locale: result.locale,
    requestedLocale: result.requestedLocale ?? null,
    localeFallback: result.localeFallback === true,
    audience: result.audience,
    scopes: result.scopes.map((s) => ({
      scope: s.scope,
      short: s.short,
      long: s.long,
      ...(s.warnings ? { warnings: s.warnings } : {}),
      ...(s.unreachable ? { unreachable: s.unreachable } : {}),
    })),
    summary: result.summary,
    ...(result.omitted ? { omitted: result.omitted } : {}),
    ...(result.warnings ? { warnings: result.warnings } : {}),
  };
}
