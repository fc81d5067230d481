import { defineRule } from '../../../model/define-rule.js';
import type { RuleFinding } from '../../../model/rule-types.js';
import type { ResourceScope } from '../../../smart/scope-types.js';
import { finding } from '../../../model/finding.js';

/**
 * Write never implies read in SMART (SMART App Launch, Scopes and Launch Context: "Scopes for requesting FHIR Resources"): `patient/Observation.cu` lets an app add and change
 * observations it cannot see, which is rarely intended (an app that overwrites what it cannot
 * read). Fires for an allowed scope with c, u or d on a type when the app class is allowed no r
 * on that type (or `*`) at the same level, with the same or a broader query.
 */
export const writeWithoutRead = defineRule({
  code: 'security.write-without-read',
  name: 'write-without-read',
  category: 'security',
  defaultSeverity: 'warning',
  summary: 'An app class may create, update or delete a resource type it is not allowed to read, so it changes records it cannot see.',
  check(context) {
    const out: RuleFinding[] = [];
    const reads = new Map<string, ResourceScope[]>();
    for (const gs of context.grantScopes) {
      if (gs.effect !== 'allow' || gs.app === undefined || !gs.info.parsed.ok) continue;
      const s = gs.info.parsed.scope;
      if (s.type === 'resource' && s.permissions.includes('r')) {
        const list = reads.get(gs.app) ?? [];
        list.push(s);
        reads.set(gs.app, list);
      }
    }
    for (const gs of context.grantScopes) {
      if (gs.effect !== 'allow' || gs.app === undefined || !gs.info.parsed.ok) continue;
      const s = gs.info.parsed.scope;
      if (s.type !== 'resource' || s.permissions.includes('r') || !/[cud]/.test(s.permissions)) continue;
      const readable = (reads.get(gs.app) ?? []).some(
        (r) =>
          r.level === s.level &&
          (r.resourceType === '*' || r.resourceType === s.resourceType) &&
          r.query.every((q) => s.query.some((p) => p.name === q.name && p.value === q.value)),
      );
      if (readable) continue;
      const letters = ['c', 'r', 'u', 'd', 's'].filter((l) => l === 'r' || s.permissions.includes(l)).join('');
      const query = s.query.length === 0 ? '' : `?${s.query.map((p) => `${p.name}=${p.value}`).join('&')}`;
      const replacement = `${s.level}/${s.resourceType}.${letters}${query}`;
      out.push(
        finding(
          gs.info.textRange,
          `"${gs.info.text}" lets app class "${gs.app}" write ${s.resourceType === '*' ? 'any resource' : `${s.resourceType} resources`} it cannot read (write never implies read); allow read too ("${replacement}"), or ignore this if write-only is intended.`,
          gs.uri,
          {
            scope: gs.info.text,
            app: gs.app,
            replacement,
          },
        ),
      );
    }
    return out;
  },
});
