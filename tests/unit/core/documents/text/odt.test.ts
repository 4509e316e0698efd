import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ZipError } from '../../../../../utils/core/documents/zip.ts';
import { extractOdtText } from '../../../../../utils/core/documents/text/odt.ts';
import { makeOdt, makeZipBomb } from '../../../../helpers/fixtures.ts';

const LIMITS = { maxDecompressedBytes: 200 * 1024 * 1024, maxCompressionRatio: 100 };
const NS = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"';

function odtWithContent(body: string): Uint8Array {
  return zipSync({
    mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }],
    'content.xml': strToU8(`<office:document-content ${NS}><office:body><office:text>${body}</office:text></office:body></office:document-content>`),
  });
}

describe('extractOdtText', () => {
  it('keeps paragraphs apart and decodes entities', () => {
    expect(extractOdtText(makeOdt(['Eerste alinea', 'Tweede & "derde"']), LIMITS)).toBe('Eerste alinea\n\nTweede & "derde"');
  });

  it('handles headings, spans, line breaks, tabs and repeated spaces', () => {
    const body =
      '<text:h text:outline-level="1">Rapportage</text:h>' +
      '<text:p>Naam:<text:tab/>J. <text:span text:style-name="b">de Vries</text:span></text:p>' +
      '<text:p>regel 1<text:line-break/>regel 2</text:p>' +
      '<text:p>a<text:s text:c="3"/>b &#233;&#x20AC;</text:p>';
    expect(extractOdtText(odtWithContent(body), LIMITS)).toBe('Rapportage\nNaam:\tJ. de Vries\nregel 1\nregel 2\na   b é€');
  });

  it('leaves out tracked-change metadata', () => {
    const body = '<text:tracked-changes><text:changed-region><text:p>verwijderd</text:p></text:changed-region></text:tracked-changes><text:p>zichtbaar</text:p>';
    expect(extractOdtText(odtWithContent(body), LIMITS)).toBe('zichtbaar');
  });

  it('refuses a bomb and an archive without content.xml', () => {
    expect(() => extractOdtText(makeZipBomb(), LIMITS)).toThrow(ZipError);
    expect(() => extractOdtText(zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.text') }), LIMITS)).toThrow(/content\.xml/);
  });
});
