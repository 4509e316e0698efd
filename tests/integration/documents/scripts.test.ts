// Issue 14, characters: every character of the text is drawn or the document is refused naming
// the one that can't be — never dropped. Latin, Greek and Cyrillic in Open Sans; Hebrew and
// Arabic in DejaVu Sans, shaped (Arabic joining forms) and in visual order (bidi); kana and kanji
// in Noto Sans JP, broken between characters; symbol-font codes (Symbol, Wingdings, U+F0xx)
// mapped to the character they show; Korean, which no face draws, refused naming it. Checked with
// poppler's text extraction, which shares no code with us, on documents LibreOffice wrote
// (tests/fixtures/convert/libreoffice-scripts.*, libreoffice-japanese.*, refused/libreoffice-korean.*)
// and on a UTF-8 TXT.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PdfError } from '../../../utils/core/documents/pdf/errors.ts';
import { makeSendable } from '../../../utils/core/documents/send-fix.ts';
import type { DocType } from '../../../utils/core/documents/types.ts';
import { pdfScratch, popplerText } from '../../helpers/pdf-words.ts';
import { needSystemTools } from '../../helpers/system-tools.ts';

const limits = { maxBytes: 25 * 1024 * 1024, maxDecompressedBytes: 1e9, maxCompressionRatio: 200, maxPages: 500, timeoutMs: 120_000 };
const FIXTURES = join(import.meta.dirname, '../../fixtures/convert');
const pdfs = pdfScratch('rg-scripts-');

needSystemTools('pdftotext');

async function pdfText(name: string, bytes: Uint8Array, type: DocType): Promise<string> {
  const out = await makeSendable(bytes, type, { limits, protect: false });
  // NFKC: poppler may hand back Arabic presentation forms where a font maps them so.
  return popplerText(pdfs.save(out.bytes, `${name}.pdf`)).normalize('NFKC').replace(/[\u200e\u200f\u202a-\u202e]/g, '');
}

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name.startsWith('libreoffice-korean') ? 'refused' : '', name)));
const words = (s: string): string[] => s.normalize('NFKC').split(/[^\p{L}\p{N}]+/u).filter(Boolean);

const SENTENCES = [
  'ο πελάτης μίλησε για την επιστροφή στην εργασία',
  'клиент рассказал о возвращении на работу',
  'הלקוח דיבר על החזרה לעבודה',
  'تحدث العميل عن العودة إلى العمل',
];

describe('scripts in documents LibreOffice wrote', () => {
  it.each([
    ['libreoffice-scripts.docx', 'docx'],
    ['libreoffice-scripts.odt', 'odt'],
    ['libreoffice-scripts.rtf', 'rtf'],
  ] as const)('%s: Greek, Cyrillic, Hebrew and Arabic words all come back, in reading order', async (name, type) => {
    const t = await pdfText(name, fixture(name), type);
    const got = words(t).join(' ');
    for (const s of SENTENCES) expect(got).toContain(words(s).join(' '));
    expect(got).toContain('Einde van het verslag');
  });

  it.each([
    ['libreoffice-scripts.docx', 'docx'],
    ['libreoffice-scripts.odt', 'odt'],
    ['libreoffice-scripts.rtf', 'rtf'],
  ] as const)('%s: Wingdings and Symbol characters become what they show', async (name, type) => {
    const t = await pdfText(name, fixture(name), type);
    expect(t).toMatch(/✓ akkoord ☑ getekend • punt αβ alfa beta/);
  });

  it.each([
    ['libreoffice-japanese.docx', 'docx'],
    ['libreoffice-japanese.odt', 'odt'],
    ['libreoffice-japanese.rtf', 'rtf'],
  ] as const)('%s: kanji and kana are drawn and every character comes back, in order, with no line starting on closing punctuation', async (name, type) => {
    const t = await pdfText(name, fixture(name), type);
    expect(t).toContain('Afspraak met de cliënt in Tokio (東京) op maandag.');
    const japanese = '本日の面談では、クライアントの職場復帰について話し合いました。「次回の打ち合わせ」は来週の月曜日、東京の事務所で行います。報告書はクライアントの承認後に送付します。';
    const lines = t.split('\n').filter((l) => /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/u.test(l) && !l.includes('Tokio'));
    // The paragraph wraps onto several lines, broken between characters (it has no spaces).
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.join('').replace(/\s/g, '')).toBe(japanese + japanese);
    for (const l of lines.slice(1)) expect(l).not.toMatch(/^[、。」]/u);
    expect(t).toContain('Einde van het verslag.');
  });

  it.each([
    ['libreoffice-korean.docx', 'docx'],
    ['libreoffice-korean.odt', 'odt'],
    ['libreoffice-korean.rtf', 'rtf'],
  ] as const)('%s: a character no embedded face has (Hangul) refuses the document, naming it', async (name, type) => {
    const e = await makeSendable(fixture(name), type, { limits, protect: false }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PdfError);
    expect((e as PdfError).kind).toBe('unsupported');
    expect((e as PdfError).message).toMatch(/"서" \(U\+C11C\)/);
  });
});

describe('plain text', () => {
  it('a UTF-8 TXT with Arabic, Hebrew, Greek and Cyrillic keeps every word', async () => {
    const src = ['Verslag van het gesprek', 'De cliënt zei: مرحبا بالعالم، هذا تقرير.', 'שלום עולם', 'Καλημέρα κόσμε, Привет мир.', ''].join('\n');
    const t = await pdfText('scripts.txt', new TextEncoder().encode(src), 'txt');
    const got = words(t);
    for (const w of words(src)) expect(got).toContain(w);
    expect(got.join(' ')).toContain('مرحبا بالعالم');
  });
});
