import { describe, expect, it } from 'vitest';
import { ConversionError } from '../../../../../utils/core/documents/convert/errors.ts';
import { kids, parseXml, textOf } from '../../../../../utils/core/documents/convert/xml.ts';

function kindOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof ConversionError) return `${e.kind}: ${e.message}`;
    throw e;
  }
  return 'no error';
}

describe('parseXml', () => {
  it('resolves namespaces by URI, whatever the prefix', () => {
    const root = parseXml('<x:doc xmlns:x="urn:a"><x:p a:val="1" xmlns:a="urn:b">Hé &amp; &#233;&#x20AC;</x:p><y:p xmlns:y="urn:a"/></x:doc>', 't');
    expect(root.ns).toBe('urn:a');
    const ps = kids(root, 'urn:a', 'p');
    expect(ps).toHaveLength(2);
    expect(ps[0]?.attrs.val).toBe('1');
    expect(textOf(root)).toBe('Hé & é€');
  });

  it('keeps CDATA text and skips comments and processing instructions', () => {
    const root = parseXml('<?xml version="1.0"?><!-- c --><a><![CDATA[<b>]]><?pi x?></a>', 't');
    expect(textOf(root)).toBe('<b>');
  });

  it('refuses any DOCTYPE, so entity expansion (billion laughs) never happens', () => {
    const laughs = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><a>&lol2;</a>';
    expect(kindOf(() => parseXml(laughs, 'word/document.xml'))).toMatch(/^corrupt: .*document type declaration/);
  });

  it('refuses undeclared entities', () => {
    expect(kindOf(() => parseXml('<a>&ext;</a>', 'p'))).toMatch(/^corrupt: .*undeclared entity/);
  });

  it('refuses nesting beyond the depth limit before building it', () => {
    const deep = '<a>'.repeat(5000) + '</a>'.repeat(5000);
    expect(kindOf(() => parseXml(deep, 'p'))).toMatch(/^corrupt: .*nested deeper than 200 levels/);
    expect(() => parseXml('<a>'.repeat(150) + '</a>'.repeat(150), 'p')).not.toThrow();
  });

  it('refuses more nodes than allowed', () => {
    expect(kindOf(() => parseXml(`<a>${'<b/>'.repeat(20)}</a>`, 'p', { maxDepth: 10, maxNodes: 10 }))).toMatch(/^too-large: /);
  });

  it.each([
    ['unclosed element', '<a><b></a>'],
    ['stray end tag', '<a></a></b>'],
    ['two roots', '<a/><b/>'],
    ['unterminated tag', '<a><b attr="x'],
    ['no root', '   '],
  ])('refuses malformed XML: %s', (_label, xml) => {
    expect(kindOf(() => parseXml(xml, 'p'))).toMatch(/^corrupt: p: malformed XML/);
  });
});
