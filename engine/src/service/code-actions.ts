/**
 * Quick fixes built from a diagnostic's `data`, and refactorings of the grant rule under the
 * cursor. Every edit is computed here from the linked set; the language server only converts
 * offsets to its positions.
 *
 * - `style.prefer-v2-scope`: write the v2 form;
 * - `consent.missing-translation`: add the missing locale's text as a stub;
 * - `consent.jargon`: replace the jargon word with the phrasebook's plain word;
 * - `security.patient-scope-without-context`: add `patient/* requires patient`;
 * - `syntax.*` with a `suggestion`: use the suggested word;
 * - any checker code: an ignore comment with a reason;
 * - a grant rule whose scopes overlap: collapse them to their minimal set.
 */
import type { ExplainBlock, GrantRule } from '../language/ast.js';
import { ScopeSet } from '../smart/scope-set.js';
import { list, textOf } from '../model/safe.js';
import { nodePathAt } from './node-at-offset.js';
import type { LinkedSet, ParsedDocument } from './service-types.js';

/** A replacement of `[start, end)` (UTF-16 offsets) in document `uri`. */
export interface OffsetEdit {
  readonly uri: string;
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export interface CodeAction {
  readonly title: string;
  readonly kind: 'quickfix' | 'refactor.rewrite';
  /** The diagnostic code the action fixes, when it fixes one. */
  readonly fixes?: string;
  readonly preferred?: boolean;
  readonly edits: readonly OffsetEdit[];
}

/** A diagnostic as the editor hands it back: code, offsets in its document, and its data. */
export interface DiagnosticRef {
  readonly code: string;
  readonly start: number;
  readonly end: number;
  readonly data?: Readonly<Record<string, unknown>>;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The fixes of `diagnostics` (in `doc`) and the refactorings at `[start, end)`. */
export function codeActionsAt(
  set: LinkedSet,
  doc: ParsedDocument,
  start: number,
  end: number,
  diagnostics: readonly DiagnosticRef[],
): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    const fix = quickFix(set, doc, d);
    if (fix) out.push(fix);
    if (!d.code.startsWith('syntax.') && !d.code.startsWith('import.')) out.push(ignoreComment(doc, d));
  }
  const collapse = collapseScopes(doc, start, end);
  if (collapse) out.push(collapse);
  return out;
}

function quickFix(set: LinkedSet, doc: ParsedDocument, d: DiagnosticRef): CodeAction | undefined {
  const data = d.data ?? {};
  switch (d.code) {
    case 'style.prefer-v2-scope': {
      const replacement = str(data['replacement']);
      if (!replacement) return undefined;
      return fix(`Write "${replacement}" (v2 syntax)`, d.code, [{ uri: doc.uri, start: d.start, end: d.end, newText: replacement }], true);
    }
    case 'consent.jargon': {
      const term = str(data['term']);
      const replacement = str(data['replacement']);
      if (!term || !replacement) return undefined;
      const at = findWord(doc.text.slice(d.start, d.end), term);
      if (at === -1) return undefined;
      const s = d.start + at;
      return fix(
        `Replace "${term}" with "${replacement}"`,
        d.code,
        [{ uri: doc.uri, start: s, end: s + term.length, newText: replacement }],
        true,
      );
    }
    case 'consent.missing-translation': {
      const insert = str(data['insert']);
      const into = str(data['insertInto']);
      if (!insert || !into) return undefined;
      const edit = insertIntoExplain(set, doc, into, insert);
      return edit ? fix(`Add a ${str(data['locale']) ?? ''} text stub to ${into}`.replace('  ', ' '), d.code, [edit], true) : undefined;
    }
    case 'security.patient-scope-without-context': {
      const insert = str(data['insert']);
      if (!insert) return undefined;
      const at = data['at'] as { offset?: unknown } | undefined;
      const uri = str(data['uri']) ?? doc.uri;
      const target = set.documents.find((x) => x.uri === uri) ?? doc;
      let edit: OffsetEdit;
      if (data['newBlock'] === true || typeof at?.offset !== 'number') {
        edit = {
          uri: doc.uri,
          start: doc.text.length,
          end: doc.text.length,
          newText: `${doc.text.endsWith('\n') ? '' : '\n'}\n${insert}\n`,
        };
      } else {
        const offset = Math.min(at.offset, target.text.length);
        const lineStart = target.text.lastIndexOf('\n', offset - 1) + 1;
        edit =
          target.text.slice(lineStart, offset).trim() === ''
            ? { uri: target.uri, start: lineStart, end: lineStart, newText: `  ${insert}\n` }
            : { uri: target.uri, start: offset, end: offset, newText: ` ${insert} ` };
      }
      return fix('Require a patient context: patient/* requires patient', d.code, [edit], true);
    }
    default: {
      const suggestion = str(data['suggestion']);
      const found = str(data['found']);
      // The range may cover the whole statement; the word it did not expect starts it.
      if (!suggestion || !found || !doc.text.startsWith(found, d.start)) return undefined;
      return fix(
        `Change to \`${suggestion}\``,
        d.code,
        [{ uri: doc.uri, start: d.start, end: d.start + found.length, newText: suggestion }],
        true,
      );
    }
  }
}

