import { defineRule } from '../../../model/define-rule.js';
import type { RuleFinding } from '../../../model/rule-types.js';
import { finding } from '../../../model/finding.js';
import { queryParams, splitParamName } from '../../model/query-params.js';
import { lookupSearchParameter } from '../../../fhir/search-parameters.js';
import { checkValueShape } from '../../fhir/search-value-shape.js';

/**
 * The value of a scope query parameter must have the shape of its parameter type: token
 * `system|code`, reference `Type/id`, date `[prefix]YYYY-MM-DD`, number, quantity, composite.
 */
export const searchValueShape = defineRule({
  code: 'semantic.search-value-shape',
  name: 'search-value-shape',
  category: 'semantic',
  defaultSeverity: 'error',
  summary:
    'A query value in a scope or explain block does not have the shape its search parameter type requires, so it can never match as intended.',
  check(context) {
    const out: RuleFinding[] = [];
    for (const p of queryParams(context)) {
      const { base, modifier, chain } = splitParamName(p.name);
      // A chained value belongs to the chained parameter on another type; it is experimental anyway.
      if (chain !== undefined) continue;
      const lookup = lookupSearchParameter(p.resourceType, base);
      if (lookup.kind !== 'search') continue;
      const def = lookup.definition;
      const problem = checkValueShape(def.type, p.value, {
        ...(modifier === undefined ? {} : { modifier }),
        ...(def.target === undefined ? {} : { targets: def.target }),
      });
      if (!problem) continue;
      out.push(
        finding(
          p.valueRange(problem.offset, problem.length),
          `Wrong value for ${p.resourceType === '*' ? '' : `${p.resourceType}.`}${base} (${def.type}): ${problem.message}. Example: ${base}=${problem.example}.`,
          p.uri,
          { parameter: base, parameterType: def.type, found: p.value, example: problem.example },
        ),
      );
    }
    return out;
  },
});
