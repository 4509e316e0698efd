import { PDFDocument } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { ConversionError, Deadline } from '../../../../../utils/core/documents/convert/errors.ts';
import type { DocModel, TableRow } from '../../../../../utils/core/documents/convert/model.ts';
import { A4, renderPdf } from '../../../../../utils/core/documents/convert/render.ts';
import { DUTCH_SENTENCES, makePng } from '../../../../helpers/office-fixtures.ts';

const render = (model: DocModel, maxPages = 100) => renderPdf(model, { deadline: new Deadline(30_000), maxPages });

function row(text: string): TableRow {
  return { cells: [{ blocks: [{ kind: 'paragraph', runs: [{ text }] }] }, { blocks: [{ kind: 'paragraph', runs: [{ text: 'b' }] }] }] };
}

async function pages(pdf: Uint8Array): Promise<Array<{ width: number; height: number }>> {
  return (await PDFDocument.load(pdf)).getPages().map((p) => p.getSize());
}

describe('renderPdf', () => {
  it('puts text on A4 pages and flows long text onto further pages', async () => {
    const para = { kind: 'paragraph' as const, runs: [{ text: DUTCH_SENTENCES.join(' ') }] };
    const one = await pages(await render({ blocks: [para] }));
    expect(one).toHaveLength(1);
    expect(one[0]?.width).toBeCloseTo(A4.width, 1);
    expect(one[0]?.height).toBeCloseTo(A4.height, 1);
    const many = await pages(await render({ blocks: Array.from({ length: 60 }, () => para) }));
    expect(many.length).toBeGreaterThan(5);
  });

  it('starts a new page at a page break', async () => {
    const p = { kind: 'paragraph' as const, runs: [{ text: 'x' }] };
    expect(await pages(await render({ blocks: [p, { kind: 'page-break' }, p, { kind: 'page-break' }, p] }))).toHaveLength(3);
  });

  it('splits a long table across pages, and a row taller than a page inside that row', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => row(`rij ${i}`));
    expect((await pages(await render({ blocks: [{ kind: 'table', rows, borders: true }] }))).length).toBeGreaterThanOrEqual(3);
    const tall = row(Array.from({ length: 150 }, (_, i) => `regel ${i}`).join('\n'));
    expect((await pages(await render({ blocks: [{ kind: 'table', rows: [tall], borders: true }] }))).length).toBeGreaterThanOrEqual(2);
  });

  it('scales a large image down to the page and puts a picture file on one page', async () => {
    const img = { kind: 'image' as const, bytes: makePng(1600, 100), format: 'png' as const };
    expect(await pages(await render({ blocks: [img] }))).toHaveLength(1);
    const landscape = await pages(await render({ imageOnly: true, blocks: [img] }));
    expect(landscape).toHaveLength(1);
    expect(landscape[0]?.width).toBeCloseTo(A4.height, 1); // a wide picture gets a landscape page
  });

  it('draws a picture inside a table cell', async () => {
    const img = { kind: 'image' as const, bytes: makePng(60, 30), format: 'png' as const };
    const pdf = await render({ blocks: [{ kind: 'table', borders: true, rows: [{ cells: [{ blocks: [{ kind: 'paragraph', runs: [{ text: 'Logo' }] }] }, { blocks: [img] }] }] }] });
    expect(new TextDecoder('latin1').decode(pdf)).toMatch(/\/Subtype\s*\/Image/);
  });

  it('bounds hostile column spans and refuses tables wider than 64 columns', async () => {
    const cell = { blocks: [{ kind: 'paragraph' as const, runs: [{ text: 'x' }] }], colSpan: 1e9 };
    await expect(render({ blocks: [{ kind: 'table', borders: true, rows: [{ cells: [cell] }] }] })).resolves.toBeInstanceOf(Uint8Array);
    const wide = { cells: Array.from({ length: 65 }, () => ({ blocks: [] })) };
    await expect(render({ blocks: [{ kind: 'table', borders: true, rows: [wide] }] })).rejects.toThrow(/more than 64 columns/);
  });

  it('stops at the page cap', async () => {
    const p = { kind: 'paragraph' as const, runs: [{ text: 'x' }] };
    const blocks = Array.from({ length: 10 }, () => [p, { kind: 'page-break' as const }]).flat();
    await expect(render({ blocks }, 4)).rejects.toThrow(ConversionError);
    await expect(render({ blocks }, 4)).rejects.toThrow(/more than 4 pages/);
  });

  it('drops invisible format characters, draws symbols from the fallback face, refuses what no face has', async () => {
    const ok = await render({ blocks: [{ kind: 'paragraph', runs: [{ text: 'zacht\u00adafbreek\u200b teken\ufeff' }] }] });
    expect(ok.length).toBeGreaterThan(0);
    const symbols = await render({ blocks: [{ kind: 'list-item', ordered: false, level: 0, marker: '\uf0d8', runs: [{ text: 'Keuze ☐ nee ☒ ja → verder \uf0fc' }] }] });
    expect(new TextDecoder('latin1').decode(symbols)).toMatch(/DejaVuSans/);
    await expect(render({ blocks: [{ kind: 'paragraph', runs: [{ text: 'Koreaans 한국어' }] }] })).rejects.toThrow(/U\+D55C/);
  });
});
