/**
 * The `option` statements of the policy header, resolved onto the engine's defaults: access
 * options (for `authorize`) and token options (for `decideToken`). The registry
 * (`../options/`) knows every option; this file only hands it the written words.
 */
import type { OptionStatement } from '../language/ast.js';
import { resolveWrittenOptions, type ResolvedOptions, type WrittenOption } from '../options/option-values.js';

export type { ResolvedOptions };

/**
 * Applies options in source order (a later statement wins). Unknown names and values were
 * reported by the parser and are skipped here.
 */
export function resolveOptions(statements: readonly OptionStatement[]): ResolvedOptions {
  const written: WrittenOption[] = [];
  for (const option of statements) {
    if (!option.known || option.values.some((v) => v.missing === true)) continue;
    written.push({ keyword: option.name.text, values: option.values.map((v) => v.text) });
  }
  return resolveWrittenOptions(written);
}