function fix(title: string, code: string, edits: OffsetEdit[], preferred = false): CodeAction {
  return { title, kind: 'quickfix', fixes: code, ...(preferred ? { preferred } : {}), edits };
}

/** `# smart-policy-ignore <code> <reason>` on its own line above the diagnostic, indented like it. */
function ignoreComment(doc: ParsedDocument, d: DiagnosticRef): CodeAction {
  const lineStart = doc.text.lastIndexOf('\n', d.start - 1) + 1;
  const indent = /^[ \t]*/.exec(doc.text.slice(lineStart))?.[0] ?? '';
  return {
    title: `Ignore ${d.code} here (with a reason)`,
    kind: 'quickfix',
    fixes: d.code,
    edits: [
      {
        uri: doc.uri,
        start: lineStart,
        end: lineStart,
        newText: `${indent}# smart-policy-ignore ${d.code} reviewed: say why this is safe\n`,
      },
    ],
  };
}

/** Index of `term` as a whole word in `text` (case-insensitive), or -1. */
function findWord(text: string, term: string): number {
  const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu').exec(text);
  return m ? m.index : -1;
}

/** Inserts a text line into `explain T` (or its `where p = v`), or appends a new block. */
function insertIntoExplain(set: LinkedSet, doc: ParsedDocument, into: string, insert: string): OffsetEdit | undefined {
  const m = /^explain (\S+)(?: where (\S+) = (.+))?$/.exec(into);
  if (!m) return undefined;
  const [, target, param, value] = m;
  for (const { node, uri } of set.index.explains) {
    if (textOf(node.target) !== target) continue;
    const text = set.documents.find((x) => x.uri === uri)?.text;
    if (text === undefined) continue;
    const block = param === undefined ? node : whereOf(node, param, value ?? '');
    if (!block) continue;
    const close = block.range.end.offset - 1;
    if (text[close] !== '}') continue;
    const lineStart = text.lastIndexOf('\n', close - 1) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
    return text.slice(lineStart, close).trim() === ''
      ? { uri: uri ?? doc.uri, start: lineStart, end: lineStart, newText: `${indent}  ${insert}\n` }
      : { uri: uri ?? doc.uri, start: close, end: close, newText: ` ${insert} ` };
  }
  const body = param === undefined ? `  ${insert}\n` : `  where ${param} = ${value} {\n    ${insert}\n  }\n`;
  return {
    uri: doc.uri,
    start: doc.text.length,
    end: doc.text.length,
    newText: `${doc.text.endsWith('\n') ? '' : '\n'}\nexplain ${target} {\n${body}}\n`,
  };
}

function whereOf(block: ExplainBlock, param: string, value: string) {
  return list(block.statements).find((s) => s.kind === 'explain.where' && textOf(s.param) === param && s.value?.text === value);
}

/** The grant rule at the cursor, rewritten with its minimal set of scopes when that is shorter. */
function collapseScopes(doc: ParsedDocument, start: number, end: number): CodeAction | undefined {
  const rule = nodePathAt(doc.ast, start).find((n): n is GrantRule => n.kind === 'grant.rule');
  if (!rule || rule.range.end.offset < end) return undefined;
  const scopes = list(rule.scopes).filter((s) => !s.missing);
  if (scopes.length < 2 || scopes.some((s) => s.quoted)) return undefined;
  const parsed = ScopeSet.fromParameter(scopes.map((s) => s.text).join(' '));
  if (parsed.errors.length > 0) return undefined;
  const minimal = parsed.set.toStrings({ syntax: 'v2' });
  if (minimal.length === 0 || minimal.length >= scopes.length) return undefined;
  const first = scopes[0];
  const last = scopes[scopes.length - 1];
  if (!first || !last) return undefined;
  return {
    title: `Collapse redundant scopes (${scopes.length} → ${minimal.length})`,
    kind: 'refactor.rewrite',
    edits: [{ uri: doc.uri, start: first.range.start.offset, end: last.range.end.offset, newText: minimal.join(', ') }],
  };
}
