// Date fields (fields.ts): Word's `\@` date-time pictures, ODF number:date-style / time-style,
// the metadata dates they print, and the DOCX/ODT readers computing them instead of keeping the
// writer's cached text (unless the field is locked or fixed). Dates are built in local time at
// midday, so the tests hold in every time zone.
import { describe, expect, it } from 'vitest';
import { readDocx } from '../../../../../utils/core/documents/convert/docx.ts';
import { Deadline } from '../../../../../utils/core/documents/convert/errors.ts';
import { modelText } from '../../../../../utils/core/documents/convert/model.ts';
import { makeDocx } from '../../../../helpers/office-fixtures.ts';
import { formatOdfDate, formatWordDate, metadataDates, odfDataStyles, parseDocDate, wordDateField } from '../../../../../utils/core/documents/convert/fields.ts';
import { parseXml } from '../../../../../utils/core/documents/convert/xml.ts';

const d = new Date(2023, 10, 24, 13, 5, 9); // Friday 24 November 2023, 13:05:09
const morning = new Date(2024, 2, 3, 9, 7, 0); // Sunday 3 March 2024, 09:07

describe('formatWordDate', () => {
  it('formats days, months and years in their lengths', () => {
    expect(formatWordDate(d, 'MMMM d, yyyy')).toBe('November 24, 2023');
    expect(formatWordDate(morning, 'd/M/yy')).toBe('3/3/24');
    expect(formatWordDate(morning, 'dd-MM-yyyy')).toBe('03-03-2024');
    expect(formatWordDate(morning, 'dddd d MMM yyyy')).toBe('Sunday 3 Mar 2024');
    expect(formatWordDate(d, 'ddd')).toBe('Fri');
  });

  it('formats hours (12 and 24), minutes, seconds and AM/PM', () => {
    expect(formatWordDate(d, 'HH:mm:ss')).toBe('13:05:09');
    expect(formatWordDate(d, 'h:mm AM/PM')).toBe('1:05 PM');
    expect(formatWordDate(morning, 'hh:mm am/pm')).toBe('09:07 am');
    expect(formatWordDate(morning, 'H:mm A/P')).toBe('9:07 A');
  });

  it('keeps quoted text and backslash-escaped characters as they are', () => {
    expect(formatWordDate(d, "d 'de' MMMM")).toBe('24 de November');
    expect(formatWordDate(d, 'dd\\-MM\\-yyyy')).toBe('24-11-2023');
    expect(formatWordDate(d, "MMMM\\ d', 'yyyy")).toBe('November 24, 2023');
  });

  it('names months and days in the language given, English for one it does not know', () => {
    expect(formatWordDate(d, 'MMMM d, yyyy', 'et-EE')).toBe('november 24, 2023');
    expect(formatWordDate(morning, 'dddd d MMMM yyyy', 'nl-NL')).toBe('zondag 3 maart 2024');
    expect(formatWordDate(morning, 'd MMM', 'nl')).toBe('3 mrt');
    expect(formatWordDate(morning, 'd. MMMM yyyy', 'de-DE')).toBe('3. März 2024');
    expect(formatWordDate(morning, 'd MMMM yyyy', 'fr-FR')).toBe('3 mars 2024');
    expect(formatWordDate(morning, 'd MMMM yyyy', 'xx-YY')).toBe('3 March 2024');
  });
});

