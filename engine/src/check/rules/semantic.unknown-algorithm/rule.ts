import { defineRule } from '../../../model/define-rule.js';
import type { RuleFinding } from '../../../model/rule-types.js';
import { didYouMean, finding, suggest } from '../../../model/finding.js';
import { list, rangeOf, textOf } from '../../../model/safe.js';

/** Asymmetric JWS algorithms a registered device key may use (RFC 7518); SMART requires RS384/ES384 support (SMART App Launch, Client Authentication: Asymmetric). */
export const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const;

/** `registration { algorithms ... }` names asymmetric JWS algorithms only. */
export const unknownAlgorithm = defineRule({
  code: 'semantic.unknown-algorithm',
  name: 'unknown-algorithm',
  category: 'semantic',
  defaultSeverity: 'error',
  summary:
    'A registration block allows a key algorithm that is not an asymmetric JWS algorithm, so device keys using it cannot be verified safely.',
  check(context) {
    const out: RuleFinding[] = [];
    for (const { node, uri } of context.index.registrations) {
      for (const st of list(node.statements)) {
        if (st?.kind !== 'registration.algorithms') continue;
        for (const v of list(st.values)) {
          const alg = textOf(v);
          if (alg === undefined || (ASYMMETRIC_ALGORITHMS as readonly string[]).includes(alg)) continue;
          const symmetric = /^HS\d+$/i.test(alg) || alg.toLowerCase() === 'none';
          const suggestion = symmetric ? undefined : suggest(alg, ASYMMETRIC_ALGORITHMS);
          const why = symmetric
            ? `"${alg}" is not asymmetric: device keys of trusted dynamic registration are public keys`
            : `"${alg}" is not a JWS algorithm`;
          out.push(
            finding(
              rangeOf(v),
              `${why}; use ES384 or RS384 (or another of ${ASYMMETRIC_ALGORITHMS.join(', ')}).${didYouMean(suggestion)}`,
              uri,
              {
                found: alg,
                expected: ASYMMETRIC_ALGORITHMS,
                ...(suggestion === undefined ? {} : { replacement: suggestion }),
              },
            ),
          );
        }
      }
    }
    return out;
  },
});
