/**
 * Golden consent screens for review: for every example policy, app class, audience and locale,
 * the rendered HTML of the screen an app of that class sees when it asks for everything the
 * class may get (fixed clock, sample person), in golden/<policy>/<class>.<audience>.<locale>.html.
 *
 * Goldens are written ONLY by the update command, never by a normal run (a missing golden fails):
 *
 *   npm run goldens:consent-screens        (= UPDATE_GOLDEN=1 npx vitest run engine/test/consent-screen/golden-screens.test.ts)
 *   npm run goldens:update                 (every golden of the repository)
 *
 * Review the diff as you would review text shown to patients. When the built-in texts change
 * (phrasebooks, renderers), regenerate with the same command.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { localeChoice, renderConsentScreen } from '../../src/explain/index.js';
import { catalogFromBundle } from '../../src/explain/catalog-from-bundle.js';
import { AUDIENCES } from '../../src/explain/docs/screen-previews.js';
import { API, EHR, NOW, PORTAL, allowedOf, examplePolicy } from './helpers.js';
import { readGolden } from '../support/golden.js';

const GOLDEN = fileURLToPath(new URL('./golden/', import.meta.url));
interface Case {
  readonly file: string;
  readonly render: () => string;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const path of [PORTAL, API, EHR]) {
    const bundle = examplePolicy(path);
    const policyDir = path.split('/')[1] ?? path;
    const { available } = localeChoice(catalogFromBundle(bundle));
    for (const app of bundle.apps) {
      for (const audience of AUDIENCES) {
        for (const locale of available) {
          out.push({
            file: `${policyDir}/${app.name}.${audience}.${locale}.html`,
            render: () =>
              renderConsentScreen({
                bundle,
                appClass: app.name,
                audience,
                locale,
                request: { scopes: allowedOf(bundle, app.name) },
                user: { displayName: 'Alex Morgan' },
                now: NOW,
                form: { action: '/authorize/consent', hidden: { transaction: 'tx-123' } },
                // The stylesheet is linked, not inlined, so the goldens show content only.
                cssHref: 'consent-screen.css',
              }).html,
          });
        }
      }
    }
  }
  return out;
}

describe('golden consent screens', () => {
  const all = cases();

  it('covers every example policy, app class, audience and locale', () => {
    expect(all.length).toBe(2 * 3 * 2 + 2 * 3 * 2 + 3 * 3 * 1);
  });

  for (const c of all) {
    it(c.file, () => {
      const actual = c.render();
      expect(actual).toBe(readGolden(join(GOLDEN, c.file), actual));
    });
  }

  it('has no stale goldens', () => {
    const expected = new Set(all.map((c) => c.file));
    const found = existsSync(GOLDEN) ? readdirSync(GOLDEN, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')) : [];
    expect(found.filter((f) => !expected.has(f))).toEqual([]);
  });
});
