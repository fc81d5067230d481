/**
 * Where "truncated anywhere" robustness tests cut a text, within a fixed budget of cuts.
 *
 * Checking every prefix of a long policy costs O(n²) work (7,000 prefixes × a full check), which
 * took close to a minute and could time out on a loaded 2-core machine. A parser and a checker
 * see a different partial tree only where a token starts, ends or is cut in half, so the cuts are
 * every line end plus token boundaries (and the position just inside each token), thinned to the
 * budget at an even stride. The stride's phase changes from run to run, so repeated runs cover
 * every boundary; a failure names the phase to reproduce it, and `ROBUSTNESS_FULL=1` cuts at
 * every position.
 */

/** Cuts and how they were chosen, for failure messages. */
export interface PrefixCuts {
  /** Sorted, distinct offsets in [0, text.length], both ends included. */
  readonly cuts: readonly number[];
  /** Token-boundary candidates before thinning. */
  readonly candidates: number;
  /** The stride phase used; pass it back to reproduce a failure. */
  readonly phase: number;
  /** Whether every offset is cut (`ROBUSTNESS_FULL=1`). */
  readonly full: boolean;
}

type CharClass = 'word' | 'space' | 'quote' | 'other';

function classOf(c: string): CharClass {
  if (/[\p{L}\p{N}_]/u.test(c)) return 'word';
  if (/\s/u.test(c)) return 'space';
  if (c === '"') return 'quote';
  return 'other';
}

/**
 * At most `budget` cut offsets for `text` (line ends are kept first, then an even stride over the
 * token boundaries). `phase` picks the stride's start; by default it is random.
 */
export function prefixCuts(text: string, budget: number, phase?: number): PrefixCuts {
  if (process.env['ROBUSTNESS_FULL'] === '1') {
    return { cuts: Array.from({ length: text.length + 1 }, (_, i) => i), candidates: text.length + 1, phase: 0, full: true };
  }
  const lineEnds = new Set<number>([0, text.length]);
  const boundaries: number[] = [];
  for (let i = 1; i < text.length; i++) {
    if (text[i - 1] === '\n') lineEnds.add(i);
    const before = classOf(text[i - 1]!);
    const here = classOf(text[i]!);
    // A boundary, and one character into the token that starts there (a token cut in half).
    if (before !== here || here === 'other' || here === 'quote') {
      boundaries.push(i);
      if (i + 1 < text.length) boundaries.push(i + 1);
    }
  }
  const candidates = [...new Set(boundaries)].filter((i) => !lineEnds.has(i));
  const lines = [...lineEnds].sort((x, y) => x - y);
  // More lines than the budget: an even stride over the lines, always with both ends.
  const keptLines =
    lines.length <= budget
      ? lines
      : [...new Set([0, text.length, ...lines.filter((_, k) => k % Math.ceil(lines.length / Math.max(1, budget - 2)) === 0)])].slice(
          0,
          Math.max(2, budget),
        );
  const room = Math.max(0, budget - keptLines.length);
  const stride = Math.max(1, Math.ceil(candidates.length / Math.max(1, room)));
  const start = (((phase ?? Math.floor(Math.random() * stride)) % stride) + stride) % stride;
  const picked = room === 0 ? [] : candidates.filter((_, k) => k % stride === start);
  const cuts = [...new Set([...keptLines, ...picked])].sort((x, y) => x - y);
  return { cuts, candidates: candidates.length + lineEnds.size, phase: start, full: false };
}
