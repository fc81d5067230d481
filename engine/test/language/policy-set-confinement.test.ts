/**
 * Imports are untrusted: they stay inside the policy set's folder, read only regular
 * `.smartpolicy` files within size limits, never quote another file, never block, and a runaway
 * import chain ends in one diagnostic instead of a stack overflow.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadPolicySet } from '../../src/node/load-policy-set.js';

const SECRET = 'root:x:0:0:SECRET-LINE-3b9f';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'smart-policy-confine-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const codes = (entry: string, options = {}): string[] => loadPolicySet(entry, options).diagnostics.map((d) => d.code);

describe('import confinement', () => {
  it('refuses absolute imports without reading them', () => {
    const dir = folder({ 'main.smartpolicy': 'import "/etc/passwd"\nimport "/etc/shadow"\n', 'secret.txt': SECRET });
    const set = loadPolicySet(join(dir, 'main.smartpolicy'));
    expect(set.diagnostics.map((d) => d.code)).toEqual(['import.outside-set', 'import.outside-set']);
    expect(set.files).toHaveLength(1);
    expect(JSON.stringify(set.diagnostics)).not.toMatch(/root:/);
  });

  it('refuses the forms of absolute paths on every platform (drive letters, backslashes, ~, URLs)', () => {
    for (const path of ['C:\\\\x.smartpolicy', '\\\\\\\\server\\\\x.smartpolicy', '~/x.smartpolicy', 'file:///etc/x.smartpolicy']) {
      const reads: string[] = [];
      const set = loadPolicySet('/set/main.smartpolicy', {
        readFile: (p) => {
          if (p === '/set/main.smartpolicy') return `import "${path}"`;
          reads.push(p);
          return 'app x { user none }';
        },
      });
      expect(
        set.diagnostics.map((d) => d.code),
        path,
      ).toEqual(['import.outside-set']);
      expect(reads).toEqual([]);
    }
  });

  it("refuses '..' out of the entry file's folder, and allows it inside", () => {
    const dir = folder({
      'set/main.smartpolicy': 'import "sub/a.smartpolicy"\nimport "../outside.smartpolicy"\n',
      'set/sub/a.smartpolicy': 'import "../b.smartpolicy"\n',
      'set/b.smartpolicy': 'app b { user none }\n',
      'outside.smartpolicy': 'app o { user none }\n',
    });
    const set = loadPolicySet(join(dir, 'set/main.smartpolicy'));
    expect(set.files.map((f) => f.path)).toEqual([
      join(dir, 'set/main.smartpolicy'),
      join(dir, 'set/sub/a.smartpolicy'),
      join(dir, 'set/b.smartpolicy'),
    ]);
    expect(set.diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([['import.outside-set', 2]]);
  });

  it('refuses a symbolic link that leads outside the folder, even to a .smartpolicy file', () => {
    const outside = folder({ 'evil.smartpolicy': `app x { user none }\n${SECRET}\n` });
    const dir = folder({ 'main.smartpolicy': 'import "link.smartpolicy"\nimport "passwd.smartpolicy"\n' });
    symlinkSync(join(outside, 'evil.smartpolicy'), join(dir, 'link.smartpolicy'));
    symlinkSync('/etc/passwd', join(dir, 'passwd.smartpolicy'));
    const set = loadPolicySet(join(dir, 'main.smartpolicy'));
    expect(set.diagnostics.map((d) => d.code)).toEqual(['import.outside-set', 'import.outside-set']);
    expect(JSON.stringify(set)).not.toContain('SECRET-LINE');
  });

  it('never reads a file that is not a .smartpolicy file (an .env, a key), not even through a link', () => {
    const dir = folder({
      'main.smartpolicy': 'import ".env"\nimport "alias.smartpolicy"\nimport "key.pem"\n',
      '.env': `DATABASE_PASSWORD=${SECRET}\n`,
      'key.pem': SECRET,
    });
    symlinkSync(join(dir, '.env'), join(dir, 'alias.smartpolicy'));
    const set = loadPolicySet(join(dir, 'main.smartpolicy'));
    expect(set.diagnostics.map((d) => d.code)).toEqual(['import.not-policy', 'import.not-policy', 'import.not-policy']);
    expect(JSON.stringify(set)).not.toMatch(/DATABASE_PASSWORD|SECRET-LINE/);
  });

  it('refuses an entry file that is not a .smartpolicy file without quoting it', () => {
    const dir = folder({ 'notes.txt': `${SECRET}\n` });
    const set = loadPolicySet(join(dir, 'notes.txt'));
    expect(set.diagnostics.map((d) => d.code)).toEqual(['import.not-policy']);
    expect(JSON.stringify(set)).not.toContain('SECRET-LINE');
  });

  it('refuses a FIFO without blocking, and a device reached through a link', () => {
    const dir = folder({ 'main.smartpolicy': 'import "pipe.smartpolicy"\nimport "zero.smartpolicy"\n' });
    execFileSync('mkfifo', [join(dir, 'pipe.smartpolicy')]);
    symlinkSync('/dev/zero', join(dir, 'zero.smartpolicy'));
    expect(codes(join(dir, 'main.smartpolicy'))).toEqual(['import.not-file', 'import.outside-set']);
    // Even with '/' as the root, the link's target is not a .smartpolicy file, so it is never opened.
    expect(codes(join(dir, 'main.smartpolicy'), { root: '/' })).toEqual(['import.not-file', 'import.not-policy']);
  });

  it('refuses a directory named like a policy file, and a symbolic link loop, in words', () => {
    const dir = folder({ 'main.smartpolicy': 'import "dir.smartpolicy"\nimport "loop.smartpolicy"\n' });
    mkdirSync(join(dir, 'dir.smartpolicy'));
    symlinkSync(join(dir, 'loop.smartpolicy'), join(dir, 'loop.smartpolicy'));
    const set = loadPolicySet(join(dir, 'main.smartpolicy'));
    expect(set.diagnostics.map((d) => d.code)).toEqual(['import.not-file', 'import.missing']);
    expect(set.diagnostics[1]?.message).toMatch(/loop of symbolic links/);
    expect(set.diagnostics[1]?.message).not.toMatch(/ELOOP/);
  });

  it('refuses a file past the size limit, and a set past the total limit', () => {
    const dir = folder({
      'main.smartpolicy': 'import "big.smartpolicy"\nimport "a.smartpolicy"\nimport "b.smartpolicy"\n',
      'big.smartpolicy': `# ${'x'.repeat(5000)}\n`,
      'a.smartpolicy': `# ${'a'.repeat(1500)}\n`,
      'b.smartpolicy': `# ${'b'.repeat(1500)}\n`,
    });
    const set = loadPolicySet(join(dir, 'main.smartpolicy'), { limits: { maxFileBytes: 4000, maxTotalBytes: 3000 } });
    expect(set.diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([
      ['import.too-large', 1],
      ['import.too-large', 3],
    ]);
    expect(set.files).toHaveLength(2);
  });
});

describe('import chain limits', () => {
  /** file i imports file i+1, in memory. */
  const chain =
    (n: number): ((p: string) => string | undefined) =>
    (p) => {
      const m = /f(\d+)\.smartpolicy$/.exec(p);
      const i = m ? Number(m[1]) : -1;
      if (i < 0 || i >= n) return undefined;
      return i + 1 < n ? `import "f${i + 1}.smartpolicy"\n` : 'app last { user none }\n';
    };

  it('ends a chain of 4,000 files with one import.limit diagnostic instead of a stack overflow', () => {
    const set = loadPolicySet(resolve('/chain/f0.smartpolicy'), { readFile: chain(4000) });
    expect(set.diagnostics.map((d) => d.code)).toEqual(['import.limit']);
    expect(set.diagnostics[0]?.message).toMatch(/import chain longer than 100/);
    expect(set.files).toHaveLength(100);
  });

  it('loads 4,000 chained files iteratively when the limits allow it', () => {
    const set = loadPolicySet(resolve('/chain/f0.smartpolicy'), { readFile: chain(4000), limits: { maxDepth: 5000, maxFiles: 5000 } });
    expect(set.diagnostics).toEqual([]);
    expect(set.files).toHaveLength(4000);
  });

  it('limits the number of files of a wide set', () => {
    const readFile = (p: string): string | undefined =>
      p.endsWith('main.smartpolicy')
        ? Array.from({ length: 50 }, (_, i) => `import "w${i}.smartpolicy"`).join('\n')
        : 'app a { user none }';
    const set = loadPolicySet(resolve('/wide/main.smartpolicy'), { readFile, limits: { maxFiles: 10 } });
    expect(set.files).toHaveLength(10);
    expect(set.diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([['import.limit', 10]]);
  });
});

