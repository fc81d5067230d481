/**
 * The `phrasebook <locale> { … }` blocks of parsed policy files as catalog phrasebooks. Blocks
 * for the same locale are merged; within a locale the first message of a key, the first short
 * and long wildcard noun win (repeats are the checker's to report). Tolerant of recovered ASTs.
 */
import type { PhrasebookBlock, PolicyFile } from '../language/ast.js';
import type { BundlePhrasebook } from './bundle-types.js';

/** A merged phrasebook without its source span (the explain catalog's `CatalogPhrasebook` has this shape). */
type CatalogPhrasebook = Omit<BundlePhrasebook, 'span'>;
type Wildcard = NonNullable<CatalogPhrasebook['wildcard']>;
type CatalogGender = NonNullable<Wildcard['gender']>;
type CatalogNumber = NonNullable<Wildcard['number']>;

interface Draft {
  messages: Record<string, string>;
  wildcard?: { short?: string; long?: string; gender?: CatalogGender; number?: CatalogNumber };
  jargon: string[];
  possessives: string[];
}

function stringValue(s: { value?: unknown; missing?: true } | undefined): string | undefined {
  return s && !s.missing && typeof s.value === 'string' ? s.value : undefined;
}

function addBlock(draft: Draft, block: PhrasebookBlock): void {
  for (const st of Array.isArray(block.statements) ? block.statements : []) {
    if (!st) continue;
    if (st.kind === 'phrasebook.message') {
      const key = st.key && !st.key.missing ? st.key.text : undefined;
      const text = stringValue(st.text);
      if (key && text !== undefined && !Object.hasOwn(draft.messages, key)) draft.messages[key] = text;
    } else if (st.kind === 'phrasebook.wildcard') {
      const text = stringValue(st.text);
      if (text === undefined) continue;
      const w = (draft.wildcard ??= {});
      if (st.form?.value === 'long') w.long ??= text;
      else if (w.short === undefined) {
        w.short = text;
        if (st.gender?.value !== undefined) w.gender = st.gender.value;
        if (st.number?.value !== undefined) w.number = st.number.value;
      }
    } else {
      const list = st.kind === 'phrasebook.jargon' ? draft.jargon : draft.possessives;
      for (const v of Array.isArray(st.values) ? st.values : []) {
        const text = stringValue(v);
        // Jargon is matched against lower-cased text by the lint.
        if (text !== undefined && text !== '') list.push(st.kind === 'phrasebook.jargon' ? text.toLowerCase() : text);
      }
    }
  }
}

function finish(draft: Draft): CatalogPhrasebook {
  const w = draft.wildcard;
  return {
    messages: draft.messages,
    ...(w?.short !== undefined
      ? {
          wildcard: {
            short: w.short,
            ...(w.long !== undefined ? { long: w.long } : {}),
            ...(w.gender ? { gender: w.gender } : {}),
            ...(w.number ? { number: w.number } : {}),
          },
        }
      : {}),
    ...(draft.jargon.length > 0 ? { jargon: draft.jargon } : {}),
    ...(draft.possessives.length > 0 ? { possessives: draft.possessives } : {}),
  };
}

/** Phrasebooks of some `phrasebook` blocks (in source order), keyed by locale as written. */
export function phrasebooksFromBlocks(blocks: readonly PhrasebookBlock[]): Record<string, CatalogPhrasebook> {
  const drafts = new Map<string, Draft>();
  for (const block of blocks) {
    if (!block.locale || block.locale.missing || block.locale.text === '') continue;
    let draft = drafts.get(block.locale.text);
    if (!draft) drafts.set(block.locale.text, (draft = { messages: {}, jargon: [], possessives: [] }));
    addBlock(draft, block);
  }
  return Object.fromEntries([...drafts].map(([locale, d]) => [locale, finish(d)]));
}

/** Phrasebooks of a parsed policy set, keyed by locale; undefined when it has none. */
export function phrasebooksFromAst(files: readonly PolicyFile[]): Record<string, CatalogPhrasebook> | undefined {
  const blocks: PhrasebookBlock[] = [];
  for (const file of Array.isArray(files) ? files : []) {
    for (const decl of Array.isArray(file?.declarations) ? file.declarations : []) if (decl?.kind === 'phrasebook') blocks.push(decl);
  }
  return blocks.length > 0 ? phrasebooksFromBlocks(blocks) : undefined;
}
