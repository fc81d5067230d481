/**
 * Decides one classified request (a whole request, or one entry of a batch or transaction):
 * dispatches by interaction to the instance and search deciders, and handles what SMART maps to
 * no letter (capabilities, operations, conditional interactions; rule 30).
 */
import type { QueryPair } from '../smart/scope-types.js';
import type { Reason, SearchNarrowing } from './access-types.js';
import type { ClassifiedRequest, Letter } from './classify-request.js';
import { decideInstance } from './decide-instance.js';
import { decideSearch, mergeNarrowing } from './decide-search.js';
import type { DecisionContext, Outcome } from './decision-context.js';
import { decideOperationTypes } from './operation-types.js';
import { ACCESS_RULES as R, reason } from './reasons.js';
import { isCompartmentType } from '../fhir/patient-compartment.js';
import { isResourceType } from '../fhir/resource-types.js';
import { appendAll } from '../util/append-all.js';

/** Inputs of a decision besides the classified request. */
export interface RequestData {
  /** Stored resource: object, `null` (does not exist) or `undefined` (not given). */
  readonly stored: object | null | undefined;
  /** The request body (resource for create/update). */
  readonly body: unknown;
}

const CAPS_ALLOW: Outcome = Object.freeze({
  decision: 'allow',
  reasons: Object.freeze([
    reason(R.capabilities, 'the capability statement (GET metadata) is public; no scope is needed (option capabilities: allow)'),
  ]),
});
const CAPS_DENY: Outcome = Object.freeze({
  decision: 'deny',
  reasons: Object.freeze([reason(R.capabilities, 'GET metadata is refused by option capabilities: deny')]),
});

/** Decides a single (non-bundle) request. Batch and transaction are handled by the caller. */
export function decideRequest(dc: DecisionContext, c: ClassifiedRequest, data: RequestData): Outcome {
  switch (c.interaction) {
    case 'patch':
      return decideInstance(dc, {
        type: c.resourceType as string,
        id: c.id,
        letter: 'u',
        stored: data.stored,
        checkStored: true,
        body: undefined,
        interaction: 'patch',
        patch: data.body === undefined ? null : data.body,
      });
    case 'read':
    case 'vread':
    case 'history-instance':
    case 'delete':
      return decideInstance(dc, {
        type: c.resourceType as string,
        id: c.id,
        letter: c.letter as Letter,
        stored: data.stored,
        checkStored: true,
        body: undefined,
        interaction: c.interaction,
      });
    case 'update':
    case 'update-as-create':
      return decideInstance(dc, {
        type: c.resourceType as string,
        id: c.id,
        letter: 'u',
        stored: c.interaction === 'update-as-create' ? null : data.stored,
        checkStored: c.interaction === 'update',
        body: data.body as object,
        interaction: c.interaction,
      });
    case 'create':
      return decideInstance(dc, {
        type: c.resourceType as string,
        id: undefined,
        letter: 'c',
        stored: null,
        checkStored: false,
        body: data.body as object,
        interaction: 'create',
      });
    case 'search-type':
    case 'search-type-post':
    case 'history-type':
      return decideSearch(dc, {
        type: c.resourceType as string,
        letter: 's',
        params: c.params,
        interaction: c.interaction,
        narrowAllowed: true,
        history: c.interaction === 'history-type',
      });
    case 'search-system':
    case 'search-system-post':
    case 'history-system':
      return decideSystem(dc, c);
    case 'search-compartment':
      return decideCompartment(dc, c);
    case 'capabilities':
      return dc.options.capabilities === 'allow' ? CAPS_ALLOW : CAPS_DENY;
    case 'operation':
      return decideOperation(dc, c, data);
    case 'create-conditional':
    case 'update-conditional':
    case 'patch-conditional':
    case 'delete-conditional':
      return decideConditional(dc, c, data);
    default:
      return {
        decision: 'deny',
        reasons: [
          reason(R.unmapped, 'the request is not a FHIR interaction SMART maps to a scope letter (rule 30)', { present: dc.token.scopes }),
        ],
      };
  }
}

