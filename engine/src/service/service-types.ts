/** The language service's contract: what a host gives it and what it answers. */
import type { PolicyFile } from '../language/ast.js';
import type { Diagnostic } from '../language/diagnostic.js';
import type { PolicyFileRefusal } from '../language/policy-file-access.js';
import type { PolicySetLimits } from '../language/policy-set.js';
import type { FormatResult } from '../language/format-policy.js';
import type { PolicyIndex } from '../model/policy-index.js';
import type { CheckPolicyResult } from '../check/check-policy.js';
import type { CheckConfig } from '../check/severity.js';
import type { RuleRegistry } from '../check/rule-registry.js';
import type { CompileOptions, CompileResult } from '../compile/compile-policy-set.js';
import type { AstNode } from './node-at-offset.js';
import type { Location, ReferenceIndex, SymbolEntry } from './reference-index.js';
import type { HoverResult } from './hover.js';
import type { CompletionResult } from './completion.js';
import type { CodeAction, DiagnosticRef } from './code-actions.js';
import type { OutlineSymbol, WorkspaceSymbol } from './document-symbols.js';
import type { FoldingRange } from './folding-and-selection.js';
import type { SemanticToken } from './semantic-tokens.js';
import type { InlayHint } from './inlay-hints.js';
import type { CodeLens } from './code-lens.js';
import type { PolicyTestReport, RunPolicyTestsOptions } from '../evaluate/run-policy-tests.js';
import type { Range } from '../language/range.js';

/**
 * Reads a document that is not open: its text, `undefined` when it does not exist, or a refusal
 * (outside the set's folder, too large, …) reported at the import that asked for it.
 */
export type DocumentReader = (uri: string) => string | undefined | PolicyFileRefusal;

export interface LanguageServiceHost {
  readonly readFile: DocumentReader;
  /** Resolves an import against the importing document's uri; default: path-style resolution. */
  readonly resolveImport?: (fromUri: string, importPath: string) => string;
  /** Bounds of one policy set (see `loadPolicySet`). */
  readonly limits?: Partial<PolicySetLimits>;
}

/** Phase 1: one document, parsed. */
export interface ParsedDocument {
  readonly uri: string;
  readonly text: string;
  /** Bumped by every `update` of an open document; 0 for a document read through the host. */
  readonly version: number;
  readonly ast: PolicyFile;
  /** Syntax diagnostics of this document. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Phase 2: a policy set, its imports followed, indexed and its names linked. */
export interface LinkedSet {
  readonly entry: string;
  /** Entry first, then imports depth-first. */
  readonly documents: readonly ParsedDocument[];
  /** Syntax diagnostics of every document plus the loader's `import.*` ones. */
  readonly diagnostics: readonly Diagnostic[];
  /** Declarations by kind (the checker's index). */
  readonly index: PolicyIndex;
  readonly references: ReferenceIndex;
}

/** Phase 3 options: levels per code, extra rules. */
export interface CheckOptions {
  readonly config?: CheckConfig;
  readonly registry?: RuleRegistry;
  /** Diagnostics found outside the policy text (a config file's), configured and ignored like the rest. */
  readonly extraDiagnostics?: readonly Diagnostic[];
}

/** A pure language service over documents held by uri. Never throws on any document text. */
export interface LanguageService {
  /** Opens (or replaces) a document with the editor's text; it wins over the host's `readFile`. */
  open(uri: string, text: string): ParsedDocument;
  /** Replaces an open document's text. */
  update(uri: string, text: string): ParsedDocument;
  /** Forgets an open document (later reads go to the host). */
  close(uri: string): void;
  /** Files changed outside the editor: forget what was read through the host (all of it, or `uri`). */
  invalidate(uri?: string): void;
  /** The uris of the open documents. */
  openDocuments(): readonly string[];
  /** Phase 1 for one document (open, or read through the host); undefined when it cannot be read. */
  parsed(uri: string): ParsedDocument | undefined;
  /** Phase 2 for the set whose entry is `entryUri`. */
  linked(entryUri: string): LinkedSet;
  /** Phase 3: the checker's diagnostics for the set whose entry is `entryUri`. */
  check(entryUri: string, options?: CheckOptions): CheckPolicyResult;
  /** The set compiled to a bundle (or the refusals). */
  compile(entryUri: string, options?: CompileOptions): CompileResult;
  /** The canonical layout of one document. */
  format(uri: string): FormatResult | undefined;
  /** AST nodes holding `offset` in `uri`, file first, innermost last. */
  nodePathAt(uri: string, offset: number): readonly AstNode[];
  /** Where the name at `offset` is defined (searching the set of `entryUri`, default `uri`). */
  definitions(uri: string, offset: number, entryUri?: string): readonly Location[];
  /** Every use of the name at `offset` (definitions included when `includeDefinitions`). */
  references(
    uri: string,
    offset: number,
    options?: { readonly entryUri?: string; readonly includeDefinitions?: boolean },
  ): readonly Location[];
  /** The named thing at `offset`, if any. */
  symbolAt(uri: string, offset: number, entryUri?: string): SymbolEntry | undefined;
  /** What a hover at `offset` says (Markdown), read in the set of `entryUri` (default `uri`). */
  hover(uri: string, offset: number, entryUri?: string): HoverResult | undefined;
  /** What may be typed at `offset`, and the offset the completion replaces from. */
  completions(uri: string, offset: number, entryUri?: string): CompletionResult;
  /** Quick fixes of `diagnostics` (from their data) and refactorings of `[start, end)`. */
  codeActions(uri: string, start: number, end: number, diagnostics: readonly DiagnosticRef[], entryUri?: string): readonly CodeAction[];
  /** The outline of one document. */
  documentSymbols(uri: string): readonly OutlineSymbol[];
  /** Named things of the sets of `entryUris` matching `query`. */
  workspaceSymbols(entryUris: readonly string[], query: string): readonly WorkspaceSymbol[];
  foldingRanges(uri: string): readonly FoldingRange[];
  /** Nested ranges around `offset`, innermost first. */
  selectionRanges(uri: string, offset: number): readonly Range[];
  semanticTokens(uri: string, entryUri?: string): readonly SemanticToken[];
  /** Short explanations after the scopes in `[start, end]`, in `locale` (default: the policy's). */
  inlayHints(
    uri: string,
    start: number,
    end: number,
    options?: { readonly entryUri?: string; readonly locale?: string },
  ): readonly InlayHint[];
  /** The set's policy tests run on its compiled bundle; undefined when it does not compile. Cached per linked set. */
  runTests(entryUri: string, options?: RunPolicyTestsOptions): PolicyTestReport | undefined;
  /** "Run test" and "preview consent" lenses of a document. */
  codeLenses(uri: string, entryUri?: string): readonly CodeLens[];
}
