// The flattened 100-page form checked by tools that share no code with us: qpdf (structure),
// poppler's pdftotext / pdfinfo / pdftoppm (what a reader sees), besides our pdf.js verifier.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFName, PDFStream } from '@cantoo/pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { flattenPdf } from '../../../utils/core/documents/pdf/flatten.ts';
import { pageTexts, verifyPdfFlat } from '../../../utils/core/documents/pdf/verify.ts';
import {
  FIELD_CHOICE_VALUE,
  FIELD_NAME_VALUE,
  FREETEXT_TEXT,
  makeFormPdf,
  pageFieldValue,
  pageText,
} from '../../helpers/pdf-fixtures.ts';
import { pdfScratch, popplerText } from '../../helpers/pdf-words.ts';
import { needSystemTools } from '../../helpers/system-tools.ts';

const limits = { maxBytes: 25 * 1024 * 1024, maxDecompressedBytes: 1e9, maxCompressionRatio: 100, maxPages: 500, timeoutMs: 60_000 };
const run = (cmd: string, args: string[]): string => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** All objects of `qpdf --json` (v2): "obj:N G R" → { value } or { stream: { dict } }. */
function qpdfObjects(file: string): Map<string, Record<string, Json>> {
  const parsed = JSON.parse(run('qpdf', ['--json', '--json-key=qpdf', file])) as { qpdf: [unknown, Record<string, { value?: Json; stream?: { dict: Json } }>] };
  const out = new Map<string, Record<string, Json>>();
  for (const [key, obj] of Object.entries(parsed.qpdf[1])) {
    const v = obj.value ?? obj.stream?.dict;
    if (v && typeof v === 'object' && !Array.isArray(v)) out.set(key.replace(/^obj:/, ''), v as Record<string, Json>);
  }
  return out;
}

/** Every dictionary key anywhere in the file (direct dictionaries nested inside objects too). */
function allKeys(objects: Map<string, Record<string, Json>>): Set<string> {
  const keys = new Set<string>();
  const walk = (v: Json): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        keys.add(k);
        walk(x);
      }
    }
  };
  for (const o of objects.values()) walk(o);
  return keys;
}

needSystemTools('qpdf', 'pdftotext', 'pdfinfo', 'pdftoppm');

describe.each([
  { protect: false, label: 'unprotected' },
  { protect: true, label: 'protected' },
])('flattened 100-page form ($label) checked by qpdf and poppler', ({ protect }) => {
  const pdfs = pdfScratch('rg-pdf-tools-');
  let input: string;
  let output: string;
  let pages: number;

  beforeAll(async () => {
    const form = await makeFormPdf({ pages: 100 });
    input = pdfs.save(form, 'form.pdf');
    const flat = await flattenPdf(form, { limits, protect });
    pages = flat.pages;
    output = pdfs.save(flat.bytes, 'flat.pdf');
  }, 120_000);

  it('qpdf --check finds no errors', () => {
    const out = run('qpdf', ['--check', output]);
    expect(out).toContain('No syntax or stream encoding errors found');
  });

  it('qpdf --json: no AcroForm, JavaScript, embedded files, XMP or additional actions; only Link annotations', () => {
    const before = allKeys(qpdfObjects(input));
    // The fixture really has what we claim to remove (so this test can fail).
    for (const k of ['/AcroForm', '/JavaScript', '/EmbeddedFiles', '/Metadata', '/AA']) expect(before).toContain(k);

    const objects = qpdfObjects(output);
    const keys = allKeys(objects);
    for (const k of ['/AcroForm', '/XFA', '/JavaScript', '/JS', '/EmbeddedFiles', '/EmbeddedFile', '/Metadata', '/AA', '/FT']) {
      expect(keys, k).not.toContain(k);
    }
    const subtypes: string[] = [];
    for (const o of objects.values()) {
      const annots = o['/Annots'];
      if (!Array.isArray(annots)) continue;
      for (const ref of annots) {
        const a = objects.get(String(ref)) ?? (ref as Record<string, Json>);
        subtypes.push(String(a['/Subtype']));
      }
    }
    expect(subtypes).toHaveLength(100);
    expect(new Set(subtypes)).toEqual(new Set(['/Link']));
  });

  it('pdfinfo: same page count, no form, no JavaScript, opens without a password', () => {
    const info = run('pdfinfo', [output]);
    expect(info).toMatch(new RegExp(`^Pages:\\s+${pages}$`, 'm'));
    expect(pages).toBe(100);
    expect(info).toMatch(/^Form:\s+none$/m);
    expect(info).toMatch(/^JavaScript:\s+no$/m);
    expect(info).toMatch(/^Metadata Stream:\s+no$/m);
    expect(info).not.toMatch(/^(Title|Author|Subject|Keywords|Creator):/m);
    if (protect) expect(info).toMatch(/^Encrypted:\s+yes \(print:yes copy:yes change:no addNotes:no/m);
    else expect(info).toMatch(/^Encrypted:\s+no$/m);
  });

  it('pdftotext: page text preserved and field values now part of the content', () => {
    const first = run('pdftotext', ['-f', '1', '-l', '1', output, '-']);
    expect(first).toContain(pageText(1));
    expect(first).toContain(FIELD_NAME_VALUE);
    expect(first).toContain(FIELD_CHOICE_VALUE);
    expect(first).toContain(pageFieldValue(1));
    expect(first).toContain(FREETEXT_TEXT);
    const last = run('pdftotext', ['-f', '100', '-l', '100', output, '-']);
    expect(last).toContain(pageText(100));
    expect(last).toContain(pageFieldValue(100));
  });

  it('pdftoppm renders the first page', () => {
    run('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', output, join(pdfs.dir, 'page')]);
    const png = readFileSync(join(pdfs.dir, 'page-001.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(statSync(join(pdfs.dir, 'page-001.png')).size).toBeGreaterThan(1000);
  });

  it('our pdf.js verifier agrees, comparing every page with the original text', async () => {
    const flat = new Uint8Array(readFileSync(output));
    const result = await verifyPdfFlat(flat, { expectText: await pageTexts(new Uint8Array(readFileSync(input))) });
    expect(result).toMatchObject({ flat: true, problems: [] });
  }, 120_000);
});

describe('field appearances that rely on the form\'s default resources', () => {
  const pdfs = pdfScratch('rg-pdf-dr-');
  it('keep their fonts after the AcroForm is gone (poppler shows the values)', async () => {
    const doc = await PDFDocument.load(await makeFormPdf({ pages: 1 }), { updateMetadata: false });
    const acro = doc.catalog.lookup(PDFName.of('AcroForm'), PDFDict);
    // Move the fonts from every field appearance into AcroForm /DR, as some producers write it.
    for (const field of doc.getForm().getFields()) {
      for (const widget of field.acroField.getWidgets()) {
        const normal = widget.getAppearances()?.normal;
        const res = normal instanceof PDFStream ? normal.dict.get(PDFName.of('Resources')) : undefined;
        if (normal instanceof PDFStream && res) {
          acro.set(PDFName.of('DR'), res);
          normal.dict.delete(PDFName.of('Resources'));
        }
      }
    }
    const flat = await flattenPdf(await doc.save(), { limits, protect: false });
    const text = popplerText(pdfs.save(flat.bytes, 'flat.pdf'));
    expect(text).toContain(FIELD_NAME_VALUE);
    expect(text).toContain(pageFieldValue(1));
  });
});
