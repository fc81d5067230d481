/**
 * `compilePolicySet`: parsed files of a policy set → PolicyBundle. Pure and deterministic (the
 * same files give byte-identical JSON and the same hash). It validates nothing itself: it reads
 * the checker's model of the set (its declaration index) and refuses, with the checker's own
 * registered codes, when the parser or one of the refusing rules (`model/compile-refusals.ts`:
 * no policy header, duplicate or unknown app classes, scopes that do not parse, …) reports.
 */
import { posix } from 'node:path';
import type { PolicyBlock, PolicyFile, ScopeRef } from '../language/ast.js';
import { parseScope } from '../smart/parse-scope.js';
import type { Diagnostic } from '../language/diagnostic.js';
import { isPatientFacingUrl } from '../language/patient-facing-url.js';
import { modelForCompile } from '../model/compile-refusals.js';
import { sortDiagnostics } from '../model/sort-diagnostics.js';
import type {
  BundleApp,
  BundleExplanation,
  BundleGrant,
  BundleRefreshPolicy,
  BundleRegistrationPolicy,
  BundleTestCase,
  PolicyBundle,
} from './bundle-types.js';
import { BUNDLE_FORMAT, BUNDLE_VERSION } from './bundle-types.js';
import { computeBundleHash } from './bundle-hash.js';
import {
  compileApp,
  compileContext,
  compileExplanation,
  compileGrant,
  compileRefresh,
  compileRegistration,
  type CompiledContext,
} from './compile-blocks.js';
import { resolveOptions } from './compile-options.js';
import { compileTest } from './compile-tests.js';
import { compilePhrasebooks } from './compile-phrasebooks.js';
import { relativeUri, spanOf } from './source-span.js';
import { appendAll } from '../util/append-all.js';
import { GrantIds } from './grant-ids.js';

/** The parsed files of a set (entry file first) and what parsing and loading reported. */
export interface PolicySetInput {
  readonly files: readonly PolicyFile[];
  readonly diagnostics?: readonly Diagnostic[];
}

export interface CompileOptions {
  /** A directory prefix removed from file URIs in spans and `sources` (keeps bundles portable). */
  readonly relativeTo?: string;
}

export interface CompileResult {
  /** Null when the compile was refused; `diagnostics` then holds at least one error. */
  readonly bundle: PolicyBundle | null;
  readonly diagnostics: readonly Diagnostic[];
}

/** Resolves a path written in a file against that file's location (URL or path). */
function resolverFor(fileUri: string | undefined, relativeTo: string | undefined): (path: string) => string {
  return (path) => {
    if (fileUri === undefined) return path;
    const resolved = fileUri.startsWith('file:') ? new URL(path, fileUri).href : posix.join(posix.dirname(fileUri), path);
    return relativeUri(resolved, relativeTo);
  };
}

