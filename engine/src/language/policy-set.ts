/**
 * Loading a policy set: an entry file and every file it imports, transitively. Each file is
 * read and parsed once; missing files, import cycles and refused imports are reported at the
 * `import` that caused them. Files come through an injectable reader so the language server can
 * supply the open (unsaved) documents.
 *
 * Imports are untrusted input: from disk, only `*.smartpolicy` regular files inside the policy
 * set's folder are read, within size limits (`policy-file-access.ts`). Loading is iterative, and
 * the number of files and the depth of an import chain are limited, so a chain of thousands of
 * files ends in one `import.limit` diagnostic instead of a stack overflow.
 *
 * This module does no I/O: files come from `options.readFile` or a `PolicyFileHost`. The
 * disk-reading `loadPolicySet` (with the confined default reader) is `node/load-policy-set.ts`.
 */
import { dirname, resolve } from 'node:path';
import type { ImportStatement, PolicyFile } from './ast.js';
import { makeDiagnostic } from './diagnostic.js';
import type { Diagnostic } from './diagnostic.js';
import { parsePolicy, type ParseResult } from './parse-policy.js';
import { emptyRangeAt, type Range } from './range.js';
import { DEFAULT_MAX_INPUT_BYTES } from '../io/input-limits.js';
import { isAbsoluteImport, isInside, type PolicyFileRefusal } from './policy-file-access.js';
import { appendAll } from '../util/append-all.js';
import { utf8ByteLength } from '../util/utf8-byte-length.js';

/**
 * Returns a file's text, or `undefined` when it does not exist or cannot be read, or a refusal
 * (`import.outside-set`, `import.too-large`, …) that is reported at the import as it says.
 */
export type PolicyFileReader = (path: string) => string | undefined | PolicyFileRefusal;

/** Bounds on what one policy set may read. */
export interface PolicySetLimits {
  /** Largest file, in bytes (default 64 MiB). */
  readonly maxFileBytes: number;
  /** All files together, in bytes (default 64 MiB). */
  readonly maxTotalBytes: number;
  /** Files in the set, the entry included (default 1000). */
  readonly maxFiles: number;
  /** Length of an import chain, the entry counting as 1 (default 100). */
  readonly maxDepth: number;
}

export const DEFAULT_POLICY_SET_LIMITS: PolicySetLimits = Object.freeze({
  maxFileBytes: DEFAULT_MAX_INPUT_BYTES,
  maxTotalBytes: DEFAULT_MAX_INPUT_BYTES,
  maxFiles: 1000,
  maxDepth: 100,
});

export interface LoadPolicySetOptions {
  /** Defaults to the host's confined reader (from disk: `node/load-policy-set.ts`). */
  readonly readFile?: PolicyFileReader;
  /** Resolves an import against the importing file's path; defaults to `path.resolve(dirname(from), to)`. */
  readonly resolveImport?: (fromPath: string, importPath: string) => string;
  /** The folder every import must stay in (with the default resolver); defaults to the entry file's folder. */
  readonly root?: string;
  readonly limits?: Partial<PolicySetLimits>;
  /** Parses one file; defaults to `parsePolicy` (a language service passes its cached parses). */
  readonly parse?: (text: string, path: string) => ParseResult;
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
  /** Every file's syntax diagnostics plus the loader's `import.*` diagnostics. */
  readonly diagnostics: readonly Diagnostic[];
}

/** How the loader reads files it was not given a `readFile` for: the set's folder as a real path, and a confined read. */
export interface PolicyFileHost {
  readonly realFolder: (path: string) => string;
  readonly readConfined: (
    path: string,
    realRoot: string,
    maxBytes: number,
  ) => { readonly text: string; readonly bytes: number } | PolicyFileRefusal;
}

const defaultResolve = (fromPath: string, importPath: string): string => resolve(dirname(fromPath), importPath);

type ReadOutcome = { readonly text: string; readonly bytes: number } | PolicyFileRefusal;

/** One file being visited: its imports and the next one to follow (an explicit stack, not recursion). */
interface Frame {
  readonly path: string;
  readonly imports: readonly ImportStatement[];
  next: number;
}

const START = { line: 1, column: 1, offset: 0 };

/**
 * Loads the policy set whose entry file is `entryPath`, reading through `options.readFile` or
 * else `host` (without either, every file is missing). Never throws; an unreadable entry gives
 * an empty set with a diagnostic at line 1 of the entry.
 */
