// A refusing rule: the compiler runs it too, so it lives in the model layer below compile/.
export * from '../../../model/refusals/semantic.missing-policy-header.js';
