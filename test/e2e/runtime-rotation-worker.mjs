/**
 * A second (third, …) server process for the multi-process store tests: it opens the shared store
 * from the built engine and either races rotations of one token or rotates families in a loop,
 * printing each committed successor as a JSON line (so the parent knows what a client would hold).
 */
import { randomBytes } from 'node:crypto';
import { openStore } from '../../engine/dist/runtime/index.js';

const [location, namespace, mode, json] = process.argv.slice(2);
const task = JSON.parse(json);
const store = await openStore(location, { namespace });
const hash = () => randomBytes(32).toString('hex');

if (mode === 'race') {
  const wait = task.startAt - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  const outcomes = await Promise.all(
    Array.from({ length: task.count }, () =>
      store
        .rotate({ familyId: task.familyId, presentedHash: task.presentedHash, successorHash: hash(), now: task.now })
        .then((o) => o.kind),
    ),
  );
  process.stdout.write(`${JSON.stringify(outcomes)}\n`);
  await store.close();
} else if (mode === 'load') {
  const current = new Map(task.families.map((f) => [f.id, f.hash]));
  process.stdout.write('ready\n');
  for (let round = 0; round < task.rounds; round += 1) {
    for (const [familyId, presentedHash] of current) {
      const successorHash = hash();
      const outcome = await store.rotate({ familyId, presentedHash, successorHash, now: task.now });
      if (outcome.kind !== 'rotated') throw new Error(`unexpected ${outcome.kind}`);
      current.set(familyId, successorHash);
      process.stdout.write(`${JSON.stringify({ familyId, hash: successorHash })}\n`);
    }
  }
  await store.close();
}
