/**
 * Flesch–Kincaid grade level of English text:
 * 0.39 × (words / sentences) + 11.8 × (syllables / words) − 15.59.
 * Syllables are counted with the usual vowel-group heuristic (silent final "e", "-le" endings),
 * which is what readability tools do; it is an estimate, so the lint is a warning.
 */

/** Splits text into sentences on `.`, `!`, `?` followed by space or end (not inside "e.g."). */
export function sentences(text: string): string[] {
  const protectedText = text.replace(/\b(e\.g|i\.e|etc|vs|Dr|Mr|Mrs|Ms|St)\./gi, (m) => m.replace(/\./g, '\u0000'));
  return (
    protectedText
      .split(/(?<=[.!?])\s+(?=\S)/u)
      // biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000 is the placeholder set just above
      .map((s) => s.replace(/\u0000/g, '.').trim())
      .filter((s) => /[\p{L}\p{N}]/u.test(s))
  );
}

/** The words of a text: letters, digits, apostrophes and inner hyphens. */
export function words(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? [];
}

/** Estimated English syllables of one word (at least 1). */
export function syllables(word: string): number {
  const w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (w.length === 0) return 1;
  if (w.length <= 3) return 1;
  const trimmed = w.replace(/(?:[^laeiouy]es|[^laeiouy]ed|[^aeiouy]e)$/, '').replace(/^y/, '');
  const groups = trimmed.match(/[aeiouy]{1,2}/g)?.length ?? 0;
  const le = /[^aeiouy]le$/.test(w) ? 1 : 0;
  return Math.max(1, groups + le);
}

/** Flesch–Kincaid grade of a text; 0 for text without words. */
export function fleschKincaidGrade(text: string): number {
  const ws = words(text);
  if (ws.length === 0) return 0;
  const sentenceCount = Math.max(1, sentences(text).length);
  const syllableCount = ws.reduce((sum, w) => sum + syllables(w), 0);
  return 0.39 * (ws.length / sentenceCount) + 11.8 * (syllableCount / ws.length) - 15.59;
}
