import { describe, expect, it } from 'vitest';
import { ConversionError, Deadline } from '../../../../../utils/core/documents/convert/errors.ts';
import { PAGE_FIELD, modelText } from '../../../../../utils/core/documents/convert/model.ts';
import { readRtf } from '../../../../../utils/core/documents/convert/rtf.ts';
import { makeRtf } from '../../../../helpers/office-fixtures.ts';

const read = (rtf: string | Uint8Array) => readRtf(typeof rtf === 'string' ? new TextEncoder().encode(rtf) : rtf, new Deadline(10_000));

describe('readRtf', () => {
  it('reads emphasis, code-page and unicode escapes, skipping metadata destinations', () => {
    const m = read(makeRtf());
    const text = modelText(m);
    expect(text).toContain('Rapportage cliënt C-1042');
    expect(text).toContain('Coördinator, reïntegratie, ĳzer en € 12,50 “citaat”.');
    expect(text).not.toMatch(/Arial|Geheim|Iemand|Handwerk|verborgen/);
    expect(m.blocks[0]).toMatchObject({ kind: 'paragraph', align: 'center', runs: [{ text: 'Rapportage cliënt C-1042', bold: true }] });
    const second = m.blocks[1];
    expect(second?.kind === 'paragraph' && second.runs.filter((r) => r.bold || r.italic || r.underline)).toEqual([
      // RTF's default size (no \fs): 12 pt; the default font (\deff0) by the font table.
      { text: 'vet', bold: true, size: 12, font: 'Arial' },
      { text: 'cursief', italic: true, size: 12, font: 'Arial' },
      { text: 'onderstreept', underline: true, size: 12, font: 'Arial' },
    ]);
  });

  it('sets text of a file with no font table in Times New Roman, as Word and LibreOffice do, and leaves a font table\'s missing entry alone', () => {
    const bare = read(String.raw`{\rtf1\ansi Plain\par}`);
    expect(bare.blocks[0]).toMatchObject({ kind: 'paragraph', runs: [{ text: 'Plain', font: 'Times New Roman', size: 12 }] });
    expect(bare.lineEm).toBeDefined();
    const listed = read(String.raw`{\rtf1\ansi\deff0{\fonttbl{\f0 Arial;}}\f3 Other\par}`);
    const run = listed.blocks[0]?.kind === 'paragraph' ? listed.blocks[0].runs[0] : undefined;
    expect(run?.text).toBe('Other');
    expect(run?.font).toBeUndefined();
  });

  it('reads unescaped bytes above 127 in the document code page, not as Latin-1 control characters', () => {
    const head = new TextEncoder().encode('{\\rtf1\\ansi\\ansicpg1252 Bedrag ');
    const tail = new TextEncoder().encode('\\par}');
    // 0x80 is € and 0x93/0x94 are curly quotes in Windows-1252 (C1 controls in Latin-1); 0xEB is ë.
    const bytes = new Uint8Array([...head, 0x80, 0x20, 0x31, 0x32, 0x20, 0x93, 0x63, 0x6f, 0xeb, 0x94, ...tail]);
    expect(modelText(read(bytes))).toBe('Bedrag € 12 “coë”');
  });

  it('builds table rows, keeps the PNG picture, skips the WMF fallback and breaks the page', () => {
    const m = read(makeRtf());
    const table = m.blocks.find((b) => b.kind === 'table');
    expect(table?.kind === 'table' && table.rows.map((r) => r.cells.map((c) => modelText({ blocks: c.blocks })))).toEqual([
      ['Datum', 'Resultaat'],
      ['12-10-2026', 'Naïeve vraag'],
    ]);
    expect(m.blocks.filter((b) => b.kind === 'image')).toHaveLength(1);
    expect(m.blocks.map((b) => b.kind).slice(-2)).toEqual(['page-break', 'paragraph']);
    expect(modelText(m).endsWith('Laatste pagina, „slot”.')).toBe(true);
  });

  it('uses the list marker text, headings from outline levels and live page fields in the footer', () => {
    const m = read(String.raw`{\rtf1\ansi{\footer\pard Pagina {\field{\*\fldinst PAGE}{\fldrslt 7}}\par}\pard\outlinelevel0 Kop\par\pard{\listtext 1.\tab}\ls1 Eerste\par{\listtext \'b7\tab}\ls2 Punt\par}`);
    expect(m.blocks[0]).toMatchObject({ kind: 'heading', level: 1 });
    expect(m.blocks[1]).toMatchObject({ kind: 'list-item', ordered: true, marker: '1.' });
    expect(m.blocks[2]).toMatchObject({ kind: 'list-item', ordered: false, marker: '•' });
    expect(modelText({ blocks: m.footer ?? [] })).toBe(`Pagina ${PAGE_FIELD}`);
  });

  it('keeps metafile pictures (named by their keyword) and refuses non-RTF input', () => {
    expect(read(String.raw`{\rtf1 a{\pict\wmetafile8 0100}}`).blocks).toContainEqual(expect.objectContaining({ kind: 'image', format: 'wmf' }));
    expect(read(String.raw`{\rtf1 a{\pict\emfblip 0100}}`).blocks).toContainEqual(expect.objectContaining({ kind: 'image', format: 'emf' }));
    expect(() => read('hello')).toThrow(ConversionError);
  });

  it('refuses absurd group nesting', () => {
    expect(() => read(`{\\rtf1 ${'{'.repeat(10_000)}x${'}'.repeat(10_000)}}`)).toThrow(/nested deeper/);
  });
});
