/** Flattens a catalog into its pieces of text, each with target, query, locale, form and span. */
import type { CatalogAudience, CatalogTexts, ExplanationCatalog } from '../explanation-catalog.js';
import type { CatalogTextItem } from './lint-types.js';
import { appendAll } from '../../util/append-all.js';

function itemsOf(texts: CatalogTexts, base: { target: string; param?: string; value?: string }): CatalogTextItem[] {
  const out: CatalogTextItem[] = [];
  for (const [locale, text] of Object.entries(texts)) {
    // A locale with only audience variants has an empty general short form: nothing to read.
    if (text.short !== '' || text.variants === undefined)
      out.push({ ...base, locale, form: 'short', text: text.short, ...(text.span ? { span: text.span } : {}) });
    if (text.long !== undefined) {
      const span = text.longSpan ?? text.span;
      out.push({ ...base, locale, form: 'long', text: text.long, ...(span ? { span } : {}) });
    }
    for (const [audience, v] of Object.entries(text.variants ?? {})) {
      const who = { audience: audience as CatalogAudience };
      if (v?.short !== undefined) out.push({ ...base, ...who, locale, form: 'short', text: v.short, ...(v.span ? { span: v.span } : {}) });
      if (v?.long !== undefined)
        out.push({ ...base, ...who, locale, form: 'long', text: v.long, ...(v.longSpan ? { span: v.longSpan } : {}) });
    }
  }
  return out;
}

/** Every text of every entry and query value, in catalog order. */
export function catalogTexts(catalog: ExplanationCatalog): CatalogTextItem[] {
  const out: CatalogTextItem[] = [];
  for (const entry of Object.values(catalog.entries)) {
    appendAll(out, itemsOf(entry.texts, { target: entry.target }));
    for (const q of entry.queries) appendAll(out, itemsOf(q.texts, { target: entry.target, param: q.param, value: q.value }));
  }
  return out;
}

/** "explain Observation" or "explain Observation where category = …", for messages. */
export function describeItem(item: Pick<CatalogTextItem, 'target' | 'param' | 'value' | 'locale' | 'form' | 'audience'>): string {
  const where = item.param !== undefined ? ` where ${item.param} = ${item.value ?? ''}` : '';
  return `explain ${item.target}${where} (${item.locale} ${item.form}${item.audience !== undefined ? ` for ${item.audience}` : ''})`;
}
