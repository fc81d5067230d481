/**
 * The sandbox FHIR endpoint (`/fhir`): every request needs a live access token of this server
 * (a DPoP-bound one with a proof from its key), and every read and search is decided by the
 * policy's `authorize` — denied with an OperationOutcome carrying the reasons, searches narrowed
 * by the filters the decision adds and the result filtered once more by `filterSearchBundle`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AccessResult, FhirResource, LaunchContext } from '../../../access/access-types.js';
import { filterSearchBundle } from '../../../access/filter-search-bundle.js';
import { narrowingToQuery } from '../../../access/narrowing.js';
import { OAuthFailure, verifyDpopProof } from '../../../runtime/index.js';
import type { AccessTokenClaims } from '../access-token.js';
import { parseQueryPairs } from '../fhir/fhir-data.js';
import { operationOutcome } from '../fhir/operation-outcome.js';
import type { ReferenceContext } from '../reference-context.js';
import { DPOP_ALGS } from '../smart-configuration.js';
import { liveClaims } from './introspect-routes.js';

const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const MAX_QUERY = 4096;

function send(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').type(FHIR_JSON).send(body);
}

function unauthorized(reply: FastifyReply, scheme: string, error: string, message: string): FastifyReply {
  reply.header('www-authenticate', `${scheme} error="${error}", error_description="${message}"`);
  return send(reply, 401, operationOutcome('login', message));
}

/** The token's claims after checking its scheme and, for a bound token, its DPoP proof (RFC 9449, "Protected Resource Access"). */
async function authenticate(ctx: ReferenceContext, request: FastifyRequest, reply: FastifyReply): Promise<AccessTokenClaims | null> {
  const h = request.headers.authorization;
  const m = typeof h === 'string' ? /^(Bearer|DPoP) +(\S+)$/i.exec(h) : null;
  if (m === null) {
    unauthorized(reply, 'Bearer', 'invalid_request', 'an access token is required');
    return null;
  }
  const scheme = (m[1] as string).toLowerCase();
  const token = m[2] as string;
  const claims = await liveClaims(ctx, token);
  if (claims === null) {
    unauthorized(reply, 'Bearer', 'invalid_token', 'the access token is not valid, expired or revoked');
    return null;
  }
  if (claims.cnf !== undefined) {
    if (scheme !== 'dpop') {
      unauthorized(reply, 'DPoP', 'invalid_token', 'this token is DPoP-bound: use the DPoP scheme with a proof');
      return null;
    }
    try {
      const url = `${ctx.urls().origin}${request.url.split('?')[0] ?? ''}`;
      await verifyDpopProof(request.headers['dpop'], {
        htm: request.method,
        htu: url,
        clock: ctx.clock,
        store: ctx.store,
        algorithms: DPOP_ALGS,
        accessToken: token,
        expectedJkt: claims.cnf.jkt,
        ...(ctx.dpopNonces !== undefined ? { nonces: ctx.dpopNonces } : {}),
      });
    } catch (e) {
      if (e instanceof OAuthFailure && e.error === 'use_dpop_nonce' && ctx.dpopNonces !== undefined) {
        reply.header('dpop-nonce', ctx.dpopNonces.issue());
        unauthorized(reply, 'DPoP', 'use_dpop_nonce', 'a DPoP nonce is required');
        return null;
      }
      unauthorized(reply, 'DPoP', 'invalid_token', 'the DPoP proof is missing or does not match the token');
      return null;
    }
  } else if (scheme !== 'bearer') {
    unauthorized(reply, 'Bearer', 'invalid_token', 'this token is a bearer token');
    return null;
  }
  return claims;
}

function contextOf(ctx: ReferenceContext, claims: AccessTokenClaims): LaunchContext {
  const c = claims.ctx;
  return {
    ...(typeof c['patient'] === 'string' ? { patient: c['patient'] } : {}),
    ...(typeof c['encounter'] === 'string' ? { encounter: c['encounter'] } : {}),
    ...(claims.fhirUser !== undefined ? { fhirUser: claims.fhirUser } : {}),
    serverBase: ctx.urls().fhirBase,
  };
}

