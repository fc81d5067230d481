/**
 * The launch context the granted scopes oblige the server to establish (digest §4.3, rule 32),
 * and the policy's `requires` rules. Scopes whose context cannot exist are dropped (fail closed):
 * a `patient/` scope with no patient to limit it to grants nothing safely.
 */
import type { ContextNeed, SourceSpan } from '../compile/bundle-types.js';
import type { FhirContextItem } from '../access/access-types.js';
import type { Scope } from '../smart/scope-types.js';
import type { IndexedRequirement } from './evaluator-index.js';
import type { ContextDemand, TokenContextDecision, TokenRequest } from './token-types.js';

export const CONTEXT_RULES = {
  patientLaunch: 'token.context.patient-launch',
  patientMissing: 'token.context.patient-missing',
} as const;

/** A granted piece the context pass may keep or drop. */
export interface ContextPiece {
  readonly scope: Scope;
  dropped?: { readonly rule: string; readonly reason: string; readonly span?: SourceSpan };
}

export interface ContextInput {
  readonly request: TokenRequest;
  readonly pieces: readonly ContextPiece[];
  /** The requirements that apply to the matched app classes. */
  readonly requirements: readonly IndexedRequirement[];
  /** `launch` granted in an EHR launch, or `launch/patient` granted. */
  readonly patientLaunchGranted: boolean;
  readonly dropPatientScopesWithoutLaunch: boolean;
}

function typeOfItem(item: FhirContextItem): string | undefined {
  if (typeof item.type === 'string') return item.type;
  if (typeof item.reference === 'string') return item.reference.split('/')[0];
  return undefined;
}

function hasFhirContext(items: readonly FhirContextItem[] | undefined, type: string, role: string | undefined): boolean {
  return (items ?? []).some(
    (item) => typeOfItem(item)?.toLowerCase() === type.toLowerCase() && (role === undefined || (item.role ?? 'launch') === role),
  );
}

/** Drops pieces whose context cannot be had and returns what the server must establish. */
export function decideContext(input: ContextInput): TokenContextDecision {
  const { request } = input;
  const available = request.availableContext;
  const grant = request.grantType;
  // Refresh and JWT bearer grants repeat the context of the original grant; there is no picker.
  const reuse = grant !== 'authorization_code';
  const live = () => input.pieces.filter((p) => p.dropped === undefined);

  let patient: ContextDemand | undefined;
  let encounter: ContextDemand | undefined;
  const fhirContext: { type: string; role?: string; demand: ContextDemand }[] = [];
  const optionalFhirContext: { type: string; role?: string }[] = [];

  const needPatient = (piece: ContextPiece, span?: SourceSpan) => {
    if (reuse && available !== undefined && available.patient === undefined) {
      piece.dropped = {
        rule: CONTEXT_RULES.patientMissing,
        reason: 'no patient is in context for this grant, so a patient-level scope cannot be limited to one',
        ...(span !== undefined ? { span } : {}),
      };
      return;
    }
    patient = 'required';
  };

  // §4.3: a patient/ scope granted means a patient in context.
  for (const piece of live()) {
    if (piece.scope.type !== 'resource' || piece.scope.level !== 'patient') continue;
    if (grant === 'authorization_code' && input.dropPatientScopesWithoutLaunch && !input.patientLaunchGranted) {
      piece.dropped = {
        rule: CONTEXT_RULES.patientLaunch,
        reason: "patient-level scopes need 'launch' (EHR launch) or 'launch/patient' (standalone), and the policy does not act as if they were asked",
      };
      continue;
    }
    needPatient(piece);
  }

  const applyNeed = (need: ContextNeed, piece: ContextPiece, rule: string, span: SourceSpan) => {
    if (need.kind === 'patient') {
      needPatient(piece, span);
    } else if (need.kind === 'encounter') {
      if (available !== undefined && available.encounter === undefined) {
        piece.dropped = { rule, reason: 'the policy requires an encounter in context for this scope, and none is available', span };
      } else encounter = 'required';
    } else if (available !== undefined && !hasFhirContext(available.fhirContext, need.type, need.role)) {
      piece.dropped = { rule, reason: `the policy requires a ${need.type} in fhirContext for this scope, and none is available`, span };
    } else if (!fhirContext.some((f) => f.type === need.type && f.role === need.role)) {
      fhirContext.push({ type: need.type, ...(need.role !== undefined ? { role: need.role } : {}), demand: 'required' });
    }
  };

  for (const { requirement, matches } of input.requirements) {
    for (const piece of live()) {
      if (!matches(piece.scope)) continue;
      for (const need of requirement.requires) {
        if (piece.dropped === undefined) applyNeed(need, piece, requirement.id, requirement.span);
      }
    }
  }

  // Context scopes the app asked for: standalone SHOULD provide them, an EHR launch MAY.
  for (const piece of live()) {
    const s = piece.scope;
    if (s.type !== 'launch-context') continue;
    if (s.contextType === 'patient') {
      if (patient === undefined) patient = grant === 'authorization_code' && request.launch === 'ehr' ? 'optional' : 'required';
    } else if (s.contextType === 'encounter') {
      encounter ??= 'optional';
    } else if (!fhirContext.some((f) => f.type.toLowerCase() === s.contextType)) {
      optionalFhirContext.push({ type: s.contextType, ...(s.role !== null ? { role: s.role } : {}) });
    }
  }

  const decision: { -readonly [K in keyof TokenContextDecision]: TokenContextDecision[K] } = {};
  if (patient !== undefined) {
    decision.patient = patient;
    if (grant === 'authorization_code') decision.patientPicker = available?.patient === undefined;
  }
  if (encounter !== undefined) decision.encounter = encounter;
  const all = [...fhirContext, ...optionalFhirContext.map((f) => ({ ...f, demand: 'optional' as const }))];
  if (all.length > 0) decision.fhirContext = all;
  return decision;
}