/** The types named by `_type` (comma list, possibly repeated); undefined when absent. */
function typeList(params: readonly QueryPair[]): string[] | undefined {
  let out: string[] | undefined;
  for (const p of params) {
    if (p.name !== '_type') continue;
    out ??= [];
    for (const t of p.value.split(',')) {
      if (t.length > 0) out.push(t);
    }
  }
  return out;
}

/** System search and history: every type it can return must be covered (rule 21). */
function decideSystem(dc: DecisionContext, c: ClassifiedRequest): Outcome {
  const history = c.interaction === 'history-system';
  const types = history ? undefined : typeList(c.params);
  if (types === undefined || types.length === 0) {
    const out = decideSearch(dc, { type: '*', letter: 's', params: c.params, interaction: c.interaction, narrowAllowed: true, history });
    if (out.decision === 'allow') return out;
    return {
      decision: 'deny',
      reasons: [
        reason(
          R.systemTypes,
          `${c.interaction} returns every resource type; it needs a * scope with letter s, or a _type list whose types are all covered (rule 21)`,
          {
            missing: `${dc.token.resourceScopes[0]?.level ?? (dc.patient !== undefined ? 'patient' : 'user')}/*.s`,
            present: dc.token.scopes,
          },
        ),
        ...out.reasons,
      ],
    };
  }
  return decideTypes(dc, types, c.params, c.interaction, undefined);
}

/** Decides a search over several types: all must be allowed; narrowing is collected per type. */
function decideTypes(
  dc: DecisionContext,
  types: readonly string[],
  params: readonly QueryPair[],
  interaction: string,
  compartmentPatient: string | undefined,
): Outcome {
  const reasons: Reason[] = [];
  let narrowing: SearchNarrowing[] = [];
  const seen = new Set<string>();
  for (const type of types) {
    if (seen.has(type)) continue;
    seen.add(type);
    if (!isResourceType(type)) {
      const message = `_type names "${type}", which is not an R4 resource type`;
      return {
        decision: 'deny',
        reasons: [reason(R.invalidRequest, `the request is malformed, so access is denied: ${message}`, { present: dc.token.scopes })],
        errors: [{ code: 'request.query.type-unknown', message, path: '$.request.query' }],
      };
    }
    const out = decideSearch(dc, { type, letter: 's', params, interaction, narrowAllowed: true, compartmentPatient });
    if (out.decision === 'deny') {
      return {
        decision: 'deny',
        reasons: [
          reason(
            R.systemTypes,
            `${interaction} includes ${type}, which the granted scopes do not cover; every type must be covered (rule 21)`,
            {
              present: dc.token.scopes,
            },
          ),
          ...out.reasons,
        ],
      };
    }
    appendAll(reasons, out.reasons);
    if (out.narrowing !== undefined) narrowing = mergeNarrowing(narrowing, out.narrowing);
  }
  return narrowing.length > 0 ? { decision: 'allow', reasons, narrowing } : { decision: 'allow', reasons };
}

/** `GET Patient/123/Observation`: per option, a type search limited to that patient. */
function decideCompartment(dc: DecisionContext, c: ClassifiedRequest): Outcome {
  if (dc.options.compartmentSearch !== 'as-type-search') {
    return {
      decision: 'deny',
      reasons: [
        reason(R.unmapped, 'compartment search is refused (option compartmentSearch: deny; rule 30)', { present: dc.token.scopes }),
      ],
    };
  }
  const owner = c.compartment as { type: string; id: string };
  const patientOwner = owner.type === 'Patient' ? owner.id : undefined;
  const type = c.resourceType as string;
  if (patientOwner !== undefined && type !== '*' && !isCompartmentType(type)) {
    return {
      decision: 'deny',
      reasons: [
        reason(R.invalidRequest, `${type} is not in the Patient compartment, so Patient/${owner.id}/${type} returns nothing`, {
          present: dc.token.scopes,
        }),
      ],
    };
  }
  if (type === '*') {
    const types = typeList(c.params);
    if (types !== undefined && types.length > 0) {
      return decideTypes(dc, types, c.params, 'search-compartment', patientOwner);
    }
    const out = decideSearch(dc, {
      type: '*',
      letter: 's',
      params: c.params,
      interaction: 'search-compartment',
      narrowAllowed: true,
      compartmentPatient: patientOwner,
      compartmentTypesOnly: patientOwner !== undefined,
    });
    return out;
  }
  return decideSearch(dc, {
    type,
    letter: 's',
    params: c.params,
    interaction: 'search-compartment',
    narrowAllowed: true,
    compartmentPatient: patientOwner,
  });
}

