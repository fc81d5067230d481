/**
 * `createLanguageService({ readFile })`: the one front end of the CLI's `check`, `fmt` and
 * `test` and of the language server. Pure: no file system, no process, no transport — whatever
 * is not an open document comes through the host's `readFile`.
 *
 * Every document moves through explicit phases, each cached until a document changes:
 *   1. parsed    — text → AST + syntax diagnostics (per document and text);
 *   2. linked    — an entry's imports followed (`loadPolicySet`), declarations indexed (the
 *                  checker's `PolicyIndex`), names resolved into a reference index;
 *   3. checked   — the checker's rules over the linked set (`checkPolicy`).
 */
import { parsePolicy } from '../language/parse-policy.js';
import { formatPolicy } from '../language/format-policy.js';
import { loadPolicySetWithHost, type LoadPolicySetOptions } from '../language/policy-set.js';
import { indexPolicy } from '../model/policy-index.js';
import { checkPolicy } from '../check/check-policy.js';
import { compilePolicySet } from '../compile/compile-policy-set.js';
import { nodePathAt } from './node-at-offset.js';
import { buildReferenceIndex } from './reference-index.js';
import { hoverAt } from './hover.js';
import { completionsAt } from './completion.js';
import { codeActionsAt } from './code-actions.js';
import { documentSymbols, workspaceSymbols } from './document-symbols.js';
import { foldingRanges, selectionRanges } from './folding-and-selection.js';
import { semanticTokens } from './semantic-tokens.js';
import { inlayHints } from './inlay-hints.js';
import { codeLenses } from './code-lens.js';
import { runPolicyTests, type PolicyTestReport } from '../evaluate/run-policy-tests.js';
import type { LanguageService, LanguageServiceHost, LinkedSet, ParsedDocument } from './service-types.js';

interface OpenDocument {
  readonly text: string;
  readonly version: number;
}

