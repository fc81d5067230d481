// Language server latency (issue 10): generated policy sets of 1,000, 5,000 and 20,000 lines,
// served by the built server over stdio. Figures: edit → published diagnostics (median, p95),
// hover and completion latency (median), server memory (RSS). Baseline in the same run: a cold
// check of the same set (a fresh language service, what `smart-policy check` does).
// Targets: ≤ 50 ms median edit → diagnostics at 5,000 lines; ≤ 10 ms median hover and completion.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { createLanguageService } from '../../engine/dist/index.js';

const SERVER = fileURLToPath(new URL('../../language-server/bin/smart-policy-language-server.js', import.meta.url));
const TYPES = ['Observation', 'Condition', 'AllergyIntolerance', 'MedicationRequest', 'Procedure', 'Immunization', 'Encounter', 'CarePlan'];
const LETTERS = ['rs', 'r', 's'];
const EDITS = 25;

/** A policy set of about `lines` lines: a main file, app classes, grant files, explanations. */
function policySet(lines) {
  const files = {};
  const grantFiles = Math.max(1, Math.round(lines / 500));
  const perFile = Math.floor((lines - 120) / grantFiles);
  const appsPerFile = Math.max(1, Math.floor(perFile / 60));
  const apps = [];
  const grants = [];
  let app = 0;
  for (let f = 0; f < grantFiles; f++) {
    const out = [];
    for (let a = 0; a < appsPerFile; a++, app++) {
      apps.push(`app class_${app} {\n  client public\n  user patient\n  launch standalone\n}\n`);
      out.push(`grant class_${app} {`);
      const rules = Math.floor(perFile / appsPerFile) - 3;
      for (let r = 0; r < rules; r++) {
        out.push(
          r % 10 === 9
            ? `  deny patient/${TYPES[r % TYPES.length]}.cud because "read only"`
            : `  allow as rule_${r} patient/${TYPES[r % TYPES.length]}.${LETTERS[r % LETTERS.length]}`,
        );
      }
      out.push('}', '');
    }
    grants.push(`grants-${f}.smartpolicy`);
    files[`grants-${f}.smartpolicy`] = `${out.join('\n')}\n`;
  }
  files['apps.smartpolicy'] = apps.join('\n');
  files['explanations.smartpolicy'] = TYPES.map(
    (t) => `explain ${t} {\n  en "${t.toLowerCase()} records"\n  es "registros de ${t.toLowerCase()}"\n}\n`,
  ).join('\n');
  files['main.smartpolicy'] = [
    'import "apps.smartpolicy"',
    'import "explanations.smartpolicy"',
    ...grants.map((g) => `import "${g}"`),
    '',
    'policy "Generated" {\n  fhir R4\n  locales en, es\n  default locale en\n}\n',
    'context {\n  patient/* requires patient\n}\n',
  ].join('\n');
  return files;
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const median = (values) => percentile(values, 50);
const now = () => Number(process.hrtime.bigint()) / 1e6;

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function measure(lines) {
  const dir = mkdtempSync(join(tmpdir(), 'sp-ls-bench-'));
  const files = policySet(lines);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const total = Object.values(files).reduce((n, t) => n + t.split('\n').length, 0);

  // Baseline: a cold check of the whole set, as the CLI does it.
  const cold = [];
  for (let i = 0; i < 3; i++) {
    const service = createLanguageService({ readFile: (p) => files[p.slice(dir.length + 1)] });
    const t = now();
    service.check(join(dir, 'main.smartpolicy'));
    cold.push(now() - t);
  }

  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiters = [];
  connection.onNotification('textDocument/publishDiagnostics', (p) => {
    for (const w of waiters.splice(0)) if (!w(p)) waiters.push(w);
  });
  connection.onNotification('window/logMessage', () => undefined);
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {} });
  await connection.sendNotification('initialized', {});
  const baseRss = rssMb(child.pid);
  const published = (uri, version) =>
    new Promise((resolve) =>
      waiters.push((p) => {
        if (p.uri !== uri || p.version !== version) return false;
        resolve(p);
        return true;
      }),
    );

  const uri = pathToFileURL(join(dir, 'grants-0.smartpolicy')).href;
  const mainUri = pathToFileURL(join(dir, 'main.smartpolicy')).href;
  const text = files['grants-0.smartpolicy'];
  let wait = published(mainUri, 1);
  await connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri: mainUri, languageId: 'smartpolicy', version: 1, text: files['main.smartpolicy'] },
  });
  await wait;
  wait = published(uri, 1);
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'smartpolicy', version: 1, text } });
  await wait;

  const editLine = text.split('\n').findIndex((l) => l.includes('allow as rule_4 '));
  const lineText = text.split('\n')[editLine];
  const edits = [];
  for (let v = 2; v < EDITS + 2; v++) {
    const letters = v % 2 === 0 ? 'r' : 'rs';
    const newLine = lineText.replace(/\.(rs|r|s)$/, `.${letters}`);
    wait = published(uri, v);
    const t = now();
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: v },
      contentChanges: [
        {
          range: { start: { line: editLine, character: 0 }, end: { line: editLine, character: lineText.length + 1 } },
          text: `${newLine}\n`,
        },
      ],
    });
    await wait;
    edits.push(now() - t);
  }

  const scopeColumn = lineText.indexOf('patient/') + 10;
  const hovers = [];
  const completions = [];
  for (let i = 0; i < 30; i++) {
    let t = now();
    await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: editLine, character: scopeColumn } });
    hovers.push(now() - t);
    t = now();
    await connection.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: { line: editLine, character: lineText.indexOf('patient/') + 'patient/'.length },
    });
    completions.push(now() - t);
  }
  const rss = rssMb(child.pid);
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();
  child.kill();
  rmSync(dir, { recursive: true, force: true });
  return { lines: total, cold: median(cold), edits, hovers, completions, rss, baseRss };
}

export async function run() {
  console.log('language server over stdio: edit → published diagnostics, hover, completion, memory');
  console.log('  lines   cold check   edit→diag median   p95      ×cold   hover med   completion med   RSS (idle → loaded)');
  for (const lines of [1000, 5000, 20000]) {
    const r = await measure(lines);
    const med = median(r.edits);
    console.log(
      `  ${String(r.lines).padStart(6)} ${r.cold.toFixed(1).padStart(9)} ms ${med.toFixed(1).padStart(12)} ms ${percentile(r.edits, 95).toFixed(1).padStart(8)} ms  ×${(med / r.cold).toFixed(2).padStart(5)} ${median(r.hovers).toFixed(2).padStart(8)} ms ${median(r.completions).toFixed(2).padStart(12)} ms   ${r.baseRss.toFixed(0)} → ${r.rss.toFixed(0)} MB`,
    );
    if (lines === 5000) {
      console.log(`  ${med <= 50 ? 'PASS' : 'MISS'} edit → diagnostics median ≤ 50 ms at 5,000 lines (${med.toFixed(1)} ms)`);
      console.log(`  ${median(r.hovers) <= 10 && median(r.completions) <= 10 ? 'PASS' : 'MISS'} hover and completion median ≤ 10 ms`);
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
