import { defineRule } from '../../../model/define-rule.js';
import { finding } from '../../../model/finding.js';
import { rangeOf, textOf } from '../../../model/safe.js';

/** FHIR versions whose resource types and search parameters the engine bundles. */
const SUPPORTED = ['R4'];

/** `fhir <version>` must name a version the engine has resource and search data for. */
export const unsupportedFhirVersion = defineRule({
  code: 'semantic.unsupported-fhir-version',
  name: 'unsupported-fhir-version',
  category: 'semantic',
  defaultSeverity: 'error',
  summary: 'The policy declares a FHIR version the engine has no resource types or search parameters for.',
  check(context) {
    const declared = context.index.fhirVersion;
    const version = textOf(declared?.node);
    if (!declared || version === undefined || SUPPORTED.includes(version)) return [];
    const replacement = SUPPORTED.find((v) => v.toLowerCase() === version.toLowerCase()) ?? 'R4';
    return [
      finding(
        rangeOf(declared.node),
        `FHIR version "${version}" is not supported; write \`fhir R4\` (resource types and search parameters are checked against FHIR R4 4.0.1).`,
        declared.uri,
        {
          found: version,
          supported: SUPPORTED,
          replacement,
        },
      ),
    ];
  },
});
