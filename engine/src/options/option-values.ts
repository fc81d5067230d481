/**
 * Reading the words of `option` statements: which words each position accepts, and the
 * resolved access and token options of a policy. Pure string work (the language layer hands
 * over the written words; nothing here knows the syntax tree).
 */
import type { SettableOption } from './option-definition.js';
import {
  DEFAULT_ACCESS_OPTIONS,
  DEFAULT_TOKEN_OPTIONS,
  optionByKeyword,
  type AccessOptions,
  type TokenOptions,
} from './option-registry.js';

/** What one value position of an option accepts: a closed word list, or a described free value. */
export type OptionValueSlot =
  | readonly string[]
  | { readonly free: string; readonly pattern: RegExp; readonly accepts?: (text: string) => boolean };

const OPERATION_NAME = /^\$[A-Za-z][A-Za-z0-9_-]*$/;
const OPERATION_LETTERS = /^(?=[cruds])c?r?u?d?s?$/;
const DURATION = /^([0-9]{1,9})([smhd])$/;
const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400 };

/** `90s` → 90, `5m` → 300; undefined when the text is not a duration. */
export function durationSeconds(text: string): number | undefined {
  const m = DURATION.exec(text);
  if (m === null) return undefined;
  return Number(m[1]) * (UNIT_SECONDS[m[2] as string] ?? 0);
}

/** Human form of a number of seconds for messages and docs (`1h`, `5m`, `90s`). */
export function secondsText(total: number): string {
  if (total % 3600 === 0) return `${total / 3600}h`;
  if (total % 60 === 0) return `${total / 60}m`;
  return `${total}s`;
}

/** The value positions of an option, in order. */
export function valueSlots(definition: SettableOption): readonly OptionValueSlot[] {
  switch (definition.kind) {
    case 'choice':
      return [definition.values];
    case 'url':
      return [{ free: definition.example, pattern: definition.pattern }];
    case 'seconds': {
      const max = definition.max;
      return [
        {
          free: `a duration from 1s to ${secondsText(max)}, e.g. ${secondsText(definition.default)}`,
          pattern: DURATION,
          accepts: (text: string) => {
            const n = durationSeconds(text);
            return n !== undefined && n >= 1 && n <= max;
          },
        },
      ];
    }
    case 'operations':
      return [
        { free: 'an operation name starting with $, e.g. "$everything"', pattern: OPERATION_NAME },
        { free: 'the permission letters it needs, in cruds order, e.g. rs', pattern: OPERATION_LETTERS },
      ];
  }
}

/** True when `text` is a value position `slot` accepts. */
export function slotAccepts(slot: OptionValueSlot, text: string): boolean {
  if (Array.isArray(slot)) return (slot as readonly string[]).includes(text);
  const free = slot as Exclude<OptionValueSlot, readonly string[]>;
  return free.pattern.test(text) && (free.accepts === undefined || free.accepts(text));
}

/** One `option` statement as written: its keyword and its value words. */
export interface WrittenOption {
  readonly keyword: string;
  readonly values: readonly string[];
}

export interface ResolvedOptions {
  readonly access: AccessOptions;
  readonly token: TokenOptions;
}

/**
 * Applies `option` statements in source order onto the defaults (a later statement wins;
 * `operation` statements add up). Unknown keywords and values that do not fit were reported by
 * the parser and are skipped here, so a bad statement never changes a default.
 */
export function resolveWrittenOptions(written: readonly WrittenOption[]): ResolvedOptions {
  const access: Record<string, unknown> = { ...DEFAULT_ACCESS_OPTIONS };
  const token: Record<string, unknown> = { ...DEFAULT_TOKEN_OPTIONS };
  const operations: Record<string, string> = { ...DEFAULT_ACCESS_OPTIONS.operations };
  for (const statement of written) {
    const option = optionByKeyword(statement.keyword);
    if (option === undefined) continue;
    const slots = valueSlots(option.definition);
    if (statement.values.length !== slots.length) continue;
    if (!slots.every((slot, i) => slotAccepts(slot, statement.values[i] as string))) continue;
    const target = option.group === 'access' ? access : token;
    const [first, second] = statement.values as readonly [string, string?];
    switch (option.definition.kind) {
      case 'operations':
        if (second !== undefined) operations[first] = second;
        break;
      case 'seconds':
        target[option.member] = durationSeconds(first);
        break;
      default:
        target[option.member] = first;
    }
  }
  access['operations'] = sortedRecord(operations);
  return { access: access as AccessOptions, token: token as TokenOptions };
}

function sortedRecord(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