describe('wordDateField', () => {
  const dates = { now: morning, created: new Date(2013, 9, 1, 12), modified: d, printed: new Date(2017, 4, 1, 12) };

  it('prints SAVEDATE, CREATEDATE and PRINTDATE from the document dates, in the picture of the \\@ switch', () => {
    expect(wordDateField(' SAVEDATE  \\@ "MMMM d, yyyy"  \\* MERGEFORMAT ', dates, 'et-EE')).toBe('november 24, 2023');
    expect(wordDateField('CREATEDATE \\@ "d-M-yyyy"', dates)).toBe('1-10-2013');
    expect(wordDateField('PRINTDATE \\@ dd.MM.yy', dates)).toBe('01.05.17');
  });

  it('prints DATE and TIME as the moment of conversion, in the language default without a picture', () => {
    expect(wordDateField('DATE \\@ "d MMMM yyyy"', dates, 'nl-NL')).toBe('3 maart 2024');
    expect(wordDateField('DATE', dates, 'en-US')).toBe('3/3/2024');
    expect(wordDateField('DATE', dates, 'nl-NL')).toBe('3-3-2024');
    expect(wordDateField('TIME \\@ "HH:mm"', dates)).toBe('09:07');
  });

  it('leaves other fields, and a document date the file lacks or a picture it does not give, to the stored result', () => {
    expect(wordDateField('PAGE', dates)).toBeUndefined();
    expect(wordDateField('AUTHOR', dates)).toBeUndefined();
    expect(wordDateField('PRINTDATE \\@ "d-M-yyyy"', { now: morning })).toBeUndefined();
    expect(wordDateField('SAVEDATE', dates)).toBeUndefined();
  });
});

describe('metadata dates', () => {
  it('reads docProps/core.xml and meta.xml, and ignores dates that are not ones', () => {
    const core = parseXml(
      '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dcterms="http://purl.org/dc/terms/"><cp:lastPrinted>1601-01-01T00:00:00Z</cp:lastPrinted><dcterms:created>2013-10-01T21:34:00Z</dcterms:created><dcterms:modified>2023-11-24T13:12:00Z</dcterms:modified></cp:coreProperties>',
      'core.xml',
    );
    const c = metadataDates(core, { created: 'created', modified: 'modified', printed: 'lastPrinted' });
    expect(c.modified?.toISOString()).toBe('2023-11-24T13:12:00.000Z');
    expect(c.created?.toISOString()).toBe('2013-10-01T21:34:00.000Z');
    expect(c.printed).toBeUndefined();
    const meta = parseXml(
      '<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta><meta:creation-date>2021-03-04T09:15:00</meta:creation-date><dc:date>2023-11-24T14:30:00.120000000</dc:date></office:meta></office:document-meta>',
      'meta.xml',
    );
    const m = metadataDates(meta, { created: 'creation-date', modified: 'date', printed: 'print-date' });
    expect(m.created?.getHours()).toBe(9);
    expect(m.modified?.getDate()).toBe(24);
    expect(parseDocDate('not a date')).toBeUndefined();
    expect(parseDocDate('0000-00-00T00:00:00Z')).toBeUndefined();
  });
});

describe('formatOdfDate', () => {
  const NS = 'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"';
  const styles = odfDataStyles([
    parseXml(
      `<office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ${NS}><office:styles>
        <number:date-style style:name="long" number:automatic-order="true"><number:month number:style="long" number:textual="true"/><number:text> </number:text><number:day/><number:text>, </number:text><number:year number:style="long"/></number:date-style>
        <number:date-style style:name="numeric"><number:day-of-week number:style="long"/><number:text> </number:text><number:day number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:year/></number:date-style>
        <number:time-style style:name="clock"><number:hours/><number:text>:</number:text><number:minutes number:style="long"/><number:text> </number:text><number:am-pm/></number:time-style>
      </office:styles></office:document-styles>`,
      'styles.xml',
    ),
  ]);

  it('formats by the style elements, month and day names in the language', () => {
    expect(formatOdfDate(d, styles.get('long'), 'en')).toBe('November 24, 2023');
    expect(formatOdfDate(morning, styles.get('numeric'), 'nl')).toBe('zondag 03-03-24');
    expect(formatOdfDate(d, styles.get('clock'))).toBe('1:05 PM');
  });

  it('puts the day first for a language that writes it so when the style asks for the automatic order', () => {
    expect(formatOdfDate(d, styles.get('long'), 'nl')).toBe('24 november 2023');
    expect(formatOdfDate(d, styles.get('long'), 'de')).toBe('24. November 2023');
  });

  it('gives nothing without a style (the stored text stays)', () => {
    expect(formatOdfDate(d, undefined)).toBeUndefined();
  });
});

