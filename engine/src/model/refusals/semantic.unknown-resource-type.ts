import { defineRule } from '../define-rule.js';
import type { RuleFinding } from '../rule-types.js';
import { didYouMean, finding, suggest } from '../finding.js';
import { rangeInScope } from '../scope-info.js';
import { correctedScope, isResourceTypeError } from '../scope-errors.js';
import { contextPatternProblems } from '../context-patterns.js';
import { list, rangeOf, textOf } from '../safe.js';
import { RESOURCE_TYPE_SET } from '../../fhir/resource-types.js';
import { R4_RESOURCE_TYPES } from '../../fhir/resource-types.js';
import { parseScopeCached } from '../../smart/parse-scope-cached.js';
import { SCOPE_ERROR_CODES } from '../../smart/scope-error-codes.js';

/**
 * Resource types must exist in the declared FHIR version (R4): in grant scopes, in `explain`
 * targets and in `fhirContext` context requirements.
 */
export const unknownResourceType = defineRule({
  code: 'semantic.unknown-resource-type',
  name: 'unknown-resource-type',
  category: 'semantic',
  defaultSeverity: 'error',
  summary: 'A resource type is not a resource of the declared FHIR version, so nothing can ever match it.',
  check(context) {
    const out: RuleFinding[] = [];
    const version = context.fhirVersion;
    for (const gs of context.grantScopes) {
      const parsed = gs.info.parsed;
      if (parsed.ok || !isResourceTypeError(parsed.error)) continue;
      // The parser's own correction (case, abstract types), else the nearest type name.
      const { offset, length } = parsed.error;
      const written = gs.info.text.slice(offset, offset + length);
      const nearest = parsed.error.code === SCOPE_ERROR_CODES.resourceUnknown ? suggest(written, R4_RESOURCE_TYPES) : undefined;
      const replacement =
        correctedScope(gs.info.text, parsed.error) ??
        (nearest === undefined ? undefined : gs.info.text.slice(0, offset) + nearest + gs.info.text.slice(offset + length));
      out.push(
        finding(
          rangeInScope(gs.info, offset, length),
          `Not a FHIR ${version} resource type in "${gs.info.text}": ${parsed.error.message}.${didYouMean(nearest)}`,
          gs.uri,
          { scope: gs.info.text, reason: parsed.error.code, ...(replacement === undefined ? {} : { replacement }) },
        ),
      );
    }
    for (const p of contextPatternProblems(context)) {
      if (p.kind !== 'type') continue;
      out.push(
        finding(
          rangeInScope(p.info, p.offset, p.length),
          `Not a FHIR ${version} resource type in the context pattern "${p.info.text}": ${p.message}.`,
          p.uri,
          {
            scope: p.info.text,
            ...(p.replacement === undefined ? {} : { replacement: p.replacement }),
          },
        ),
      );
    }
    for (const { node, uri } of context.index.explains) {
      const target = textOf(node.target);
      if (target === undefined || target === '*' || RESOURCE_TYPE_SET.has(target)) continue;
      const asScope = parseScopeCached(target);
      if (asScope.ok && asScope.scope.type !== 'resource') continue;
      const suggestion = suggest(target, R4_RESOURCE_TYPES);
      out.push(
        finding(
          rangeOf(node.target),
          `"${target}" is neither a FHIR ${version} resource type, "*", nor a scope word such as offline_access; explain blocks name what they explain.${didYouMean(suggestion)}`,
          uri,
          { found: target, ...(suggestion === undefined ? {} : { replacement: suggestion }) },
        ),
      );
    }
    for (const { node, uri } of context.index.contexts) {
      for (const st of list(node.statements)) {
        if (st?.kind !== 'context.requires') continue;
        for (const item of list(st.requirements)) {
          const type = textOf(item?.resourceType);
          if (type === undefined || RESOURCE_TYPE_SET.has(type)) continue;
          const suggestion = suggest(type, R4_RESOURCE_TYPES);
          out.push(
            finding(
              rangeOf(item.resourceType),
              `"${type}" is not a FHIR ${version} resource type; fhirContext items name the type of the resource in context.${didYouMean(suggestion)}`,
              uri,
              { found: type, ...(suggestion === undefined ? {} : { replacement: suggestion }) },
            ),
          );
        }
      }
    }
    return out;
  },
});
