/**
 * Short and long text of a resource scope. Short: "See and search your lab results". Long: the
 * first sentence says what the app can do with whose data (and that changes may enter the
 * record); the second says what the data includes, that a wildcard covers kinds added later, or
 * that a filter could not be put in words.
 */
import { dataPhrase, whoseFor } from './data-phrase.js';
import type { ExplainWarning } from './explain-types.js';
import { capitalize, formatMessage } from './messages.js';
import { verbPhrase } from './phrase-list.js';
import { resolveNoun } from './resolve-noun.js';
import type { NounResolution } from './resolve-noun.js';
import type { RenderContext } from './render-context.js';
import type { ResourceScope } from '../smart/scope-types.js';

export interface RenderedText {
  readonly short: string;
  readonly long: string;
  readonly warnings: readonly ExplainWarning[];
}

/** The second sentence of a long text: what the data includes. */
function detailSentence(resolution: NounResolution, ctx: RenderContext): string | undefined {
  const { noun, quant } = resolution;
  if (quant === 'all') return formatMessage(ctx.book, 'wildcardNote');
  if (quant === 'some') return formatMessage(ctx.book, 'filterNote');
  if (noun.longSentence !== undefined && noun.longSentence !== '') return noun.longSentence;
  if (noun.long === undefined) return undefined;
  return formatMessage(ctx.book, quant === 'only' ? 'includesOnly' : 'includes', { text: noun.long });
}

/** The short sentence for several targets sharing level and permissions (used by the summary). */
export function resourceShortText(
  scope: Pick<ResourceScope, 'level' | 'permissions' | 'resourceType'>,
  resolutions: readonly NounResolution[],
  ctx: RenderContext,
): string {
  const whose = whoseFor(scope.level, ctx.audience, scope.resourceType);
  const quant = resolutions.length === 1 ? (resolutions[0]?.quant ?? 'plain') : 'plain';
  const data = dataPhrase(
    resolutions.map((r) => r.noun),
    whose,
    quant,
    ctx.book,
  );
  const verbs = verbPhrase(scope.permissions, ctx.book);
  return capitalize(
    formatMessage(ctx.book, 'resourceShort', { verbs, data, system: scope.level === 'system' ? 'yes' : 'no', audience: ctx.audience }),
    ctx.locale,
  );
}

/** Renders one resource scope. */
export function renderResourceScope(scope: ResourceScope, ctx: RenderContext): RenderedText {
  const resolution = resolveNoun(scope.resourceType, scope.query, ctx);
  const whose = whoseFor(scope.level, ctx.audience, scope.resourceType);
  const verbs = verbPhrase(scope.permissions, ctx.book);
  const data = dataPhrase([resolution.noun], whose, resolution.quant, ctx.book);
  const system = scope.level === 'system' ? 'yes' : 'no';
  const write = /[cu]/.test(scope.permissions) ? 'yes' : 'no';
  // Risky letters carry their consequence: what it adds or changes enters the record, what it deletes is gone.
  const adds = scope.permissions.includes('c') ? 'yes' : 'no';
  const deletes = scope.permissions.includes('d') ? 'yes' : 'no';
  // Search without read still shows the records found, which a patient would not guess from "search".
  const searchOnly = scope.permissions.includes('s') && !scope.permissions.includes('r') ? 'yes' : 'no';
  const short = resourceShortText(scope, [resolution], ctx);
  const first = capitalize(
    formatMessage(ctx.book, 'resourceLong', { verbs, data, system, write, adds, deletes, searchOnly, whose, audience: ctx.audience }),
    ctx.locale,
  );
  const detail = detailSentence(resolution, ctx);
  return { short, long: detail ? `${first} ${detail}` : first, warnings: resolution.warnings };
}
