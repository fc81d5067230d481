/**
 * Is a scope query value well-formed for its search parameter type (FHIR R4 search §3.1.1.4)?
 * Only the shape is checked — not whether a code exists in its code system. A value that is a
 * comma-separated OR list is checked item by item; `\,` and `\|` are escapes.
 */
import type { SearchParameterType } from '../../fhir/search-parameters.js';
import { RESOURCE_TYPE_SET } from '../../fhir/resource-types.js';

/** Why a value has the wrong shape, with a 0-based offset into the value and an example. */
export interface ValueShapeProblem {
  readonly message: string;
  readonly offset: number;
  readonly length: number;
  /** A value of the right shape, shown in the message and usable as quick-fix hint. */
  readonly example: string;
}

const PREFIX = '(?:eq|ne|gt|lt|ge|le|sa|eb|ap)?';
const DATE = new RegExp(
  `^${PREFIX}\\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\\d|3[01])(?:T(?:[01]\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d(?:\\.\\d+)?)?(?:Z|[+-](?:[01]\\d|2[0-3]):[0-5]\\d)?)?)?)?$`,
);
const NUMBER = new RegExp(`^${PREFIX}-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?$`);
const QUANTITY = new RegExp(`^${PREFIX}-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?(?:\\|[^|]*\\|[^|]*)?$`);
const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

/**
 * Checks `value` for a parameter of type `type` (targets: a reference parameter's allowed types).
 * Returns undefined when the shape is fine or cannot be judged (modifiers change the shape).
 */
export function checkValueShape(
  type: SearchParameterType,
  value: string,
  options: { readonly modifier?: string; readonly targets?: readonly string[] } = {},
): ValueShapeProblem | undefined {
  if (options.modifier !== undefined) return checkModifiedValue(options.modifier, value);
  let offset = 0;
  for (const item of splitUnescaped(value, ',')) {
    const problem = checkOne(type, item, options.targets);
    if (problem) return { ...problem, offset: offset + problem.offset };
    offset += item.length + 1;
  }
  return undefined;
}

function checkModifiedValue(modifier: string, value: string): ValueShapeProblem | undefined {
  if (modifier === 'missing' && value !== 'true' && value !== 'false') {
    return { message: 'the :missing modifier takes true or false', offset: 0, length: value.length, example: 'true' };
  }
  if ((modifier === 'in' || modifier === 'not-in' || modifier === 'below' || modifier === 'above') && /\s/.test(value)) {
    return {
      message: `the :${modifier} modifier takes a URI without spaces`,
      offset: 0,
      length: value.length,
      example: 'http://example.org/ValueSet/x',
    };
  }
  return undefined;
}

function checkOne(type: SearchParameterType, item: string, targets: readonly string[] | undefined): ValueShapeProblem | undefined {
  const whole = (message: string, example: string): ValueShapeProblem => ({
    message,
    offset: 0,
    length: Math.max(1, item.length),
    example,
  });
  if (item === '') return whole('an empty value in a comma-separated list matches nothing', 'value');
  switch (type) {
    case 'token':
      return checkToken(item);
    case 'reference':
      return checkReference(item, targets);
    case 'date':
      return DATE.test(item)
        ? undefined
        : whole('a date parameter takes [prefix]YYYY[-MM[-DD[Thh:mm[:ss][zone]]]], e.g. ge2024-01-01', 'ge2024-01-01');
    case 'number':
      return NUMBER.test(item) ? undefined : whole('a number parameter takes [prefix]number, e.g. gt5 or 0.5', 'gt5');
    case 'quantity':
      return QUANTITY.test(item)
        ? undefined
        : whole(
            'a quantity parameter takes [prefix]number[|system|code], e.g. gt5.4|http://unitsofmeasure.org|mg',
            'gt5.4|http://unitsofmeasure.org|mg',
          );
    case 'uri':
      return /\s/.test(item) ? whole('a uri parameter takes a URI without spaces', 'http://example.org/profile') : undefined;
    case 'composite':
      return item.includes('$')
        ? undefined
        : whole(
            'a composite parameter takes its component values joined by $, e.g. http://loinc.org|8480-6$gt100',
            'http://loinc.org|8480-6$gt100',
          );
    default:
      return undefined;
  }
}

function checkToken(item: string): ValueShapeProblem | undefined {
  const parts = splitUnescaped(item, '|');
  if (parts.length > 2) {
    const second = parts[0]!.length + 1 + parts[1]!.length;
    return {
      message: 'a token takes system|code with one "|" (escape a literal bar as \\|)',
      offset: second,
      length: 1,
      example: 'http://loinc.org|8867-4',
    };
  }
  if (parts.length === 2) {
    const [system, code] = parts as [string, string];
    if (system === '' && code === '')
      return { message: 'a token needs a system, a code or both around "|"', offset: 0, length: 1, example: 'http://loinc.org|8867-4' };
    if (system !== '' && !ABSOLUTE_URI.test(system)) {
      // The common slip: `laboratory|http://…` (code and system swapped) or a bare word as system.
      return {
        message: `the system "${system}" before "|" is not an absolute URI; a token is system|code`,
        offset: 0,
        length: system.length,
        example: 'http://terminology.hl7.org/CodeSystem/observation-category|laboratory',
      };
    }
  }
  return undefined;
}

function checkReference(item: string, targets: readonly string[] | undefined): ValueShapeProblem | undefined {
  if (ABSOLUTE_URI.test(item)) return undefined;
  const segments = item.split('/');
  if (segments.length === 1) {
    return FHIR_ID.test(item)
      ? undefined
      : {
          message: 'a reference takes Type/id or an id of letters, digits, "-" and "."',
          offset: 0,
          length: item.length,
          example: 'Patient/123',
        };
  }
  const [type, id] = segments as [string, string];
  if (!RESOURCE_TYPE_SET.has(type)) {
    return {
      message: `"${type}" is not a FHIR resource type; a reference takes Type/id`,
      offset: 0,
      length: Math.max(1, type.length),
      example: 'Patient/123',
    };
  }
  if (targets && targets.length > 0 && !targets.includes(type)) {
    return {
      message: `this parameter refers to ${targets.join(', ')}, not ${type}`,
      offset: 0,
      length: type.length,
      example: `${targets[0]}/123`,
    };
  }
  const historyForm = segments.length === 4 && segments[2] === '_history' && FHIR_ID.test(segments[3] ?? '');
  if (!FHIR_ID.test(id) || (segments.length > 2 && !historyForm)) {
    return {
      message: 'a reference takes Type/id with an id of letters, digits, "-" and "."',
      offset: type.length + 1,
      length: Math.max(1, item.length - type.length - 1),
      example: `${type}/123`,
    };
  }
  return undefined;
}

/** Splits on `separator` where it is not escaped by a backslash. */
export function splitUnescaped(value: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === '\\' && i + 1 < value.length) {
      current += ch + value[i + 1]!;
      i++;
    } else if (ch === separator) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}
