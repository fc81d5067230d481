/**
 * Readability of Spanish text with the Szigriszt-Pazos perspicuity index (INFLESZ scale):
 * 206.835 − 62.3 × (syllables / words) − (words / sentences). 65–80 reads "bastante fácil",
 * 55–65 "normal", below 55 "algo difícil". Syllables are vowel nuclei: a diphthong (weak
 * i/u/ü/y with any vowel) is one, two strong vowels (a e o, or an accented í ú) are two.
 */
import { sentences, words } from './reading-level.js';

const STRONG = new Set(['a', 'e', 'o', 'á', 'é', 'ó', 'í', 'ú']);
const VOWEL = /[aeiouáéíóúü]/;

/** Estimated Spanish syllables of one word (at least 1). */
export function syllablesEs(word: string): number {
  const w = word.toLowerCase().replace(/[^a-záéíóúüñ]/g, '');
  let count = 0;
  let prev = '';
  for (const c of w) {
    if (VOWEL.test(c)) {
      // A new nucleus after a consonant, or a hiatus of two strong vowels.
      if (!VOWEL.test(prev) || (STRONG.has(c) && STRONG.has(prev))) count++;
    }
    prev = c;
  }
  return Math.max(1, count);
}

/** Szigriszt-Pazos perspicuity of a text; 100 for text without words. */
export function szigrisztPazos(text: string): number {
  const ws = words(text);
  if (ws.length === 0) return 100;
  const sentenceCount = Math.max(1, sentences(text).length);
  const syllableCount = ws.reduce((sum, w) => sum + syllablesEs(w), 0);
  return 206.835 - 62.3 * (syllableCount / ws.length) - ws.length / sentenceCount;
}
