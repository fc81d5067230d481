/**
 * The extension in a real VS Code: code-server 4.100.3 (installed outside the repository by
 * support/install-code-server.sh, which .ci/run calls) with the packaged .vsix installed, driven
 * by playwright-core in Debian's Chromium. A person's path through it: open a policy and see its
 * problems, hover a scope, complete after `patient/`, preview the consent screen. Each step
 * leaves a screenshot in test/e2e/artifacts/vscode/ (gitignored; `npm run screenshots -w
 * extension` copies them into the extension's README images). Fails, never skips, when
 * code-server or Chromium is missing.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runPolicyTests } from '../../engine/src/evaluate/index.js';
import { createLanguageService } from '../../engine/src/service/index.js';
import { codeServerBinary, startCodeServer, type RunningCodeServer } from './support/code-server.js';
import { DEBIAN_CHROMIUM, VscodeDriver } from './support/vscode-driver.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const ARTIFACTS = join(REPO, 'test', 'e2e', 'artifacts', 'vscode');
const VSIX = join(REPO, 'extension', 'smart-policy-vscode.vsix');

const BROKEN = `# A policy with mistakes, for the editor end-to-end test.
policy "Broken example" {
  fhir R4
  locales en
}

app portal "Patient apps" {
  client public
  user patient
  launch standalone
}

grant portal {
  allow patient/Observaton.rs
  allow launch/patient, patient/AllergyIntolerance.rs
}
`;

let workspace = '';
let server: RunningCodeServer | undefined;
let driver: VscodeDriver | undefined;
/** Why VS Code could not be started: every test then fails with it (none is skipped). */
let setupError: unknown;

function vscode(): VscodeDriver {
  if (setupError !== undefined) throw setupError;
  if (driver === undefined) throw new Error('VS Code did not start');
  return driver;
}

