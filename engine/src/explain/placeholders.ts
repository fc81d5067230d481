/**
 * Placeholders in a policy's own text: `{lifetime}` and `{idle}` are the refresh limits of the
 * app class being shown ("Keep access for up to {lifetime}" → "… up to 30 days"), so a text
 * can never quote a duration the policy does not enforce. Other braces are left as written.
 */
import { formatDuration } from './duration.js';
import type { RenderContext } from './render-context.js';

export const TEXT_PLACEHOLDERS = ['lifetime', 'idle'] as const;
export type TextPlaceholder = (typeof TEXT_PLACEHOLDERS)[number];

const PATTERN = /\{(lifetime|idle)\}/g;

/** The placeholders a text uses. */
export function placeholdersIn(text: string): TextPlaceholder[] {
  return [...new Set([...text.matchAll(PATTERN)].map((m) => m[1] as TextPlaceholder))];
}

/** The text with its placeholders filled; `unfilled` names those with no value (no limit known). */
export function fillPlaceholders(
  text: string,
  ctx: Pick<RenderContext, 'catalog' | 'book'>,
): { text: string; unfilled: TextPlaceholder[] } {
  const limits = ctx.catalog?.offlineAccess;
  const values: Record<TextPlaceholder, number | null> = { lifetime: limits?.lifetimeSeconds ?? null, idle: limits?.idleSeconds ?? null };
  const unfilled: TextPlaceholder[] = [];
  const filled = text.replace(PATTERN, (whole, name: TextPlaceholder) => {
    const seconds = values[name];
    if (seconds === null) {
      if (!unfilled.includes(name)) unfilled.push(name);
      return whole;
    }
    return formatDuration(seconds, ctx.book);
  });
  return { text: filled, unfilled };
}
