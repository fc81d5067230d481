/**
 * The I/O side of compiling: load a policy set from its entry file (with imports) and compile it.
 * Used by the CLI's `compile` and `test` and by the golden tests; `compilePolicySet` stays pure.
 */
import type { LoadPolicySetOptions } from '../language/policy-set.js';
import { loadPolicySet } from './load-policy-set.js';
import { compilePolicySet, type CompileOptions, type CompileResult } from '../compile/compile-policy-set.js';

/** Loads `entryPath` and everything it imports, then compiles; never throws. */
export function compilePolicyFile(entryPath: string, options: CompileOptions & LoadPolicySetOptions = {}): CompileResult {
  const set = loadPolicySet(entryPath, options);
  return compilePolicySet({ files: set.files.map((f) => f.ast), diagnostics: set.diagnostics }, options);
}
