// Floating boxes and table row heights in the converter's layout (issue 14): a box is drawn where
// its placement puts it, body text goes beside a square-wrapped box (on both sides when there is
// room) and below a top-and-bottom one, a box that can't be placed goes inline with a note, and a
// row is at least (or exactly) as tall as the document sets it. Positions are read back with pdf.js.
import { PDFDocument } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { Deadline } from '../../../../../utils/core/documents/convert/errors.ts';
import type { Block, DocModel, FloatBox, Paragraph } from '../../../../../utils/core/documents/convert/model.ts';
import { modelText } from '../../../../../utils/core/documents/convert/model.ts';
import { renderPdf, type ConversionNote } from '../../../../../utils/core/documents/convert/render.ts';
import { documentParams, loadPdfJs } from '../../../../../utils/core/documents/pdfjs.ts';
import { DUTCH_SENTENCES } from '../../../../helpers/office-fixtures.ts';

interface Placed {
  page: number;
  str: string;
  x: number;
  /** Baseline, from the page's foot. */
  y: number;
}

async function placed(pdf: Uint8Array): Promise<Placed[]> {
  const pdfjs = await loadPdfJs();
  const opened = await documentParams(pdf, false);
  const task = pdfjs.getDocument(opened.params);
  try {
    const doc = await task.promise;
    const out: Placed[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      for (const item of (await page.getTextContent()).items) {
        if (!('str' in item) || !item.str.trim()) continue;
        out.push({ page: n, str: item.str, x: item.transform[4] as number, y: item.transform[5] as number });
      }
    }
    return out;
  } finally {
    await task.destroy();
    opened.close();
  }
}

const render = (model: DocModel, notes: ConversionNote[] = []) => renderPdf(model, { deadline: new Deadline(30_000), maxPages: 50, notes });
const para = (text: string): Paragraph => ({ kind: 'paragraph', runs: [{ text }] });
const BODY = DUTCH_SENTENCES.join(' ');
// A4 with 2 cm margins: the text area ends at x 538.59.
const RIGHT = 595.28 - 56.69;

function box(text: string, over: Partial<FloatBox> = {}): FloatBox {
  return { kind: 'float', blocks: [para(text)], width: 150, height: 120, x: { from: 'column', align: 'right' }, y: { from: 'paragraph', offset: 0 }, wrap: 'square', inset: 0, ...over };
}

const widest = (xs: Placed[]): number => Math.max(...xs.map((i) => i.str.length));

/** The items of the text that begin with `word`. */
const at = (items: Placed[], word: string): Placed => {
  const hit = items.find((i) => i.str.startsWith(word) || i.str.includes(` ${word}`));
  if (!hit) throw new Error(`"${word}" not drawn`);
  return hit;
};

