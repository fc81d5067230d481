// The servers the decision-server benchmark loads, in their own process (so the load generator
// does not share their event loop): a bare Fastify route returning a constant, and the decision
// server on the patient access API policy, with its real logger (JSON lines to /dev/null, batched as `serve` batches them) and
// metrics. Prints {"bare": port, "decision": port} on stdout, then serves until killed.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Fastify from 'fastify';
import pino from 'pino';

const here = dirname(fileURLToPath(import.meta.url));
const dist = (path) => import(pathToFileURL(join(here, '../../engine/dist', path)).href);
const { compilePolicyFile } = await dist('node/index.js');
const { createBatchedLogDestination, createDecisionServer, createServerApp, staticPolicySource } = await dist('server/index.js');

const entry = join(here, '../../policies/patient-access-api/api.smartpolicy');
const { bundle } = compilePolicyFile(entry, { relativeTo: dirname(entry) });
if (bundle === null) throw new Error('the benchmark policy does not compile');

const bare = Fastify({ logger: false });
bare.post('/v1/decide/access', async () => ({ decision: 'allow' }));
await bare.listen({ port: 0, host: '127.0.0.1' });

// The shared plumbing alone (error handler, headers, request metrics) with the same constant.
const plumbing = createServerApp().app;
plumbing.post('/v1/decide/access', async () => ({ decision: 'allow' }));
await plumbing.listen({ port: 0, host: '127.0.0.1' });

const level = process.env.BENCH_LOG_LEVEL ?? 'info';
const logger = pino({ level }, createBatchedLogDestination({ dest: '/dev/null' }));
const { app } = await createDecisionServer({ policy: () => staticPolicySource(bundle), logger });
await app.listen({ port: 0, host: '127.0.0.1' });

console.log(
  JSON.stringify({ bare: bare.server.address().port, plumbing: plumbing.server.address().port, decision: app.server.address().port }),
);

// The benchmark asks for the process's CPU time around each run: CPU per request is a figure the
// other load on a shared machine disturbs far less than requests per second.
process.on('message', (message) => {
  if (message === 'cpu') process.send?.(process.cpuUsage());
});
