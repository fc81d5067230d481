/**
 * One source of truth for the wire formats: each hand-documented TypeScript type agrees with the
 * type generated from its published schema. Checked by the compiler (`npm run typecheck`): a
 * member added, dropped or retyped on one side only makes an assignment below fail to compile.
 * Mutually assignable where the library value and the wire are the same shape; one way where
 * the wire admits more than the library produces (noted per line).
 */
import { describe, expect, it } from 'vitest';
import type { AccessRequest, AccessResult } from '../../src/access/access-types.js';
import type { PolicyBundle } from '../../src/compile/bundle-types.js';
import type { JsonCheckReport } from '../../src/check/format/json.js';
import type { ExplainResult } from '../../src/explain/explain-types.js';
import type { TokenDecision, TokenRequest } from '../../src/evaluate/token-types.js';
import type {
  AccessRequestWire,
  AccessResultWire,
  CheckReportWire,
  ExplainResultWire,
  PolicyBundleWire,
  TokenDecisionWire,
  TokenRequestWire,
} from '../../src/schema/generated/wire-schemas.js';

type Assignable<A, B> = [A] extends [B] ? true : false;
type Same<A, B> = Assignable<A, B> extends true ? Assignable<B, A> : false;

const agreements = {
  policyBundle: true satisfies Same<PolicyBundle, PolicyBundleWire>,
  checkReport: true satisfies Same<JsonCheckReport, CheckReportWire>,
  // The CLI also prints `requestedLocale: null` and `localeFallback: false`, which the library leaves out.
  explainResult: true satisfies Assignable<ExplainResult, ExplainResultWire>,
  accessResult: true satisfies Assignable<AccessResult, AccessResultWire>,
  tokenDecision: true satisfies Assignable<TokenDecision, TokenDecisionWire>,
  // Requests: the wire also takes the batch `id`, `null` for absent members and a scope string;
  // the library also takes a prepared-token handle as `granted`.
  accessRequest: true satisfies Assignable<Omit<AccessRequest, 'granted'> & { readonly granted: readonly string[] }, AccessRequestWire>,
  tokenRequest: true satisfies Assignable<TokenRequest, TokenRequestWire>,
};

describe('wire types', () => {
  it('agree with the hand-documented types (checked at compile time)', () => {
    expect(Object.values(agreements).every((v) => v)).toBe(true);
  });
});
