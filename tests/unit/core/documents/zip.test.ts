import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DocumentError } from '../../../../utils/core/documents/errors.ts';
import {
  listZipEntries,
  peekSmallEntry,
  RATIO_GRACE_BYTES,
  readZipEntries,
  ZipError,
  type ZipLimits,
} from '../../../../utils/core/documents/zip.ts';
import { makeDocx, makeZipBomb } from '../../../helpers/fixtures.ts';

const MB = 1024 * 1024;
const LIMITS: ZipLimits = { maxDecompressedBytes: 200 * MB, maxCompressionRatio: 100 };

function thrown(fn: () => unknown): ZipError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ZipError) return error;
    throw error;
  }
  throw new Error('expected a ZipError');
}

describe('listZipEntries', () => {
  it('lists names and sizes from the central directory', () => {
    const zip = zipSync({ 'a.txt': strToU8('hallo'), 'map/b.xml': strToU8('<b/>'.repeat(50)) });
    const entries = listZipEntries(zip);
    expect(entries.map((e) => e.name)).toEqual(['a.txt', 'map/b.xml']);
    expect(entries[1]!.uncompressedSize).toBe(200);
    expect(entries.every((e) => !e.encrypted)).toBe(true);
  });

  it('calls a truncated archive corrupt', () => {
    const zip = makeDocx(['Hallo']);
    const error = thrown(() => listZipEntries(zip.subarray(0, zip.length - 10)));
    expect(error.kind).toBe('corrupt');
    expect(error).toBeInstanceOf(DocumentError);
  });

  it('refuses duplicate entry names (different readers would see different files)', () => {
    const zip = zipSync({ 'a.txt': strToU8('een'), 'b.txt': strToU8('twee') });
    // Rename b.txt to a.txt in both headers.
    const bytes = zip.slice();
    for (let i = 0; i + 5 <= bytes.length; i++) {
      if (String.fromCharCode(...bytes.subarray(i, i + 5)) === 'b.txt') bytes[i] = 0x61;
    }
    expect(thrown(() => listZipEntries(bytes)).kind).toBe('corrupt');
  });
});

