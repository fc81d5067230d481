/**
 * Loader of the shared diagnostic case corpus (`test/corpus/diagnostics/*.yaml`), used by the
 * checker, CLI and language-server tests so that one policy text means one set of diagnostics
 * everywhere.
 *
 * A corpus file is YAML:
 *
 * ```yaml
 * cases:
 *   - name: offline access for a public client without binding
 *     input: |
 *       policy "x" { ... }
 *     expect:
 *       - { code: SP200, line: 12, column: 3 }
 *     absent: [SP205]          # optional: codes that must not be reported
 *     config: { SP202: off }   # optional: configured levels for this case
 * ```
 *
 * `expect` is exhaustive for the codes it lists plus every `error`: the diagnostics reported for
 * those codes, for the `absent` codes, and every error, must be exactly `expect` (as a multiset
 * of `code@line:column`). Use {@link corpusMismatch} so every consumer applies the same rule.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** One expected diagnostic, 1-based line and column. */
export interface ExpectedDiagnostic {
  readonly code: string;
  readonly line: number;
  readonly column: number;
}

/** One corpus case. */
export interface CorpusCase {
  /** `<file>: <name>`, unique across the corpus. */
  readonly id: string;
  readonly name: string;
  /** The corpus file, relative to the corpus directory. */
  readonly file: string;
  /** The policy text. */
  readonly input: string;
  readonly expect: readonly ExpectedDiagnostic[];
  readonly absent: readonly string[];
  /** Rule levels for this case (`{"SP202": "off"}`). */
  readonly config: Readonly<Record<string, string>>;
}

/** The directory holding the corpus YAML files. */
export const DIAGNOSTIC_CORPUS_DIR: string = join(dirname(fileURLToPath(import.meta.url)), 'diagnostics');

/**
 * Loads every case; throws with the file and case name when a case is malformed, because a
 * broken corpus must fail tests loudly rather than silently test nothing.
 */
export function loadDiagnosticCorpus(dir: string = DIAGNOSTIC_CORPUS_DIR): CorpusCase[] {
  const cases: CorpusCase[] = [];
  const seen = new Set<string>();
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort();
  for (const file of files) {
    const doc: unknown = parse(readFileSync(join(dir, file), 'utf8'));
    const rawCases = isRecord(doc) ? doc['cases'] : undefined;
    if (!Array.isArray(rawCases)) throw new Error(`${file}: expected a top-level "cases" list`);
    for (const raw of rawCases) {
      const c = readCase(file, raw);
      if (seen.has(c.id)) throw new Error(`${c.id}: duplicate case name`);
      seen.add(c.id);
      cases.push(c);
    }
  }
  return cases;
}

function readCase(file: string, raw: unknown): CorpusCase {
  if (!isRecord(raw)) throw new Error(`${file}: every case must be a mapping`);
  const name = raw['name'];
  const input = raw['input'];
  if (typeof name !== 'string' || name === '') throw new Error(`${file}: a case has no name`);
  const id = `${file}: ${name}`;
  if (typeof input !== 'string') throw new Error(`${id}: "input" must be a string`);
  const expectRaw = raw['expect'] ?? [];
  if (!Array.isArray(expectRaw)) throw new Error(`${id}: "expect" must be a list`);
  const expect = expectRaw.map((e: unknown): ExpectedDiagnostic => {
    if (!isRecord(e) || typeof e['code'] !== 'string' || !isPositiveInt(e['line']) || !isPositiveInt(e['column'])) {
      throw new Error(`${id}: each expectation needs code, line and column (1-based)`);
    }
    return { code: e['code'], line: e['line'], column: e['column'] };
  });
  const absentRaw = raw['absent'] ?? [];
  if (!Array.isArray(absentRaw) || !absentRaw.every((a): a is string => typeof a === 'string')) {
    throw new Error(`${id}: "absent" must be a list of codes`);
  }
  const configRaw = raw['config'] ?? {};
  if (!isRecord(configRaw) || !Object.values(configRaw).every((v) => typeof v === 'string')) {
    throw new Error(`${id}: "config" must map codes to levels`);
  }
  return { id, name, file, input, expect, absent: absentRaw, config: configRaw as Record<string, string> };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPositiveInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1;
}

/** A reported diagnostic, reduced to what the corpus compares (1-based line and column). */
export interface ReportedDiagnostic {
  readonly code: string;
  readonly severity: string;
  readonly line: number;
  readonly column: number;
}

/**
 * Compares reported diagnostics with a case. Returns an empty list when they agree, otherwise one
 * line per difference (`missing semantic.invalid-scope@14:30`, `unexpected syntax.token.invalid@3:1`).
 * The language server converts its 0-based LSP positions to 1-based before calling this.
 */
export function corpusMismatch(c: CorpusCase, reported: readonly ReportedDiagnostic[]): string[] {
  const codes = new Set(c.expect.map((e) => e.code));
  const key = (d: { code: string; line: number; column: number }): string => `${d.code}@${d.line}:${d.column}`;
  const actual = reported.filter((d) => codes.has(d.code) || d.severity === 'error' || c.absent.includes(d.code)).map(key);
  const expected = c.expect.map(key);
  const out: string[] = [];
  const remaining = [...actual];
  for (const e of expected) {
    const i = remaining.indexOf(e);
    if (i >= 0) remaining.splice(i, 1);
    else out.push(`missing ${e}`);
  }
  for (const r of remaining) out.push(`unexpected ${r}`);
  return out;
}
