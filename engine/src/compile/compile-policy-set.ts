/**
 * `compilePolicySet`: parsed files of a policy set → PolicyBundle. Pure and deterministic (the
 * same files give byte-identical JSON and the same hash). It refuses, with diagnostics, when the
 * basics a bundle needs fail: syntax errors, no policy header, unknown app names, duplicate app
 * classes, scopes that do not parse. Everything else is the checker's business.
 */
import { posix } from 'node:path';
import type { Declaration, PolicyBlock, PolicyFile } from '../language/ast.js';
import type { Diagnostic } from '../language/diagnostic.js';
import { makeDiagnostic } from '../language/diagnostic.js';
import { isPatientFacingUrl } from '../language/patient-facing-url.js';
import type { Range } from '../language/range.js';
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

interface Located<T> {
  readonly node: T;
  readonly uri: string;
  readonly fileUri: string | undefined;
}

const ORIGIN = { line: 1, column: 1, offset: 0 };

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
  const diagnostics: Diagnostic[] = [];
  const errors = (input.diagnostics ?? []).filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    return { bundle: null, diagnostics: errors };
  }
  if (input.files.length === 0) {
    return {
      bundle: null,
      diagnostics: [makeDiagnostic('compile.policy.missing', 'error', 'The policy set has no files to compile.', { start: ORIGIN, end: ORIGIN })],
    };
  }

  let currentUri = '';
  const report = (code: string, message: string, range: Range, data?: Record<string, unknown>, uri = currentUri) =>
    diagnostics.push(makeDiagnostic(code, 'error', message, range, { uri, data }));

  const all: Located<Declaration>[] = [];
  const sources: string[] = [];
  for (const file of input.files) {
    const uri = relativeUri(file.uri, options.relativeTo);
    sources.push(uri);
    for (const node of file.declarations) all.push({ node, uri, fileUri: file.uri });
  }
  const of = <K extends Declaration['kind']>(kind: K) =>
    all.filter((d): d is Located<Extract<Declaration, { kind: K }>> => d.node.kind === kind);

  // Header.
  const policies = of('policy');
  const header = policies[0];
  if (header === undefined) {
    report('compile.policy.missing', 'The policy set has no `policy "<name>" { … }` header: add one to the entry file.', { start: ORIGIN, end: ORIGIN }, undefined, sources[0] ?? '<input>');
  }
  for (const extra of policies.slice(1)) {
    report('compile.policy.duplicate', 'A policy set has exactly one `policy` header; remove this one.', extra.node.range, undefined, extra.uri);
  }

  // App classes.
  const apps: BundleApp[] = [];
  const appNames = new Set<string>();
  for (const { node, uri } of of('app')) {
    currentUri = uri;
    const name = node.name.text;
    if (node.name.missing === true) continue;
    if (appNames.has(name)) {
      report('compile.app.duplicate', `App class ${name} is declared twice; merge the two blocks.`, node.name.range, { app: name });
      continue;
    }
    appNames.add(name);
    apps.push(compileApp(node, uri));
  }
  const checkApp = (name: string, range: Range, what: string): boolean => {
    if (appNames.has(name)) return true;
    report('compile.app.unknown', `${what} names app class ${JSON.stringify(name)}, which no \`app\` block declares.`, range, { app: name, known: [...appNames] });
    return false;
  };

  // Grants.
  const grantIds = new GrantIds();
  const grants: BundleGrant[] = [];
  for (const { node, uri } of of('grant')) {
    currentUri = uri;
    if (!checkApp(node.app.text, node.app.range, 'This grant')) continue;
    appendAll(grants, compileGrant(node, uri, grantIds, report));
  }

  // Context.
  const context: CompiledContext = { requirements: [], tokenCarries: [], introspectionEchoes: [] };
  let contextCount = 0;
  for (const { node, uri } of of('context')) {
    currentUri = uri;
    if (node.app !== undefined && !checkApp(node.app.text, node.app.range, 'This context block')) continue;
    compileContext(node, uri, () => `context#${++contextCount}`, context);
  }

  // Refresh and registration: one block per app class.
  const refresh: BundleRefreshPolicy[] = [];
  for (const { node, uri } of of('refresh')) {
    currentUri = uri;
    if (!checkApp(node.app.text, node.app.range, 'This refresh block')) continue;
    if (refresh.some((r) => r.app === node.app.text)) {
      report('compile.refresh.duplicate', `App class ${node.app.text} already has a refresh block; merge the two.`, node.app.range, { app: node.app.text });
      continue;
    }
    refresh.push(compileRefresh(node, uri));
  }
  const registration: BundleRegistrationPolicy[] = [];
  for (const { node, uri } of of('registration')) {
    currentUri = uri;
    if (!checkApp(node.app.text, node.app.range, 'This registration block')) continue;
    if (registration.some((r) => r.app === node.app.text)) {
      report('compile.registration.duplicate', `App class ${node.app.text} already has a registration block; merge the two.`, node.app.range, { app: node.app.text });
      continue;
    }
    registration.push(compileRegistration(node, uri));
  }

  // Explanations: one entry per target; a later block adds locales and queries to an earlier one.
  const explanations: BundleExplanation[] = [];
  for (const { node, uri } of of('explain')) {
    const entry = compileExplanation(node, uri);
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
  const phrasebooks = compilePhrasebooks(of('phrasebook'));

  // Tests.
  const tests: BundleTestCase[] = [];
  for (const { node, uri, fileUri } of of('test')) {
    currentUri = uri;
    const cases = compileTest(node, uri, resolverFor(fileUri, options.relativeTo));
    for (const c of cases) {
      if (c.token?.app !== undefined && !c.token.app.includes('$')) checkApp(c.token.app, node.range, `Test ${JSON.stringify(c.name)}`);
    }
    appendAll(tests, cases);
  }

  if (diagnostics.length > 0 || header === undefined) return { bundle: null, diagnostics };
  const body = {
    format: BUNDLE_FORMAT as typeof BUNDLE_FORMAT,
    version: BUNDLE_VERSION as typeof BUNDLE_VERSION,
    sources,
    policy: policyOf(header.node, header.uri),
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
  return { bundle, diagnostics };
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
