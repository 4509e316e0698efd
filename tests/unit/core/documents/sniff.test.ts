import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DOCX_MAIN_PART, isEncryptedOoxml, markupKind, sniffType } from '../../../../utils/core/documents/sniff.ts';
import { makeDocx, makeJpeg, makeLegacyDoc, makeOdt, makePdf, makePng, makeRtf, makeZipBomb } from '../../../helpers/fixtures.ts';

const utf16le = (text: string): number[] => Array.from(text).flatMap((c) => [c.charCodeAt(0), 0]);

describe('sniffType', () => {
  it('recognises each supported format from its bytes', async () => {
    expect(sniffType(await makePdf(['Hallo']))).toBe('pdf');
    expect(sniffType(makeDocx(['Hallo']))).toBe('docx');
    expect(sniffType(makeOdt(['Hallo']))).toBe('odt');
    expect(sniffType(makeRtf(['Hallo']))).toBe('rtf');
    expect(sniffType(makePng())).toBe('png');
    expect(sniffType(makeJpeg())).toBe('jpeg');
    expect(sniffType(makeLegacyDoc())).toBe('doc');
  });

  it('accepts a PDF header after some leading junk, within the first 1024 bytes only', async () => {
    const pdf = await makePdf(['Hallo']);
    const withJunk = (n: number): Uint8Array => new Uint8Array([...new Uint8Array(n).fill(0x20), ...pdf]);
    expect(sniffType(withJunk(100))).toBe('pdf');
    expect(sniffType(withJunk(1019))).toBe('pdf');
    // Beyond the window the header no longer counts; the bytes are binary, so: unknown.
    expect(sniffType(withJunk(1100))).toBe('unknown');
  });

  it('looks inside zips: docx by its main part, odt by its mimetype, anything else is zip', () => {
    expect(DOCX_MAIN_PART).toBe(['word', 'document'].join('/') + '.xml');
    expect(sniffType(zipSync({ [DOCX_MAIN_PART]: strToU8('<w:document/>') }))).toBe('docx');
    expect(sniffType(zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }] }))).toBe('zip');
    expect(sniffType(zipSync({ 'foto.jpg': makeJpeg() }))).toBe('zip');
    // A deflated mimetype entry (not what the ODF spec asks, but seen in the wild) still counts.
    expect(sniffType(zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.text'), 'content.xml': strToU8('<x/>') }))).toBe('odt');
  });

  it('keeps recognising a truncated docx or odt, so it is reported as a corrupt document', () => {
    const docx = makeDocx(['Hallo wereld']);
    expect(sniffType(docx.subarray(0, docx.length - 30))).toBe('docx');
    const odt = makeOdt(['Hallo wereld']);
    expect(sniffType(odt.subarray(0, odt.length - 30))).toBe('odt');
  });

  it('sniffs a zip bomb as what it pretends to be, without inflating it', () => {
    expect(sniffType(makeZipBomb())).toBe('docx');
    expect(sniffType(makeZipBomb({ shape: 'zip' }))).toBe('zip');
  });

  it('treats UTF-8, UTF-16 with BOM and Windows-1252 text as txt', () => {
    expect(sniffType(strToU8('Cliënt heeft een sollicitatiegesprek gehad.\r\n'))).toBe('txt');
    expect(sniffType(new Uint8Array([0xef, 0xbb, 0xbf, ...strToU8('Hallo')]))).toBe('txt');
    expect(sniffType(new Uint8Array([0xff, 0xfe, ...utf16le('Hallo')]))).toBe('txt');
    // "Cliënt € 5" in Windows-1252: 0xEB and 0x80 are not valid UTF-8 here.
    expect(sniffType(new Uint8Array([0x43, 0x6c, 0x69, 0xeb, 0x6e, 0x74, 0x20, 0x80, 0x20, 0x35]))).toBe('txt');
  });

  it('calls binary data and empty files unknown', () => {
    expect(sniffType(new Uint8Array())).toBe('unknown');
    expect(sniffType(new Uint8Array([0x00, 0x01, 0x02, 0x03, 0x41]))).toBe('unknown');
    // Bytes Windows-1252 leaves undefined in non-UTF-8 data.
    expect(sniffType(new Uint8Array([0x41, 0x81, 0x42]))).toBe('unknown');
    expect(sniffType(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01]))).toBe('unknown'); // ELF
  });

  it('allows a UTF-8 BOM before {\\rtf', () => {
    expect(sniffType(new Uint8Array([0xef, 0xbb, 0xbf, ...makeRtf(['x'])]))).toBe('rtf');
  });
});

