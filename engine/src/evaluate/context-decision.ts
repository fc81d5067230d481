/**
 * The launch context the granted scopes oblige the server to establish (SMART App Launch, Scopes and Launch Context: a patient/ scope granted means a patient in context),
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
  /**
   * `launch` granted in an EHR launch: the app asked for "the context already established in
   * the EHR session" (SMART App Launch, Scopes and Launch Context: "Scopes for requesting context data"), so what the server has for this session is established too.
   */
  readonly sessionContextGranted: boolean;
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

interface ContextState {
  patient: ContextDemand | undefined;
  encounter: ContextDemand | undefined;
  readonly fhirContext: { type: string; role?: string; demand: ContextDemand }[];
}

/** A patient-level scope (or a `requires patient`) needs a patient; at refresh it must already be there. */
function needPatient(input: ContextInput, state: ContextState, piece: ContextPiece, reuse: boolean, span?: SourceSpan): void {
  const available = input.request.availableContext;
  if (reuse && available !== undefined && available.patient === undefined) {
    piece.dropped = {
      rule: CONTEXT_RULES.patientMissing,
      reason: 'no patient is in context for this grant, so a patient-level scope cannot be limited to one',
      ...(span !== undefined ? { span } : {}),
    };
    return;
  }
  state.patient = 'required';
}

function applyNeed(
  input: ContextInput,
  state: ContextState,
  need: ContextNeed,
  piece: ContextPiece,
  reuse: boolean,
  rule: string,
  span: SourceSpan,
): void {
  const available = input.request.availableContext;
  if (need.kind === 'patient') {
    needPatient(input, state, piece, reuse, span);
  } else if (need.kind === 'encounter') {
    if (available !== undefined && available.encounter === undefined) {
      piece.dropped = { rule, reason: 'the policy requires an encounter in context for this scope, and none is available', span };
    } else state.encounter = 'required';
  } else if (available !== undefined && !hasFhirContext(available.fhirContext, need.type, need.role)) {
    piece.dropped = { rule, reason: `the policy requires a ${need.type} in fhirContext for this scope, and none is available`, span };
  } else if (!state.fhirContext.some((f) => f.type === need.type && f.role === need.role)) {
    state.fhirContext.push({ type: need.type, ...(need.role !== undefined ? { role: need.role } : {}), demand: 'required' });
  }
}

/** Drops pieces whose context cannot be had and returns what the server must establish. */
export function decideContext(input: ContextInput): TokenContextDecision {
  const { request, pieces } = input;
  const available = request.availableContext;
  const grant = request.grantType;
  // Refresh and JWT bearer grants repeat the context of the original grant; there is no picker.
  const reuse = grant !== 'authorization_code';
  const state: ContextState = { patient: undefined, encounter: undefined, fhirContext: [] };

  // Scopes and Launch Context, patient-specific scopes: a patient/ scope granted means a patient in context.
  for (const piece of pieces) {
    if (piece.dropped !== undefined || piece.scope.type !== 'resource' || piece.scope.level !== 'patient') continue;
    if (grant === 'authorization_code' && input.dropPatientScopesWithoutLaunch && !input.patientLaunchGranted) {
      piece.dropped = {
        rule: CONTEXT_RULES.patientLaunch,
        reason:
          "patient-level scopes need 'launch' (EHR launch) or 'launch/patient' (standalone), and the policy does not act as if they were asked",
      };
      continue;
    }
    needPatient(input, state, piece, reuse);
  }

  for (const { requirement, matches } of input.requirements) {
    for (const piece of pieces) {
      if (piece.dropped !== undefined || !matches(piece.scope)) continue;
      for (const need of requirement.requires) {
        if (piece.dropped === undefined) applyNeed(input, state, need, piece, reuse, requirement.id, requirement.span);
      }
    }
  }

  // Context scopes the app asked for: standalone SHOULD provide them, an EHR launch MAY.
  const optionalFhirContext: { type: string; role?: string }[] = [];
  for (const piece of pieces) {
    const s = piece.scope;
    if (piece.dropped !== undefined || s.type !== 'launch-context') continue;
    if (s.contextType === 'patient') {
      state.patient ??= grant === 'authorization_code' && request.launch === 'ehr' ? 'optional' : 'required';
    } else if (s.contextType === 'encounter') {
      state.encounter ??= 'optional';
    } else if (!state.fhirContext.some((f) => f.type.toLowerCase() === s.contextType)) {
      optionalFhirContext.push({ type: s.contextType, ...(s.role !== null ? { role: s.role } : {}) });
    }
  }

  // `launch` in an EHR launch: the session's patient, encounter and fhirContext are the context.
  if (input.sessionContextGranted && available !== undefined && available !== null) {
    if (typeof available.patient === 'string') state.patient ??= 'optional';
    if (typeof available.encounter === 'string') state.encounter ??= 'optional';
    for (const item of Array.isArray(available.fhirContext) ? available.fhirContext : []) {
      const type = typeOfItem(item);
      if (type === undefined) continue;
      const role = typeof item.role === 'string' && item.role !== 'launch' ? item.role : undefined;
      const known = (f: { type: string; role?: string }) =>
        f.type.toLowerCase() === type.toLowerCase() && (f.role === undefined || f.role === (role ?? 'launch'));
      if (state.fhirContext.some(known) || optionalFhirContext.some(known)) continue;
      optionalFhirContext.push({ type, ...(role !== undefined ? { role } : {}) });
    }
  }

  const decision: { -readonly [K in keyof TokenContextDecision]: TokenContextDecision[K] } = {};
  if (state.patient !== undefined) {
    decision.patient = state.patient;
    if (grant === 'authorization_code') decision.patientPicker = available?.patient === undefined;
  }
  if (state.encounter !== undefined) decision.encounter = state.encounter;
  if (state.fhirContext.length > 0 || optionalFhirContext.length > 0) {
    decision.fhirContext = [...state.fhirContext, ...optionalFhirContext.map((f) => ({ ...f, demand: 'optional' as const }))];
  }
  return decision;
}
