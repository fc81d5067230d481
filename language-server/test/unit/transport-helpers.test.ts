/** The transport's own helpers: positions across the engine/LSP boundary, line edits, settings. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineHunks } from '../../src/line-diff.js';
import { offsetAt, positionAt, toLspRange } from '../../src/positions.js';
import { readSettings } from '../../src/settings.js';

function applyHunks(before: string, after: string): string {
  const lines = before.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  for (const h of [...lineHunks(before, after)].reverse()) lines.splice(h.oldStart, h.oldCount, ...h.newLines);
  return lines.join('');
}

describe('positions', () => {
  it('moves the engine 1-based lines and columns to LSP 0-based ones', () => {
    const start = { line: 3, column: 5, offset: 20 };
    expect(toLspRange({ start, end: { line: 3, column: 9, offset: 24 } })).toEqual({
      start: { line: 2, character: 4 },
      end: { line: 2, character: 8 },
    });
  });

  it('offsetAt and positionAt invert each other, clamped to the text (UTF-16 units)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.nat(100), (text, raw) => {
        const offset = Math.min(raw, text.length);
        expect(offsetAt(text, positionAt(text, offset))).toBe(offset);
      }),
      { numRuns: 300 },
    );
    expect(offsetAt('ab\ncd', { line: 9, character: 0 })).toBe(5);
    expect(offsetAt('ab\ncd', { line: 0, character: 99 })).toBe(2);
  });
});

describe('line edits', () => {
  it('turn any text into any other, touching only changed lines', () => {
    const lines = fc.array(fc.constantFrom('a', 'b', '  c', '', '}', 'grant x {'), { maxLength: 12 });
    fc.assert(
      fc.property(lines, lines, fc.boolean(), (a, b, finalBreak) => {
        const before = a.join('\n') + (finalBreak ? '\n' : '');
        const after = b.join('\n');
        expect(applyHunks(before, after)).toBe(after);
      }),
      { numRuns: 400 },
    );
    expect(lineHunks('a\nb\nc\n', 'a\nB\nc\n')).toEqual([{ oldStart: 1, oldCount: 1, newLines: ['B\n'] }]);
  });
});

describe('settings', () => {
  it('keep valid levels and locales, drop anything else (own keys only)', () => {
    const lint = JSON.parse('{"style.deny-without-reason": "off", "x.y": "loud", "__proto__": "error"}') as unknown;
    const settings = readSettings({ lint, inlayHintLocale: 'es-MX', trace: 'verbose' });
    expect(Object.keys(settings.lint.rules ?? {})).toEqual(['style.deny-without-reason']);
    expect(Object.getPrototypeOf(settings.lint.rules)).toBe(Object.prototype);
    expect(settings.inlayHintLocale).toBe('es-MX');
    expect(settings.trace).toBe('verbose');
    expect(readSettings({ inlayHintLocale: '../etc', trace: 5 })).toMatchObject({ inlayHintLocale: undefined, trace: 'off' });
    expect(readSettings(null).lint).toEqual({});
  });
});
