/**
 * FHIR dates as half-open millisecond ranges `[low, high)` by their precision: `2024` is the whole
 * year, `2024-03-01` the whole day, an instant one millisecond. Times without a zone are read as
 * UTC (the engine has no server time zone; documented choice).
 */

/** A half-open range of epoch milliseconds; infinite ends stand for open periods. */
export interface DateRange {
  readonly low: number;
  readonly high: number;
}

function digits(s: string, from: number, count: number): number {
  let v = 0;
  for (let i = from; i < from + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Parses a FHIR date, dateTime or instant; undefined when malformed. */
export function parseDateRange(s: string): DateRange | undefined {
  const n = s.length;
  if (n < 4) return undefined;
  const year = digits(s, 0, 4);
  if (year < 0) return undefined;
  if (n === 4) return { low: Date.UTC(year, 0, 1), high: Date.UTC(year + 1, 0, 1) };
  if (s[4] !== '-' || n < 7) return undefined;
  const month = digits(s, 5, 2);
  if (month < 1 || month > 12) return undefined;
  if (n === 7) return { low: Date.UTC(year, month - 1, 1), high: Date.UTC(year, month, 1) };
  if (s[7] !== '-' || n < 10) return undefined;
  const day = digits(s, 8, 2);
  if (day < 1 || day > 31) return undefined;
  if (n === 10) return { low: Date.UTC(year, month - 1, day), high: Date.UTC(year, month - 1, day + 1) };
  if (s[10] !== 'T' || n < 16) return undefined;
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  if (hour < 0 || hour > 24 || minute < 0 || minute > 59 || s[13] !== ':') return undefined;
  let i = 16;
  let second = 0;
  let ms = 0;
  let unit = 60_000;
  if (s[i] === ':') {
    second = digits(s, i + 1, 2);
    if (second < 0 || second > 60) return undefined;
    i += 3;
    unit = 1000;
    if (s[i] === '.') {
      let j = i + 1;
      let frac = '';
      while (j < n && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) frac += s[j++];
      if (frac.length === 0) return undefined;
      ms = Math.floor(Number('0.' + frac) * 1000);
      unit = 1;
      i = j;
    }
  }
  let offset = 0;
  if (i < n) {
    const z = s[i];
    if (z === 'Z' && i === n - 1) offset = 0;
    else if ((z === '+' || z === '-') && n - i === 6 && s[i + 3] === ':') {
      const oh = digits(s, i + 1, 2);
      const om = digits(s, i + 4, 2);
      if (oh < 0 || om < 0) return undefined;
      offset = (oh * 60 + om) * 60_000 * (z === '+' ? 1 : -1);
    } else return undefined;
  }
  const low = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset;
  if (Number.isNaN(low)) return undefined;
  return { low, high: low + unit };
}

/**
 * The range of a date-typed element: a date/dateTime/instant string, a Period, or a Timing's
 * events (each event one range). Unknown shapes give no range.
 */
export function elementDateRanges(element: unknown, out: DateRange[]): void {
  if (typeof element === 'string') {
    const r = parseDateRange(element);
    if (r !== undefined) out.push(r);
    return;
  }
  if (element === null || typeof element !== 'object') return;
  const o = element as Record<string, unknown>;
  if ('start' in o || 'end' in o) {
    const start = typeof o['start'] === 'string' ? parseDateRange(o['start']) : undefined;
    const end = typeof o['end'] === 'string' ? parseDateRange(o['end']) : undefined;
    if (start === undefined && end === undefined) return;
    out.push({ low: start?.low ?? -Infinity, high: end?.high ?? Infinity });
    return;
  }
  const events = o['event'];
  if (Array.isArray(events)) for (const e of events) elementDateRanges(e, out);
}

/** FHIR date comparison of a resource range against a search range, per prefix (R4 §3.1.1.4.5). */
export function compareRange(prefix: string, res: DateRange, param: DateRange): boolean {
  switch (prefix) {
    case 'eq':
      return res.low >= param.low && res.high <= param.high;
    case 'ne':
      return !(res.low >= param.low && res.high <= param.high);
    case 'gt':
      return res.high > param.high;
    case 'lt':
      return res.low < param.low;
    case 'ge':
      return res.high > param.high || (res.low >= param.low && res.high <= param.high);
    case 'le':
      return res.low < param.low || (res.low >= param.low && res.high <= param.high);
    case 'sa':
      return res.low >= param.high;
    case 'eb':
      return res.high <= param.low;
    case 'ap':
      // "Approximately": ranges overlap (the 10%-of-distance-from-now slack needs a clock,
      // and decisions are pure).
      return res.low < param.high && res.high > param.low;
    default:
      return false;
  }
}
