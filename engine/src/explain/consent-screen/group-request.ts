/**
 * The choices of a consent screen: the requested scopes the app class may get, split into
 * groups with exact scope sets. Computed with the ScopeSet algebra, so the groups together never
 * grant more than the request, and each group is one kind of permission on one target:
 * `patient/Observation.cruds` becomes a read group (`rs`), a change group (`cu`) and a delete
 * group (`d`), which the screen shows apart.
 */
import { isCompartmentType } from '../../fhir/patient-compartment.js';
import { formatScope } from '../../smart/format-scope.js';
import { parseScopeList } from '../../smart/parse-scope-list.js';
import { ScopeSet } from '../../smart/scope-set.js';
import { fromScopeUri } from '../../smart/scope-uri.js';
import type { ResourceScope, Scope } from '../../smart/scope-types.js';
import type { CatalogAppClass } from '../explanation-catalog.js';
import type { GroupKind, OmittedScope, RiskFlag } from './screen-types.js';
import { isSensitiveScope } from './sensitive-data.js';
import type { SensitiveTarget } from './sensitive-data.js';
import { appendAll } from '../../util/append-all.js';

/** A group before it has text. */
export interface GroupPlan {
  readonly id: string;
  readonly kind: GroupKind;
  readonly required: boolean;
  readonly sensitive: boolean;
  readonly risks: readonly RiskFlag[];
  readonly scopes: readonly string[];
}

export interface RequestPlan {
  readonly groups: readonly GroupPlan[];
  readonly omitted: readonly OmittedScope[];
  /** Everything the screen shows (request ∩ what the class may get, reachable scopes only). */
  readonly shown: ScopeSet;
}

export interface PlanOptions {
  readonly app: CatalogAppClass;
  readonly sensitive: readonly SensitiveTarget[];
  readonly nonCompartmentTypes: 'deny' | 'read-search';
}

/** Request tokens (a `scope` parameter or a list), empties and repeats dropped. */
export function requestTokens(scopes: string | readonly string[] | undefined): string[] {
  const list = typeof scopes === 'string' ? [scopes] : Array.isArray(scopes) ? scopes : [];
  const raw = list.flatMap((s) => (typeof s === 'string' ? s.split(/\s+/) : []));
  return [...new Set(raw.filter((s) => s !== ''))];
}

/** A scope token as SMART reads it: the plain form or the URI form (SMART App Launch, Scopes and Launch Context: scopes as URIs); null when invalid. */
export function parseRequestScope(text: string): Scope | null {
  const plain = parseScopeList(text);
  if (plain.ok && plain.scopes.length === 1 && plain.scopes[0]) return plain.scopes[0];
  const uri = fromScopeUri(text);
  return uri.ok ? uri.scope : null;
}

/** What the app class may get: its allowed scopes minus its denied ones (conditions are the token endpoint's). */
export function classSet(app: CatalogAppClass): ScopeSet {
  const parse = (list: readonly (string | { scope: string })[]): ScopeSet =>
    ScopeSet.fromScopes(list.map((s) => parseRequestScope(typeof s === 'string' ? s : s.scope)).filter((s): s is Scope => s !== null));
  return parse(app.allowed).difference(parse(app.denied));
}

/** Patient-level scopes on types outside the Patient compartment grant nothing under `deny` (rule 24). */
function unreachable(scope: Scope, options: PlanOptions): boolean {
  return (
    scope.type === 'resource' &&
    options.nonCompartmentTypes === 'deny' &&
    scope.level === 'patient' &&
    scope.resourceType !== '*' &&
    scope.resourceType !== 'Patient' &&
    !isCompartmentType(scope.resourceType)
  );
}

const LETTER_KINDS: readonly { kind: 'read' | 'change' | 'delete'; letters: string; risk?: RiskFlag }[] = [
  { kind: 'read', letters: 'rs' },
  { kind: 'change', letters: 'cu', risk: 'write' },
  { kind: 'delete', letters: 'd', risk: 'delete' },
];

function target(scope: ResourceScope): string {
  const query = scope.query.map((p) => `${p.name}=${p.value}`).join('&');
  return `${scope.level}/${scope.resourceType}${query ? `?${query}` : ''}`;
}

function resourceGroups(scope: ResourceScope, options: PlanOptions): GroupPlan[] {
  const out: GroupPlan[] = [];
  for (const part of LETTER_KINDS) {
    const letters = part.letters
      .split('')
      .filter((l) => scope.permissions.includes(l))
      .join('');
    if (letters === '') continue;
    const piece: ResourceScope = { ...scope, permissions: letters, syntax: 'v2' };
    const risks: RiskFlag[] = [...(part.risk ? [part.risk] : []), ...(scope.resourceType === '*' ? (['everything'] as const) : [])];
    out.push({
      id: `${part.kind}:${target(scope)}`,
      kind: part.kind,
      required: false,
      sensitive: isSensitiveScope(piece, options.sensitive),
      risks,
      scopes: [formatScope(piece)],
    });
  }
  return out;
}

const ORDER: Readonly<Record<GroupKind, number>> = { required: 0, read: 1, change: 2, delete: 3, offline: 4, online: 5, other: 6 };

/** Splits a request into the screen's groups; never throws on any scope text. */
export function planRequest(scopes: string | readonly string[] | undefined, options: PlanOptions): RequestPlan {
  const omitted: OmittedScope[] = [];
  const may = classSet(options.app);
  let shown = ScopeSet.EMPTY;
  for (const text of requestTokens(scopes)) {
    const scope = parseRequestScope(text);
    if (scope === null) {
      omitted.push({ scope: text, reason: 'invalid' });
      continue;
    }
    if (unreachable(scope, options)) {
      omitted.push({ scope: text, reason: 'unreachable' });
      continue;
    }
    const part = ScopeSet.fromScopes([scope]).intersection(may);
    if (part.isEmpty) {
      omitted.push({ scope: text, reason: 'not-allowed' });
      continue;
    }
    shown = shown.union(part);
  }
  // A wildcard narrowed to the class's types can list unreachable types again: drop those too.
  const kept = shown.toScopes().filter((s) => !unreachable(s, options));
  shown = ScopeSet.fromScopes(kept);

  const groups: GroupPlan[] = [];
  const required: string[] = [];
  for (const scope of kept) {
    const text = formatScope(scope);
    switch (scope.type) {
      case 'launch':
      case 'launch-context':
      case 'identity':
        required.push(text);
        break;
      case 'refresh':
        groups.push({
          id: scope.mode,
          kind: scope.mode,
          required: false,
          sensitive: false,
          risks: scope.mode === 'offline' ? ['offline-access'] : [],
          scopes: [text],
        });
        break;
      case 'resource':
        appendAll(groups, resourceGroups(scope, options));
        break;
      default:
        groups.push({ id: `other:${text}`, kind: 'other', required: false, sensitive: false, risks: [], scopes: [text] });
    }
  }
  if (required.length > 0)
    groups.unshift({ id: 'required', kind: 'required', required: true, sensitive: false, risks: [], scopes: required });
  groups.sort((a, b) => ORDER[a.kind] - ORDER[b.kind]);
  return { groups, omitted, shown };
}
