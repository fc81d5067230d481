/**
 * The front end's codes (parser and policy-set loader, `engine/docs/language.md`). The parser
 * reports them; they are registered here so that severities can be configured, ignores can
 * name them, and docs and SARIF list them. One folder documents them all because they share
 * one cause — text that does not follow the grammar — and one fix: edit the text.
 */
import type { CheckRule } from '../../../model/rule-types.js';
import { defineRule } from '../../../model/define-rule.js';

const syntax = (code: string, summary: string, defaultSeverity: 'error' | 'warning' = 'error'): CheckRule =>
  defineRule({ code, name: code.slice(code.indexOf('.') + 1), category: 'syntax', defaultSeverity, summary });

/** Every code the front end reports while parsing and loading a policy set. */
export const SYNTAX_RULES: readonly CheckRule[] = [
  syntax('syntax.token.invalid', 'Characters that start no token of the language.'),
  syntax('syntax.string.unterminated', 'A string is not closed on its line.'),
  syntax('syntax.string.escape', 'A string holds an unknown or malformed escape.'),
  syntax('syntax.unexpected-token', 'The parser found something it did not expect at this point.'),
  syntax('syntax.block.unclosed', 'The file ends inside a block.'),
  syntax('syntax.missing-value', 'A statement lacks a required value on its line.'),
  syntax('syntax.nesting.too-deep', 'Brackets are nested too deeply; the nested part is ignored.'),
  syntax('syntax.value.unknown', 'A word is outside the closed list of words allowed at its position.'),
  syntax('syntax.option.unknown', 'An option name is not one of the policy options.'),
  syntax('syntax.option.value', 'An option value is outside the values the option allows.'),
  syntax('syntax.option.arity', 'An option has too few or too many values.'),
  syntax('syntax.variable.outside-table', 'A $variable is used outside a test with rows.'),
  syntax('syntax.variable.unknown', 'A $variable does not name a column of the test table.'),
  syntax('syntax.table.column', 'A test table column name is not a plain name, or is repeated.'),
  syntax('syntax.table.row-width', 'A test table row has a different number of cells than the header.'),
  syntax('syntax.json.duplicate-key', 'A key is repeated in an inline JSON object.'),
  syntax('syntax.number.invalid', 'A number is not a safe whole number.'),
  syntax('syntax.ignore.malformed', 'An ignore comment names no code.', 'warning'),
  syntax('syntax.internal', 'The parser failed internally on this file; this is a bug in smart-policy.'),
  syntax('import.missing', 'An imported file cannot be read.'),
  syntax('import.cycle', 'An import leads back to a file that is being imported.'),
  syntax('import.outside-set', "An import is an absolute path or leads outside the policy set's folder."),
  syntax('import.not-policy', 'An import names a file that is not a .smartpolicy file; it is not read.'),
  syntax('import.not-file', 'An import names a directory, device, FIFO or socket instead of a regular file.'),
  syntax('import.too-large', 'An imported file, or the policy set as a whole, is larger than the size limit.'),
  syntax('import.limit', 'The policy set has too many files or too long an import chain; further imports are not read.'),
];
