// Access decisions per second on one core, side by side on the same raw requests:
//   smart-policy  authorize() with a token prepared once
//   regex         the usual approach: re-parse the scope strings with regular expressions per request
//   casl          @casl/ability with an ability built once per token
//   floor         hand-written function over scopes pre-parsed into a Map of type → permission bits
// Two figures: request-only decisions (reads and searches decided from the request, with a patient
// parameter) and resource-dependent decisions (compartment membership and query restrictions
// checked on a stored resource). Warm-up, several rounds, median.
import { createMongoAbility, AbilityBuilder, subject as caslSubject } from '@casl/ability';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const engine = await import(pathToFileURL(join(here, '../../engine/dist/index.js')).href);
const { authorize, prepareToken } = engine;

// ---- the token (10 scopes) and the request mixes ------------------------------------------------

const LAB = 'http://terminology.hl7.org/CodeSystem/v2-0074|LAB';
export const GRANTED = Object.freeze([
  'launch/patient',
  'openid',
  'fhirUser',
  'patient/Patient.r',
  'patient/Observation.rs',
  'patient/Condition.rs',
  'patient/AllergyIntolerance.rs',
  'patient/MedicationRequest.rs',
  'patient/Immunization.rs',
  `patient/DiagnosticReport.rs?category=${LAB}`,
]);
export const CONTEXT = Object.freeze({ patient: '123' });

const ref = (r) => ({ reference: r });
const cat = (system, code) => [{ coding: [{ system, code }] }];
const V2_0074 = 'http://terminology.hl7.org/CodeSystem/v2-0074';

/** Reads and searches decidable from the request alone (patient parameter or own record). */
export const REQUEST_ONLY = [
  { request: { method: 'GET', path: 'Observation', query: 'patient=123&category=laboratory' }, expect: 'allow' },
  { request: { method: 'GET', path: 'Condition', query: 'patient=123&clinical-status=active' }, expect: 'allow' },
  { request: { method: 'GET', path: 'Patient/123' }, expect: 'allow' },
  { request: { method: 'GET', path: 'AllergyIntolerance', query: 'patient=123' }, expect: 'allow' },
  { request: { method: 'GET', path: 'MedicationRequest', query: 'patient=123&status=active' }, expect: 'allow' },
  { request: { method: 'GET', path: 'Immunization', query: 'patient=Patient/123' }, expect: 'allow' },
  { request: { method: 'GET', path: 'Encounter', query: 'patient=123' }, expect: 'deny' },
  { request: { method: 'GET', path: 'Observation', query: 'patient=456' }, expect: 'deny' },
];

/** Instance reads decided on the stored resource: compartment membership and a query scope. */
export const RESOURCE_DEPENDENT = [
  {
    request: { method: 'GET', path: 'Observation/o1' },
    resource: { resourceType: 'Observation', id: 'o1', status: 'final', code: { text: 'x' }, subject: ref('Patient/123') },
    expect: 'allow',
  },
  {
    request: { method: 'GET', path: 'Condition/c1' },
    resource: { resourceType: 'Condition', id: 'c1', subject: ref('Patient/456') },
    expect: 'deny',
  },
  {
    request: { method: 'GET', path: 'DiagnosticReport/d1' },
    resource: {
      resourceType: 'DiagnosticReport',
      id: 'd1',
      status: 'final',
      category: cat(V2_0074, 'LAB'),
      code: { text: 'x' },
      subject: ref('Patient/123'),
    },
    expect: 'allow',
  },
  {
    request: { method: 'GET', path: 'DiagnosticReport/d2' },
    resource: {
      resourceType: 'DiagnosticReport',
      id: 'd2',
      status: 'final',
      category: cat(V2_0074, 'RAD'),
      code: { text: 'x' },
      subject: ref('Patient/123'),
    },
    expect: 'deny',
  },
  {
    request: { method: 'GET', path: 'AllergyIntolerance/a1' },
    resource: { resourceType: 'AllergyIntolerance', id: 'a1', patient: ref('Patient/123') },
    expect: 'allow',
  },
  {
    request: { method: 'GET', path: 'MedicationRequest/m1' },
    resource: { resourceType: 'MedicationRequest', id: 'm1', status: 'active', subject: ref('Patient/123') },
    expect: 'allow',
  },
];

