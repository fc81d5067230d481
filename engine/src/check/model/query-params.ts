/**
 * Every query parameter the policy writes, from grant scopes (`patient/Observation.rs?code=x`)
 * and from `explain <Type> { where <param> = <value> }`, with exact ranges for its name and
 * value, so the parameter rules report on the characters that are wrong.
 */
import type { Range } from '../../language/range.js';
import type { RuleContext } from '../../model/rule-context.js';
import { locateQueryPairs, rangeInScope } from '../../model/scope-info.js';
import { list, rangeOf, textOf } from '../../model/safe.js';
import { RESOURCE_TYPE_SET } from '../../fhir/resource-types.js';

/** One `name=value` restriction on a resource type. */
export interface QueryParam {
  readonly resourceType: string;
  /** As written, modifiers and chains included (`code:in`, `patient.birthdate`). */
  readonly name: string;
  readonly value: string;
  readonly nameRange: Range;
  /** Range of `length` characters at `offset` within the value. */
  valueRange(offset: number, length: number): Range;
  readonly uri: string | undefined;
  /** The scope text when the parameter comes from a scope (for replacement quick fixes). */
  readonly scope?: string;
  /** Where it was written. */
  readonly source: 'scope' | 'explain';
}

const memo = new WeakMap<RuleContext, readonly QueryParam[]>();

/** Collects the query parameters of every parsed grant scope and explain `where` (once per context). */
export function queryParams(context: RuleContext): readonly QueryParam[] {
  const cached = memo.get(context);
  if (cached) return cached;
  const out = collect(context);
  memo.set(context, out);
  return out;
}

function collect(context: RuleContext): QueryParam[] {
  const out: QueryParam[] = [];
  for (const gs of context.grantScopes) {
    const parsed = gs.info.parsed;
    if (!parsed.ok || parsed.scope.type !== 'resource') continue;
    const scope = parsed.scope;
    const located = scope.query.length === 0 ? [] : locateQueryPairs(gs.info.text);
    scope.query.forEach((pair, i) => {
      const at = located[i];
      if (!at) return;
      out.push({
        resourceType: scope.resourceType,
        name: pair.name,
        value: pair.value,
        nameRange: rangeInScope(gs.info, at.nameOffset, at.name.length),
        valueRange: (offset, length) => rangeInScope(gs.info, at.valueOffset + offset, length),
        uri: gs.uri,
        scope: gs.info.text,
        source: 'scope',
      });
    });
  }
  for (const { node, uri } of context.index.explains) {
    const type = textOf(node.target);
    if (type === undefined || !RESOURCE_TYPE_SET.has(type)) continue;
    for (const st of list(node.statements)) {
      if (st?.kind !== 'explain.where') continue;
      const name = textOf(st.param);
      const value = typeof st.value?.text === 'string' && st.value.missing !== true ? st.value.text : undefined;
      if (name === undefined || value === undefined) continue;
      const valueNode = rangeOf(st.value);
      const quoteShift = st.value.quoted ? 1 : 0;
      out.push({
        resourceType: type,
        name,
        value,
        nameRange: rangeOf(st.param),
        valueRange: (offset, length) => {
          // Multi-line or escaped values cannot be mapped character by character: fall back to the whole value.
          if (valueNode.start.line !== valueNode.end.line) return valueNode;
          const start = valueNode.start.offset + quoteShift + offset;
          return {
            start: { line: valueNode.start.line, column: valueNode.start.column + quoteShift + offset, offset: start },
            end: {
              line: valueNode.start.line,
              column: valueNode.start.column + quoteShift + offset + Math.max(1, length),
              offset: start + Math.max(1, length),
            },
          };
        },
        uri,
        source: 'explain',
      });
    }
  }
  return out;
}

/** Splits `code:in` / `patient.birthdate` / `subject:Patient.name` into its parts. */
export function splitParamName(name: string): { readonly base: string; readonly modifier?: string; readonly chain?: string } {
  const dot = name.indexOf('.');
  const head = dot < 0 ? name : name.slice(0, dot);
  const chain = dot < 0 ? undefined : name.slice(dot + 1);
  const colon = head.indexOf(':');
  const base = colon < 0 ? head : head.slice(0, colon);
  const modifier = colon < 0 ? undefined : head.slice(colon + 1);
  return { base, ...(modifier === undefined ? {} : { modifier }), ...(chain === undefined ? {} : { chain }) };
}