describe('floating boxes', () => {
  it('draws a box at its place: right-aligned in the column, from the paragraph top', async () => {
    const items = await placed(await render({ blocks: [box('Kaderopmerking'), para(BODY)] }));
    const t = at(items, 'Kaderopmerking');
    expect(t.x).toBeGreaterThan(RIGHT - 150 - 1);
    expect(t.x).toBeLessThan(RIGHT - 150 + 1);
    // Near the top of the text area (the first paragraph's top), not after the body text.
    expect(t.y).toBeGreaterThan(841.89 - 56.69 - 20);
  });

  it('sets body text beside a square-wrapped box, and at full width below it', async () => {
    const items = await placed(await render({ blocks: [box('Kaderopmerking'), para(`${BODY} ${BODY} ${BODY}`)] }));
    const boxTop = at(items, 'Kaderopmerking').y + 12;
    const body = items.filter((i) => !i.str.includes('Kaderopmerking'));
    const beside = body.filter((i) => i.y > boxTop - 120 && i.y < boxTop);
    const below = body.filter((i) => i.y < boxTop - 140);
    expect(beside.length).toBeGreaterThan(3);
    expect(below.length).toBeGreaterThan(3);
    // No body text runs into the box (x from RIGHT - 150) while beside it; text below it does reach there.
    for (const i of beside) expect(i.x + i.str.length * 3).toBeLessThan(RIGHT - 150);
    expect(widest(below)).toBeGreaterThan(widest(beside) * 1.3);
  });

  it('puts text on both sides of a centred box when both have room, left part first', async () => {
    const centred = box('Midden', { x: { from: 'column', align: 'center' }, width: 160 });
    const items = await placed(await render({ blocks: [centred, para(`${BODY} ${BODY}`)] }));
    const mid = at(items, 'Midden');
    const row = items.filter((i) => Math.abs(i.y - mid.y) < 1 && i !== mid);
    expect(row.some((i) => i.x < mid.x - 20)).toBe(true);
    expect(row.some((i) => i.x >= mid.x + 160 - 0.5)).toBe(true);
  });

  it('keeps an aligned box its wrap distance from the edge it is aligned to, and text out of the distance on each side', async () => {
    const spaced = box('Afstand', { gap: { left: 30, right: 20, top: 10, bottom: 0 }, y: { from: 'paragraph', align: 'top' } });
    const items = await placed(await render({ blocks: [spaced, para(`${BODY} ${BODY}`)] }));
    const a = at(items, 'Afstand');
    // Aligned right: 20 pt in from the margin; aligned to the paragraph's top: 10 pt down.
    expect(a.x).toBeGreaterThan(RIGHT - 20 - 150 - 0.5);
    expect(a.x).toBeLessThan(RIGHT - 20 - 150 + 0.5);
    const plain = at(await placed(await render({ blocks: [box('Afstand', { y: { from: 'paragraph', align: 'top' } }), para(BODY)] })), 'Afstand');
    expect(plain.y - a.y).toBeGreaterThan(9.5);
    expect(plain.y - a.y).toBeLessThan(10.5);
    // The body beside it stays 30 pt clear of its left edge.
    const beside = items.filter((i) => !i.str.includes('Afstand') && i.y < a.y + 12 && i.y > a.y - 100);
    expect(beside.length).toBeGreaterThan(3);
    for (const i of beside) expect(i.x + i.str.length * 3).toBeLessThan(RIGHT - 20 - 150 - 30 + 1);
  });

  it('sets a box\u2019s text inside its insets by side, in the middle or at the foot of a taller box', async () => {
    const top = at(await placed(await render({ blocks: [box('Inzet', { inset: { left: 25, right: 5, top: 15, bottom: 0 }, x: { from: 'column', align: 'left' } })] })), 'Inzet');
    expect(top.x).toBeCloseTo(56.69 + 25, 0);
    const at0 = at(await placed(await render({ blocks: [box('Inzet', { x: { from: 'column', align: 'left' } })] })), 'Inzet');
    expect(at0.y - top.y).toBeCloseTo(15, 0);
    // A 120 pt box holding one line: its text 120 − line down at the foot, half that in the middle.
    const foot = at(await placed(await render({ blocks: [box('Inzet', { valign: 'bottom', x: { from: 'column', align: 'left' } })] })), 'Inzet');
    const middle = at(await placed(await render({ blocks: [box('Inzet', { valign: 'middle', x: { from: 'column', align: 'left' } })] })), 'Inzet');
    expect(at0.y - foot.y).toBeGreaterThan(100);
    expect(at0.y - foot.y).toBeLessThan(110);
    expect(Math.abs(at0.y - middle.y - (at0.y - foot.y) / 2)).toBeLessThan(0.5);
  });

  it('sets a shape\u2019s text as a block as wide as its widest line at the side halign names, its lines aligned inside it', async () => {
    const lines: Block[] = [
      { kind: 'paragraph', runs: [{ text: 'Een veel langere eerste regel' }], align: 'center' },
      { kind: 'paragraph', runs: [{ text: 'kort' }], align: 'center' },
    ];
    const shape = (halign?: FloatBox['halign']): FloatBox => ({ ...box(''), blocks: lines, width: 400, x: { from: 'column', align: 'left' }, ...(halign ? { halign } : {}) });
    const full = await placed(await render({ blocks: [shape()] }));
    const left = await placed(await render({ blocks: [shape('left')] }));
    const right = await placed(await render({ blocks: [shape('right')] }));
    // Without halign both lines are centred in the 400 pt box; with it, in the first line's width.
    expect(at(full, 'Een').x).toBeGreaterThan(56.69 + 50);
    expect(at(left, 'Een').x).toBeCloseTo(56.69, 0);
    expect(at(left, 'kort').x).toBeGreaterThan(at(left, 'Een').x + 20);
    expect(at(left, 'kort').x).toBeLessThan(at(full, 'kort').x - 50);
    expect(at(right, 'Een').x - at(left, 'Een').x).toBeCloseTo(2 * (at(full, 'Een').x - at(left, 'Een').x), 0);
    expect(at(right, 'kort').x - at(left, 'kort').x).toBeCloseTo(at(right, 'Een').x - at(left, 'Een').x, 0);
  });

  it('moves body text below a top-and-bottom box, and lets it run over a box that does not wrap', async () => {
    const tb = await placed(await render({ blocks: [box('Kaderopmerking', { wrap: 'topAndBottom', x: { from: 'column', align: 'left' } }), para('Eerste regel van de tekst.')] }));
    const k = at(tb, 'Kaderopmerking');
    expect(at(tb, 'Eerste').y).toBeLessThan(k.y - 110);
    const none = await placed(await render({ blocks: [box('Kaderopmerking', { wrap: 'none', x: { from: 'column', align: 'left' } }), para('Eerste regel van de tekst.')] }));
    expect(Math.abs(at(none, 'Eerste').y - at(none, 'Kaderopmerking').y)).toBeLessThan(15);
  });

  it('places a page-anchored box from the paper edge, and keeps one that would run off the paper on it', async () => {
    const page = box('Paginakader', { x: { from: 'page', offset: 300 }, y: { from: 'page', offset: 400 }, wrap: 'none' });
    const items = await placed(await render({ blocks: [para('Tekst.'), page] }));
    expect(at(items, 'Paginakader').x).toBeCloseTo(300, 0);
    expect(at(items, 'Paginakader').y).toBeLessThan(841.89 - 400);
    expect(at(items, 'Paginakader').y).toBeGreaterThan(841.89 - 400 - 25);
    const off = box('Onderaan', { x: { from: 'page', offset: 900 }, y: { from: 'page', offset: 2000 }, wrap: 'none' });
    const o = at(await placed(await render({ blocks: [off] })), 'Onderaan');
    expect(o.x).toBeGreaterThanOrEqual(0);
    expect(o.x).toBeLessThanOrEqual(595.28 - 150 + 0.5);
    expect(o.y).toBeGreaterThan(0);
  });

  it('moves a paragraph-anchored box that would run below the text area to the next page, with its paragraph', async () => {
    const fill: Block[] = Array.from({ length: 44 }, (_, i) => para(`Regel ${i}`));
    const items = await placed(await render({ blocks: [...fill, box('Laatste kader', { height: 200 }), para('Ankerparagraaf')] }));
    expect(at(items, 'Laatste').page).toBe(2);
    expect(at(items, 'Ankerparagraaf').page).toBe(2);
  });

  it('lays a box holding a table out inline, says so, and loses none of its text', async () => {
    const table: Block = { kind: 'table', rows: [{ cells: [{ blocks: [para('celtekst')] }] }], borders: true };
    const notes: ConversionNote[] = [];
    const model: DocModel = { blocks: [para('Voor.'), { ...box('Kader met tabel'), blocks: [para('Kader met tabel'), table] }, para('Na.')] };
    const items = await placed(await render(model, notes));
    const order = ['Voor.', 'Kader', 'celtekst', 'Na.'].map((w) => at(items, w).y);
    expect(order).toEqual(order.toSorted((a, b) => b - a));
    expect(notes.some((n) => n.kind === 'layout' && /table/.test(n.detail))).toBe(true);
    expect(modelText(model)).toContain('celtekst');
    // The same inside a box nested in a box.
    const nested: DocModel = { blocks: [{ ...box('Buiten'), blocks: [para('Buiten'), { ...box('Binnen'), blocks: [table] }] }] };
    expect((await placed(await render(nested))).some((i) => i.str.includes('celtekst'))).toBe(true);
  });

  it('draws a box taller than the page inline, with a note, every line of it', async () => {
    const lines = Array.from({ length: 80 }, (_, i) => para(`kaderregel${i}`));
    const notes: ConversionNote[] = [];
    const items = await placed(await render({ blocks: [{ ...box(''), blocks: lines }] }, notes));
    for (let i = 0; i < 80; i++) expect(items.some((w) => w.str.includes(`kaderregel${i}`))).toBe(true);
    expect(notes.some((n) => n.kind === 'layout')).toBe(true);
  });
});

