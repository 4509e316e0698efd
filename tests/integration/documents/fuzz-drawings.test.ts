// Hostile input for the chart and SmartArt readers (charts.ts, smartart.ts, drawing.ts): the
// chart, diagram and theme parts of two real Word files of the shared corpus (docx4j-chart.docx,
// a stacked bar chart; pandoc-diagram.docx, a SmartArt pyramid) are mutated — attribute values
// and text set to hostile numbers and tokens, empty elements dropped or doubled, elements renamed
// (a bar chart read as a pie, a scatter, a radar…), bytes overwritten — and read again.
// Whatever the edit, the reader gives a model or refuses with a ConversionError, never another
// exception; every number in the model is finite (path data too), the renderer draws it or
// refuses it the same way, and every number of the page and form content streams of its PDF is
// finite. The mutations are seeded: the same
// cases run every time (change SEED to try others; a failure prints the case that broke it).
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, decodePDFRawStream } from '@cantoo/pdf-lib';
import * as fc from 'fast-check';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { expect, it } from 'vitest';
import { readDocx } from '../../../utils/core/documents/convert/docx.ts';
import { ConversionError, Deadline } from '../../../utils/core/documents/convert/errors.ts';
import type { DocModel } from '../../../utils/core/documents/convert/model.ts';
import { renderPdf } from '../../../utils/core/documents/convert/render.ts';
import type { AnalysisLimits } from '../../../utils/core/documents/types.ts';
import { corpusFile, describeCorpus } from '../../helpers/corpus.ts';

const SEED = 20261202;
/** Cases per file: about a second each on a loaded machine. */
const RUNS = 60;
const LIMITS: AnalysisLimits = { maxBytes: 25e6, maxDecompressedBytes: 100e6, maxCompressionRatio: 200, maxPages: 50, timeoutMs: 5_000 };

/** The files and the parts of each that are mutated. */
const FILES = [
  { name: 'docx4j-chart.docx', parts: ['word/charts/chart1.xml', 'word/theme/theme1.xml'] },
  { name: 'pandoc-diagram.docx', parts: ['word/diagrams/drawing1.xml', 'word/diagrams/data1.xml', 'word/theme/theme1.xml'] },
] as const;

/** Values an attribute or a text node is set to: numbers at and past every edge, and words where numbers belong. */
const HOSTILE = ['0', '-1', '-0', '1', '0.5', '-12700', '2147483648', '-2147483649', '99999999999999999999', '1e308', '-1e308', '1e-320', 'NaN', 'Infinity', '-Infinity', '', ' ', 'abc', '0x1F', '4.4000000000000004', '1,5', '50%'];
/** Tokens the chart and DrawingML readers switch on. */
const TOKENS = ['col', 'bar', 'clustered', 'stacked', 'percentStacked', 'standard', 'maxMin', 'r', 'l', 't', 'b', 'ctr', 'none', 'true', 'false', 'accent1', 'accent6', 'lt1', 'dk1', 'FF0000', 'ZZZZZZ', 'roundRect', 'ellipse', 'donut', 'chevron', 'rightArrow', 'noSuchPreset', 'val 200000', 'val -5'];
/** The chart types of a c:plotArea, drawn or not (a bar chart renamed to each). */
const CHART_TYPES = ['barChart', 'bar3DChart', 'lineChart', 'line3DChart', 'areaChart', 'pieChart', 'pie3DChart', 'doughnutChart', 'scatterChart', 'radarChart', 'bubbleChart', 'stockChart', 'surfaceChart', 'ofPieChart'];

type Mutation =
  | { kind: 'number'; at: number; value: string }
  | { kind: 'attr'; at: number; value: string }
  | { kind: 'text'; at: number; value: string }
  | { kind: 'drop'; at: number }
  | { kind: 'double'; at: number }
  | { kind: 'rename'; at: number; to: number }
  | { kind: 'byte'; at: number; value: number };