/** Compiles a policy set. Never throws on any AST the parser produces. */
export function compilePolicySet(input: PolicySetInput, options: CompileOptions = {}): CompileResult {
  const errors = (input.diagnostics ?? []).filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    return { bundle: null, diagnostics: errors };
  }
  const relative = (uri: string | undefined): string => relativeUri(uri, options.relativeTo);
  // The checker's model of the set: its declaration index and its refusal rules.
  const { model, refusals } = modelForCompile(input.files);
  if (refusals.length > 0) {
    return { bundle: null, diagnostics: sortDiagnostics(refusals.map((d) => (d.uri === undefined ? d : { ...d, uri: relative(d.uri) }))) };
  }
  const index = model.index;
  const header = index.policies[0];
  if (header === undefined) return { bundle: null, diagnostics: [] }; // unreachable: refused above
  const sources = input.files.map((file) => relative(file.uri));

  const apps: BundleApp[] = index.apps.map(({ node, uri }) => compileApp(node, relative(uri)));

  const grantIds = new GrantIds();
  const grants: BundleGrant[] = [];
  // The checker's parse of every grant scope (its model already holds them).
  const parsedScopes = new Map(model.grantScopes.map((g) => [g.info.ref, g.info.parsed] as const));
  const parsedScope = (ref: ScopeRef) => parsedScopes.get(ref) ?? parseScope(ref.text);
  for (const { node, uri } of index.grants) appendAll(grants, compileGrant(node, relative(uri), grantIds, parsedScope));

  const context: CompiledContext = { requirements: [], tokenCarries: [], introspectionEchoes: [] };
  let contextCount = 0;
  for (const { node, uri } of index.contexts) compileContext(node, relative(uri), () => `context#${++contextCount}`, context);

  // One block per app class (a second one was refused as `semantic.duplicate-block`).
  const refresh: BundleRefreshPolicy[] = index.refreshes.map(({ node, uri }) => compileRefresh(node, relative(uri)));
  const registration: BundleRegistrationPolicy[] = index.registrations.map(({ node, uri }) => compileRegistration(node, relative(uri)));

  // Explanations: one entry per target; a later block adds locales and queries to an earlier one.
  const explanations: BundleExplanation[] = [];
  for (const { node, uri } of index.explains) {
    const entry = compileExplanation(node, relative(uri));
    const i = explanations.findIndex((e) => e.target === entry.target);
    const existing = explanations[i];
    if (existing === undefined) explanations.push(entry);
    else
      explanations[i] = {
        ...existing,
        // Sensitive anywhere is sensitive: a later block can only add the opt-in, never drop it.
        ...(existing.sensitive === true || entry.sensitive === true ? { sensitive: true as const } : {}),
        texts: { ...existing.texts, ...entry.texts },
        queries: [...existing.queries, ...entry.queries],
      };
  }

  // Sentence frames for languages beyond the built-in ones.
  const phrasebooks = compilePhrasebooks(index.phrasebooks.map(({ node, uri }) => ({ node, uri: relative(uri) })));

  const tests: BundleTestCase[] = [];
  for (const { node, uri } of index.tests) appendAll(tests, compileTest(node, relative(uri), resolverFor(uri, options.relativeTo)));

  const body = {
    format: BUNDLE_FORMAT as typeof BUNDLE_FORMAT,
    version: BUNDLE_VERSION as typeof BUNDLE_VERSION,
    sources,
    policy: policyOf(header.node, relative(header.uri)),
    apps,
    grants,
    context,
    refresh,
    registration,
    explanations,
    // Left out when empty, so bundles of policies without phrasebooks (and their hashes) do not change.
    ...(phrasebooks ? { phrasebooks } : {}),
    tests,
  };
  const { format, version, ...rest } = body;
  const bundle: PolicyBundle = { format, version, hash: computeBundleHash(body), ...rest };
  return { bundle, diagnostics: [] };
}

function policyOf(block: PolicyBlock, uri: string): PolicyBundle['policy'] {
  let fhirVersion = 'R4';
  let locales: string[] = [];
  let defaultLocale: string | undefined;
  let revokeUri: string | undefined;
  for (const s of block.statements) {
    if (s.kind === 'policy.revoke-uri' && s.uri.missing !== true && isPatientFacingUrl(s.uri.value)) revokeUri = s.uri.value;
    if (s.kind === 'policy.fhir' && s.version.missing !== true) fhirVersion = s.version.text;
    else if (s.kind === 'policy.locales') locales = s.locales.filter((l) => l.missing !== true).map((l) => l.text);
    else if (s.kind === 'policy.default-locale' && s.locale.missing !== true) defaultLocale = s.locale.text;
  }
  if (locales.length === 0) locales = [defaultLocale ?? 'en'];
  return {
    name: block.title.value,
    fhirVersion,
    locales,
    defaultLocale: defaultLocale ?? locales[0] ?? 'en',
    ...(revokeUri !== undefined ? { revokeUri } : {}),
    options: resolveOptions(block.statements.filter((s) => s.kind === 'policy.option')),
    span: spanOf(uri, block.range),
  };
}
