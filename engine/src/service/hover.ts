/**
 * What a hover says at an offset, as Markdown: a scope (canonical v2 form, what each letter
 * allows, level, query restriction, short and long explanation in every declared locale, the
 * grant rules that allow or deny it), an app class (members, what it may be granted), an option
 * (values, default) or a lint code in an ignore comment (the rule's documentation).
 */
import type { AppBlock, GrantRule, OptionStatement, ScopeRef } from '../language/ast.js';
import type { Range } from '../language/range.js';
import { formatScope, parseScope } from '../smart/index.js';
import type { ResourceScope, Scope } from '../smart/scope-types.js';
import { explain } from '../explain/index.js';
import { catalogOf } from './set-catalog.js';
import { optionByKeyword, defaultValueOf } from '../options/index.js';
import { defaultRegistry, type RuleRegistry } from '../check/rule-registry.js';
import { list, textOf } from '../model/safe.js';
import type { AstNode } from './node-at-offset.js';
import type { LinkedSet, ParsedDocument } from './service-types.js';
import { nodePathAt } from './node-at-offset.js';
import { grantRulesMatching } from './grant-matches.js';

/** A hover: Markdown and the range it is about. */
export interface HoverResult {
  readonly markdown: string;
  readonly range: Range;
}

const LETTERS: Readonly<Record<string, string>> = {
  c: 'create a resource',
  r: 'read a resource by id',
  u: 'update a resource',
  d: 'delete a resource',
  s: 'search for resources',
};

/** The hover at `offset` of `doc`, read in the context of the linked set `set`. */
export function hoverAt(
  set: LinkedSet,
  doc: ParsedDocument,
  offset: number,
  registry: RuleRegistry = defaultRegistry,
): HoverResult | undefined {
  const ignore = list(doc.ast.ignores).find((i) => i.range.start.offset <= offset && offset <= i.range.end.offset);
  if (ignore) return ruleHover(ignore.code, ignore.range, registry);
  const path = nodePathAt(doc.ast, offset);
  const node = path[path.length - 1];
  if (!node) return undefined;
  const parent = path[path.length - 2];
  if (node.kind === 'scope') return scopeHover(set, node as ScopeRef);
  const symbol = set.references.at(doc.uri, offset);
  if (symbol?.symbol.kind === 'app') {
    const app = set.index.appByName.get(symbol.symbol.name)?.node;
    if (app) return appHover(set, app, symbol.location.range);
  }
  if (parent?.kind === 'policy.option' && node === (parent as OptionStatement).name) return optionHover(parent as OptionStatement, node);
  return undefined;
}

/** The documentation of a lint code: its summary, category and default level. */
export function ruleHover(code: string, range: Range, registry: RuleRegistry = defaultRegistry): HoverResult | undefined {
  const rule = registry.get(code);
  if (!rule) return undefined;
  return {
    markdown: [
      `**${rule.code}** — ${rule.category} rule, ${rule.defaultSeverity} by default`,
      '',
      rule.summary,
      '',
      `Set its level in \`smart-policy.json\` (\`{"rules": {"${rule.code}": "off"}}\`) or ignore one finding with \`# smart-policy-ignore ${rule.code} <reason>\`.`,
    ].join('\n'),
    range,
  };
}

function scopeHover(set: LinkedSet, ref: ScopeRef): HoverResult | undefined {
  const parsed = parseScope(ref.text);
  if (!parsed.ok) {
    return { markdown: `\`${ref.text}\` is not a valid SMART scope: ${parsed.error.message}`, range: ref.range };
  }
  const scope = parsed.scope;
  const lines = [
    `**${formatScope(scope, { syntax: 'v2' })}**${scope.type === 'resource' && scope.syntax === 'v1' ? ' (written in v1 syntax)' : ''}`,
    '',
  ];
  appendAllLines(lines, describeScope(scope));
  const catalog = catalogOf(set);
  const locales = catalog.locales.length > 0 ? catalog.locales : ['en'];
  lines.push('');
  for (const locale of locales) {
    const result = explain(ref.text, { locale, catalog });
    const one = result.scopes[0];
    if (!one) continue;
    lines.push(`*${result.locale}*: ${one.short}`, '', `> ${one.long}`, '');
  }
  const rules = grantRulesMatching(set, scope);
  if (rules.length > 0) {
    lines.push('Grants:');
    for (const { app, rule } of rules) lines.push(`- \`grant ${app}\`: ${ruleLine(rule)}`);
  } else {
    lines.push('No grant of this policy set allows or denies it.');
  }
  return { markdown: lines.join('\n').trimEnd(), range: ref.range };
}

