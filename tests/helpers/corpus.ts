// The shared real-world corpus (../shared/corpus, outside the repository; see its README): files
// nobody on this project wrote, read in place, never copied in. Found next to the checkout
// (CI and /work/main) or next to the worktree folder (/work/wt/<name>), or where
// REPORTGUARD_CORPUS points. When it is absent the suites that use it are skipped with one line
// saying so, as the corpus README asks.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface CorpusRow {
  name: string;
  expect: 'convert' | 'refuse' | 'either';
  source: string;
  note: string;
}

export function corpusDir(): string | undefined {
  const candidates = [process.env.REPORTGUARD_CORPUS, join(ROOT, '../shared/corpus'), join(ROOT, '../../shared/corpus')];
  return candidates.find((d): d is string => !!d && existsSync(join(d, 'manifest.tsv')));
}

export function corpusRows(dir = corpusDir()): CorpusRow[] {
  if (!dir) return [];
  return readFileSync(join(dir, 'manifest.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const [name = '', expect = '', source = '', note = ''] = l.split('\t');
      return { name, expect: expect as CorpusRow['expect'], source, note };
    });
}

export function corpusFile(name: string): Uint8Array {
  const dir = corpusDir();
  if (!dir) throw new Error('the shared corpus is not there');
  return new Uint8Array(readFileSync(join(dir, 'files', name)));
}

export function corpusPath(name: string): string {
  const dir = corpusDir();
  if (!dir) throw new Error('the shared corpus is not there');
  return join(dir, 'files', name);
}

/** describe() over the corpus, skipped with a one-line reason when it is absent. */
export function describeCorpus(title: string, fn: () => void): void {
  if (corpusDir()) {
    describe(title, fn);
  } else {
    describe.skip(`${title} (skipped: ../shared/corpus not found; set REPORTGUARD_CORPUS)`, fn);
  }
}
