/**
 * Facts about one resource type that decisions ask for on every request (is it in the Patient
 * compartment, which parameters name its patient, which filter narrows it to a patient), computed
 * once per type so the hot path does one map lookup instead of several with built keys.
 */
import type { AccessOptions } from './access-types.js';
import { compartmentLinks, type CompartmentLink } from './patient-compartment.js';
import { searchParameter } from '../fhir/search-parameters.js';
import { isCompartmentType } from '../fhir/patient-compartment.js';
import { isResourceType } from '../fhir/resource-types.js';

type Membership = AccessOptions['patientMembership'];

/** Per-type facts; the per-membership parts are filled on first use. */
export interface TypeFacts {
  readonly type: string;
  /** A concrete R4 type (false for `*` and unknown names). */
  readonly valid: boolean;
  /** Instances can be in a Patient compartment. */
  readonly inCompartment: boolean;
  /** Parameters whose value names the patient a result is about, per membership option. */
  linkParams(membership: Membership): ReadonlySet<string>;
  /** The same, as an array (iterating a Set allocates an iterator on the hot path). */
  linkParamList(membership: Membership): readonly string[];
  /** For each entry of `linkParamList`, whether a bare id on it counts as a patient id. */
  linkParamBare(membership: Membership): readonly boolean[];
  /** Parameters on which a bare id (`subject=123`) counts as a patient id. */
  readonly bareIdParams: ReadonlySet<string>;
  /** The compiled compartment links, per membership option. */
  links(membership: Membership): readonly CompartmentLink[];
}

class Facts implements TypeFacts {
  readonly valid: boolean;
  readonly inCompartment: boolean;
  readonly bareIdParams: ReadonlySet<string>;
  private linkC: ReadonlySet<string> | undefined;
  private linkP: ReadonlySet<string> | undefined;
  private compiledC: readonly CompartmentLink[] | undefined;
  private compiledP: readonly CompartmentLink[] | undefined;

  constructor(readonly type: string) {
    this.valid = isResourceType(type);
    this.inCompartment = this.valid && isCompartmentType(type);
    const bare = new Set<string>(['patient', 'subject']);
    if (this.valid) {
      for (const p of compartmentLinks(type, 'compartment')) {
        const t = searchParameter(type, p.param)?.target;
        if (t !== undefined && t.length === 1 && t[0] === 'Patient') bare.add(p.param);
      }
    }
    this.bareIdParams = bare;
  }

  linkParams(membership: Membership): ReadonlySet<string> {
    if (membership === 'primary') return (this.linkP ??= this.computeLinkParams('primary'));
    return (this.linkC ??= this.computeLinkParams('compartment'));
  }

  private listC: readonly string[] | undefined;
  private listP: readonly string[] | undefined;

  linkParamList(membership: Membership): readonly string[] {
    if (membership === 'primary') return (this.listP ??= [...this.linkParams('primary')]);
    return (this.listC ??= [...this.linkParams('compartment')]);
  }

  private bareC: readonly boolean[] | undefined;
  private bareP: readonly boolean[] | undefined;

  linkParamBare(membership: Membership): readonly boolean[] {
    if (membership === 'primary') return (this.bareP ??= this.linkParamList('primary').map((n) => this.bareIdParams.has(n)));
    return (this.bareC ??= this.linkParamList('compartment').map((n) => this.bareIdParams.has(n)));
  }

  links(membership: Membership): readonly CompartmentLink[] {
    if (membership === 'primary') return (this.compiledP ??= compartmentLinks(this.type, 'primary'));
    return (this.compiledC ??= compartmentLinks(this.type, 'compartment'));
  }

  private computeLinkParams(membership: Membership): ReadonlySet<string> {
    const names = new Set<string>(this.valid ? compartmentLinks(this.type, membership).map((l) => l.param) : []);
    if (!this.valid) return names;
    for (const p of ['patient', 'subject']) {
      const def = searchParameter(this.type, p);
      if (def !== undefined && def.type === 'reference' && (def.target ?? []).includes('Patient')) {
        if (membership !== 'primary' || p === 'patient' || names.size === 0 || names.has(p)) names.add(p);
      }
    }
    return names;
  }
}

const FACTS = new Map<string, TypeFacts>();

/** The facts of a type name (unknown names get facts with `valid: false`, not cached). */
export function typeFacts(type: string): TypeFacts {
  let f = FACTS.get(type);
  if (f === undefined) {
    f = new Facts(type);
    if (f.valid || type === '*') FACTS.set(type, f);
  }
  return f;
}