describe('property: no content of a file outside the set, or not a policy, reaches a diagnostic', () => {
  it('holds for random secrets, file names and import forms', () => {
    const outside = folder({});
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9]{24,40}$/),
        fc.constantFrom('.env', 'secret.txt', 'id_rsa', 'config.json', 'x.smartpolicy.bak', 'notes'),
        fc.constantFrom('inside', 'outside-absolute', 'outside-relative', 'link-inside'),
        (secret, name, form) => {
          const dir = folder({ 'main.smartpolicy': '' });
          const home = form === 'inside' || form === 'link-inside' ? dir : outside;
          writeFileSync(join(home, name), `${secret}=1\n${secret}\n`);
          let target: string = name;
          if (form === 'outside-absolute') target = join(outside, name);
          if (form === 'outside-relative') target = join('..', outside.split('/').pop() ?? '', name);
          if (form === 'link-inside') {
            symlinkSync(join(dir, name), join(dir, 'l.smartpolicy'));
            target = 'l.smartpolicy';
          }
          writeFileSync(join(dir, 'main.smartpolicy'), `import "${target}"\n`);
          const set = loadPolicySet(join(dir, 'main.smartpolicy'));
          expect(set.diagnostics.length).toBe(1);
          expect(JSON.stringify(set)).not.toContain(secret);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('property: the disk loader never throws', () => {
  it('on random import paths (NUL bytes, dots, slashes, drive letters, long names)', () => {
    const dir = folder({ 'main.smartpolicy': '', 'ok.smartpolicy': 'app a { user none }\n' });
    const piece = fc.constantFrom(
      '..',
      '.',
      '/',
      '\\',
      'ok.smartpolicy',
      'x',
      '\u0000',
      'C:',
      '~',
      '%2e%2e',
      'a'.repeat(300),
      '.smartpolicy',
      '',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (parts) => {
        const path = parts.join('');
        writeFileSync(join(dir, 'main.smartpolicy'), `import ${JSON.stringify(path)}\n`);
        const set = loadPolicySet(join(dir, 'main.smartpolicy'));
        for (const d of set.diagnostics) expect(d.code).toMatch(/^(import|syntax)\./);
        expect(set.files.every((f) => f.path.startsWith(dir))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