/** `$operation`s: denied unless the `operations` option maps them to letters (rule 30). */
function decideOperation(dc: DecisionContext, c: ClassifiedRequest, data: RequestData): Outcome {
  const name = c.operation as string;
  const table = dc.options.operations;
  const mapped = table !== null && typeof table === 'object' && Object.hasOwn(table, name) ? table[name] : undefined;
  if (typeof mapped !== 'string' || mapped.length === 0 || !/^c?r?u?d?s?$/.test(mapped)) {
    return {
      decision: 'deny',
      reasons: [
        reason(
          R.unmapped,
          `${name} is an operation SMART maps to no scope letter; it is denied unless option operations maps it (rule 30)`,
          {
            present: dc.token.scopes,
          },
        ),
      ],
    };
  }
  const letters = mapped.split('') as Letter[];
  const reasons: Reason[] = [];
  for (const letter of letters) {
    let out: Outcome;
    if (c.operationLevel === 'instance') {
      out = decideInstance(dc, {
        type: c.resourceType as string,
        id: c.id,
        letter,
        stored: data.stored,
        checkStored: true,
        body: undefined,
        interaction: 'operation ' + name,
      });
    } else {
      // Type- and system-level operations cannot be narrowed: the request must already be inside.
      out = decideSearch(dc, {
        type: c.operationLevel === 'type' ? (c.resourceType as string) : '*',
        letter,
        params: c.params,
        interaction: 'operation ' + name,
        narrowAllowed: false,
      });
    }
    if (out.decision === 'deny') return out;
    appendAll(reasons, out.reasons);
  }
  // Operations returning many types need read and search on each (not just letters on one type).
  const types = decideOperationTypes(dc, name, c.params);
  if (types !== undefined && types.decision === 'deny') return types;
  const allowed: Outcome = {
    decision: 'allow',
    reasons: [
      reason(R.operationMapped, `${name} needs letters ${mapped} (option operations), and the granted scopes give them`),
      ...reasons,
      ...(types?.reasons ?? []),
    ],
  };
  return types?.narrowing !== undefined && types.narrowing.length > 0 ? { ...allowed, narrowing: types.narrowing } : allowed;
}

/** Conditional create/update/patch/delete: denied, or their letter plus `s` (option). */
function decideConditional(dc: DecisionContext, c: ClassifiedRequest, data: RequestData): Outcome {
  if (dc.options.conditionalInteractions !== 'require-search') {
    return {
      decision: 'deny',
      reasons: [
        reason(
          R.unmapped,
          `${c.interaction} involves a search SMART does not map; it is denied (option conditionalInteractions: deny; rule 30)`,
          {
            present: dc.token.scopes,
          },
        ),
      ],
    };
  }
  const type = c.resourceType as string;
  const letter = c.letter as Letter;
  const body = c.interaction === 'create-conditional' || c.interaction === 'update-conditional' ? (data.body as object) : undefined;
  const write = decideInstance(dc, {
    type,
    id: undefined,
    letter,
    stored: data.stored ?? null,
    checkStored: data.stored !== undefined && data.stored !== null,
    body,
    interaction: c.interaction,
  });
  if (write.decision === 'deny') return write;
  const criteria = c.params.filter((p) => p.name !== '_format' && p.name !== '_pretty');
  const search = decideSearch(dc, { type, letter: 's', params: criteria, interaction: c.interaction, narrowAllowed: true });
  if (search.decision === 'deny') return search;
  const out: Outcome = { decision: 'allow', reasons: [...write.reasons, ...search.reasons] };
  return search.narrowing !== undefined ? { ...out, narrowing: search.narrowing } : out;
}
