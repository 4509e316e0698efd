import { describe, expect, it } from 'vitest';
import { decodeXmlEntities, tidy, xmlToText } from '../../../../../utils/core/documents/text/xml-text.ts';

const RULES = { paragraph: new Set(['p']), lineBreak: new Set(['br']), tab: new Set(['tab']), skip: new Set(['instr']) };

describe('xml-text', () => {
  it('decodes named and numeric entities, leaving unknown ones alone', () => {
    expect(decodeXmlEntities('&lt;a&gt; &amp; &quot;b&quot; &apos;c&apos; &#233; &#x20ac; &nbsp;')).toBe('<a> & "b" \'c\' é € &nbsp;');
    expect(decodeXmlEntities('&#0; &#x110000;')).toBe('\uFFFD \uFFFD');
  });

  it('turns paragraph ends, breaks and tabs into text, and skips comments and skipped elements', () => {
    const xml = '<?xml version="1.0"?><doc><!-- <p>niet</p> --><p>a<tab/>b</p><p>c<br/>d<instr>HYPERLINK</instr></p><p><![CDATA[<e>]]></p></doc>';
    expect(xmlToText(xml, RULES)).toBe('a\tb\nc\nd\n<e>\n');
  });

  it('tidy collapses indentation and blank runs but keeps paragraph breaks', () => {
    expect(tidy('  a  \n   \n\n\n\n b\t\n')).toBe('a\n\nb');
  });
});