/** A complex field (begin, instruction, separate, cached result, end); `lock` adds attributes to its begin. */
const field = (instr: string, cached: string, lock = ''): string =>
  `<w:r><w:fldChar w:fldCharType="begin"${lock}/></w:r><w:r><w:instrText xml:space="preserve">${instr}</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>${cached}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`;

/** A SAVEDATE field "d MMMM" whose runs carry `rPr`. */
const saved = (rPr = ''): string => field(' SAVEDATE \\@ "d MMMM" ', 'x').replaceAll('<w:r>', `<w:r>${rPr}`);

describe('readDocx date fields', () => {
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  const core =
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dcterms="http://purl.org/dc/terms/"><dcterms:created>2013-10-01T12:00:00</dcterms:created><dcterms:modified>2023-11-24T12:00:00</dcterms:modified></cp:coreProperties>';
  const styles = (lang: string): string =>
    `<w:styles xmlns:w="${W}"><w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="${lang}"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="NL"><w:name w:val="NL"/><w:rPr><w:lang w:val="nl-NL"/></w:rPr></w:style><w:style w:type="character" w:styleId="ES"><w:name w:val="ES"/><w:rPr><w:lang w:val="es-ES"/></w:rPr></w:style></w:styles>`;
  const doc = (body: string): string => `<w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`;
  const read = (body: string, lang = 'en-US'): string => {
    const bytes = makeDocx([], { override: { 'word/document.xml': doc(body), 'docProps/core.xml': core, 'word/styles.xml': styles(lang) } });
    return modelText(readDocx(bytes, { maxBytes: 25e6, maxDecompressedBytes: 20e6, maxCompressionRatio: 100, maxPages: 500, timeoutMs: 20_000 }, new Deadline(20_000)));
  };

  it('prints SAVEDATE from docProps/core.xml in the document language instead of the cached result', () => {
    expect(read(`<w:p><w:r><w:t xml:space="preserve">Bijgewerkt: </w:t></w:r>${field(' SAVEDATE \\@ "d MMMM yyyy" ', '1 mei 2017')}</w:p>`, 'nl-NL')).toBe('Bijgewerkt: 24 november 2023');
  });

  it("names the month in the paragraph's language (its style, its mark's w:lang), not the field runs' own, as LibreOffice does", () => {
    expect(read(`<w:p><w:pPr><w:pStyle w:val="NL"/></w:pPr>${saved()}</w:p>`)).toBe('24 november');
    expect(read(`<w:p><w:pPr><w:rPr><w:lang w:val="fr-FR"/></w:rPr></w:pPr>${saved()}</w:p>`)).toBe('24 novembre');
    expect(read(`<w:p>${saved('<w:rPr><w:lang w:val="de-DE"/></w:rPr>')}</w:p>`)).toBe('24 November');
    expect(read(`<w:p>${saved('<w:rPr><w:rStyle w:val="ES"/></w:rPr>')}</w:p>`)).toBe('24 November');
  });

  it('keeps a locked field (w:fldLock) and a date the file does not give as cached', () => {
    expect(read(`<w:p>${field(' SAVEDATE \\@ "d MMMM yyyy" ', '1 May 2017', ' w:fldLock="true"')}</w:p>`)).toBe('1 May 2017');
    expect(read(`<w:p>${field(' PRINTDATE \\@ "d MMMM yyyy" ', '2 May 2017')}</w:p>`)).toBe('2 May 2017');
  });

  it('computes a simple field (w:fldSimple) too, and DATE as today', () => {
    expect(read(`<w:p><w:fldSimple w:instr=" CREATEDATE \\@ &quot;yyyy-MM-dd&quot; "><w:r><w:t>2000-01-01</w:t></w:r></w:fldSimple></w:p>`)).toBe('2013-10-01');
    const now = new Date();
    expect(read(`<w:p>${field(' DATE \\@ "yyyy" ', '1999')}</w:p>`)).toBe(String(now.getFullYear()));
  });
});
