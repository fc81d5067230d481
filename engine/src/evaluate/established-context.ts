/**
 * The launch-context values a token response carries and introspection echoes (issue 15,
 * SMART App Launch, Scopes and Launch Context: "Launch context arrives with your access_token"; Token Introspection): every context member the decision establishes whose
 * value the server already has, whether the granted scopes require it or only ask for it
 * (`launch/encounter` in a standalone launch when an encounter is available; the patient,
 * encounter and fhirContext of the EHR session when `launch` is granted in an EHR launch).
 * Introspection repeats each of them with the same value.
 */
import type { FhirContextItem } from '../access/access-types.js';
import type { TokenContextDecision, TokenContextMembers, TokenRequest } from './token-types.js';

function typeOfItem(item: FhirContextItem): string | undefined {
  if (typeof item.type === 'string') return item.type;
  if (typeof item.reference === 'string') return item.reference.split('/')[0];
  return undefined;
}

/** An available fhirContext item is established when the decision asks for its type (and role, when one is named). */
function asked(item: FhirContextItem, wanted: NonNullable<TokenContextDecision['fhirContext']>): boolean {
  const type = typeOfItem(item)?.toLowerCase();
  if (type === undefined) return false;
  return wanted.some((w) => w.type.toLowerCase() === type && (w.role === undefined || (item.role ?? 'launch') === w.role));
}

/** The context values established for this decision (only members whose value is known). */
export function establishedContext(request: TokenRequest, context: TokenContextDecision): TokenContextMembers {
  const available = request.availableContext;
  if (available === undefined || available === null) return {};
  const members: { patient?: string; encounter?: string; fhirContext?: readonly FhirContextItem[] } = {};
  if (context.patient !== undefined && typeof available.patient === 'string') members.patient = available.patient;
  if (context.encounter !== undefined && typeof available.encounter === 'string') members.encounter = available.encounter;
  const wanted = context.fhirContext ?? [];
  if (wanted.length > 0 && Array.isArray(available.fhirContext)) {
    const items = available.fhirContext.filter((item) => asked(item, wanted));
    if (items.length > 0) members.fhirContext = items;
  }
  return members;
}