/** Which match of the part an edit applies to (modulo their count): uniform, not fast-check's bias to the ends. */
const AT = fc.noBias(fc.nat({ max: 1_000_000 }));

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('number' as const), at: AT, value: fc.constantFrom(...HOSTILE) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('attr' as const), at: AT, value: fc.constantFrom(...HOSTILE, ...TOKENS) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('text' as const), at: AT, value: fc.constantFrom(...HOSTILE, 'Ünïcödé € –', 'x'.repeat(400)) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop' as const), at: AT }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('double' as const), at: AT }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('rename' as const), at: AT, to: AT }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('byte' as const), at: AT, value: fc.constantFrom(0x3c, 0x3e, 0x2f, 0x22, 0x26, 0x3d, 0x2d, 0x30, 0x20) }) },
);

const ATTRIBUTE = /(\s[\w:]+=")([^"<&]*)"/g;
/** An attribute whose value is a number (a coordinate, a size, a percentage, an index…). */
const NUMBER_ATTRIBUTE = /(\s[\w:]+=")(-?\d[^"<&]*)"/g;
const TEXT = /(?<!\?)>([^<]+)</g;
const EMPTY_ELEMENT = /<[\w:]+(?:\s[^<>]*)?\/>/g;
const START_TAG = /<([\w]+):([\w]+)[\s/>]/g;

function nth(re: RegExp, xml: string, at: number): RegExpExecArray | undefined {
  const all = [...xml.matchAll(re)];
  return all.length ? all[at % all.length] : undefined;
}

function splice(xml: string, m: RegExpExecArray, replacement: string): string {
  return xml.slice(0, m.index) + replacement + xml.slice(m.index + m[0].length);
}

/** The part with one edit; the edits other than `byte` keep it well-formed, so they reach the readers. */
function apply(xml: string, m: Mutation): string {
  if (m.kind === 'number' || m.kind === 'attr') {
    const a = nth(m.kind === 'number' ? NUMBER_ATTRIBUTE : ATTRIBUTE, xml, m.at);
    return a ? splice(xml, a, `${a[1]}${m.value}"`) : xml;
  }
  if (m.kind === 'text') {
    const t = nth(TEXT, xml, m.at);
    return t ? splice(xml, t, `>${m.value}<`) : xml;
  }
  if (m.kind === 'drop' || m.kind === 'double') {
    const e = nth(EMPTY_ELEMENT, xml, m.at);
    return e ? splice(xml, e, m.kind === 'drop' ? '' : e[0] + e[0]) : xml;
  }
  if (m.kind === 'rename') {
    // Every start and end tag of one element name becomes another name of the same prefix (in
    // chart parts, a chart type among them), so the part stays well-formed.
    const names = [...new Set([...xml.matchAll(START_TAG)].map((s) => `${s[1]}:${s[2]}`))];
    const from = names[m.at % names.length];
    if (!from) return xml;
    const prefix = from.split(':')[0] as string;
    const pool = [...names.filter((n) => n.startsWith(`${prefix}:`)), ...(prefix === 'c' ? CHART_TYPES.map((t) => `c:${t}`) : [])];
    const to = pool[m.to % pool.length] as string;
    return xml.replace(new RegExp(`(</?)${from}(?=[\\s/>])`, 'g'), `$1${to}`);
  }
  const bytes = strToU8(xml);
  bytes[m.at % bytes.length] = m.value;
  return strFromU8(bytes);
}

/** Every number under `value` (Uint8Array contents aside), with its path, that is not finite; path data checked token by token. */
function nonFinite(value: unknown, path: string, out: string[]): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push(`${path} = ${value}`);
  } else if (typeof value === 'string') {
    if (/(^|\.)(d)$/.test(path)) for (const tok of value.split(/\s+/)) if (/^[-+.\d]|NaN|Infinity/.test(tok) && !Number.isFinite(Number(tok))) out.push(`${path}: ${tok}`);
  } else if (value instanceof Uint8Array) {
    // picture bytes
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => nonFinite(v, `${path}[${i}]`, out));
  } else if (value instanceof Map) {
    for (const [k, v] of value) nonFinite(v, `${path}.${String(k)}`, out);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) nonFinite(v, `${path}.${k}`, out);
  }
}

/** How many drawings (charts, diagrams drawn as vector pictures) the model holds, anywhere. */
function drawingCount(model: DocModel): number {
  let n = 0;
  const walk = (v: unknown): void => {
    if (!v || typeof v !== 'object' || v instanceof Uint8Array) return;
    if (Array.isArray(v)) v.forEach(walk);
    else if (v instanceof Map) for (const x of v.values()) walk(x);
    else if ((v as { kind?: unknown }).kind === 'image' && (v as { drawing?: unknown }).drawing) n++;
    else for (const x of Object.values(v)) walk(x);
  };
  walk(model);
  return n;
}