/** What `smart-policy check` reports for a file: the Problems panel must show the same. */
function cliDiagnostics(path: string): { message: string; severity: string }[] {
  const service = createLanguageService({
    readFile: (p) => {
      try {
        return readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    },
  });
  return service.check(path).diagnostics.map((d) => ({ message: d.message, severity: d.severity }));
}

function cliTestCount(entry: string): number {
  const { bundle } = createLanguageService({ readFile: (p) => readFileSync(p, 'utf8') }).compile(entry);
  if (bundle === null) throw new Error(`${entry} does not compile`);
  return runPolicyTests(bundle).total;
}

beforeAll(async () => {
  try {
    await startVscode();
  } catch (error) {
    setupError = error;
  }
}, 180_000);

async function startVscode(): Promise<void> {
  expect(existsSync(DEBIAN_CHROMIUM), `Chromium is required at ${DEBIAN_CHROMIUM} (apt-get install chromium)`).toBe(true);
  codeServerBinary();
  // The .vsix under test, built from this tree (the engine and server dist are built by `npm test`).
  const pack = spawnSync('npm', ['run', 'package', '-w', 'extension'], { cwd: REPO, encoding: 'utf8', timeout: 120_000 });
  expect(pack.status, `${pack.stdout}${pack.stderr}`).toBe(0);
  expect(existsSync(VSIX)).toBe(true);

  mkdirSync(ARTIFACTS, { recursive: true });
  workspace = mkdtempSync(join(tmpdir(), 'smart-policy-vscode-ws-'));
  cpSync(join(REPO, 'policies', 'patient-portal'), join(workspace, 'portal'), { recursive: true });
  mkdirSync(join(workspace, 'broken'));
  writeFileSync(join(workspace, 'broken', 'broken.smartpolicy'), BROKEN);

  server = await startCodeServer(VSIX, workspace, join(ARTIFACTS, 'code-server.log'));
  driver = await VscodeDriver.open(server.url, workspace);
}

afterAll(async () => {
  await driver?.close();
  await server?.stop();
  if (workspace !== '') rmSync(workspace, { recursive: true, force: true });
});

describe('smart-policy in VS Code (code-server)', () => {
  afterEach(async (context) => {
    // What the workbench showed when a step failed, kept beside the step screenshots.
    if (context.task.result?.state === 'fail' && driver !== undefined) {
      await driver
        .screenshot(join(ARTIFACTS, `failed-${context.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}.png`))
        .catch(() => undefined);
    }
  });

  it("opening a policy shows the CLI's problems in the Problems panel", async () => {
    const expected = cliDiagnostics(join(workspace, 'broken', 'broken.smartpolicy'));
    expect(expected.map((d) => d.severity)).toEqual(['error', 'warning']);
    await vscode().openFile('broken.smartpolicy');
    const rows = await vscode().problemsContaining('Not a FHIR R4 resource type');
    await vscode().screenshot(join(ARTIFACTS, 'problems.png'));
    const panel = rows.join('\n');
    for (const d of expected) expect(panel).toContain(d.message.slice(0, 60));
  }, 90_000);

  it('hovering a scope shows its explanation in every declared locale', async () => {
    const editor = await vscode().openFile('apps.smartpolicy');
    const hover = await vscode().hoverToken(editor, 'AllergyIntolerance');
    await expect.poll(() => hover.textContent(), { timeout: 20_000 }).toContain('See and search your allergies');
    const text = await hover.textContent();
    expect(text).toContain('Ver y buscar sus alergias');
    await vscode().screenshot(join(ARTIFACTS, 'hover.png'));
    // Generous: on a loaded 2-core machine the first hover waits for the server's first check.
  }, 150_000);

  it('completion after patient/ offers resource types', async () => {
    await vscode().openFile('broken.smartpolicy');
    await vscode().page.keyboard.press('Escape');
    await vscode().goToLineEnd(15);
    await vscode().page.keyboard.press('Enter');
    await vscode().page.keyboard.type('allow patient/', { delay: 30 });
    // The list is virtualised: its first rows are the alphabet's start; typing narrows it.
    const first = await vscode().suggestionsContaining('AllergyIntolerance');
    expect(first.some((r) => r.includes('Account'))).toBe(true);
    await vscode().page.keyboard.type('Obs', { delay: 30 });
    const narrowed = await vscode().suggestionsContaining('Observation');
    await vscode().screenshot(join(ARTIFACTS, 'completion.png'));
    expect(narrowed.length).toBeLessThan(first.length);
    await vscode().page.keyboard.press('Escape');
  }, 60_000);

  it('"Preview consent screen" opens a webview with the consent screen in the chosen locale', async () => {
    await vscode().openFile('apps.smartpolicy');
    await vscode().runCommand('smart-policy: Preview consent screen');
    await vscode().pick('patient_apps');
    await vscode().pick('es');
    const screen = vscode().webview();
    await screen.getByText('Ver y buscar sus alergias').first().waitFor({ timeout: 30_000 });
    await expect.poll(() => screen.locator('html').getAttribute('lang')).toBe('es');
    await vscode().screenshot(join(ARTIFACTS, 'consent-preview.png'));
  }, 60_000);

  it('the consent preview follows an unsaved edit of the policy', async () => {
    // Edit in the first editor group, so that the preview beside it stays visible.
    await vscode().page.keyboard.press('Control+1');
    await vscode().openFile('apps.smartpolicy');
    await vscode().replaceFirst('their own record', 'their own health record');
    await vscode().webview().getByText('Apps patients use for their own health record').first().waitFor({ timeout: 30_000 });
  }, 60_000);

  it('"What can this app get?" lists the grantable scopes with their explanations', async () => {
    await vscode().page.keyboard.press('Control+1');
    await vscode().openFile('apps.smartpolicy');
    await vscode().runCommand('smart-policy: What can this app get?');
    await vscode().pick('proxy_apps');
    await vscode().pick('en');
    await expect.poll(() => vscode().activeEditorText(), { timeout: 20_000 }).toContain('# What can `proxy_apps` get?');
    expect(await vscode().activeEditorText()).toContain('## Grantable scopes');
  }, 60_000);

  it('"Show compiled bundle" opens the PolicyBundle JSON', async () => {
    await vscode().page.keyboard.press('Control+1');
    await vscode().openFile('portal.smartpolicy');
    await vscode().runCommand('smart-policy: Show compiled bundle');
    await expect.poll(() => vscode().activeEditorText(), { timeout: 20_000 }).toContain('"format": "smart-policy-bundle"');
    expect(await vscode().activeEditorText()).toMatch(/"hash": "sha256:[0-9a-f]{64}"/);
  }, 60_000);

  it('"Run policy tests" shows the results in the Test Explorer', async () => {
    await vscode().openFile('portal.smartpolicy');
    await vscode().runCommand('smart-policy: Run policy tests');
    const view = vscode().page.locator('.test-explorer');
    await view.waitFor({ timeout: 30_000 });
    await view.locator('.monaco-list-row', { hasText: 'tests.smartpolicy' }).first().waitFor({ timeout: 30_000 });
    await vscode().page.locator('.test-explorer .codicon-testing-passed-icon').first().waitFor({ timeout: 30_000 });
    expect(await vscode().page.locator('.test-explorer .codicon-testing-failed-icon').count()).toBe(0);
    // As many passed as `smart-policy test` runs (table rows counted one by one).
    const total = cliTestCount(join(workspace, 'portal', 'portal.smartpolicy'));
    await expect.poll(() => view.textContent(), { timeout: 20_000 }).toContain(`${total}/${total}`);
    await vscode().screenshot(join(ARTIFACTS, 'test-explorer.png'));
  }, 60_000);
});
