/**
 * A `preValidation` hook that checks a request body against a published wire schema
 * (engine/schemas/*.schema.json through `schema/wire-validator.ts`, compiled once) and answers
 * 400 `invalid_request` with the JSON pointer and path of the first problem. The validator's
 * messages name what is expected, never the value found, so nothing of the input is echoed.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WireCheck } from '../schema/wire-validator.js';
import { oauthError } from './oauth-error.js';

export type BodyCheck = (input: unknown) => WireCheck<unknown>;

export function validateBody(check: BodyCheck) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const checked = check(request.body);
    if (checked.ok) return;
    const { pointer, path, message } = checked.problem;
    await reply.code(400).send(oauthError('invalid_request', `${path}: ${message}`, pointer));
  };
}
