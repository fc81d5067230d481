/**
 * One pass over a policy set's files that files every declaration under its kind, with the file
 * it came from, so rules look things up instead of re-walking the AST.
 */
import type {
  AppBlock,
  ContextBlock,
  Declaration,
  ExplainBlock,
  PhrasebookBlock,
  GrantBlock,
  IgnoreDirective,
  OptionStatement,
  PolicyBlock,
  PolicyFile,
  RefreshBlock,
  RegistrationBlock,
  TestBlock,
  Name,
} from '../language/ast.js';
import { hasKind, list, textOf } from './safe.js';

/** A node together with the document it lives in. */
export interface Located<T> {
  readonly node: T;
  readonly uri: string | undefined;
}

/** The indexed policy set. */
export interface PolicyIndex {
  readonly files: readonly PolicyFile[];
  readonly policies: readonly Located<PolicyBlock>[];
  readonly apps: readonly Located<AppBlock>[];
  /** First declaration of each app class name. */
  readonly appByName: ReadonlyMap<string, Located<AppBlock>>;
  readonly grants: readonly Located<GrantBlock>[];
  readonly contexts: readonly Located<ContextBlock>[];
  readonly refreshes: readonly Located<RefreshBlock>[];
  readonly registrations: readonly Located<RegistrationBlock>[];
  readonly explains: readonly Located<ExplainBlock>[];
  /** `phrasebook <locale> { … }` blocks, in file order. */
  readonly phrasebooks: readonly Located<PhrasebookBlock>[];
  readonly tests: readonly Located<TestBlock>[];
  readonly options: readonly Located<OptionStatement>[];
  /** The declared FHIR version name node, if any (first `fhir` statement of the set). */
  readonly fhirVersion: Located<Name> | undefined;
  /** Declared locales (every `locales` statement), in order. */
  readonly locales: readonly Located<Name>[];
  readonly defaultLocale: Located<Name> | undefined;
  readonly ignores: readonly Located<IgnoreDirective>[];
}

/** Builds the index; tolerant of any partial AST. */
export function indexPolicy(files: readonly PolicyFile[]): PolicyIndex {
  const policies: Located<PolicyBlock>[] = [];
  const apps: Located<AppBlock>[] = [];
  const grants: Located<GrantBlock>[] = [];
  const contexts: Located<ContextBlock>[] = [];
  const refreshes: Located<RefreshBlock>[] = [];
  const registrations: Located<RegistrationBlock>[] = [];
  const explains: Located<ExplainBlock>[] = [];
  const phrasebooks: Located<PhrasebookBlock>[] = [];
  const tests: Located<TestBlock>[] = [];
  const options: Located<OptionStatement>[] = [];
  const locales: Located<Name>[] = [];
  const ignores: Located<IgnoreDirective>[] = [];
  let fhirVersion: Located<Name> | undefined;
  let defaultLocale: Located<Name> | undefined;

  for (const file of list(files)) {
    if (!file || typeof file !== 'object') continue;
    const uri = typeof file.uri === 'string' ? file.uri : undefined;
    for (const ignore of list(file.ignores)) {
      if (ignore && typeof ignore === 'object') ignores.push({ node: ignore, uri });
    }
    for (const decl of list<Declaration>(file.declarations)) {
      if (!decl || typeof decl !== 'object') continue;
      switch (decl.kind) {
        case 'policy':
          policies.push({ node: decl, uri });
          for (const st of list(decl.statements)) {
            if (hasKind(st, 'policy.fhir') && fhirVersion === undefined && textOf(st.version)) fhirVersion = { node: st.version, uri };
            if (hasKind(st, 'policy.locales')) for (const l of list(st.locales)) if (textOf(l)) locales.push({ node: l, uri });
            if (hasKind(st, 'policy.default-locale') && defaultLocale === undefined && textOf(st.locale))
              defaultLocale = { node: st.locale, uri };
            if (hasKind(st, 'policy.option')) options.push({ node: st, uri });
          }
          break;
        case 'app':
          apps.push({ node: decl, uri });
          break;
        case 'grant':
          grants.push({ node: decl, uri });
          break;
        case 'context':
          contexts.push({ node: decl, uri });
          break;
        case 'refresh':
          refreshes.push({ node: decl, uri });
          break;
        case 'registration':
          registrations.push({ node: decl, uri });
          break;
        case 'explain':
          explains.push({ node: decl, uri });
          break;
        case 'phrasebook':
          phrasebooks.push({ node: decl, uri });
          break;
        case 'test':
          tests.push({ node: decl, uri });
          break;
        default:
          break;
      }
    }
  }
  const appByName = new Map<string, Located<AppBlock>>();
  for (const app of apps) {
    const name = textOf(app.node.name);
    if (name !== undefined && !appByName.has(name)) appByName.set(name, app);
  }
  return {
    files,
    policies,
    apps,
    appByName,
    grants,
    contexts,
    refreshes,
    registrations,
    explains,
    phrasebooks,
    tests,
    options,
    fhirVersion,
    locales,
    defaultLocale,
    ignores,
  };
}
