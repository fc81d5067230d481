/** `phrasebook` blocks → `PolicyBundle.phrasebooks` (merged per locale, as the explain catalog reads them). */
import type { PhrasebookBlock } from '../language/ast.js';
import { phrasebooksFromBlocks } from './phrasebooks-from-ast.js';
import type { BundlePhrasebook } from './bundle-types.js';
import { spanOf } from './source-span.js';

/** The phrasebooks of a policy set (blocks in source order with their bundle URIs); undefined when there are none. */
export function compilePhrasebooks(
  blocks: readonly { readonly node: PhrasebookBlock; readonly uri: string }[],
): Record<string, BundlePhrasebook> | undefined {
  if (blocks.length === 0) return undefined;
  const merged = phrasebooksFromBlocks(blocks.map((b) => b.node));
  const out: Record<string, BundlePhrasebook> = {};
  for (const [locale, book] of Object.entries(merged)) {
    const first = blocks.find((b) => b.node.locale.text === locale);
    if (first === undefined) continue;
    out[locale] = { ...book, span: spanOf(first.uri, first.node.range) };
  }
  return out;
}
