// Copies the screenshots the real-VS-Code e2e test took (test/e2e/artifacts/vscode/) into
// images/ for the README. Run after `npx vitest run test/e2e/vscode-extension.test.ts`; the test
// never writes here itself.
import { copyFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const artifacts = join(root, '..', 'test', 'e2e', 'artifacts', 'vscode');
const shots = ['problems.png', 'hover.png', 'completion.png', 'consent-preview.png', 'test-explorer.png'];
const missing = shots.filter((s) => !existsSync(join(artifacts, s)));
if (missing.length > 0) {
  console.error(`screenshots: ${missing.join(', ')} missing in ${artifacts}; run the e2e test first`);
  process.exit(1);
}
for (const shot of shots) copyFileSync(join(artifacts, shot), join(root, 'images', shot));
console.log(`screenshots: copied ${shots.length} images into extension/images/`);
