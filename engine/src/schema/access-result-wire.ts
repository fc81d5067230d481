import type { AccessResult } from '../access/access-types.js';

/**
 * An access result as JSON on the wire (engine/schemas/access-result.schema.json): the one shape
 * `smart-policy eval access` prints and `POST /v1/decide/access` answers.
 */
export function accessResultWire(result: AccessResult): Record<string, unknown> {
  return {
    decision: result.decision,
    interaction: result.interaction,
    reasons: result.reasons,
    narrowing: result.narrowing ?? null,
    ...(result.entries ? { entries: result.entries } : {}),
    ...(result.errors.length > 0 ? { errors: result.errors } : {}),
  };
}
