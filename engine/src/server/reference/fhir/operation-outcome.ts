/** OperationOutcome bodies of the sandbox FHIR endpoint: the decision's reasons, never request values. */
import type { Reason } from '../../../access/access-types.js';

export function operationOutcome(code: string, diagnostics: string, reasons: readonly Reason[] = []): Record<string, unknown> {
  const issues =
    reasons.length === 0
      ? [{ severity: 'error', code, diagnostics }]
      : reasons.map((r) => ({
          severity: 'error',
          code,
          details: { coding: [{ system: 'urn:smart-policy:rule', code: r.rule }], text: r.message },
          diagnostics: [
            r.missing !== undefined ? `needs ${r.missing}` : '',
            r.present !== undefined ? `token has ${r.present.join(' ')}` : '',
          ]
            .filter((t) => t !== '')
            .join('; '),
        }));
  return { resourceType: 'OperationOutcome', issue: issues };
}
