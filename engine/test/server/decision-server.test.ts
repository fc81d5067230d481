import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvaluator } from '../../src/evaluate/create-evaluator.js';
import { createDecisionServer, type DecisionServer, staticPolicySource } from '../../src/server/decision/index.js';
import { capturedLog, INPUTS, libraryAnswer, policyBundle, SECRET } from './decision-fixtures.js';

const bundle = policyBundle();
const evaluator = createEvaluator(bundle);
const log = capturedLog('info');
let server: DecisionServer;

beforeAll(async () => {
  server = await createDecisionServer({ policy: () => staticPolicySource(bundle), logger: log.logger });
});
afterAll(async () => server.app.close());

describe('the decision server (inject)', () => {
  for (const [route, input] of Object.entries(INPUTS)) {
    it(`${route} answers exactly the library's JSON`, async () => {
      const res = await server.app.inject({ method: 'POST', url: route, payload: input });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.json()).toEqual(JSON.parse(JSON.stringify(libraryAnswer(evaluator, route, input))));
    });
  }

  it('decides allow where the policy allows, and registers the wallet', async () => {
    const token = await server.app.inject({ method: 'POST', url: '/v1/decide/token', payload: INPUTS['/v1/decide/token'] });
    expect(token.json().decision).toBe('allow');
    const registration = await server.app.inject({
      method: 'POST',
      url: '/v1/decide/registration',
      payload: INPUTS['/v1/decide/registration'],
    });
    expect(registration.json().decision).toBe('allow');
    expect(registration.json().registration.grantTypes).toEqual(['urn:ietf:params:oauth:grant-type:jwt-bearer']);
    const introspection = await server.app.inject({ method: 'POST', url: '/v1/introspection', payload: INPUTS['/v1/introspection'] });
    expect(introspection.json().active).toBe(true);
    expect(introspection.json().members).toEqual({ patient: '85' });
  });

  it('answers a body that fails its schema with 400 and the pointer of the first problem, never the value', async () => {
    for (const route of Object.keys(INPUTS)) {
      const res = await server.app.inject({
        method: 'POST',
        url: route,
        payload: { client: { clientId: 7 }, scopes: 5, granted: 3, request: SECRET },
      });
      expect(res.statusCode, route).toBe(400);
      const body = res.json();
      expect(body.error).toBe('invalid_request');
      expect(typeof body.pointer).toBe('string');
      expect(body.error_description).toContain(':');
      expect(res.body).not.toContain(SECRET);
    }
    const typed = await server.app.inject({
      method: 'POST',
      url: '/v1/decide/token',
      payload: { ...INPUTS['/v1/decide/token'], client: { clientId: SECRET, type: 'robot', authMethod: 'none' } },
    });
    expect(typed.json()).toMatchObject({ error: 'invalid_request', pointer: '/client/type' });
    expect(typed.body).not.toContain(SECRET);
  });

  it('refuses malformed JSON, other content types, oversize bodies and unknown routes as JSON', async () => {
    const malformed = await server.app.inject({
      method: 'POST',
      url: '/v1/decide/access',
      headers: { 'content-type': 'application/json' },
      payload: `{"granted": "${SECRET}",`,
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.body).not.toContain(SECRET);
    const form = await server.app.inject({
      method: 'POST',
      url: '/v1/decide/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `token=${SECRET}`,
    });
    expect(form.statusCode).toBe(415);
    const big = await server.app.inject({
      method: 'POST',
      url: '/v1/decide/access',
      payload: { granted: 'x'.repeat(2 * 1024 * 1024), request: { method: 'GET', path: '' } },
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().error).toBe('invalid_request');
    const missing = await server.app.inject({ method: 'GET', url: `/v1/decide/${SECRET}` });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).not.toContain(SECRET);
  });

  it('reuses prepared tokens only for the same granted scopes (a string that spells a list is not that list)', async () => {
    const base = INPUTS['/v1/decide/access'];
    const list = { ...base, granted: ['patient/Observation.rs', 'launch/patient'] };
    const lookalike = { ...base, granted: JSON.stringify(list.granted) };
    for (const input of [list, lookalike, list, lookalike]) {
      const res = await server.app.inject({ method: 'POST', url: '/v1/decide/access', payload: input });
      expect(res.json()).toEqual(JSON.parse(JSON.stringify(libraryAnswer(evaluator, '/v1/decide/access', input))));
    }
    const first = await server.app.inject({ method: 'POST', url: '/v1/decide/access', payload: list });
    const second = await server.app.inject({ method: 'POST', url: '/v1/decide/access', payload: lookalike });
    expect(first.json().decision).toBe('allow');
    expect(second.json().decision).toBe('deny');
  });

  it('answers deeply nested bodies (inside the body limit) without a 5xx', async () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const cases: [string, string][] = [
      ['/v1/decide/access', deep],
      ['/v1/decide/access', `{"granted":[],"request":{"method":"POST","path":"Observation","body":${deep}}}`],
      [
        '/v1/decide/access',
        `{"granted":[],"request":{"method":"GET","path":"Observation/1"},"resource":{"resourceType":"Observation","id":"1","x":${deep}}}`,
      ],
      [
        '/v1/decide/token',
        `{"grantType":"authorization_code","client":{"clientId":"a","type":"public","authMethod":"none"},"availableContext":{"fhirContext":[${deep}]}}`,
      ],
      ['/v1/explain', `{"scopes":${deep}}`],
    ];
    for (const [url, payload] of cases) {
      const res = await server.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload });
      expect(res.statusCode, url).toBeLessThan(500);
      expect(() => res.json()).not.toThrow();
    }
  });

  it('serves /healthz and Prometheus /metrics (requests, decisions by outcome, the bundle hash)', async () => {
    const health = await server.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.json()).toEqual({ status: 'ok', policy: { source: 'static', hash: bundle.hash } });
    await server.app.inject({ method: 'POST', url: '/v1/decide/token', payload: INPUTS['/v1/decide/token'] });
    const metrics = await server.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    expect(metrics.body).toContain(`smart_policy_policy_info{hash="${bundle.hash}"} 1`);
    expect(metrics.body).toMatch(/smart_policy_decisions_total\{route="\/v1\/decide\/token",outcome="allow"\} [1-9]/);
    expect(metrics.body).toMatch(/smart_policy_http_requests_total\{route="\/v1\/decide\/token",method="POST",status="200"\} [1-9]/);
    expect(metrics.body).toMatch(/smart_policy_http_request_duration_seconds_bucket\{le="0.005",route="\/v1\/decide\/token"\}/);
    expect(metrics.body).toContain('smart_policy_policy_reloads_total{result="failed"} 0');
  });

  it('logs one structured line per decision — route, outcome, rule ids, duration, bundle hash — and no input value', async () => {
    log.clear();
    const secretInputs: Record<string, object> = {
      '/v1/decide/access': {
        granted: `patient/Observation.rs ${SECRET}`,
        context: { patient: SECRET },
        request: { method: 'GET', path: `Observation/${SECRET}` },
      },
      '/v1/decide/token': {
        ...INPUTS['/v1/decide/token'],
        client: { clientId: SECRET, type: 'public', authMethod: 'none', softwareId: SECRET },
        user: { type: 'patient', id: SECRET },
        binding: { dpopJkt: SECRET },
      },
      '/v1/decide/refresh': {
        ...INPUTS['/v1/decide/refresh'],
        originalScope: `${SECRET} patient/Observation.rs`,
        availableContext: { patient: SECRET },
      },
      '/v1/introspection': { ...INPUTS['/v1/introspection'], availableContext: { patient: SECRET } },
      '/v1/decide/registration': { ...INPUTS['/v1/decide/registration'], softwareId: SECRET },
      '/v1/explain': { scopes: `patient/${SECRET}.rs`, acceptLanguage: SECRET },
    };
    for (const [route, input] of Object.entries(secretInputs)) {
      const res = await server.app.inject({ method: 'POST', url: route, payload: input, headers: { authorization: `Bearer ${SECRET}` } });
      expect(res.statusCode, route).toBeLessThan(500);
    }
    for (const payload of [`{"granted": "${SECRET}", `, `granted=${SECRET}`]) {
      const json = payload.startsWith('{');
      const res = await server.app.inject({
        method: 'POST',
        url: '/v1/decide/access',
        payload,
        headers: { 'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded' },
      });
      expect(res.statusCode).toBe(json ? 400 : 415);
    }
    const lines = log
      .text()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.length).toBe(Object.keys(secretInputs).length);
    for (const line of lines) {
      expect(line).toMatchObject({ msg: 'decision', bundleHash: bundle.hash });
      expect(typeof line['route']).toBe('string');
      expect(typeof line['decision']).toBe('string');
      expect(Array.isArray(line['reasons'])).toBe(true);
      expect(typeof line['durationMs']).toBe('number');
    }
    expect(log.text()).not.toContain(SECRET);
    expect(log.text()).not.toContain('SECRET');
  });
});
