/**
 * The docs of the options, generated from the registry: the table of the language reference and
 * of the options README (between `<!-- options-table:begin -->` and `<!-- options-table:end -->`),
 * and the per-option details of the README. A test compares the committed docs with these.
 */
import type { OptionDefinition } from './option-definition.js';
import { ALL_OPTIONS, defaultValueOf, type RegisteredOption } from './option-registry.js';
import { secondsText } from './option-values.js';

export const TABLE_BEGIN = '<!-- options-table:begin (generated from engine/src/options; `npm run generate:options-docs`) -->';
export const TABLE_END = '<!-- options-table:end -->';
export const DETAILS_BEGIN = '<!-- options-details:begin (generated) -->';
export const DETAILS_END = '<!-- options-details:end -->';

function code(text: string): string {
  return '`' + text + '`';
}

/** Pipes would end a table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function statementOf(o: RegisteredOption): string {
  const d = o.definition;
  if (d.kind === 'fixed') return '(fixed)';
  if (d.kind === 'operations') return code(`${d.keyword} "<$name>" <letters>`);
  return code(d.keyword);
}

function valuesOf(d: OptionDefinition): string {
  switch (d.kind) {
    case 'choice':
      return d.values.map(code).join(' | ');
    case 'url':
      return 'an absolute http(s) URL, e.g. `"https://ehr.example.org/fhir"`';
    case 'seconds':
      return `a duration, 1s to ${code(secondsText(d.max))}`;
    case 'operations':
      return 'e.g. `"$everything" rs` (repeatable)';
    case 'fixed':
      return code(d.value);
  }
}

function defaultOf(d: OptionDefinition): string {
  if (d.kind === 'seconds') return code(secondsText(d.default));
  if (d.kind === 'url') return 'none';
  if (d.kind === 'operations') return 'none';
  return code(String(defaultValueOf(d)));
}

function affectsOf(d: OptionDefinition): string {
  return d.kind === 'fixed' ? '—' : d.affects.join(', ');
}

/** The markdown table of every option (one row each, registry order). */
export function optionsTable(): string {
  const rows = ALL_OPTIONS.map(
    (o) =>
      `| ${statementOf(o)} | ${cell(valuesOf(o.definition))} | ${defaultOf(o.definition)} | ${code(`${o.group}.${o.member}`)} | ${affectsOf(o.definition)} | ${cell(o.definition.doc)} |`,
  );
  return ['| option | values | default | bundle member | affects | settles |', '| --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
}

/** One paragraph per option: what each value means and why the default is the default. */
export function optionsDetails(): string {
  return ALL_OPTIONS.map((o) => `- **${statementOf(o)}** (${o.definition.settles}): ${o.definition.detail}`).join('\n');
}

/**
 * `text` with the region between `begin` and `end` replaced by `content`; undefined when the
 * markers are missing (a doc that lost its markers must fail its test, not be rewritten whole).
 */
export function replaceRegion(text: string, begin: string, end: string, content: string): string | undefined {
  const start = text.indexOf(begin);
  const stop = text.indexOf(end);
  if (start < 0 || stop < start) return undefined;
  return text.slice(0, start + begin.length) + '\n' + content + '\n' + text.slice(stop);
}
