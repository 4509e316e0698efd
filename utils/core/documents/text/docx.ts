// Word 2007+ documents. mammoth reads the body (it follows the package relationships, numbering
// and fields properly); headers, footers, footnotes and comments, which mammoth's raw text
// leaves out, are added from their parts so health data there is seen too. mammoth inflates
// with JSZip and no limits, so the archive is first proven safe by the bounded reader.
import { oneLine } from '../../errors.ts';
import { DocumentError } from '../errors.ts';
import { assertZipWithinLimits, readZipEntries, type ZipLimits } from '../zip.ts';
import { tidy, xmlToText, type XmlTextRules } from './xml-text.ts';

const WORD_RULES: XmlTextRules = {
  paragraph: new Set(['w:p']),
  lineBreak: new Set(['w:br', 'w:cr']),
  tab: new Set(['w:tab']),
  // Field codes (e.g. HYPERLINK "...") and deleted text are not what the reader sees.
  skip: new Set(['w:instrText', 'w:delText']),
};

const SIDE_PART = /^word\/(header\d*|footer\d*|footnotes|endnotes|comments)\.xml$/;

type MammothModule = typeof import('mammoth');
let mammothLoad: Promise<MammothModule> | undefined;

async function loadMammoth(): Promise<MammothModule> {
  // Loaded on first use: most sends carry no DOCX, and the CLI should start fast.
  mammothLoad ??= import('mammoth').then((m) => ((m as { default?: MammothModule }).default ?? m) as MammothModule);
  return mammothLoad;
}

export async function extractDocxText(bytes: Uint8Array, limits: ZipLimits): Promise<string> {
  const entries = assertZipWithinLimits(bytes, limits);
  if (!entries.some((e) => /^word\/document\d*\.xml$/.test(e.name))) {
    throw new DocumentError('corrupt', 'docx: the main document part is missing');
  }
  const mammoth = await loadMammoth();
  // mammoth's Node build reads `buffer`, its browser build `arrayBuffer`; both accept an
  // ArrayBuffer, so one object serves both runtimes.
  const arrayBuffer = bytes.slice().buffer;
  const input = { arrayBuffer, buffer: arrayBuffer } as unknown as Parameters<MammothModule['extractRawText']>[0];
  let body: string;
  try {
    body = (await mammoth.extractRawText(input)).value;
  } catch (error) {
    throw new DocumentError('corrupt', `docx: ${oneLine(error)}`);
  }
  const side = readZipEntries(bytes, limits, (name) => SIDE_PART.test(name));
  const decoder = new TextDecoder('utf-8');
  const extras = [...side.values()].map((xml) => xmlToText(decoder.decode(xml), WORD_RULES).trim()).filter(Boolean);
  return tidy([body, ...extras].join('\n\n'));
}
