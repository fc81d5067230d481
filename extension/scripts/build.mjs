// Bundles the extension: dist/extension.js (the client, CommonJS as VS Code loads it) and
// dist/server.js (the language server from the language-server package's entry, started over
// IPC). `vscode` stays external (the editor provides it); everything else is inlined so the
// .vsix needs no node_modules.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const serverMain = join(root, '..', 'language-server', 'src', 'main.ts');
const production = process.env.SMART_POLICY_DEV !== '1';

rmSync(join(root, 'dist'), { recursive: true, force: true });

/**
 * The engine loads CommonJS packages (fhirpath, @messageformat/core) through
 * `createRequire(import.meta.url)`, which a bundler cannot follow: rewrite those calls to plain
 * `require('…')` so they are bundled too (the .vsix has no node_modules).
 */
const inlineCreateRequire = {
  name: 'inline-create-require',
  setup(b) {
    b.onLoad({ filter: /[\\/]engine[\\/]dist[\\/].*\.js$/ }, (args) => {
      let text = readFileSync(args.path, 'utf8');
      if (!text.includes('createRequire(import.meta.url)')) return undefined;
      text = text.replace(/createRequire\(import\.meta\.url\)\(/g, 'require(');
      for (const [line, name] of text.matchAll(/const (\w+) = createRequire\(import\.meta\.url\);/g)) {
        text = text.replace(line, '').replace(new RegExp(`\\b${name}\\(`, 'g'), 'require(');
      }
      return { contents: text, loader: 'js' };
    });
  },
};

const common = {
  plugins: [inlineCreateRequire],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  legalComments: 'linked',
  logLevel: 'warning',
  // Optional peer of the engine (docs screenshots), never used by the editor.
  external: ['vscode', 'playwright-core'],
  // The engine is ESM: `import.meta.url` has no CommonJS meaning, so give it the bundle's own URL.
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};

await build({ ...common, entryPoints: [join(root, 'src', 'extension.ts')], outfile: join(root, 'dist', 'extension.js') });
if (existsSync(serverMain)) {
  // The bin's entry (`main`), started by the client with `--node-ipc`.
  await build({
    ...common,
    stdin: {
      contents: `import { main } from ${JSON.stringify(serverMain)};\nmain(process.argv.slice(2));\n`,
      resolveDir: root,
      loader: 'ts',
    },
    outfile: join(root, 'dist', 'server.js'),
  });
} else {
  console.warn(`build: ${serverMain} not found; the extension is built without its language server`);
}
console.log('build: extension bundled in dist/');
