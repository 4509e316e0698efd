// SmartArt drawn from its drawing part (smartart.ts): every shape's text in its box, outlines
// from preset and custom geometry, an unknown preset's text still there.
import { describe, expect, it } from 'vitest';
import { themeColors } from '../../../../../utils/core/documents/convert/drawing.ts';
import type { MetaItem } from '../../../../../utils/core/documents/convert/pictures/metafile.ts';
import { smartArtDrawing } from '../../../../../utils/core/documents/convert/smartart.ts';
import { parseXml } from '../../../../../utils/core/documents/convert/xml.ts';

const DSP = 'http://schemas.microsoft.com/office/drawing/2008/diagram';
const A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const EMU = 12700;

function shape(x: number, y: number, w: number, h: number, geom: string, text?: string): string {
  const xfrm = `<a:xfrm><a:off x="${x * EMU}" y="${y * EMU}"/><a:ext cx="${w * EMU}" cy="${h * EMU}"/></a:xfrm>`;
  const body = text ? `<dsp:txBody><a:bodyPr anchor="ctr" lIns="0" rIns="0" tIns="0" bIns="0"/><a:p><a:pPr algn="ctr"/><a:r><a:rPr sz="1200"/><a:t>${text}</a:t></a:r></a:p></dsp:txBody>` : '';
  return `<dsp:sp><dsp:spPr>${xfrm}${geom}<a:solidFill><a:schemeClr val="accent1"/></a:solidFill><a:ln w="12700"><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill></a:ln></dsp:spPr>${body}</dsp:sp>`;
}

const drawing = (shapes: string): string => `<dsp:drawing xmlns:dsp="${DSP}" xmlns:a="${A}"><dsp:spTree>${shapes}</dsp:spTree></dsp:drawing>`;
const texts = (items: MetaItem[]): string[] => items.flatMap((i) => (i.t === 'text' ? [i.text] : []));
const paths = (items: MetaItem[]): Array<Extract<MetaItem, { t: 'path' }>> => items.flatMap((i) => (i.t === 'path' ? [i] : []));

describe('SmartArt drawing part', () => {
  it('an org chart: boxes with their names centred in them, the connector drawn as an open line', () => {
    const connector = `<a:custGeom><a:pathLst><a:path w="100" h="100" fill="none"><a:moveTo><a:pt x="50" y="0"/></a:moveTo><a:lnTo><a:pt x="50" y="100"/></a:lnTo></a:path></a:pathLst></a:custGeom>`;
    const xml = drawing(shape(100, 0, 120, 40, '<a:prstGeom prst="roundRect"/>', 'Directeur') + shape(110, 40, 100, 30, connector) + shape(100, 70, 120, 40, '<a:prstGeom prst="rect"/>', 'Casemanager'));
    const img = smartArtDrawing(parseXml(xml, 'drawing1.xml'), themeColors(undefined), 320, 120, 'word/diagrams/drawing1.xml');
    expect(img?.format).toBe('drawing');
    const items = img?.drawing?.items ?? [];
    expect(texts(items)).toEqual(['Directeur', 'Casemanager']);
    const t = items.filter((i) => i.t === 'text') as Array<Extract<MetaItem, { t: 'text' }>>;
    // Centred in their boxes (x is the left end of the text, which is centred around 160).
    expect(t[0]?.x).toBeGreaterThan(100);
    expect(t[0]?.x).toBeLessThan(160);
    expect(t[1]?.y).toBeGreaterThan(70);
    const ps = paths(items);
    expect(ps).toHaveLength(3);
    // The connector: stroked, not filled, from (160, 40) to (160, 70).
    expect(ps[1]?.fill).toBeUndefined();
    expect(ps[1]?.d).toBe('160 40 m 160 70 l');
  });

  it("a shape whose preset isn't known keeps its text; a donut is a ring (even-odd)", () => {
    const xml = drawing(shape(0, 0, 100, 100, '<a:prstGeom prst="circularArrow"/>', 'Evalueren') + shape(120, 0, 100, 100, '<a:prstGeom prst="donut"/>', 'Kern'));
    const items = smartArtDrawing(parseXml(xml, 'd.xml'), themeColors(undefined), undefined, undefined, 'd.xml')?.drawing?.items ?? [];
    expect(texts(items)).toEqual(['Evalueren', 'Kern']);
    const ps = paths(items);
    expect(ps).toHaveLength(1);
    expect(ps[0]?.evenOdd).toBe(true);
  });

  it('a word wider than its box is broken between letters, not lost', () => {
    const xml = drawing(shape(0, 0, 40, 100, '<a:prstGeom prst="rect"/>', 'Arbeidsongeschiktheid'));
    const items = smartArtDrawing(parseXml(xml, 'd.xml'), themeColors(undefined), 40, 100, 'd.xml')?.drawing?.items ?? [];
    const lines = texts(items);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('')).toBe('Arbeidsongeschiktheid');
  });
});
