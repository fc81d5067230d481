import { defineRule } from '../../../model/define-rule.js';
import type { RuleFinding } from '../../../model/rule-types.js';
import { finding } from '../../../model/finding.js';

/**
 * `*` covers every resource type the server exposes now and any it adds later (SMART App Launch, Scopes and
 * Launch Context: "Wildcard scopes"): a patient who consents to `patient/*.rs` today also consents to genomics added next
 * year. Fires for an allowed `*` scope that a patient or related person can be granted.
 */
export const wildcardPatientFacing = defineRule({
  code: 'security.wildcard-patient-facing',
  name: 'wildcard-patient-facing',
  category: 'security',
  defaultSeverity: 'warning',
  summary:
    'A patient-facing app class is allowed a * wildcard scope, which also covers resource types the server adds later, beyond what the patient saw at consent.',
  check(context) {
    const out: RuleFinding[] = [];
    for (const gs of context.grantScopes) {
      if (gs.effect !== 'allow' || gs.app === undefined || !gs.info.parsed.ok) continue;
      const s = gs.info.parsed.scope;
      if (s.type !== 'resource' || s.resourceType !== '*') continue;
      const worlds = context.worldsWhere(gs.app, gs.rule.condition);
      if (!worlds?.some((w) => w.user === 'patient' || w.user === 'related-person')) continue;
      out.push(
        finding(
          gs.info.textRange,
          `"${gs.info.text}" gives patient-facing app class "${gs.app}" every resource type, including ones added later; list the types patients consent to (e.g. ${s.level}/Observation.${s.permissions}, ${s.level}/Condition.${s.permissions}), and make sure the consent text says future data is included if you keep it.`,
          gs.uri,
          {
            scope: gs.info.text,
            app: gs.app,
          },
        ),
      );
    }
    return out;
  },
});
