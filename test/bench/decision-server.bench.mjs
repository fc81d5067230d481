// Decision-server throughput over loopback (autocannon, 20 connections, 4 s a run, 5 rounds): POST
// /v1/decide/access on `smart-policy serve`'s server (schema check, decision, metrics, a decision
// log line) beside a bare Fastify route returning a constant, served by the same child process and
// measured in the same run, alternating (bare then decision, each round). Prints requests/s and the
// median ratio; the target is ≥ 60 % of the bare route.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const here = dirname(fileURLToPath(import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const CONNECTIONS = 20;
const ROUNDS = 5;

const BODY = JSON.stringify({
  granted: 'launch/patient patient/Observation.rs patient/Condition.rs patient/Patient.rs',
  context: { patient: '85' },
  request: { method: 'GET', path: 'Observation', query: 'patient=85&category=laboratory' },
});

function startTarget() {
  const child = spawn(process.execPath, [join(here, 'decision-server-target.mjs')], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += String(chunk);
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ child, ports: JSON.parse(line) });
    });
    child.on('exit', (code) => reject(new Error(`the benchmark servers exited (${code})`)));
  });
}

function cpuOf(child) {
  return new Promise((resolve) => {
    child.once('message', (usage) => resolve(usage.user + usage.system));
    child.send('cpu');
  });
}

/** Requests per second, and the server's CPU microseconds per request, of one run. */
async function load(child, port) {
  const cpuBefore = await cpuOf(child);
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/v1/decide/access`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: BODY,
    connections: CONNECTIONS,
    duration: SECONDS,
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`non-2xx answers (${result.non2xx}) or errors (${result.errors})`);
  const cpu = (await cpuOf(child)) - cpuBefore;
  return { rps: result.requests.average, cpuPerRequest: cpu / result.requests.total };
}

export async function run() {
  const { child, ports } = await startTarget();
  try {
    // Warm-up: JIT, the evaluator's caches, the schema validator compiled on first use.
    await autocannon({
      url: `http://127.0.0.1:${ports.decision}/v1/decide/access`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: BODY,
      connections: CONNECTIONS,
      duration: 1,
    });
    await autocannon({
      url: `http://127.0.0.1:${ports.bare}/v1/decide/access`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: BODY,
      connections: CONNECTIONS,
      duration: 1,
    });
    // The machine is shared and noisy: each round measures both back to back, and the ratio
    // reported is the median of the rounds' ratios (the req/s shown are that round's).
    const rounds = [];
    for (let round = 0; round < ROUNDS; round++) {
      const bare = await load(child, ports.bare);
      const plumbing = await load(child, ports.plumbing);
      const decision = await load(child, ports.decision);
      rounds.push({
        bare: bare.rps,
        decision: decision.rps,
        ratio: decision.rps / bare.rps,
        cpuBare: bare.cpuPerRequest,
        cpuPlumbing: plumbing.cpuPerRequest,
        cpuDecision: decision.cpuPerRequest,
      });
    }
    rounds.sort((a, b) => a.ratio - b.ratio);
    const median = rounds[Math.floor(rounds.length / 2)];
    const cpuBare = Math.min(...rounds.map((r) => r.cpuBare));
    const cpuDecision = Math.min(...rounds.map((r) => r.cpuDecision));
    const cpuPlumbing = Math.min(...rounds.map((r) => r.cpuPlumbing));
    console.log(
      `decision server, POST /v1/decide/access over loopback (${CONNECTIONS} connections, ${SECONDS} s a run, median of ${ROUNDS} rounds)`,
    );
    console.log(`  bare Fastify route (constant)    ${Math.round(median.bare).toString().padStart(7)} req/s`);
    console.log(
      `  smart-policy serve decide/access ${Math.round(median.decision).toString().padStart(7)} req/s   ${(100 * median.ratio).toFixed(0)} % of the bare route (target ≥ 60 %)`,
    );
    console.log(`  ratios of the rounds: ${rounds.map((r) => `${(100 * r.ratio).toFixed(0)} %`).join(', ')}`);
    console.log(
      `  server CPU per request (least of the rounds): bare ${cpuBare.toFixed(0)} µs, shared plumbing + constant ${cpuPlumbing.toFixed(0)} µs, decide/access ${cpuDecision.toFixed(0)} µs → ceiling on one core ${(100 * (cpuBare / cpuDecision)).toFixed(0)} % of the bare route`,
    );
  } finally {
    child.kill('SIGTERM');
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