// ---- shared request parsing for the baselines (what every hand-rolled RS does) ---------------------

const LETTER = { read: 'r', search: 's' };

// ---- (a) regex: re-parse scopes per request ------------------------------------------------------

const V2 =
  /^(patient|user|system)\/(\*|[A-Z][A-Za-z]+)\.(?=[cruds])(c?r?u?d?s?)(?:\?([^&=?\s"\\]+=[^&\s"\\]+(?:&[^&=?\s"\\]+=[^&\s"\\]+)*))?$/;
const V1 = /^(patient|user|system)\/(\*|[A-Z][A-Za-z]+)\.(read|write|\*)$/;
const V1MAP = { read: 'rs', write: 'cud', '*': 'cruds' };
const PATH = /^([A-Z][A-Za-z]+)(?:\/([A-Za-z0-9\-.]{1,64}))?$/;

function regexDecide(granted, ctx, req, resource) {
  const m = PATH.exec(req.request.path);
  if (m === null) return false;
  const type = m[1];
  const id = m[2];
  const action = id === undefined ? 'search' : 'read';
  const letter = LETTER[action];
  const params = new URLSearchParams(req.request.query ?? '');
  for (const s of granted) {
    let level, rtype, perms, query;
    const v2 = V2.exec(s);
    if (v2 !== null) [, level, rtype, perms, query] = v2;
    else {
      const v1 = V1.exec(s);
      if (v1 === null) continue;
      [, level, rtype] = v1;
      perms = V1MAP[v1[3]];
    }
    if (rtype !== '*' && rtype !== type) continue;
    if (!perms.includes(letter)) continue;
    const pairs = query ? query.split('&').map((p) => p.split('=')) : [];
    if (action === 'search') {
      if (level === 'patient') {
        const p = params.get('patient') ?? params.get('subject');
        if (p === null || p.replace(/^Patient\//, '') !== ctx.patient) continue;
      }
      if (pairs.every(([k, v]) => params.get(k) === v)) return true;
    } else {
      if (level === 'patient') {
        if (type === 'Patient') {
          if (id !== ctx.patient) continue;
        } else {
          if (resource === undefined) continue;
          const r = (resource.subject ?? resource.patient)?.reference;
          if (r !== `Patient/${ctx.patient}`) continue;
        }
      }
      if (pairs.length > 0) {
        if (resource === undefined) continue;
        const ok = pairs.every(([k, v]) => {
          const [sys, code] = v.split('|');
          return (resource[k] ?? []).some((cc) => (cc.coding ?? []).some((c) => c.system === sys && c.code === code));
        });
        if (!ok) continue;
      }
      return true;
    }
  }
  return false;
}

// ---- (b) CASL: ability built once per token --------------------------------------------------------

function buildCasl(granted, ctx) {
  const { can, build } = new AbilityBuilder(createMongoAbility);
  for (const s of granted) {
    let level, rtype, perms, query;
    const v2 = V2.exec(s);
    if (v2 === null) continue;
    [, level, rtype, perms, query] = v2;
    const actions = [];
    if (perms.includes('r')) actions.push('read');
    if (perms.includes('s')) actions.push('search');
    const cond = {};
    if (level === 'patient') cond.patient = ctx.patient;
    if (query) for (const [k, v] of query.split('&').map((p) => p.split('='))) cond[k] = v;
    can(actions, rtype === '*' ? 'all' : rtype, Object.keys(cond).length > 0 ? cond : undefined);
  }
  return build();
}

function caslDecide(ability, _ctx, req, resource) {
  const m = PATH.exec(req.request.path);
  if (m === null) return false;
  const type = m[1];
  const id = m[2];
  if (id === undefined) {
    const params = new URLSearchParams(req.request.query ?? '');
    const fields = {};
    for (const [k, v] of params) fields[k] = k === 'patient' || k === 'subject' ? v.replace(/^Patient\//, '') : v;
    return ability.can('search', caslSubject(type, fields));
  }
  const fields = {};
  if (type === 'Patient') fields.patient = id;
  else if (resource !== undefined) {
    const r = (resource.subject ?? resource.patient)?.reference;
    if (r !== undefined) fields.patient = r.replace(/^Patient\//, '');
    if (resource.category) fields.category = resource.category.flatMap((cc) => (cc.coding ?? []).map((c) => `${c.system}|${c.code}`));
  }
  return ability.can('read', caslSubject(type, fields));
}

// ---- (c) the floor: pre-parsed Map of type → permission bits ---------------------------------------

const BIT = { c: 1, r: 2, u: 4, d: 8, s: 16 };
function buildFloor(granted) {
  const map = new Map();
  for (const s of granted) {
    const v2 = V2.exec(s);
    if (v2 === null) continue;
    const [, level, rtype, perms, query] = v2;
    let bits = 0;
    for (const l of perms) bits |= BIT[l];
    const e = map.get(rtype) ?? { bits: 0, patient: false, query: undefined };
    e.bits |= bits;
    e.patient ||= level === 'patient';
    if (query) {
      const [k, v] = query.split('=');
      const [sys, code] = v.split('|');
      e.query = { k, v, sys, code };
    }
    map.set(rtype, e);
  }
  return map;
}

function floorDecide(map, ctx, req, resource) {
  const path = req.request.path;
  const slash = path.indexOf('/');
  const type = slash < 0 ? path : path.slice(0, slash);
  const e = map.get(type);
  if (e === undefined) return false;
  if (slash < 0) {
    if ((e.bits & 16) === 0) return false;
    const q = req.request.query ?? '';
    if (e.patient) {
      const at = q.startsWith('patient=') ? 8 : -1;
      if (at < 0) return false;
      const amp = q.indexOf('&', at);
      let v = q.slice(at, amp < 0 ? q.length : amp);
      if (v.startsWith('Patient/')) v = v.slice(8);
      if (v !== ctx.patient) return false;
    }
    if (e.query !== undefined && q.indexOf(`${e.query.k}=${e.query.v}`) < 0) return false;
    return true;
  }
  if ((e.bits & 2) === 0) return false;
  if (e.patient) {
    if (type === 'Patient') return path.slice(slash + 1) === ctx.patient;
    if (resource === undefined) return false;
    const r = (resource.subject ?? resource.patient)?.reference;
    if (r !== 'Patient/' + ctx.patient) return false;
  }
  if (e.query !== undefined) {
    const list = resource?.[e.query.k] ?? [];
    let hit = false;
    for (const cc of list) for (const c of cc.coding ?? []) if (c.system === e.query.sys && c.code === e.query.code) hit = true;
    if (!hit) return false;
  }
  return true;
}

// ---- measurement -----------------------------------------------------------------------------------

// CPU time of this process (user + system), not wall time: the figure is decisions per second of
// one core, and on a shared machine wall time also counts the time other processes hold the CPU.
function cpuNs() {
  const u = process.cpuUsage();
  return (u.user + u.system) * 1000;
}

function runOnce(fn, cases, n) {
  const t0 = cpuNs();
  let sink = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < cases.length; j++) sink += fn(cases[j]) ? 1 : 0;
  const ns = cpuNs() - t0;
  if (sink < 0) console.log(sink);
  return ns;
}

/** Iterations of the mix that take about `targetMs` of CPU. */
function calibrate(fn, cases, targetMs) {
  let n = 256;
  for (;;) {
    const ms = runOnce(fn, cases, n) / 1e6;
    if (ms > targetMs / 4) return Math.max(256, Math.round((n * targetMs) / ms));
    n *= 4;
  }
}

/**
 * Median decisions per CPU-second for each approach. Rounds are interleaved (every approach once
 * per round), so that a change in machine load during the run affects all approaches alike.
 */
function measureAll(approaches, cases, rounds = 9, targetMs = 120) {
  const names = Object.keys(approaches);
  const iters = Object.fromEntries(names.map((k) => [k, calibrate(approaches[k], cases, targetMs)]));
  const rates = Object.fromEntries(names.map((k) => [k, []]));
  for (let r = 0; r < rounds; r++) {
    for (const k of names) {
      const ns = runOnce(approaches[k], cases, iters[k]);
      rates[k].push((iters[k] * cases.length) / (ns / 1e9));
    }
  }
  return Object.fromEntries(
    names.map((k) => {
      const sorted = rates[k].sort((a, b) => a - b);
      return [k, sorted[Math.floor(sorted.length / 2)]];
    }),
  );
}

const fmt = (x) => Math.round(x).toLocaleString('en-US');
const nsPer = (rate) => (1e9 / rate).toFixed(1);

export async function run() {
  const token = prepareToken(GRANTED);
  const ability = buildCasl(GRANTED, CONTEXT);
  const floor = buildFloor(GRANTED);
  const approaches = {
    'smart-policy': (c) => authorize(c.access).decision === 'allow',
    // For information: the same engine given the scope strings (cached by their joined text).
    'sp (strings)': (c) => authorize(c.strings).decision === 'allow',
    regex: (c) => regexDecide(GRANTED, CONTEXT, c, c.resource),
    casl: (c) => caslDecide(ability, CONTEXT, c, c.resource),
    floor: (c) => floorDecide(floor, CONTEXT, c, c.resource),
  };
  const results = {};
  for (const [mixName, mix] of [
    ['request-only', REQUEST_ONLY],
    ['resource-dependent', RESOURCE_DEPENDENT],
  ]) {
    // Every approach sees the same raw request objects; the engine's call envelope is built once.
    const cases = mix.map((c) => ({
      ...c,
      access: { granted: token, context: CONTEXT, request: c.request, resource: c.resource },
      strings: { granted: [...GRANTED], context: CONTEXT, request: c.request, resource: c.resource },
    }));
    for (const [name, fn] of Object.entries(approaches)) {
      for (const c of cases) {
        const got = fn(c) ? 'allow' : 'deny';
        if (got !== c.expect) {
          console.log(
            `  ! ${name} decides ${c.request.method} ${c.request.path}${c.request.query ? '?' + c.request.query : ''} as ${got}, expected ${c.expect}`,
          );
        }
      }
    }
    for (const fn of Object.values(approaches)) calibrate(fn, cases, 100); // warm-up: let every approach reach optimized code
    results[mixName] = measureAll(approaches, cases);
  }

  console.log(
    `token: ${GRANTED.length} scopes; request-only mix: ${REQUEST_ONLY.length} requests; resource-dependent mix: ${RESOURCE_DEPENDENT.length} requests`,
  );
  for (const [mixName, r] of Object.entries(results)) {
    console.log(`\n${mixName} (decisions per CPU-second of one core, median of 9 interleaved rounds):`);
    for (const [name, rate] of Object.entries(r))
      console.log(`  ${name.padEnd(13)} ${fmt(rate).padStart(14)} /s  ${nsPer(rate).padStart(7)} ns/decision`);
  }
  const ro = results['request-only'];
  const rd = results['resource-dependent'];
  const vsFloor = ro.floor / ro['smart-policy'];
  const vsRegex = ro['smart-policy'] / ro.regex;
  const vsCasl = ro['smart-policy'] / ro.casl;
  const verdict = (ok) => (ok ? 'PASS' : 'MISS');
  console.log('\ntargets:');
  console.log(`  request-only within 3x of the floor: ${vsFloor.toFixed(2)}x slower than floor  ${verdict(vsFloor <= 3)}`);
  console.log(`  request-only >= 5x regex:            ${vsRegex.toFixed(2)}x faster  ${verdict(vsRegex >= 5)}`);
  console.log(`  request-only >= 5x CASL:             ${vsCasl.toFixed(2)}x faster  ${verdict(vsCasl >= 5)}`);
  console.log(`  resource-dependent >= 1,000,000/s:   ${fmt(rd['smart-policy'])}/s  ${verdict(rd['smart-policy'] >= 1_000_000)}`);
  console.log(
    `  (resource-dependent, for comparison: ${(rd['smart-policy'] / rd.regex).toFixed(2)}x regex, ${(rd['smart-policy'] / rd.casl).toFixed(2)}x CASL, ${(rd.floor / rd['smart-policy']).toFixed(2)}x slower than floor)`,
  );
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
