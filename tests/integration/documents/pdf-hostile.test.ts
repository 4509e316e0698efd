// Hostile corpus: each file must either come out flat (and pass the independent verifier) or be
// refused with a typed, one-line reason — never hang, crash or pass silently. Vitest timeouts
// here are hang guards only, far above the pipeline's own time limit.
import { beforeAll, describe, expect, it } from 'vitest';
import { PdfError } from '../../../utils/core/documents/pdf/errors.ts';
import { makeSendable } from '../../../utils/core/documents/send-fix.ts';
import { verifyPdfFlat } from '../../../utils/core/documents/pdf/verify.ts';
import { makeHostileCorpus } from '../../helpers/pdf-fixtures.ts';
import type { HostileCase } from '../../helpers/pdf-fixtures.ts';

const limits = { maxBytes: 25 * 1024 * 1024, maxDecompressedBytes: 1e9, maxCompressionRatio: 100, maxPages: 500, timeoutMs: 20_000 };
const REFUSAL_KINDS = ['encrypted', 'corrupt', 'too-large', 'too-many-pages', 'timeout', 'unsupported'];

/** Cases whose outcome is not a judgement call: what a careful reader must do with them. */
const MUST_REFUSE: Record<string, string> = {
  'user password': 'encrypted',
  'page tree loop': 'corrupt',
  garbage: 'corrupt',
  'garbage after a PDF header': 'corrupt',
  empty: 'corrupt',
  'truncated to header': 'corrupt',
};
const MUST_FLATTEN = ['huge array of nulls', 'huge declared image', 'self-referencing objects', 'field parent and action loops', '/Length too short', '/Length too long'];

let corpus: HostileCase[];
beforeAll(async () => {
  corpus = await makeHostileCorpus();
}, 60_000);

describe('hostile PDF corpus', () => {
  it('contains the cases it is meant to', () => {
    const names = corpus.map((c) => c.name);
    for (const n of [...Object.keys(MUST_REFUSE), ...MUST_FLATTEN, 'truncated', 'corrupt xref offsets', 'deeply nested arrays']) {
      expect(names).toContain(n);
    }
  });

  it('every case ends flat-and-verified or refused with one line, within the time limit', async () => {
    const outcomes: string[] = [];
    for (const c of corpus) {
      const started = Date.now();
      let outcome: string;
      try {
        const out = await makeSendable(c.bytes, 'pdf', { limits });
        const check = await verifyPdfFlat(out.bytes);
        expect(check, c.name).toMatchObject({ flat: true, problems: [] });
        expect(out.pages, c.name).toBeGreaterThan(0);
        outcome = 'flat';
      } catch (e) {
        expect(e, `${c.name}: ${String(e)}`).toBeInstanceOf(PdfError);
        const err = e as PdfError;
        expect(REFUSAL_KINDS, `${c.name}: ${err.kind} ${err.message}`).toContain(err.kind);
        expect(err.message, c.name).not.toMatch(/\n/);
        expect(err.message.length, c.name).toBeGreaterThan(5);
        outcome = err.kind;
      }
      // Deadline honoured (plus slack for a loaded CI machine): not a speed assertion.
      expect(Date.now() - started, c.name).toBeLessThan(limits.timeoutMs + 10_000);
      outcomes.push(`${c.name}: ${outcome}`);
      if (MUST_REFUSE[c.name]) expect(outcome, c.name).toBe(MUST_REFUSE[c.name]);
      if (MUST_FLATTEN.includes(c.name)) expect(outcome, c.name).toBe('flat');
    }
    expect(outcomes).toHaveLength(corpus.length);
  }, 300_000);

  it('a tiny time budget ends in a timeout refusal, not a hang', async () => {
    const big = corpus.find((c) => c.name === 'deeply nested arrays')!;
    const err = await makeSendable(big.bytes, 'pdf', { limits: { ...limits, timeoutMs: 1 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PdfError);
    expect((err as PdfError).kind).toBe('timeout');
  }, 60_000);
});