describe('isEncryptedOoxml', () => {
  it('spots a password-protected Word file (OLE2 wrapper with an EncryptedPackage stream)', () => {
    const bytes = makeLegacyDoc();
    expect(isEncryptedOoxml(bytes)).toBe(false);
    bytes.set(utf16le('EncryptedPackage'), 1024);
    expect(isEncryptedOoxml(bytes)).toBe(true);
    expect(sniffType(bytes)).toBe('docx');
  });
});

describe('sniffType on arbitrary input (property)', () => {
  it('always answers with a DocType and never throws', async () => {
    const fc = await import('fast-check');
    const types = new Set(['pdf', 'docx', 'odt', 'rtf', 'txt', 'png', 'jpeg', 'doc', 'zip', 'unknown']);
    const prefixes = [[], [0x50, 0x4b, 0x03, 0x04], [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], [0x7b, 0x5c, 0x72, 0x74, 0x66]];
    fc.assert(
      fc.property(fc.constantFrom(...prefixes), fc.uint8Array({ maxLength: 300 }), (prefix, body) => {
        expect(types.has(sniffType(new Uint8Array([...prefix, ...body])))).toBe(true);
      }),
    );
  });
});

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('text that is not a document (issue 14: an HTML file named .pdf was typeset as 28 pages of markup)', () => {
  it.each([
    ['an HTML page', '<!DOCTYPE html>\n<html lang="nl"><head><title>Rapport</title></head><body><p>Tekst</p></body></html>'],
    ['an HTML page', '\uFEFF  <html>\n<body>Rapport</body></html>'],
    ['an HTML page', '<!-- saved from url=(0014)about:internet -->\n<html><body>x</body></html>'],
    ['an HTML page', '<meta charset="utf-8"><div>Rapport</div>'],
    ['an XML file', '<?xml version="1.0" encoding="UTF-8"?>\n<rapport><cliënt>C-1042</cliënt></rapport>'],
    ['an XML file', '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'],
    ['an HTML or XML fragment', '<w:document xmlns:w="x"><w:body/></w:document>'],
    ['a PHP script', '<?php echo "rapport"; ?>'],
    ['a script', '#!/bin/sh\nrm -rf /tmp/x\n'],
    ['a batch script', '@echo off\r\ndel *.tmp\r\n'],
    ['a script', "'use strict';\nconsole.log(1);\n"],
  ])('%s is refused, not converted as text: %j', (kind, text) => {
    const bytes = enc(text);
    expect(sniffType(bytes)).toBe('markup');
    expect(markupKind(bytes)).toBe(kind);
  });

  it('UTF-16 HTML (as Windows saves it) is markup too', () => {
    const html = '<html><body>Rapport</body></html>';
    expect(sniffType(new Uint8Array([0xff, 0xfe, ...utf16le(html)]))).toBe('markup');
  });

  it.each([
    'Voortgangsrapportage C-1042\n\nDe cliënt heeft < 20 uur gewerkt; score 3 > 2.',
    'Notitie: <vertrouwelijk> is geen tag aan het begin van een zin.',
    '  Import van gegevens uit het cliëntdossier\nFunction: re-integratiecoach',
    '# Rapport\n\nKopje in Markdown-stijl, gewoon tekst.',
    '<3 bedankt voor het gesprek',
  ])('ordinary report text stays text: %j', (text) => {
    const bytes = enc(text);
    expect(sniffType(bytes)).toBe('txt');
    expect(markupKind(bytes)).toBeUndefined();
  });
});
