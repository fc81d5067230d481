/**
 * Reads a policy set from disk through the front end's loader (`loadPolicySet`, which never
 * throws and reports unreadable files as `import.missing`).
 */
import type { Diagnostic } from '../language/diagnostic.js';
import type { PolicyFile } from '../language/ast.js';
import type { LoadPolicySetOptions } from '../language/policy-set.js';
import { loadPolicySet } from './load-policy-set.js';

/** The parsed files of a set (entry first) and the parser's and loader's diagnostics. */
export interface LoadedPolicyFiles {
  readonly files: readonly PolicyFile[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Loads the set whose entry file is `entryPath`. */
export function loadPolicyFiles(entryPath: string, options: LoadPolicySetOptions = {}): LoadedPolicyFiles {
  const set = loadPolicySet(entryPath, options);
  return { files: set.files.map((f) => f.ast), diagnostics: set.diagnostics };
}