/** Creates a service; documents are held by uri (a path or a URL, as the host spells them). */
export function createLanguageService(host: LanguageServiceHost): LanguageService {
  const open = new Map<string, OpenDocument>();
  /** Phase 1 cache: the last parse of each uri, reused while its text is the same. */
  const parses = new Map<string, ParsedDocument>();
  /** Phase 2 cache, dropped whenever any document changes (an import may have changed). */
  const linkedSets = new Map<string, LinkedSet>();

  const parse = (uri: string, text: string, version: number): ParsedDocument => {
    const cached = parses.get(uri);
    if (cached && cached.text === text) return cached.version === version ? cached : { ...cached, version };
    const { ast, diagnostics } = parsePolicy(text, uri);
    const doc: ParsedDocument = { uri, text, version, ast, diagnostics };
    parses.set(uri, doc);
    return doc;
  };
  /**
   * A document changed: drop the linked sets that hold it, and those with an import problem
   * (the document may be the file they could not read). Other sets cannot have changed.
   */
  const changed = (uri: string): void => {
    for (const [entry, set] of linkedSets) {
      if (set.documents.some((d) => d.uri === uri) || set.diagnostics.some((d) => d.code.startsWith('import.'))) linkedSets.delete(entry);
    }
  };

  const read: NonNullable<LoadPolicySetOptions['readFile']> = (uri) => {
    const doc = open.get(uri);
    if (doc) return doc.text;
    try {
      return host.readFile(uri);
    } catch {
      return undefined; // a throwing host is a file that cannot be read (reported as import.missing)
    }
  };

  const linked = (entryUri: string): LinkedSet => {
    const cached = linkedSets.get(entryUri);
    if (cached) return cached;
    const set = loadPolicySetWithHost(
      entryUri,
      {
        readFile: read,
        parse: (text, uri) => parse(uri, text, open.get(uri)?.version ?? 0),
        ...(host.resolveImport ? { resolveImport: host.resolveImport } : {}),
        ...(host.limits ? { limits: host.limits } : {}),
      },
      undefined,
    );
    const documents = set.files.map((f) => parse(f.path, f.text, open.get(f.path)?.version ?? 0));
    const index = indexPolicy(documents.map((d) => d.ast));
    const loaded = new Set(documents.map((d) => d.uri));
    const resolve = (from: string, path: string): string | undefined => {
      const target = host.resolveImport ? host.resolveImport(from, path) : resolvePathLike(from, path);
      return loaded.has(target) ? target : undefined;
    };
    const result: LinkedSet = {
      entry: set.entry,
      documents,
      diagnostics: set.diagnostics,
      index,
      references: buildReferenceIndex(index, resolve),
    };
    linkedSets.set(entryUri, result);
    return result;
  };

  const parsed = (uri: string): ParsedDocument | undefined => {
    const doc = open.get(uri);
    if (doc) return parse(uri, doc.text, doc.version);
    const text = read(uri);
    return typeof text === 'string' ? parse(uri, text, 0) : undefined;
  };

  /** Test runs by linked set: a set object lives until a document changes, and so does its run. */
  const testRuns = new WeakMap<LinkedSet, PolicyTestReport | undefined>();

  const symbolHit = (uri: string, offset: number, entryUri: string | undefined) => linked(entryUri ?? uri).references.at(uri, offset);

  return {
    open(uri, text) {
      const version = (open.get(uri)?.version ?? 0) + 1;
      open.set(uri, { text, version });
      changed(uri);
      return parse(uri, text, version);
    },
    update(uri, text) {
      return this.open(uri, text);
    },
    close(uri) {
      open.delete(uri);
      parses.delete(uri);
      changed(uri);
    },
    invalidate(uri) {
      if (uri === undefined) {
        linkedSets.clear();
        for (const key of [...parses.keys()]) if (!open.has(key)) parses.delete(key);
      } else {
        if (!open.has(uri)) parses.delete(uri);
        changed(uri);
      }
    },
    openDocuments: () => [...open.keys()],
    parsed,
    linked,
    check(entryUri, options = {}) {
      const set = linked(entryUri);
      return checkPolicy({
        files: set.documents.map((d) => d.ast),
        parseDiagnostics: [...set.diagnostics, ...(options.extraDiagnostics ?? [])],
        ...(options.config ? { config: options.config } : {}),
        ...(options.registry ? { registry: options.registry } : {}),
      });
    },
    compile(entryUri, options = {}) {
      const set = linked(entryUri);
      return compilePolicySet({ files: set.documents.map((d) => d.ast), diagnostics: set.diagnostics }, options);
    },
    format(uri) {
      const doc = parsed(uri);
      return doc ? formatPolicy(doc.text, uri) : undefined;
    },
    nodePathAt(uri, offset) {
      const doc = parsed(uri);
      return doc ? nodePathAt(doc.ast, offset) : [];
    },
    definitions(uri, offset, entryUri) {
      return symbolHit(uri, offset, entryUri)?.symbol.definitions ?? [];
    },
    references(uri, offset, options = {}) {
      const symbol = symbolHit(uri, offset, options.entryUri)?.symbol;
      if (!symbol) return [];
      return options.includeDefinitions === true ? [...symbol.definitions, ...symbol.references] : symbol.references;
    },
    symbolAt(uri, offset, entryUri) {
      return symbolHit(uri, offset, entryUri)?.symbol;
    },
    hover(uri, offset, entryUri) {
      const doc = parsed(uri);
      return doc ? hoverAt(linked(entryUri ?? uri), doc, offset) : undefined;
    },
    completions(uri, offset, entryUri) {
      const doc = parsed(uri);
      return doc ? completionsAt(linked(entryUri ?? uri), doc, offset) : { replaceFrom: offset, items: [] };
    },
    codeActions(uri, start, end, diagnostics, entryUri) {
      const doc = parsed(uri);
      return doc ? codeActionsAt(linked(entryUri ?? uri), doc, start, end, diagnostics) : [];
    },
    documentSymbols(uri) {
      const doc = parsed(uri);
      return doc ? documentSymbols(doc.ast) : [];
    },
    workspaceSymbols(entryUris, query) {
      return workspaceSymbols(
        entryUris.map((e) => linked(e)),
        query,
      );
    },
    foldingRanges(uri) {
      const doc = parsed(uri);
      return doc ? foldingRanges(doc.ast) : [];
    },
    selectionRanges(uri, offset) {
      const doc = parsed(uri);
      return doc ? selectionRanges(doc.ast, offset) : [];
    },
    semanticTokens(uri, entryUri) {
      const doc = parsed(uri);
      return doc ? semanticTokens(linked(entryUri ?? uri), doc) : [];
    },
    inlayHints(uri, start, end, options = {}) {
      const doc = parsed(uri);
      return doc ? inlayHints(linked(options.entryUri ?? uri), doc, start, end, options.locale) : [];
    },
    runTests(entryUri, options = {}) {
      const set = linked(entryUri);
      if (testRuns.has(set)) return testRuns.get(set);
      const compiled = compilePolicySet({ files: set.documents.map((d) => d.ast), diagnostics: set.diagnostics }, {});
      const report = compiled.bundle ? runPolicyTests(compiled.bundle, options) : undefined;
      testRuns.set(set, report);
      return report;
    },
    codeLenses(uri, entryUri) {
      const doc = parsed(uri);
      if (!doc) return [];
      const hasTests = doc.ast.declarations.some((d) => d?.kind === 'test');
      return codeLenses(doc, hasTests ? this.runTests(entryUri ?? uri) : undefined);
    },
  };
}

/**
 * The loader's default import resolution, without `node:path`: URLs resolve as URLs, paths as
 * POSIX paths relative to the importing file's folder.
 */
function resolvePathLike(from: string, importPath: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(from) && !/^[a-z]:[\\/]/i.test(from)) return new URL(importPath, from).href;
  const parts = from.split('/').slice(0, -1);
  for (const part of importPath.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/') || '/';
}
