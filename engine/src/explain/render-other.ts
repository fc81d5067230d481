/**
 * Short and long text of the scopes that are not about FHIR data: launch and launch context,
 * identity, refresh (`offline_access` quotes the policy's lifetime), the registration scope,
 * extension scopes (generic but honest) and scope strings that do not parse. A catalog entry
 * for the scope word (`explain offline_access { … }`) replaces the built-in sentences.
 */
import { formatDuration } from './duration.js';
import { fillPlaceholders } from './placeholders.js';
import { EXPLAIN_WARNING_CODES } from './explain-types.js';
import type { ExplainWarning } from './explain-types.js';
import { capitalize, formatMessage } from './messages.js';
import type { MessageKey } from './phrasebook/index.js';
import { catalogEntry, textForLocale } from './render-context.js';
import type { RenderContext } from './render-context.js';
import type { RenderedText } from './render-resource.js';
import { typeNoun } from './resolve-noun.js';
import { RESOURCE_TYPE_BY_LOWER_NAME } from '../fhir/resource-types.js';
import { formatScope } from '../smart/format-scope.js';
import type { Scope, ScopeError } from '../smart/scope-types.js';

function frames(
  ctx: RenderContext,
  shortKey: MessageKey,
  longKey: MessageKey,
  args: Readonly<Record<string, string | number>> = {},
  warnings: readonly ExplainWarning[] = [],
): RenderedText {
  const all = { audience: ctx.audience, ...args };
  return {
    short: capitalize(formatMessage(ctx.book, shortKey, all), ctx.locale),
    long: capitalize(formatMessage(ctx.book, longKey, all), ctx.locale),
    warnings,
  };
}

/** Ends a policy-written sentence with a full stop if it has no closing punctuation. */
function asSentence(text: string): string {
  const t = text.trim();
  return /[.!?。]$/.test(t) ? t : `${t}.`;
}

/** A policy's own sentences for a scope word, over the built-in ones. */
function fromCatalog(word: string, builtin: RenderedText, ctx: RenderContext): RenderedText {
  const entry = catalogEntry(ctx, word);
  const text = entry ? textForLocale(entry.texts, ctx.locale, ctx.audience) : undefined;
  if (!text || text.short.trim() === '') return builtin;
  const shortFill = fillPlaceholders(text.short.trim().replace(/[.]$/, ''), ctx);
  const longFill = text.long !== undefined && text.long.trim() !== '' ? fillPlaceholders(text.long, ctx) : undefined;
  const unfilled = [...new Set([...shortFill.unfilled, ...(longFill?.unfilled ?? [])])];
  // A placeholder with no value (no limit known for this app class): the built-in sentence is still true.
  const short = shortFill.unfilled.length > 0 ? builtin.short : capitalize(shortFill.text, ctx.locale);
  const long = longFill && longFill.unfilled.length === 0 ? asSentence(capitalize(longFill.text, ctx.locale)) : builtin.long;
  const warnings: ExplainWarning[] = builtin.warnings.filter((w) => w.code !== EXPLAIN_WARNING_CODES.extension);
  if (unfilled.length > 0) {
    warnings.push({
      code: EXPLAIN_WARNING_CODES.placeholderUnfilled,
      message: `the policy text for ${word} uses ${unfilled.map((p) => `{${p}}`).join(' and ')}, but no such limit is known here; the built-in sentence is shown instead`,
    });
  }
  // A policy sentence explains an extension fully, so the generic-extension warning goes.
  return { short, long, warnings };
}

function renderOffline(ctx: RenderContext): RenderedText {
  const limits = ctx.catalog?.offlineAccess;
  const lifetime = limits?.lifetimeSeconds ?? null;
  const idle = limits?.idleSeconds ?? null;
  return frames(ctx, 'offlineShort', 'offlineLong', {
    hasLifetime: lifetime === null ? 'no' : 'yes',
    lifetime: lifetime === null ? '' : formatDuration(lifetime, ctx.book),
    hasIdle: idle === null ? 'no' : 'yes',
    idle: idle === null ? '' : formatDuration(idle, ctx.book),
    withOnline: ctx.withOnline ? 'yes' : 'no',
  });
}

function renderContextScope(contextType: string, role: string | null, ctx: RenderContext): RenderedText {
  if (contextType === 'patient') return frames(ctx, 'launchPatientShort', 'launchPatientLong');
  if (contextType === 'encounter') return frames(ctx, 'launchEncounterShort', 'launchEncounterLong');
  const type = RESOURCE_TYPE_BY_LOWER_NAME.get(contextType) ?? contextType;
  const { noun, warnings } = typeNoun(type, ctx);
  const contextWarnings: ExplainWarning[] = RESOURCE_TYPE_BY_LOWER_NAME.has(contextType)
    ? warnings
    : [{ code: EXPLAIN_WARNING_CODES.contextUnknown, message: `launch/${contextType} names no FHIR resource type this renderer knows` }];
  return frames(
    ctx,
    'launchOtherShort',
    'launchOtherLong',
    { noun: noun.short, gender: noun.gender, number: noun.number, role: role === null ? 'no' : 'yes' },
    contextWarnings,
  );
}

/** Renders a parsed scope that is not a resource scope. */
export function renderOtherScope(scope: Exclude<Scope, { type: 'resource' }>, ctx: RenderContext): RenderedText {
  // The canonical scope string is the word a policy's `explain` block names the scope by.
  const text = formatScope(scope);
  switch (scope.type) {
    case 'launch':
      return fromCatalog(text, frames(ctx, 'launchShort', 'launchLong'), ctx);
    case 'launch-context':
      return fromCatalog(text, renderContextScope(scope.contextType, scope.role, ctx), ctx);
    case 'identity': {
      const key = scope.name === 'openid' ? 'openid' : scope.name === 'fhirUser' ? 'fhirUser' : 'profile';
      return fromCatalog(text, frames(ctx, `${key}Short`, `${key}Long`), ctx);
    }
    case 'refresh':
      return fromCatalog(text, scope.mode === 'offline' ? renderOffline(ctx) : frames(ctx, 'onlineShort', 'onlineLong'), ctx);
    case 'registration':
      return fromCatalog(text, frames(ctx, 'registrationShort', 'registrationLong'), ctx);
    case 'extension':
      return fromCatalog(
        text,
        frames(ctx, 'extensionShort', 'extensionLong', { name: scope.name }, [
          {
            code: EXPLAIN_WARNING_CODES.extension,
            message: `${scope.name} is an extension scope with no plain-language text: add "explain ${scope.name} { ${ctx.locale} \\"…\\" }" to the policy`,
          },
        ]),
        ctx,
      );
  }
}

/** Renders a scope string that did not parse, with the parser's reason as the warning. */
export function renderInvalidScope(text: string, error: ScopeError, ctx: RenderContext): RenderedText {
  return frames(ctx, 'invalidShort', 'invalidLong', { scope: text }, [
    { code: EXPLAIN_WARNING_CODES.invalidScope, message: `${error.code}: ${error.message}` },
  ]);
}