/** The decoded content of every page and of every form XObject they draw. */
function contentStreams(doc: PDFDocument): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const decode = (ref: unknown): void => {
    const key = ref instanceof PDFRef ? ref.toString() : undefined;
    if (key && seen.has(key)) return;
    if (key) seen.add(key);
    const obj = ref instanceof PDFRef ? doc.context.lookup(ref) : ref;
    if (obj instanceof PDFArray) return obj.asArray().forEach(decode);
    if (!(obj instanceof PDFRawStream)) return;
    if (obj.dict.get(PDFName.of('Subtype')) === PDFName.of('Image')) return;
    out.push(new TextDecoder('latin1').decode(decodePDFRawStream(obj).decode()));
    resources(obj.dict.lookup(PDFName.of('Resources')));
  };
  const resources = (res: unknown): void => {
    const xobjects = res instanceof PDFDict ? res.lookup(PDFName.of('XObject')) : undefined;
    if (xobjects instanceof PDFDict) for (const [, ref] of xobjects.entries()) decode(ref);
  };
  for (const page of doc.getPages()) {
    decode(page.node.get(PDFName.of('Contents')));
    resources(page.node.Resources());
  }
  return out;
}

/** Numbers of a content stream that are not finite ("NaN", "Infinity") or in exponent notation, which PDF does not have. */
const badNumbers = (content: string): string[] =>
  content
    // Strings (hex and literal) out first: text may spell anything.
    .replace(/<[\da-fA-F\s]*>/g, ' ')
    .replace(/\((?:\\.|[^\\)])*\)/g, ' ')
    .match(/(?<![\w/])(?:-?NaN|-?Infinity|\d[\d.]*e[-+]?\d+)(?!\w)/g) ?? [];

/** Reads the docx: its model, or undefined when the reader refuses it cleanly. Anything else throws. */
function read(bytes: Uint8Array): DocModel | undefined {
  try {
    return readDocx(bytes, LIMITS, new Deadline(LIMITS.timeoutMs));
  } catch (e) {
    if (e instanceof ConversionError) return undefined;
    throw e;
  }
}

async function render(model: DocModel): Promise<Uint8Array | undefined> {
  try {
    return await renderPdf(model, { deadline: new Deadline(LIMITS.timeoutMs), maxPages: LIMITS.maxPages, notes: [] });
  } catch (e) {
    if (e instanceof ConversionError) return undefined;
    throw e;
  }
}

describeCorpus('charts and SmartArt of real files, mutated', () => {
  it.each(FILES)('$name: each mutated part is read into finite drawings or refused with a ConversionError, and its PDF has finite numbers', async ({ name, parts }) => {
    const original = unzipSync(corpusFile(name));
    const texts = new Map(parts.map((p) => [p, strFromU8(original[p] as Uint8Array)]));
    const tally = { drawn: 0, pdfs: 0 };
    const testCase = fc.record({ part: fc.constantFrom(...parts), edits: fc.array(mutation, { minLength: 1, maxLength: 8 }) });
    await fc.assert(
      fc.asyncProperty(testCase, async ({ part, edits }) => {
        const xml = edits.reduce(apply, texts.get(part) as string);
        const docx = zipSync({ ...original, [part]: strToU8(xml) }, { level: 0 });
        const model = read(docx);
        if (!model) return;
        if (drawingCount(model)) tally.drawn++;
        const bad: string[] = [];
        nonFinite(model, 'model', bad);
        expect(bad, 'numbers of the model').toEqual([]);
        const pdf = await render(model);
        if (!pdf) return;
        tally.pdfs++;
        const doc = await PDFDocument.load(pdf, { updateMetadata: false });
        expect(contentStreams(doc).flatMap(badNumbers), 'numbers of the PDF content').toEqual([]);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    // The mutations reach the readers: most cases still give a drawing (not refused at the XML).
    expect(tally.drawn).toBeGreaterThan(RUNS / 2);
    expect(tally.pdfs).toBeGreaterThan(RUNS / 2);
  }, 30_000);
});