function denied(reply: FastifyReply, result: AccessResult): FastifyReply {
  const reasons =
    result.reasons.length > 0 ? result.reasons : [{ rule: 'access.denied', message: 'the token does not allow this request' }];
  return send(reply, 403, operationOutcome('forbidden', 'the policy denies this request', reasons));
}

function searchBundle(ctx: ReferenceContext, type: string, query: string, result: AccessResult): Record<string, unknown> {
  const base = ctx.urls().fhirBase;
  const pairs = parseQueryPairs(query);
  const narrowed = narrowingToQuery(result).filter((n) => n.resourceType === type);
  let found: FhirResource[];
  if (narrowed.length === 0) {
    found = ctx.fhir.search(type, pairs);
  } else {
    // Each narrowed type's alternatives are OR-ed; several entries for one type are AND-ed.
    const byId = new Map<string, FhirResource>();
    for (const r of ctx.fhir.search(type, pairs)) byId.set(r.id ?? '', r);
    for (const n of narrowed) {
      const allowed = new Set<string>();
      for (const alt of n.alternatives) for (const r of ctx.fhir.search(type, [...pairs, ...parseQueryPairs(alt)])) allowed.add(r.id ?? '');
      for (const id of [...byId.keys()]) if (!allowed.has(id)) byId.delete(id);
    }
    found = [...byId.values()];
  }
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: found.length,
    link: [{ relation: 'self', url: `${base}/${type}` }],
    entry: found.map((r) => ({ fullUrl: `${base}/${r.resourceType}/${r.id ?? ''}`, resource: r, search: { mode: 'match' } })),
  };
}

export function registerFhirRoutes(app: FastifyInstance, ctx: ReferenceContext): void {
  app.get('/fhir/metadata', async (_request, reply) =>
    send(reply.header('access-control-allow-origin', '*'), 200, {
      resourceType: 'CapabilityStatement',
      status: 'active',
      kind: 'instance',
      fhirVersion: '4.0.1',
      format: ['json'],
      rest: [
        {
          mode: 'server',
          security: {
            extension: [
              {
                url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
                extension: [
                  { url: 'authorize', valueUri: `${ctx.urls().origin}/authorize` },
                  { url: 'token', valueUri: ctx.urls().tokenEndpoint },
                ],
              },
            ],
            service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' }] }],
          },
          resource: ['Patient', 'Encounter', 'Condition', 'Observation', 'MedicationRequest'].map((type) => ({
            type,
            interaction: [{ code: 'read' }, { code: 'search-type' }],
          })),
        },
      ],
    }),
  );

  const handle = async (request: FastifyRequest, reply: FastifyReply) => {
    const claims = await authenticate(ctx, request, reply);
    if (claims === null) return reply;
    const [rawPath = '', rawQuery = ''] = request.url.slice('/fhir/'.length).split(/\?(.*)/s);
    if (rawQuery.length > MAX_QUERY) return send(reply, 414, operationOutcome('too-costly', 'the query string is too long'));
    const path = rawPath.replace(/\/+$/, '');
    const segments = path.split('/');
    const resource = segments.length === 2 ? ctx.fhir.read(segments[0] as string, segments[1] as string) : undefined;
    const context = contextOf(ctx, claims);
    const granted = claims.scope.split(' ').filter((s) => s !== '');
    const result = ctx.evaluator.authorize({
      granted,
      context,
      request: { method: request.method, path, query: rawQuery, ...(request.body !== undefined ? { body: request.body } : {}) },
      ...(resource !== undefined ? { resource } : {}),
    });
    if (result.decision !== 'allow') return denied(reply, result);
    if (request.method !== 'GET') return send(reply, 405, operationOutcome('not-supported', 'the sandbox FHIR endpoint is read-only'));
    if (segments.length === 2) {
      if (resource === null || resource === undefined) return send(reply, 404, operationOutcome('not-found', 'no such resource'));
      return send(reply, 200, resource);
    }
    if (segments.length === 1 && segments[0] !== '') {
      const bundle = searchBundle(ctx, segments[0] as string, rawQuery, result);
      return send(reply, 200, filterSearchBundle(result, context, bundle).bundle);
    }
    return send(reply, 400, operationOutcome('not-supported', 'the sandbox FHIR endpoint serves reads and type searches'));
  };
  app.all('/fhir/*', handle);
}
