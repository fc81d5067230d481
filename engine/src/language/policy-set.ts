/**
 * Loading a policy set: an entry file and every file it imports, transitively. Each file is
 * read and parsed once; missing files and import cycles are reported at the `import` that
 * caused them. Files come through an injectable reader so the language server can supply the
 * open (unsaved) documents.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ImportStatement, PolicyFile } from './ast.js';
import { makeDiagnostic } from './diagnostic.js';
import type { Diagnostic } from './diagnostic.js';
import { parsePolicy } from './parse-policy.js';
import { emptyRangeAt } from './range.js';
import { appendAll } from '../util/append-all.js';

/** Returns a file's text, or `undefined` when it does not exist or cannot be read. */
export type PolicyFileReader = (path: string) => string | undefined;

export interface LoadPolicySetOptions {
  /** Defaults to reading UTF-8 files from disk. */
  readonly readFile?: PolicyFileReader;
  /** Resolves an import against the importing file's path; defaults to `path.resolve(dirname(from), to)`. */
  readonly resolveImport?: (fromPath: string, importPath: string) => string;
}

/** One file of a set. */
export interface PolicySetFile {
  /** The resolved path (also the `uri` of its AST and diagnostics). */
  readonly path: string;
  readonly text: string;
  readonly ast: PolicyFile;
  /** This file's syntax diagnostics. */
  readonly diagnostics: readonly Diagnostic[];
}

export interface PolicySet {
  /** The resolved entry path. */
  readonly entry: string;
  /** Entry first, then imports in depth-first order of their `import` statements. */
  readonly files: readonly PolicySetFile[];
  /** Every file's syntax diagnostics plus `import.missing` and `import.cycle`. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Reads a UTF-8 file, or `undefined` when it is missing or unreadable. */
export const readPolicyFileFromDisk: PolicyFileReader = (path) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

const defaultResolve = (fromPath: string, importPath: string): string => resolve(dirname(fromPath), importPath);

/**
 * Loads the policy set whose entry file is `entryPath`. Never throws; an unreadable entry gives
 * an empty set with an `import.missing` diagnostic.
 */
export function loadPolicySet(entryPath: string, options: LoadPolicySetOptions = {}): PolicySet {
  const readFile = options.readFile ?? readPolicyFileFromDisk;
  const resolveImport = options.resolveImport ?? defaultResolve;
  const entry = options.resolveImport ? entryPath : resolve(entryPath);
  const files: PolicySetFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const loaded = new Set<string>();
  const missing = new Set<string>();
  const onStack: string[] = [];

  const start = { line: 1, column: 1, offset: 0 };
  const entryText = readFile(entry);
  if (entryText === undefined) {
    diagnostics.push(
      makeDiagnostic('import.missing', 'error', `The policy file ${entry} cannot be read; check the path.`, emptyRangeAt(start), {
        uri: entry,
        data: { path: entryPath, resolved: entry },
      }),
    );
    return { entry, files, diagnostics };
  }

  const visit = (path: string, text: string): void => {
    loaded.add(path);
    onStack.push(path);
    const { ast, diagnostics: syntax } = parsePolicy(text, path);
    files.push({ path, text, ast, diagnostics: syntax });
    appendAll(diagnostics, syntax);
    for (const imp of ast.imports) followImport(path, imp);
    onStack.pop();
  };

  const followImport = (from: string, imp: ImportStatement): void => {
    if (imp.path.missing === true || imp.path.value === '') return; // already a syntax error
    const target = resolveImport(from, imp.path.value);
    const cycleAt = onStack.indexOf(target);
    if (cycleAt >= 0) {
      const cycle = [...onStack.slice(cycleAt), target];
      diagnostics.push(
        makeDiagnostic('import.cycle', 'error', `This import leads back to ${target} (${cycle.join(' → ')}); remove one import of the cycle.`, imp.path.range, {
          uri: from,
          data: { cycle, path: imp.path.value, resolved: target },
        }),
      );
      return;
    }
    if (loaded.has(target)) return; // parsed once; importing a file twice is harmless
    const text = missing.has(target) ? undefined : readFile(target);
    if (text === undefined) {
      diagnostics.push(
        makeDiagnostic('import.missing', 'error', `Cannot read ${target}; check the path (it is relative to this file).`, imp.path.range, {
          uri: from,
          data: { path: imp.path.value, resolved: target },
        }),
      );
      missing.add(target); // read once, but reported at every import of it
      return;
    }
    visit(target, text);
  };

  visit(entry, entryText);
  return { entry, files, diagnostics };
}