export function loadPolicySetWithHost(entryPath: string, options: LoadPolicySetOptions, host: PolicyFileHost | undefined): PolicySet {
  const limits: PolicySetLimits = { ...DEFAULT_POLICY_SET_LIMITS, ...options.limits };
  const resolveImport = options.resolveImport ?? defaultResolve;
  const entry = options.resolveImport ? entryPath : resolve(entryPath);
  const root = options.root !== undefined ? resolve(options.root) : dirname(entry);
  const realRoot = options.readFile || !host ? root : host.realFolder(root);
  const read = (path: string): ReadOutcome => {
    if (options.readFile) {
      const text = options.readFile(path);
      if (text === undefined) return { code: 'import.missing', message: 'it cannot be read' };
      return typeof text === 'string' ? { text, bytes: utf8ByteLength(text) } : text;
    }
    if (!host) return { code: 'import.missing', message: 'it cannot be read: no file reader was given' };
    return host.readConfined(path, realRoot, limits.maxFileBytes);
  };

  const files: PolicySetFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const loaded = new Set<string>();
  const refused = new Map<string, PolicyFileRefusal>();
  const stack: Frame[] = [];
  const onStack = new Set<string>();
  let totalBytes = 0;
  let limitReported = false;

  const report = (code: string, message: string, range: Range, uri: string, data: Record<string, unknown>): void => {
    diagnostics.push(makeDiagnostic(code, 'error', message, range, { uri, data }));
  };

  const addFile = (path: string, text: string, bytes: number): void => {
    loaded.add(path);
    totalBytes += bytes;
    const { ast, diagnostics: syntax } = (options.parse ?? parsePolicy)(text, path);
    files.push({ path, text, ast, diagnostics: syntax });
    appendAll(diagnostics, syntax);
    stack.push({ path, imports: ast.imports, next: 0 });
    onStack.add(path);
  };

  const entryRead = entryPath === '' ? ({ code: 'import.missing', message: 'no path was given' } as const) : read(entry);
  if (!('text' in entryRead)) {
    const message =
      entryRead.code === 'import.missing'
        ? `The policy file ${entry} cannot be read; check the path.`
        : `The policy file cannot be loaded: ${entryRead.message}.`;
    report(entryRead.code, message, emptyRangeAt(START), entry, { path: entryPath, resolved: entry });
    return { entry, files, diagnostics };
  }
  if (entryRead.bytes > limits.maxTotalBytes) {
    report(
      'import.too-large',
      `The policy file cannot be loaded: it is larger than the policy set's limit of ${limits.maxTotalBytes} bytes.`,
      emptyRangeAt(START),
      entry,
      { limit: limits.maxTotalBytes },
    );
    return { entry, files, diagnostics };
  }
  addFile(entry, entryRead.text, entryRead.bytes);

  const followImport = (from: string, imp: ImportStatement): void => {
    if (imp.path.missing === true || imp.path.value === '') return; // already a syntax error
    const range = imp.path.range;
    if (isAbsoluteImport(imp.path.value)) {
      report(
        'import.outside-set',
        "Imports must be relative to the importing file; an absolute path is not allowed. Move the file into the policy set's folder.",
        range,
        from,
        { path: imp.path.value },
      );
      return;
    }
    const target = resolveImport(from, imp.path.value);
    if (!options.resolveImport && !isInside(root, target)) {
      report(
        'import.outside-set',
        "This import leads outside the policy set's folder (the entry file's folder); move the file into it.",
        range,
        from,
        { path: imp.path.value },
      );
      return;
    }
    if (onStack.has(target)) {
      const chain = stack.map((f) => f.path);
      const cycle = [...chain.slice(chain.indexOf(target)), target];
      report('import.cycle', `This import leads back to ${target} (${cycle.join(' → ')}); remove one import of the cycle.`, range, from, {
        cycle,
        path: imp.path.value,
        resolved: target,
      });
      return;
    }
    if (loaded.has(target)) return; // parsed once; importing a file twice is harmless
    if (limitReported) return;
    if (files.length >= limits.maxFiles || stack.length >= limits.maxDepth) {
      limitReported = true; // one diagnostic: the rest of a runaway set is not read
      const what =
        files.length >= limits.maxFiles ? `more than ${limits.maxFiles} files` : `an import chain longer than ${limits.maxDepth} files`;
      report(
        'import.limit',
        `The policy set has ${what}; this import and any further ones are not read. Split the policy or flatten its imports.`,
        range,
        from,
        { path: imp.path.value, maxFiles: limits.maxFiles, maxDepth: limits.maxDepth },
      );
      return;
    }
    const outcome = refused.get(target) ?? read(target);
    if (!('text' in outcome)) {
      refused.set(target, outcome); // read once, but reported at every import of it
      const message =
        outcome.code === 'import.missing'
          ? `Cannot read ${target} (${outcome.message.replace(/^it cannot be read: ?/, '') || 'missing or unreadable'}); check the path (it is relative to this file).`
          : `This import is refused: ${outcome.message}.`;
      report(
        outcome.code,
        message,
        range,
        from,
        outcome.code === 'import.missing' ? { path: imp.path.value, resolved: target } : { path: imp.path.value },
      );
      return;
    }
    if (totalBytes + outcome.bytes > limits.maxTotalBytes) {
      report(
        'import.too-large',
        `This import is refused: the policy set would be larger than its limit of ${limits.maxTotalBytes} bytes.`,
        range,
        from,
        { path: imp.path.value, limit: limits.maxTotalBytes },
      );
      return;
    }
    addFile(target, outcome.text, outcome.bytes);
  };

  for (let frame = stack[stack.length - 1]; frame !== undefined; frame = stack[stack.length - 1]) {
    const imp = frame.imports[frame.next];
    if (imp === undefined) {
      stack.pop();
      onStack.delete(frame.path);
      continue;
    }
    frame.next += 1;
    followImport(frame.path, imp);
  }
  return { entry, files, diagnostics };
}
