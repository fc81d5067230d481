/**
 * What the token response must carry (SMART App Launch, App Launch: "Obtain access token", the token response) and what introspection must echo
 * (rules 39–41, 44), given the granted scopes, the context decision and the refresh decision.
 */
import type { PolicyBundle } from '../compile/bundle-types.js';
import type { RequestBinding } from './binding.js';
import type { RefreshDecision, TokenContextDecision, TokenContextMembers, TokenRequest } from './token-types.js';
import { appendAll } from '../util/append-all.js';

/** Launch-context parameters SMART defines (SMART App Launch, Scopes and Launch Context: "Launch context arrives with your access_token"); others are extensions. */
const SMART_CONTEXT_PARAMETERS = new Set([
  'patient',
  'encounter',
  'fhirContext',
  'need_patient_banner',
  'intent',
  'smart_style_url',
  'tenant',
]);

export interface ResponseShape {
  readonly mustInclude: readonly string[];
  readonly tokenType: string;
  readonly expiresIn: number;
  readonly echo: readonly string[];
}

/** The context members that hold a value in `members`, in SMART's order. */
function memberNames(members: TokenContextMembers): string[] {
  return (['patient', 'encounter', 'fhirContext'] as const).filter((m) => members[m] !== undefined);
}

export function responseShape(
  bundle: PolicyBundle,
  carries: readonly string[],
  echoes: readonly string[],
  request: TokenRequest,
  context: TokenContextDecision,
  established: TokenContextMembers,
  bound: RequestBinding,
  idToken: boolean,
  fhirUser: boolean,
  refresh: RefreshDecision | null,
): ResponseShape {
  const options = bundle.policy.options.token;
  const backend = request.grantType === 'client_credentials';
  // expires_in: recommended for App Launch, required for refresh and Backend Services; always sent.
  const expiresIn = backend ? Math.min(options.backendTokenLifetime, 300) : Math.min(options.accessTokenLifetime, 3600);
  const dpopBound = bound.dpopJkt !== undefined && options.dpopAccessTokens === 'bind';
  const tokenType = dpopBound ? 'DPoP' : options.tokenType;

  const must = ['access_token', 'token_type', 'expires_in', 'scope'];
  const contextMembers: string[] = [];
  if (context.patient === 'required') contextMembers.push('patient');
  if (context.encounter === 'required') contextMembers.push('encounter');
  if ((context.fhirContext ?? []).some((f) => f.demand === 'required')) contextMembers.push('fhirContext');
  // Context that is established, required or not, travels with the token (issue 15).
  for (const member of memberNames(established)) if (!contextMembers.includes(member)) contextMembers.push(member);
  if (request.grantType === 'authorization_code') {
    for (const extra of carries) if (!contextMembers.includes(extra)) contextMembers.push(extra);
  }
  appendAll(must, contextMembers);
  if (idToken) must.push('id_token');
  if (refresh?.issue === true) must.push('refresh_token');

  // Introspection repeats the context the token response carried (rule 40); extension
  // parameters only when the policy says `introspection.echo all` (a question the SMART App Launch IG leaves open).
  const echoable = (member: string) => options.introspectionEcho === 'all' || SMART_CONTEXT_PARAMETERS.has(member);
  const echo = ['active', 'scope', 'client_id', 'exp'];
  for (const member of [...contextMembers, ...echoes]) {
    if (echoable(member) && !echo.includes(member)) echo.push(member);
  }
  if (idToken) echo.push('iss', 'sub', ...(fhirUser ? ['fhirUser'] : []));
  if (dpopBound) echo.push('cnf', 'token_type');
  return { mustInclude: must, tokenType, expiresIn, echo };
}