describe('readZipEntries', () => {
  it('returns just the wanted entries, inflated', () => {
    const zip = zipSync({ 'keep.txt': strToU8('Cliënt'), 'skip.txt': strToU8('nee') });
    const out = readZipEntries(zip, LIMITS, (name) => name === 'keep.txt');
    expect([...out.keys()]).toEqual(['keep.txt']);
    expect(new TextDecoder().decode(out.get('keep.txt'))).toBe('Cliënt');
  });

  it('reads stored entries and large deflated entries across many slices', () => {
    const big = strToU8('Voortgangsrapportage. '.repeat(20_000));
    const zip = zipSync({ 'stored.txt': [strToU8('stored'), { level: 0 }], 'big.txt': big });
    const out = readZipEntries(zip, LIMITS, () => true);
    expect(new TextDecoder().decode(out.get('stored.txt'))).toBe('stored');
    expect(out.get('big.txt')).toEqual(big);
  });

  it('refuses an honest bomb from its declarations, before inflating anything', () => {
    const error = thrown(() => readZipEntries(makeZipBomb(), LIMITS, () => true));
    expect(error.kind).toBe('zip-bomb');
    expect(error.message).toMatch(/declares/);
  });

  it('refuses a bomb whose headers lie about its size, while inflating', () => {
    // Declares 1 KB; the real content is 300 MiB.
    const error = thrown(() => readZipEntries(makeZipBomb({ declaredBytes: 1024 }), LIMITS, () => true));
    expect(error.kind).toBe('zip-bomb');
    expect(error.message).toMatch(/inflat/);
  });

  it('enforces the total limit on real output even when every declaration is within limits', () => {
    // 3 MiB of zeros declared honestly, under a 2 MiB total limit with a generous ratio.
    const bomb = makeZipBomb({ inflatedBytes: 3 * MB, shape: 'zip' });
    const tight: ZipLimits = { maxDecompressedBytes: 2 * MB, maxCompressionRatio: 10_000 };
    expect(thrown(() => readZipEntries(bomb, tight, () => true)).kind).toBe('zip-bomb');
    // With the declared size hidden (0), the inflater itself must notice.
    const hidden = makeZipBomb({ inflatedBytes: 3 * MB, declaredBytes: 0, shape: 'zip' });
    expect(thrown(() => readZipEntries(hidden, tight, () => true)).kind).toBe('zip-bomb');
  });

  it('refuses by ratio what it would read under a more lenient ratio limit', () => {
    const bomb = makeZipBomb({ inflatedBytes: 4 * MB, shape: 'zip' });
    expect(thrown(() => readZipEntries(bomb, LIMITS, () => true)).kind).toBe('zip-bomb');
    const lenient: ZipLimits = { maxDecompressedBytes: 200 * MB, maxCompressionRatio: 2000 };
    const zeros = readZipEntries(bomb, lenient, () => true).get('zeros.bin')!;
    expect(zeros.length).toBe(4 * MB);
    expect(zeros.every((b) => b === 0)).toBe(true);
  });

  it('exempts small, highly compressible entries from the ratio rule', () => {
    const xml = strToU8(' '.repeat(RATIO_GRACE_BYTES - 1));
    const zip = zipSync({ 'word/styles.xml': xml });
    expect(readZipEntries(zip, LIMITS, () => true).get('word/styles.xml')?.length).toBe(xml.length);
  });

  it('reports ZIP encryption on a wanted entry as encrypted', () => {
    const zip = zipSync({ 'geheim.txt': strToU8('x') });
    const bytes = zip.slice();
    // Set general-purpose flag bit 0 in the local and central headers.
    const view = new DataView(bytes.buffer);
    for (let i = 0; i + 4 <= bytes.length; i++) {
      const sig = view.getUint32(i, true);
      if (sig === 0x04034b50) bytes[i + 6]! |= 1;
      if (sig === 0x02014b50) bytes[i + 8]! |= 1;
    }
    expect(thrown(() => readZipEntries(bytes, LIMITS, () => true)).kind).toBe('encrypted');
    // An encrypted entry nobody asks for doesn't stop the others from being read.
    expect(readZipEntries(bytes, LIMITS, () => false).size).toBe(0);
  });

  it('calls damaged compressed data corrupt, and checks the CRC', () => {
    const zip = zipSync({ 'a.txt': strToU8('Dit is een gewone tekst die gecomprimeerd wordt. '.repeat(20)) });
    const entry = listZipEntries(zip)[0]!;
    const dataStart = 30 + 'a.txt'.length;
    const broken = zip.slice();
    broken[dataStart + Math.floor(entry.compressedSize / 2)]! ^= 0xff;
    expect(thrown(() => readZipEntries(broken, LIMITS, () => true)).kind).toBe('corrupt');
    const stored = zipSync({ 'a.txt': [strToU8('abcdef'), { level: 0 }] });
    const flipped = stored.slice();
    flipped[dataStart]! ^= 0x01;
    expect(thrown(() => readZipEntries(flipped, LIMITS, () => true)).message).toMatch(/CRC/);
  });
});

describe('peekSmallEntry', () => {
  it('reads a small entry and gives null for missing, large or unreadable ones', () => {
    const zip = zipSync({ mimetype: [strToU8('application/x-test'), { level: 0 }], big: new Uint8Array(5000) });
    expect(new TextDecoder().decode(peekSmallEntry(zip, 'mimetype', 256)!)).toBe('application/x-test');
    expect(peekSmallEntry(zip, 'big', 256)).toBeNull();
    expect(peekSmallEntry(zip, 'absent', 256)).toBeNull();
    expect(peekSmallEntry(new Uint8Array([1, 2, 3]), 'mimetype', 256)).toBeNull();
  });
});

describe('zip reader on damaged input (property)', () => {
  it('any single-byte damage to a DOCX either reads or fails with a ZipError, never anything else', async () => {
    const fc = await import('fast-check');
    const docx = makeDocx(['Eerste alinea over de voortgang', 'Tweede alinea']);
    fc.assert(
      fc.property(fc.nat({ max: docx.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, xor) => {
        const damaged = docx.slice();
        damaged[at]! ^= xor;
        try {
          readZipEntries(damaged, LIMITS, () => true);
        } catch (error) {
          expect(error).toBeInstanceOf(ZipError);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('random bytes are refused with a ZipError', async () => {
    const fc = await import('fast-check');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(() => readZipEntries(bytes, LIMITS, () => true)).toThrow(ZipError);
      }),
    );
  });
});
