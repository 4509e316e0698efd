// The readers' text columns: DOCX w:cols, ODT style:columns on a section style, RTF \cols, and
// column breaks, as the model carries them (DocModel.columns, PageBreak.columns / column).
import { describe, expect, it } from 'vitest';
import { readDocx } from '../../../../../utils/core/documents/convert/docx.ts';
import { Deadline } from '../../../../../utils/core/documents/convert/errors.ts';
import { readOdt } from '../../../../../utils/core/documents/convert/odt.ts';
import { readRtf } from '../../../../../utils/core/documents/convert/rtf.ts';
import type { PageBreak } from '../../../../../utils/core/documents/convert/model.ts';
import type { AnalysisLimits } from '../../../../../utils/core/documents/types.ts';
import { makeDocx, makeOdt } from '../../../../helpers/office-fixtures.ts';

const LIMITS: AnalysisLimits = { maxBytes: 25e6, maxDecompressedBytes: 20e6, maxCompressionRatio: 100, maxPages: 500, timeoutMs: 20_000 };
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const p = (text: string): string => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;
const breaks = (blocks: Array<{ kind: string }>): PageBreak[] => blocks.filter((b): b is PageBreak => b.kind === 'page-break');

describe('DOCX columns', () => {
  it('reads w:cols of each section, own widths and the separator, and a column break', () => {
    const xml = `<w:document xmlns:w="${W}"><w:body>${p('Een kolom')}<w:p><w:pPr><w:sectPr><w:cols w:space="720"/></w:sectPr></w:pPr></w:p>${p('Links')}<w:p><w:r><w:br w:type="column"/><w:t>Rechts</w:t></w:r></w:p><w:p><w:pPr><w:sectPr><w:type w:val="continuous"/><w:cols w:num="2" w:space="360" w:equalWidth="0" w:sep="1"><w:col w:w="2880" w:space="360"/><w:col w:w="5760"/></w:cols></w:sectPr></w:pPr></w:p>${p('Weer een kolom')}<w:sectPr><w:type w:val="continuous"/><w:cols w:space="720"/></w:sectPr></w:body></w:document>`;
    const m = readDocx(makeDocx([], { override: { 'word/document.xml': xml } }), LIMITS, new Deadline(20_000));
    expect(m.columns).toBeUndefined();
    const [first, column, last] = breaks(m.blocks);
    expect(first?.columns).toEqual({ count: 2, gap: 18, separator: true, widths: [{ width: 144, gap: 18 }, { width: 288, gap: 0 }] });
    expect(first?.continuous).toBe(true);
    expect(column).toEqual({ kind: 'page-break', column: true });
    expect(last?.columns?.count).toBe(1);
    // The empty paragraphs that only carry a section break take no line.
    expect(m.blocks.filter((b) => b.kind === 'paragraph')).toHaveLength(4);
  });
});

describe('ODT columns', () => {
  it('a text:section with a columned section style begins and ends its columns; fo:break-before column', () => {
    const styles = '<style:style style:name="S2" style:family="section"><style:section-properties><style:columns fo:column-count="2" fo:column-gap="1cm"><style:column-sep style:width="0.1pt"/></style:columns></style:section-properties></style:style><style:style style:name="NK" style:family="paragraph"><style:paragraph-properties fo:break-before="column"/></style:style>';
    const body = '<text:p>Voor</text:p><text:section text:name="Twee" text:style-name="S2"><text:p>Links</text:p><text:p text:style-name="NK">Rechts</text:p></text:section><text:p>Na</text:p>';
    const m = readOdt(makeOdt(body, { stylesExtra: styles }), LIMITS, new Deadline(20_000));
    const bs = breaks(m.blocks);
    expect(bs[0]?.continuous).toBe(true);
    expect(bs[0]?.columns?.count).toBe(2);
    expect(bs[0]?.columns?.gap).toBeCloseTo(28.35, 1);
    expect(bs[0]?.columns?.separator).toBe(true);
    expect(bs[1]).toEqual({ kind: 'page-break', column: true });
    expect(bs[2]).toEqual({ kind: 'page-break', continuous: true, columns: { count: 1 } });
  });
});

describe('RTF columns', () => {
  it('reads \\cols and \\colsx of the first section and of one after \\sect, and \\column', () => {
    const rtf = '{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}\\sectd\\cols2\\colsx720 Links\\par\\column Rechts\\par\\sect\\sectd\\sbknone Een kolom\\par}';
    const m = readRtf(new TextEncoder().encode(rtf), new Deadline(20_000));
    expect(m.columns).toEqual({ count: 2, gap: 36 });
    const bs = breaks(m.blocks);
    expect(bs[0]).toEqual({ kind: 'page-break', column: true });
    expect(bs[1]).toEqual({ kind: 'page-break', continuous: true, columns: { count: 1 } });
  });
});