function ruleLine(rule: GrantRule): string {
  const name = textOf(rule.name);
  const because = rule.because?.value;
  return `${rule.effect}${name ? ` as ${name}` : ''} ${list(rule.scopes)
    .map((s) => s.text)
    .join(', ')}${because ? ` — "${because}"` : ''}`;
}

function describeScope(scope: Scope): string[] {
  switch (scope.type) {
    case 'resource':
      return describeResource(scope);
    case 'launch':
      return ['Asks for an EHR launch context (launch token from the EHR).'];
    case 'launch-context':
      return [`Asks for the \`${scope.contextType}\` launch context${scope.role ? ` (role ${scope.role})` : ''}.`];
    case 'identity':
      return [`Identity scope \`${scope.name}\`: who the user is (OpenID Connect).`];
    case 'refresh':
      return [scope.mode === 'offline' ? 'A refresh token that works after the user leaves.' : 'A refresh token while the user is online.'];
    case 'registration':
      return ['Dynamic client registration.'];
    default:
      return [`Extension scope \`${scope.name}\`.`];
  }
}

function describeResource(scope: ResourceScope): string[] {
  const level = { patient: "the launch patient's data", user: 'what the user may see', system: 'the whole server (backend service)' }[
    scope.level
  ];
  const out = [
    `Level **${scope.level}**: ${level}. Resource type **${scope.resourceType === '*' ? 'every type' : scope.resourceType}**.`,
    '',
  ];
  for (const letter of 'cruds') {
    if (scope.permissions.includes(letter)) out.push(`- \`${letter}\` ${LETTERS[letter]}`);
  }
  if (scope.query.length > 0) {
    out.push('', `Only resources matching ${scope.query.map((q) => `\`${q.name}=${q.value}\``).join(' and ')}.`);
  }
  if (scope.experimental) out.push('', 'Uses an experimental resource type or parameter.');
  return out;
}

function appHover(set: LinkedSet, app: AppBlock, range: Range): HoverResult {
  const name = textOf(app.name) ?? '';
  const lines = [`**app ${name}**${app.title ? ` — ${app.title.value}` : ''}`, ''];
  for (const statement of list(app.statements)) {
    const values = (statement as { values?: readonly { text?: string; value?: string }[] }).values ?? [];
    lines.push(`- ${statement.kind.slice('app.'.length)}: ${values.map((v) => v.text ?? v.value ?? '').join(', ')}`);
  }
  const allowed: string[] = [];
  const denied: string[] = [];
  for (const grant of set.index.grants) {
    if (textOf(grant.node.app) !== name) continue;
    for (const rule of list(grant.node.rules)) {
      for (const s of list(rule.scopes)) (rule.effect === 'allow' ? allowed : denied).push(s.text);
    }
  }
  lines.push('', allowed.length > 0 ? `May be granted: ${allowed.map((s) => `\`${s}\``).join(', ')}` : 'No grant allows it anything yet.');
  if (denied.length > 0) lines.push('', `Denied: ${denied.map((s) => `\`${s}\``).join(', ')}`);
  return { markdown: lines.join('\n'), range };
}

function optionHover(statement: OptionStatement, name: AstNode): HoverResult | undefined {
  const option = optionByKeyword(textOf(statement.name) ?? '');
  if (!option) return undefined;
  const d = option.definition;
  const values = d.kind === 'choice' ? d.values.map((v) => `\`${v}\``).join(', ') : d.kind;
  const fallback = defaultValueOf(d);
  return {
    markdown: [
      `**option ${d.keyword}**`,
      '',
      d.doc,
      '',
      `Values: ${values}. Default: \`${typeof fallback === 'string' ? fallback || '(none)' : JSON.stringify(fallback)}\`.`,
      '',
      d.detail,
    ].join('\n'),
    range: name.range,
  };
}

function appendAllLines(target: string[], more: readonly string[]): void {
  for (const line of more) target.push(line);
}
