import type { ResourceScope, Scope } from './scope-types.js';
import { isSearchParameterOfSomeType, lookupSearchParameter, type SearchParameterDefinition } from '../fhir/search-parameters.js';
import { formatScope } from './format-scope.js';
import { appendAll } from '../util/append-all.js';

/** A finding about a scope that parses but deserves attention (SMART App Launch, Scopes and Launch Context: experimental query features, and questions the IG leaves open). */
export interface ScopeLint {
  /** Stable code, e.g. `scope.query.unknown-parameter`. */
  readonly code: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  /** 0-based offset in the scope as written (`formatScope(scope, {syntax: 'as-written'})`). */
  readonly offset: number;
  readonly length: number;
}

/**
 * Findings for one parsed scope: experimental query features (modifiers, chains, `_filter`),
 * parameters the type does not define in R4, parameters that cannot narrow a grant (`_count`,
 * `_sort`, …), chains on non-reference parameters, relative launch roles, the deprecated
 * `profile` scope, and wildcards (which also cover resource types added later). The parser
 * accepts all of these; a policy checker decides how loud to be.
 */
export function lintScope(scope: Scope): ScopeLint[] {
  switch (scope.type) {
    case 'resource':
      return lintResourceScope(scope);
    case 'launch-context':
      return scope.role !== null && scope.role !== 'launch' && !/^[A-Za-z][A-Za-z0-9+.-]*:./.test(scope.role.slice(0, 64))
        ? [
            lint(
              'scope.launch.role-relative',
              'warning',
              `role '${scope.role}' is not an absolute URI: only roles SMART defines ('launch') may be relative`,
              `launch/${scope.contextType}?role=`.length,
              scope.role.length,
            ),
          ]
        : [];
    case 'identity':
      return scope.name === 'profile'
        ? [
            lint(
              'scope.identity.profile-deprecated',
              'info',
              "'profile' is the v1 alternative to 'fhirUser', deprecated in SMART: prefer 'openid fhirUser'",
              0,
              7,
            ),
          ]
        : [];
    default:
      return [];
  }
}

function lintResourceScope(scope: ResourceScope): ScopeLint[] {
  const found: ScopeLint[] = [];
  const typeOffset = scope.level.length + 1;
  if (scope.resourceType === '*') {
    found.push(
      lint(
        'scope.resource.wildcard-future',
        'info',
        "'*' covers every resource type the server exposes now and any it adds later; consent text should say so",
        typeOffset,
        1,
      ),
    );
  }
  if (scope.syntax === 'v1') {
    const word = formatScope(scope, { syntax: 'as-written' }).slice(typeOffset + scope.resourceType.length + 1);
    found.push(
      lint(
        'scope.permissions.v1',
        'info',
        `v1 syntax: '.${word}' means '.${scope.permissions}' in v2`,
        typeOffset + scope.resourceType.length + 1,
        word.length,
      ),
    );
  }
  let offset = typeOffset + scope.resourceType.length + 1 + scope.permissions.length + 1;
  for (const { name, value } of scope.query) {
    appendAll(found, lintParameter(scope.resourceType, name, offset));
    offset += name.length + 1 + value.length + 1;
  }
  return found;
}

function lintParameter(resourceType: string, name: string, offset: number): ScopeLint[] {
  const cut = firstIndexOf(name, ':', '.');
  const base = cut < 0 ? name : name.slice(0, cut);
  const found: ScopeLint[] = [];
  if (name === '_filter') {
    found.push(
      lint(
        'scope.query.filter',
        'warning',
        "'_filter' in a scope is experimental and its expressions need spaces, which a scope cannot contain",
        offset,
        name.length,
      ),
    );
  } else if (cut >= 0) {
    const what = name[cut] === ':' ? 'search modifiers' : 'chained parameters';
    found.push(
      lint(
        'scope.query.experimental',
        'warning',
        `${what} ('${name}') are experimental in SMART scopes; servers may not support them`,
        offset,
        name.length,
      ),
    );
  }
  const lookup = lookupSearchParameter(resourceType, base);
  if (lookup.kind === 'result' || lookup.kind === 'type-selector') {
    found.push(
      lint(
        'scope.query.non-selecting',
        'error',
        `'${base}' shapes search results and cannot narrow a scope: remove it`,
        offset,
        base.length,
      ),
    );
    return found;
  }
  if (lookup.kind === 'search' && lookup.definition.type === 'special') return found;
  const definition = parameterFor(resourceType, base, lookup.kind === 'search' ? lookup.definition : undefined);
  if (definition === 'not-universal') {
    found.push(
      lint(
        'scope.query.not-universal',
        'warning',
        `'${base}' is not defined for every resource type, so it cannot be evaluated on all types '*' covers`,
        offset,
        base.length,
      ),
    );
  } else if (definition === null) {
    found.push(
      lint(
        'scope.query.unknown-parameter',
        'error',
        `'${base}' is not an R4 search parameter of ${resourceType === '*' ? 'any resource type' : resourceType}`,
        offset,
        base.length,
      ),
    );
  } else if (cut >= 0 && name[cut] === '.' && definition.type !== 'reference') {
    found.push(
      lint(
        'scope.query.chain-not-reference',
        'error',
        `'${base}' is a ${definition.type} parameter; only reference parameters can be chained`,
        offset,
        name.length,
      ),
    );
  }
  return found;
}

// `*` covers every type: a parameter only some types define cannot be evaluated on all of them.
function parameterFor(
  resourceType: string,
  base: string,
  definition: SearchParameterDefinition | undefined,
): SearchParameterDefinition | 'not-universal' | null {
  if (definition !== undefined) return definition;
  return resourceType === '*' && isSearchParameterOfSomeType(base) ? 'not-universal' : null;
}

function firstIndexOf(text: string, a: string, b: string): number {
  const i = text.indexOf(a);
  const j = text.indexOf(b);
  return i < 0 ? j : j < 0 ? i : Math.min(i, j);
}

function lint(code: string, severity: ScopeLint['severity'], message: string, offset: number, length: number): ScopeLint {
  return { code, severity, message, offset, length: Math.max(length, 1) };
}
