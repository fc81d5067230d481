import { describe, expect, it } from 'vitest';
import { ACCESS_REQUEST_SCHEMA } from '../../src/schema/generated/wire-schemas.js';
import { wireValidator } from '../../src/schema/wire-validator.js';
import { createServerApp, validateBody } from '../../src/server/index.js';

function appWithEcho(bodyLimit?: number) {
  const { app, metrics } = createServerApp(bodyLimit !== undefined ? { bodyLimit } : {});
  app.post('/echo', { preValidation: validateBody(wireValidator(ACCESS_REQUEST_SCHEMA)) }, async () => ({ ok: true }));
  app.get('/boom', async () => {
    throw new Error('secret-internal-detail');
  });
  return { app, metrics };
}

const SECRET = 'sk_live_TOPSECRET_value_123';

describe('the shared server app', () => {
  it('answers a schema problem with 400 invalid_request and the JSON pointer, never the value', async () => {
    const { app } = appWithEcho();
    const res = await app.inject({ method: 'POST', url: '/echo', payload: { granted: [], request: { method: 42, path: SECRET } } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error).toBe('invalid_request');
    expect(body.pointer).toBe('/request/method');
    expect(res.body).not.toContain(SECRET);
  });

  it('passes a valid body on', async () => {
    const { app } = appWithEcho();
    const res = await app.inject({ method: 'POST', url: '/echo', payload: { granted: [], request: { method: 'GET', path: 'Patient' } } });
    expect(res.statusCode).toBe(200);
  });

  it('refuses malformed JSON (400), a wrong content type (415), a too-large body (413), in JSON without echo', async () => {
    const { app } = appWithEcho(200);
    const bad = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json' },
      payload: `{"a": ${SECRET}`,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toBe('invalid_request');
    expect(bad.body).not.toContain(SECRET);
    const text = await app.inject({ method: 'POST', url: '/echo', headers: { 'content-type': 'text/plain' }, payload: SECRET });
    expect(text.statusCode).toBe(415);
    expect(text.json().error).toBe('invalid_request');
    const form = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `a=${SECRET}`,
    });
    expect(form.statusCode).toBe(415);
    const big = await app.inject({
      method: 'POST',
      url: '/echo',
      payload: { granted: [SECRET.repeat(20)], request: { method: 'GET', path: 'x' } },
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().error).toBe('invalid_request');
    expect(big.body).not.toContain(SECRET);
  });

  it('refuses prototype-poisoning keys', async () => {
    const { app } = appWithEcho();
    const res = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"granted": [], "request": {"method": "GET", "path": "x"}, "__proto__": {"polluted": true}}',
    });
    expect(res.statusCode).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers unknown routes 404 and internal errors 500 in JSON, with no stack or message', async () => {
    const { app } = appWithEcho();
    const missing = await app.inject({ method: 'GET', url: '/nope' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toBe('not_found');
    const boom = await app.inject({ method: 'GET', url: '/boom' });
    expect(boom.statusCode).toBe(500);
    expect(boom.json()).toEqual({ error: 'server_error', error_description: 'internal error' });
    expect(boom.body).not.toContain('secret-internal-detail');
    expect(boom.headers['cache-control']).toBe('no-store');
  });

  it('counts requests per route pattern', async () => {
    const { app, metrics } = appWithEcho();
    await app.inject({ method: 'POST', url: '/echo', payload: { granted: [], request: { method: 'GET', path: 'Patient' } } });
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/smart_policy_http_requests_total\{route="\/echo",method="POST",status="200"\} 1/);
  });

  it('counts every answer under its route pattern and status, errors and unknown routes included, with one latency per answer', async () => {
    const { app, metrics } = appWithEcho(200);
    app.get('/fhir/:type/:id', async () => ({ ok: true }));
    await app.register(
      async (scoped) => {
        scoped.get('/inner', async () => ({ ok: true }));
      },
      { prefix: '/scoped' },
    );
    const ok = { granted: [], request: { method: 'GET', path: 'Patient' } };
    await app.inject({ method: 'POST', url: '/echo', payload: ok });
    await app.inject({ method: 'POST', url: '/echo', payload: ok });
    await app.inject({ method: 'POST', url: '/echo', payload: { granted: 1 } });
    await app.inject({ method: 'POST', url: '/echo', headers: { 'content-type': 'text/plain' }, payload: 'x' });
    await app.inject({ method: 'POST', url: '/echo', payload: { padding: 'x'.repeat(500) } });
    await app.inject({ method: 'GET', url: '/boom' });
    await app.inject({ method: 'GET', url: `/fhir/Patient/${SECRET}` });
    await app.inject({ method: 'GET', url: '/fhir/Observation/2' });
    await app.inject({ method: 'GET', url: '/scoped/inner' });
    await app.inject({ method: 'GET', url: `/nowhere/${SECRET}` });
    const text = await metrics.registry.metrics();
    const count = (labels: string) => Number(new RegExp(`smart_policy_http_requests_total\\{${labels}\\} (\\d+)`).exec(text)?.[1] ?? 0);
    expect(count('route="/echo",method="POST",status="200"')).toBe(2);
    expect(count('route="/echo",method="POST",status="400"')).toBe(1);
    expect(count('route="/echo",method="POST",status="415"')).toBe(1);
    expect(count('route="/echo",method="POST",status="413"')).toBe(1);
    expect(count('route="/boom",method="GET",status="500"')).toBe(1);
    expect(count('route="/fhir/:type/:id",method="GET",status="200"')).toBe(2);
    expect(count('route="/scoped/inner",method="GET",status="200"')).toBe(1);
    expect(count('route="unmatched",method="any",status="404"')).toBe(1);
    // Patterns only: nothing of a URL reaches a label.
    expect(text).not.toContain(SECRET);
    const latencyCount = (route: string) =>
      Number(new RegExp(`smart_policy_http_request_duration_seconds_count\\{route="${route}"\\} (\\d+)`).exec(text)?.[1] ?? -1);
    expect(latencyCount('/echo')).toBe(5);
    expect(latencyCount('/fhir/:type/:id')).toBe(2);
    expect(latencyCount('unmatched')).toBe(1);
  });

  it('counts a HEAD request of a GET route once, under HEAD', async () => {
    const { app, metrics } = appWithEcho();
    app.get('/page', async () => ({ ok: true }));
    await app.inject({ method: 'HEAD', url: '/page' });
    await app.inject({ method: 'GET', url: '/page' });
    const text = await metrics.registry.metrics();
    expect(text).toContain('smart_policy_http_requests_total{route="/page",method="HEAD",status="200"} 1');
    expect(text).toContain('smart_policy_http_requests_total{route="/page",method="GET",status="200"} 1');
    expect(text).toContain('smart_policy_http_request_duration_seconds_count{route="/page"} 2');
  });
});
