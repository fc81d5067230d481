/**
 * A policy that follows its `.smartpolicy` files: the entry file's folder is watched (with its
 * subfolders, where imports may point), and a change (debounced, so an editor's
 * save-rename-write settles first) recompiles the set. An edit that does not compile keeps the
 * last good bundle in force and is reported to the listener; an edit that compiles to the same
 * hash changes nothing.
 */
import { type FSWatcher, watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Diagnostic } from '../../language/diagnostic.js';
import { POLICY_FILE_EXTENSION } from '../../language/policy-file-access.js';
import { compilePolicyFile } from '../../node/compile-policy-file.js';
import { type LoadedPolicy, loadedPolicyOf, PolicyLoadError, type PolicySource, type PolicySourceListener } from './loaded-policy.js';

export interface FilePolicySourceOptions {
  /** Quiet time after the last change before recompiling (default 150 ms). */
  readonly debounceMs?: number;
  /** Size limit of each policy file and of the whole set, bytes. */
  readonly maxBytes?: number;
}

type Compiled = { readonly ok: true; readonly policy: LoadedPolicy } | { readonly ok: false; readonly reason: string };

function firstError(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const first = errors[0];
  if (first === undefined) return 'the policy does not compile';
  const where = `${basename(first.uri ?? '')}:${first.range.start.line}:${first.range.start.column}`;
  return `the policy does not compile: ${errors.length} error(s), the first ${first.code} at ${where}`;
}

function compile(entryPath: string, maxBytes: number | undefined): Compiled {
  try {
    const limits = maxBytes !== undefined ? { limits: { maxFileBytes: maxBytes, maxTotalBytes: maxBytes } } : {};
    const { bundle, diagnostics } = compilePolicyFile(entryPath, { relativeTo: dirname(entryPath), ...limits });
    return bundle === null ? { ok: false, reason: firstError(diagnostics) } : { ok: true, policy: loadedPolicyOf(bundle) };
  } catch (error) {
    return { ok: false, reason: `the policy could not be read (${error instanceof Error ? error.name : 'error'})` };
  }
}

/** Compiles `entryPath` (an absolute path to the entry file) now and watches its folder; throws PolicyLoadError when the first compile fails. */
export function startFilePolicySource(
  entryPath: string,
  listener: PolicySourceListener,
  options: FilePolicySourceOptions = {},
): PolicySource {
  const first = compile(entryPath, options.maxBytes);
  if (!first.ok) throw new PolicyLoadError(first.reason);
  let current = first.policy;
  listener.loaded(current, true);

  const debounceMs = options.debounceMs ?? 150;
  let timer: NodeJS.Timeout | undefined;
  const reload = () => {
    timer = undefined;
    const next = compile(entryPath, options.maxBytes);
    if (!next.ok) return listener.rejected(next.reason);
    if (next.policy.hash === current.hash) return;
    current = next.policy;
    listener.loaded(current, false);
  };
  let watcher: FSWatcher | undefined = watch(dirname(entryPath), { persistent: false, recursive: true }, (_event, name) => {
    if (name !== null && !String(name).endsWith(POLICY_FILE_EXTENSION)) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(reload, debounceMs);
  });
  watcher.on('error', () => listener.rejected('the policy folder can no longer be watched'));
  return {
    kind: 'file',
    current: () => current,
    close: () => {
      if (timer !== undefined) clearTimeout(timer);
      watcher?.close();
      watcher = undefined;
    },
  };
}
