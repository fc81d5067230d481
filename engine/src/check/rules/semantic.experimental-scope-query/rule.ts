import { defineRule } from '../../../model/define-rule.js';
import type { RuleFinding } from '../../../model/rule-types.js';
import { finding } from '../../../model/finding.js';
import { queryParams } from '../../model/query-params.js';
import { isExperimentalName } from '../../../smart/parse-resource-scope.js';

/** Modifiers, chains and `_filter` in scope queries are experimental in SMART 2.2 (Scopes and Launch Context: "Finer-grained resource constraints using search parameters"). */
export const experimentalScopeQuery = defineRule({
  code: 'semantic.experimental-scope-query',
  name: 'experimental-scope-query',
  category: 'semantic',
  defaultSeverity: 'info',
  summary:
    'A scope query uses a modifier, a chain or _filter, which SMART App Launch 2.2 marks experimental; many servers do not support them.',
  check(context) {
    const out: RuleFinding[] = [];
    for (const p of queryParams(context)) {
      if (p.source !== 'scope' || !isExperimentalName(p.name)) continue;
      const kind = p.name === '_filter' ? '_filter' : p.name.includes('.') ? 'a chain' : 'a modifier';
      out.push(
        finding(
          p.nameRange,
          `"${p.name}" uses ${kind}, which SMART 2.2 marks experimental; confirm every server you deploy to supports it, or restrict by a plain parameter (e.g. category=system|code).`,
          p.uri,
          { found: p.name, feature: kind },
        ),
      );
    }
    return out;
  },
});
