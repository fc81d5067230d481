/** BCP 47 language tags, the common subset: language[-Script][-REGION|-digits][-variant]*. */
const BCP47 = /^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|\d{3}))?(?:-[A-Za-z0-9]{5,8})*$/;

/** True for tags such as `en`, `es-MX`, `pt-BR`, `zh-Hant-TW`. */
export function isLocaleTag(tag: string): boolean {
  return BCP47.test(tag);
}
