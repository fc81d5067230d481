import type { PolicyBundle } from '../../compile/bundle-types.js';
import { createEvaluator, type Evaluator } from '../../evaluate/create-evaluator.js';

/** A policy the decision server decides with: its evaluator (indexes built once) and its content hash. */
export interface LoadedPolicy {
  readonly evaluator: Evaluator;
  /** The bundle's content hash (`sha256:…`): in every decision log line and on the info metric. */
  readonly hash: string;
}

export function loadedPolicyOf(bundle: PolicyBundle): LoadedPolicy {
  return { evaluator: createEvaluator(bundle), hash: bundle.hash };
}

/** Where the server's policy comes from; `current()` is always the last good policy. */
export interface PolicySource {
  readonly kind: 'file' | 'url' | 'static';
  current(): LoadedPolicy;
  /** Stops watching or polling. */
  close(): void;
}

/** What a source tells the server as it (re)loads. */
export interface PolicySourceListener {
  /** A new policy is in force (`initial`: the first one). */
  loaded(policy: LoadedPolicy, initial: boolean): void;
  /** A new version was refused; the last good policy stays in force. `reason` names no secret. */
  rejected(reason: string): void;
}

/** A source that never changes (a bundle given in-process, e.g. by a test or an embedding server). */
export function staticPolicySource(bundle: PolicyBundle): PolicySource {
  const policy = loadedPolicyOf(bundle);
  return { kind: 'static', current: () => policy, close: () => {} };
}

/** The policy could not be loaded at start: the server does not start (fail closed). */
export class PolicyLoadError extends Error {
  override readonly name = 'PolicyLoadError';
}