const table = (height?: { rule: 'atLeast' | 'exact'; value: number }, text = 'cel'): Block => ({
  kind: 'table',
  rows: [{ cells: [{ blocks: [para(text)] }], ...(height ? { height } : {}) }],
  borders: true,
});
const gap = async (t: Block): Promise<number> => {
  const items = await placed(await render({ blocks: [para('Boven'), t, para('Onder')] }));
  return at(items, 'Boven').y - at(items, 'Onder').y;
};

describe('table row heights', () => {
  it('a table filling the last page and the empty paragraph every document ends with make no blank page', async () => {
    const filled = { kind: 'table' as const, rows: [{ cells: [{ blocks: [para('cel')] }], height: { rule: 'atLeast' as const, value: 715 } }], borders: true };
    const pdf = await render({ blocks: [filled, para(''), para(' ')] });
    const items = await placed(pdf);
    expect(items.every((i) => i.page === 1)).toBe(true);
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(1);
    // An empty paragraph between content still takes its line.
    const two = await placed(await render({ blocks: [para('Boven'), para(''), para('Onder')] }));
    const one = await placed(await render({ blocks: [para('Boven'), para('Onder')] }));
    expect(at(two, 'Boven').y - at(two, 'Onder').y).toBeGreaterThan(at(one, 'Boven').y - at(one, 'Onder').y + 5);
  });

  it('makes a row at least as tall as the document sets it', async () => {
    const plain = await gap(table());
    const tall = await gap(table({ rule: 'atLeast', value: 200 }));
    expect(tall - plain).toBeGreaterThan(200 - 30);
    expect(tall - plain).toBeLessThan(200);
  });

  it('keeps an empty exact-height row that low, and grows an exact row whose text needs more (nothing cut off)', async () => {
    expect(await gap(table({ rule: 'exact', value: 2 }, ''))).toBeLessThan(await gap(table(undefined, '')));
    const text = Array.from({ length: 6 }, (_, i) => `regel${i}`).join('\n');
    const items = await placed(await render({ blocks: [table({ rule: 'exact', value: 10 }, text), para('Onder')] }));
    for (let i = 0; i < 6; i++) expect(items.some((w) => w.str.includes(`regel${i}`))).toBe(true);
    expect(at(items, 'regel5').y).toBeGreaterThan(at(items, 'Onder').y);
  });
});
