import { defineRule } from '../../../model/define-rule.js';
import type { RuleFinding } from '../../../model/rule-types.js';
import type { ResourceScope } from '../../../smart/scope-types.js';
import type { RuleContext } from '../../../model/rule-context.js';
import { finding } from '../../../model/finding.js';
import { list, rangeOf, textOf } from '../../../model/safe.js';

/**
 * A `patient/` scope is limited to the patient in context; granting one without a patient is
 * a SHALL violation (SMART App Launch, Scopes and Launch Context: patient-specific scopes). The policy says so with a context requirement such as
 * `patient/* requires patient`; this lint fires for an allowed patient-level scope that no
 * requirement (global, or in the app class's own context block) covers.
 */
export const patientScopeWithoutContext = defineRule({
  code: 'security.patient-scope-without-context',
  name: 'patient-scope-without-context',
  category: 'security',
  defaultSeverity: 'warning',
  summary:
    'A patient-level scope is allowed but no context requirement says it needs a patient in context, so a token could carry it without a patient.',
  check(context) {
    const out: RuleFinding[] = [];
    for (const gs of context.grantScopes) {
      if (gs.effect !== 'allow' || !gs.info.parsed.ok) continue;
      const s = gs.info.parsed.scope;
      if (s.type !== 'resource' || s.level !== 'patient') continue;
      // Backend-only classes are reported by semantic.unreachable-grant instead.
      const worlds = context.worldsWhere(gs.app, gs.rule.condition);
      if (worlds && worlds.length > 0 && worlds.every((w) => w.user === 'none')) continue;
      if (requiresPatient(context, gs.app, s)) continue;
      const global = context.index.contexts.find((c) => !c.node.app);
      const data: Record<string, unknown> = global
        ? { insert: 'patient/* requires patient', at: beforeClosingBrace(rangeOf(global.node).end), uri: global.uri }
        : { insert: 'context {\n  patient/* requires patient\n}', newBlock: true };
      out.push(
        finding(
          gs.info.textRange,
          `"${gs.info.text}" is patient-level but no context requirement says it needs a patient; add \`patient/* requires patient\` to a context block.`,
          gs.uri,
          { scope: gs.info.text, ...data },
        ),
      );
    }
    return out;
  },
});

function requiresPatient(context: RuleContext, app: string | undefined, scope: ResourceScope): boolean {
  for (const { node } of context.index.contexts) {
    const blockApp = textOf(node.app);
    if (blockApp !== undefined && blockApp !== app) continue;
    for (const st of list(node.statements)) {
      if (st?.kind !== 'context.requires') continue;
      if (!list(st.requirements).some((r) => r?.parameter?.value === 'patient')) continue;
      if (patternCovers(textOf(st.pattern), scope)) return true;
    }
  }
  return false;
}

// `patient/*` covers every patient-level scope; `patient/Observation` the Observation ones
// (a pattern covers the scopes it is a prefix of at a boundary — language.md, context).
function patternCovers(pattern: string | undefined, scope: ResourceScope): boolean {
  if (pattern === undefined) return false;
  if (pattern === 'patient' || pattern === 'patient/' || pattern === 'patient/*') return true;
  const m = /^patient\/([A-Za-z*]+)(?:\.|$)/.exec(pattern);
  return m !== null && (m[1] === '*' || m[1] === scope.resourceType);
}

function beforeClosingBrace(end: { line: number; column: number; offset: number }): { line: number; column: number; offset: number } {
  return { line: end.line, column: Math.max(1, end.column - 1), offset: Math.max(0, end.offset - 1) };
}
