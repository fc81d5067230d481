import { defineRule } from '../../../model/define-rule.js';
import type { RuleFinding } from '../../../model/rule-types.js';
import { didYouMean, finding, suggest } from '../../../model/finding.js';
import { queryParams, splitParamName } from '../../model/query-params.js';
import { lookupSearchParameter, searchParameterCodes } from '../../../fhir/search-parameters.js';
import { subRange } from '../../../model/safe.js';

/**
 * A scope query (or an explain `where`) restricts by a search parameter; the parameter must be a
 * search parameter of that resource type in the declared FHIR version, a common one (`_id`,
 * `_lastUpdated`, `_tag`, ...), or a filtering special parameter (SMART App Launch, Scopes and Launch Context: "Finer-grained resource constraints using search parameters").
 */
export const unknownSearchParameter = defineRule({
  code: 'semantic.unknown-search-parameter',
  name: 'unknown-search-parameter',
  category: 'semantic',
  defaultSeverity: 'error',
  summary:
    'A query parameter in a scope or explain block is not a search parameter of that resource type, so servers cannot evaluate the restriction.',
  check(context) {
    const out: RuleFinding[] = [];
    for (const p of queryParams(context)) {
      const { base, chain } = splitParamName(p.name);
      // The same lookup access decisions use (engine/src/fhir/): what is refused here never matches there.
      const lookup = lookupSearchParameter(p.resourceType, base);
      const baseRange = subRange(p.nameRange, 0, base.length);
      const typeLabel =
        p.resourceType === '*' ? 'every resource type (only common parameters such as _id, _tag, _security apply to *)' : p.resourceType;
      if (lookup.kind === 'result') {
        out.push(
          finding(
            baseRange,
            `"${base}" is a result parameter: it changes how results are returned, not which resources match, so it cannot restrict a scope. Remove it.`,
            p.uri,
            { found: base, resourceType: p.resourceType },
          ),
        );
      } else if (lookup.kind === 'type-selector') {
        out.push(
          finding(
            baseRange,
            `"${base}" picks the resource types of a system-level search; it does not restrict which resources of ${typeLabel} match, so it cannot restrict a scope. Remove it.`,
            p.uri,
            { found: base, resourceType: p.resourceType },
          ),
        );
      } else if (lookup.kind === 'unknown') {
        const suggestion = suggest(base, searchParameterCodes(p.resourceType));
        const replacement =
          suggestion !== undefined && p.scope !== undefined
            ? replaceName(p.scope, p.name, suggestion + p.name.slice(base.length))
            : undefined;
        out.push(
          finding(
            baseRange,
            `"${base}" is not a search parameter of ${typeLabel}.${didYouMean(suggestion)}${suggestion === undefined ? ` Use a search parameter that FHIR R4 defines for ${p.resourceType === '*' ? 'every type' : p.resourceType}, or remove the restriction.` : ''}`,
            p.uri,
            {
              found: base,
              resourceType: p.resourceType,
              expected: searchParameterCodes(p.resourceType),
              ...(suggestion === undefined ? {} : { suggestion }),
              ...(replacement === undefined ? {} : { replacement }),
            },
          ),
        );
      } else if (chain !== undefined && lookup.definition.type !== 'reference') {
        out.push(
          finding(
            baseRange,
            `"${base}" is a ${lookup.definition.type} parameter; only reference parameters can be chained ("${p.name}"). Restrict by "${base}" directly.`,
            p.uri,
            { found: p.name, resourceType: p.resourceType },
          ),
        );
      }
    }
    return out;
  },
});

function replaceName(scope: string, from: string, to: string): string | undefined {
  const q = scope.indexOf('?');
  if (q < 0) return undefined;
  const pairs = scope
    .slice(q + 1)
    .split('&')
    .map((pair) => (pair.startsWith(`${from}=`) ? `${to}=${pair.slice(from.length + 1)}` : pair));
  return `${scope.slice(0, q + 1)}${pairs.join('&')}`;
}
