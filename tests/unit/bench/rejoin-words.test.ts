import { describe, expect, it } from 'vitest';
import { rejoinBrokenWords } from '../../../bench/rejoin-words.ts';

// pdftotext -bbox-layout's shape: pages of lines of words with their boxes.
type W = [text: string, x0: number, y0: number, x1: number];
function xml(pages: W[][][]): string {
  const word = ([t, x0, y0, x1]: W): string => `<word xMin="${x0}" yMin="${y0}" xMax="${x1}" yMax="${y0 + 14}">${t}</word>`;
  return `<doc>${pages.map((lines) => `<page width="595" height="842"><flow><block>${lines.map((l) => `<line xMin="0">${l.map(word).join('')}</line>`).join('')}</block></flow></page>`).join('')}</doc>`;
}

describe('rejoinBrokenWords (fidelity bench diagnosis)', () => {
  it('joins the pieces of a word broken down a narrow cell, also when a neighbouring cell shares the line', () => {
    const page = xml([
      [
        [['Nr.', 56, 70, 75], ['arbeidsong', 252, 70, 320], ['Werkgever', 395, 70, 461]],
        [['eschiktheid', 252, 84, 322], ['saansprake', 395, 84, 464]],
        [['sverzekerin', 252, 98, 323], ['lijkheid', 395, 98, 440]],
        [['g', 252, 112, 260]],
      ],
    ]);
    const ours = new Set(['Nr', 'arbeidsongeschiktheidsverzekering', 'Werkgeversaansprakelijkheid']);
    const { text, joined } = rejoinBrokenWords(page, ours);
    expect(joined).toEqual(['arbeidsongeschiktheidsverzekering', 'Werkgeversaansprakelijkheid']);
    expect(text.split(/\s+/)).toEqual(['Nr.', 'arbeidsongeschiktheidsverzekering', 'Werkgeversaansprakelijkheid']);
  });

  it('joins a word broken over the centred lines of a shape', () => {
    const { joined } = rejoinBrokenWords(xml([[[['to', 100, 50, 112]], [['p', 103, 64, 109]], [['middle', 92, 90, 120]]]]), new Set(['top', 'middle']));
    expect(joined).toEqual(['top']);
  });

  it('leaves two real words apart, a piece that makes no word of ours, and pieces on other pages', () => {
    // "over" / "all": both words of ours on their own, so not a broken word.
    const a = rejoinBrokenWords(xml([[[['over', 72, 100, 95]], [['all', 72, 114, 85]]]]), new Set(['over', 'all', 'overall']));
    expect(a.joined).toEqual([]);
    // "Verant" / "xyz": together no word of ours.
    const b = rejoinBrokenWords(xml([[[['Verant', 72, 100, 110]], [['xyz', 72, 114, 90]]]]), new Set(['Verantwoordelijk']));
    expect(b.joined).toEqual([]);
    expect(b.text).toBe('Verant\nxyz');
    // The piece below on the next page: pages are apart.
    const c = rejoinBrokenWords(xml([[[['Subclaus', 300, 780, 340]]], [[['e', 300, 790, 306]]]]), new Set(['Subclause']));
    expect(c.joined).toEqual([]);
    expect(c.text).toBe('Subclaus\fe');
  });

  it('decodes the entities pdftotext writes', () => {
    const { text } = rejoinBrokenWords(xml([[[['A&amp;B', 72, 100, 95], ['&lt;x&gt;', 100, 100, 120]]]]), new Set());
    expect(text).toBe('A&B <x>');
  });
});
