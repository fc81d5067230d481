/**
 * The consent-screen summary: every requested scope said once, grouped. Resource scopes are
 * merged per level and target (`X.rs` + `X.cud` = `X.cruds`), letters already covered by a
 * wildcard or by the unfiltered type are dropped, and targets sharing level and letters become
 * one line ("See and search your lab results and prescriptions"). Identity scopes collapse into
 * one line; other lines are deduplicated by text.
 */
import type { SummaryLine } from './explain-types.js';
import { whoseFor } from './data-phrase.js';
import { resourceShortText } from './render-resource.js';
import type { RenderContext } from './render-context.js';
import { resolveNoun } from './resolve-noun.js';
import type { NounResolution } from './resolve-noun.js';
import type { ResourceScope, Scope, ScopeLevel } from '../smart/scope-types.js';
import { appendAll } from '../util/append-all.js';

/** One requested scope after parsing, with its rendered short text. */
export interface SummaryInput {
  readonly text: string;
  readonly scope: Scope | null;
  readonly short: string;
  /** online_access requested with offline_access: listed on the offline line, not a line of its own. */
  readonly joinsRefresh?: boolean;
}

interface Target {
  readonly level: ScopeLevel;
  readonly resourceType: string;
  readonly scope: ResourceScope;
  letters: Set<string>;
  readonly scopes: string[];
}

const LEVELS: readonly ScopeLevel[] = ['patient', 'user', 'system'];
const CRUDS = ['c', 'r', 'u', 'd', 's'];

function queryKey(scope: ResourceScope): string {
  return scope.query.map((p) => `${p.name}=${p.value}`).join('&');
}

function mergeTargets(inputs: readonly SummaryInput[]): Target[] {
  const byKey = new Map<string, Target>();
  for (const input of inputs) {
    const scope = input.scope;
    if (scope?.type !== 'resource') continue;
    const key = `${scope.level}|${scope.resourceType}?${queryKey(scope)}`;
    const found = byKey.get(key);
    if (found) {
      for (const l of scope.permissions) found.letters.add(l);
      if (!found.scopes.includes(input.text)) found.scopes.push(input.text);
    } else {
      byKey.set(key, {
        level: scope.level,
        resourceType: scope.resourceType,
        scope,
        letters: new Set(scope.permissions),
        scopes: [input.text],
      });
    }
  }
  const targets = [...byKey.values()];
  // Drop letters a broader target at the same level already grants; its line lists the scope.
  for (const t of targets) {
    const broader = targets.filter(
      (b) =>
        b !== t &&
        b.level === t.level &&
        b.scope.query.length === 0 &&
        (b.resourceType === '*' || (b.resourceType === t.resourceType && t.scope.query.length > 0)),
    );
    for (const b of broader) {
      const covered = [...t.letters].filter((l) => b.letters.has(l));
      if (covered.length === 0) continue;
      for (const l of covered) t.letters.delete(l);
      for (const s of t.scopes) if (!b.scopes.includes(s)) b.scopes.push(s);
    }
  }
  return targets.filter((t) => t.letters.size > 0);
}

function resourceLines(inputs: readonly SummaryInput[], ctx: RenderContext): SummaryLine[] {
  const groups = new Map<
    string,
    { level: ScopeLevel; permissions: string; type: string; items: { r: NounResolution; scopes: string[] }[] }
  >();
  for (const t of mergeTargets(inputs)) {
    const permissions = CRUDS.filter((l) => t.letters.has(l)).join('');
    const r = resolveNoun(t.resourceType, t.scope.query, ctx);
    // "all" and "some" quantify the whole phrase, so such targets get a line of their own.
    // Whose data it is (all patients' or shared, like care locations) is part of the phrase too.
    const whose = whoseFor(t.level, ctx.audience, t.resourceType);
    const key =
      r.quant === 'all' || r.quant === 'some'
        ? `${t.level}|${permissions}|${t.resourceType}?${queryKey(t.scope)}`
        : `${t.level}|${permissions}|${whose}`;
    const group = groups.get(key) ?? { level: t.level, permissions, type: t.resourceType, items: [] };
    const same = group.items.find((i) => i.r.noun.short === r.noun.short);
    if (same)
      appendAll(
        same.scopes,
        t.scopes.filter((s) => !same.scopes.includes(s)),
      );
    else group.items.push({ r, scopes: [...t.scopes] });
    groups.set(key, group);
  }
  return [...groups.values()]
    .sort((a, b) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level))
    .map((g) => ({
      text: resourceShortText(
        { level: g.level, permissions: g.permissions, resourceType: g.type },
        g.items.map((i) => i.r),
        ctx,
      ),
      scopes: g.items.flatMap((i) => i.scopes),
    }));
}

const RANK: Readonly<Record<string, number>> = {
  launch: 1,
  'launch-context': 1,
  identity: 2,
  refresh: 3,
  registration: 4,
  extension: 5,
};

/** Builds the grouped summary of a consent screen. */
export function summarize(inputs: readonly SummaryInput[], ctx: RenderContext): SummaryLine[] {
  const others: { rank: number; text: string; scopes: string[] }[] = [];
  const identity = inputs.filter((i) => i.scope?.type === 'identity');
  // openid + fhirUser (+ profile) is one fact for a person: the app learns who you are.
  const identityLead =
    identity.find((i) => i.scope?.type === 'identity' && i.scope.name === 'fhirUser') ??
    identity.find((i) => i.scope?.type === 'identity' && i.scope.name === 'profile') ??
    identity[0];
  if (identityLead) others.push({ rank: RANK['identity'] ?? 2, text: identityLead.short, scopes: identity.map((i) => i.text) });
  for (const input of inputs) {
    const type = input.scope?.type;
    if (type === 'resource' || type === 'identity' || input.joinsRefresh) continue;
    const rank = type === undefined ? 6 : (RANK[type] ?? 5);
    const same = others.find((o) => o.text === input.short);
    if (same) {
      if (!same.scopes.includes(input.text)) same.scopes.push(input.text);
    } else {
      others.push({ rank, text: input.short, scopes: [input.text] });
    }
  }
  const refreshLine = others.find((o) => o.rank === RANK['refresh']);
  for (const input of inputs)
    if (input.joinsRefresh && refreshLine && !refreshLine.scopes.includes(input.text)) refreshLine.scopes.push(input.text);
  others.sort((a, b) => a.rank - b.rank);
  return [...resourceLines(inputs, ctx), ...others.map(({ text, scopes }) => ({ text, scopes }))];
}
