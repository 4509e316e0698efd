// Flattening: make a PDF that shows the same thing but carries nothing interactive or hidden.
// Form field appearances are drawn into the page content, then every form, annotation (except
// plain links), script, attachment and metadata structure is removed, and unreferenced objects
// are dropped so removed data does not linger in the saved bytes.
// Works on pdf-lib's object layer, not its form API: that API trusts the file (see README.md).
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString } from '@cantoo/pdf-lib';
import type { PDFContext, PDFObject } from '@cantoo/pdf-lib';
import type { AnalysisLimits } from '../types.ts';
import { PageCanvas, fieldValue, isHidden, normalAppearance, showsText } from './appearance.ts';
import type { FieldValue } from './appearance.ts';
import { FieldFonts } from './field-fonts.ts';
import { generateAppearance } from './markup.ts';
import { Deadline, PdfError, isPdfError, withDeadline } from './errors.ts';
import { N, collectGarbage, dictOf, forEachDict, getArray, getDict, getName, rectOf, resolve, textOf } from './objects.ts';
import { collectPages } from './pages.ts';
import { withZeroCopyParsing } from './zero-copy.ts';
import { fastXrefStreams } from './xref-stream-fix.ts';
import { applyProtection } from './protect.ts';
import { saveProtected } from './stream-encrypt.ts';

export interface FlattenOptions {
  limits: AnalysisLimits;
  /** Encrypt with permissions that forbid editing (no password needed to open). */
  protect: boolean;
  /** Shared budget when called from the pipeline; a fresh one from limits.timeoutMs otherwise. */
  deadline?: Deadline;
}

export interface FlattenResult {
  bytes: Uint8Array;
  pages: number;
  /** Human-readable list of what was taken out, e.g. "annotation Text ×3". */
  removed: string[];
}

/**
 * Annotations that are never drawn: a popup is the viewer's window for another annotation's
 * text, not page content. Every other visible annotation is burned into the page like
 * `qpdf --flatten-annotations=all` does (its appearance, or one generated from its geometry).
 */
const NEVER_DRAWN = new Set(['Popup']);
/** Actions a kept link (or outline item) may still carry: they only navigate. */
const SAFE_ACTIONS = new Set(['URI', 'GoTo', 'Named']);
const PARSE_OBJECTS_PER_TICK = 5000;
const SAVE_OBJECTS_PER_TICK = 2000;
const ALLOWED_INFO = new Set(['Producer', 'CreationDate', 'ModDate']);
const CATALOG_DROP = ['AcroForm', 'AA', 'Metadata', 'AF', 'Collection', 'PieceInfo', 'Perms', 'Legal', 'Requirements', 'SpiderInfo'];
/** Catalog entries a plain document needs; anything else (private application data) goes. */
const CATALOG_KEEP = new Set([
  'Type', 'Version', 'Extensions', 'Pages', 'PageLabels', 'Names', 'Dests', 'ViewerPreferences',
  'PageLayout', 'PageMode', 'Outlines', 'OpenAction', 'URI', 'StructTreeRoot', 'MarkInfo', 'Lang',
  'OCProperties', 'OutputIntents', 'Threads',
]);
const PAGE_DROP = ['AA', 'Metadata', 'PieceInfo', 'AF', 'Thumb'];

class Removed {
  private readonly counts = new Map<string, number>();
  add(what: string, n = 1): void {
    if (n > 0) this.counts.set(what, (this.counts.get(what) ?? 0) + n);
  }
  list(): string[] {
    return [...this.counts].map(([k, n]) => (n > 1 ? `${k} ×${n}` : k));
  }
}

export async function flattenPdf(bytes: Uint8Array, opts: FlattenOptions): Promise<FlattenResult> {
  const deadline = opts.deadline ?? new Deadline(opts.limits.timeoutMs);
  try {
    return await withDeadline(flattenWithin(bytes, opts, deadline), deadline, 'flattening');
  } catch (e) {
    if (isPdfError(e)) throw e;
    if (e instanceof RangeError) throw new PdfError('corrupt', 'PDF structure is nested too deeply to read');
    throw new PdfError('corrupt', `PDF could not be processed: ${(e as Error)?.message ?? String(e)}`);
  }
}

async function flattenWithin(bytes: Uint8Array, opts: FlattenOptions, deadline: Deadline): Promise<FlattenResult> {
  const { limits } = opts;
  if (bytes.length > limits.maxBytes) {
    throw new PdfError('too-large', `PDF is ${bytes.length} bytes, over the limit of ${limits.maxBytes}`);
  }
  if (!hasPdfHeader(bytes)) throw new PdfError('corrupt', 'not a PDF: no %PDF- header');

  const doc = await loadDocument(bytes);
  deadline.check('parsing');
  const ctx = doc.context;
  const catalog = resolve(ctx, ctx.trailerInfo.Root);
  if (!(catalog instanceof PDFDict)) throw new PdfError('corrupt', 'PDF has no document catalog');

  const removed = new Removed();
  const pages = collectPages(ctx, catalog, limits.maxPages, deadline);
  const acroForm = getDict(ctx, catalog, 'AcroForm');
  const needAppearances = acroForm ? resolve(ctx, acroForm.get(N('NeedAppearances'))) : undefined;
  const regenerate = needAppearances !== undefined && needAppearances.toString() === 'true';
  refuseDynamicXfa(ctx, catalog, acroForm);
  const font = new FieldFonts(doc);
  // Some producers leave fonts out of field appearances and rely on the form's default
  // resources, which go away with the AcroForm: hand them to the appearance itself.
  const defaultResources = acroForm ? acroForm.get(N('DR')) : undefined;

  const handled = new Set<PDFDict>();
  for (const page of pages) {
    deadline.check('flattening pages');
    await flattenPage(ctx, page, { font, regenerate, removed, handled, defaultResources });
    for (const key of PAGE_DROP) if (page.delete(N(key))) removed.add(`page ${key}`);
  }

  cleanCatalog(ctx, catalog, removed);
  deadline.check('cleaning the catalog');
  replaceInfo(ctx, removed);
  delete ctx.trailerInfo.Encrypt; // decrypted on load; written in the clear unless protected below

  collectGarbage(ctx);
  scrubAll(ctx, removed);
  collectGarbage(ctx);
  deadline.check('removing unreferenced objects');

  if (opts.protect) applyProtection(doc);
  fastXrefStreams();
  // pdf-lib's classic writer encrypts streams but not strings (Info, link URIs would decrypt to
  // garbage); inside object streams strings are encrypted with their stream, so protected files
  // are written that way. See README.md.
  const saveOptions = {
    useObjectStreams: opts.protect,
    addDefaultPage: false,
    updateFieldAppearances: false,
    objectsPerTick: SAVE_OBJECTS_PER_TICK,
  };
  // Protected: each stream encrypted into the output as it is written (stream-encrypt.ts), not
  // a second copy of the document first.
  const out = opts.protect ? await saveProtected(doc, saveOptions, deadline) : await doc.save(saveOptions);
  return { bytes: out, pages: pages.length, removed: removed.list() };
}

function hasPdfHeader(bytes: Uint8Array): boolean {
  // Readers accept the header anywhere in the first KB (junk before it is common from mailers).
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return head.includes('%PDF-');
}

async function loadDocument(bytes: Uint8Array): Promise<PDFDocument> {
  try {
    // An empty password opens files that are encrypted only for permissions; a user password fails.
    return await withZeroCopyParsing(() => PDFDocument.load(bytes, {
      password: '',
      updateMetadata: false,
      // Yield to the event loop every few thousand objects: often enough for the deadline
      // to fire on pathological files, rarely enough not to dominate the parse time.
      parseSpeed: PARSE_OBJECTS_PER_TICK,
      throwOnInvalidObject: false,
    }));
  } catch (e) {
    const msg = (e as Error)?.message ?? String(e);
    if (/password|encrypt/i.test(msg)) {
      throw new PdfError('encrypted', 'PDF is encrypted and needs a password to open');
    }
    if (e instanceof RangeError) throw new PdfError('corrupt', 'PDF structure is nested too deeply to read');
    throw new PdfError('corrupt', `PDF could not be parsed: ${msg}`);
  }
}

/**
 * A dynamic XFA form keeps its real content in the XFA template and data; its PDF pages hold
 * only a placeholder ("Please wait… requires Adobe Reader"). Flattening would send that
 * placeholder instead of the form, so such files are refused with the way out.
 */
function refuseDynamicXfa(ctx: PDFContext, catalog: PDFDict, acroForm: PDFDict | undefined): void {
  if (!acroForm || acroForm.get(N('XFA')) === undefined) return;
  const needsRendering = resolve(ctx, catalog.get(N('NeedsRendering')));
  const fields = getArray(ctx, acroForm, 'Fields');
  const dynamic = (needsRendering !== undefined && needsRendering.toString() === 'true') || !fields || fields.size() === 0;
  if (dynamic) {
    throw new PdfError('unsupported', 'a dynamic XFA form: its pages hold only a placeholder and the form itself exists only as XFA data; print it to PDF (e.g. from Adobe Reader) and attach that');
  }
}

interface PageJob {
  font: FieldFonts;
  regenerate: boolean;
  removed: Removed;
  handled: Set<PDFDict>;
  defaultResources: PDFObject | undefined;
}

async function flattenPage(ctx: PDFContext, page: PDFDict, job: PageJob): Promise<void> {
  const annots = getArray(ctx, page, 'Annots');
  if (!annots) {
    if (page.delete(N('Annots'))) job.removed.add('invalid Annots entry');
    return;
  }
  const canvas = new PageCanvas(ctx, page);
  const kept: PDFObject[] = [];
  for (const entry of annots.asArray()) {
    const annot = resolve(ctx, entry);
    if (!(annot instanceof PDFDict)) continue;
    // The same annotation listed twice (or on two pages) is drawn once.
    if (job.handled.has(annot)) continue;
    job.handled.add(annot);
    const subtype = getName(ctx, annot, 'Subtype') ?? 'unknown';

    if (subtype === 'Link') {
      if (keepLink(ctx, annot, job.removed)) kept.push(entry);
      continue;
    }
    if (subtype === 'Widget') {
      await drawWidget(ctx, annot, canvas, job);
      job.removed.add('form field widget');
    } else {
      if (!NEVER_DRAWN.has(subtype) && !isHidden(ctx, annot)) await drawAnnotation(ctx, annot, subtype, canvas, job);
      job.removed.add(`annotation ${subtype}`);
    }
    // Anything else that still points at this object (structure tree OBJR, popups) now sees an
    // empty dictionary instead of the field, its value and its scripts.
    if (entry instanceof PDFRef) ctx.assign(entry, ctx.obj({}));
  }
  canvas.commit();
  if (kept.length > 0) page.set(N('Annots'), ctx.obj(kept));
  else page.delete(N('Annots'));
}

/** Opacity /CA of an annotation, 1 when absent or out of range. */
function opacityOf(ctx: PDFContext, annot: PDFDict): number {
  const ca = resolve(ctx, annot.get(N('CA')));
  return ca instanceof PDFNumber && ca.asNumber() >= 0 && ca.asNumber() < 1 ? ca.asNumber() : 1;
}

/** A visible non-widget annotation: its appearance, else one generated from its geometry. */
async function drawAnnotation(ctx: PDFContext, annot: PDFDict, subtype: string, canvas: PageCanvas, job: PageJob): Promise<void> {
  const ap = normalAppearance(ctx, annot);
  const rect = rectOf(ctx, annot.get(N('Rect')));
  if (ap && rect && canvas.drawForm(ap.ref, ap.stream, rect, opacityOf(ctx, annot))) return;
  const generated = generateAppearance(ctx, annot, subtype);
  if (!generated) return;
  if (generated.kind === 'ops') {
    canvas.drawOps(generated.ops, generated.opacity, generated.multiply);
    return;
  }
  canvas.drawBox(generated.rect, generated.background, generated.border, generated.borderWidth, false);
  const lines = await Promise.all(generated.text.split(/\r\n|\r|\n/).map((l) => job.font.line(l, `a ${subtype} annotation`)));
  canvas.drawText(lines, generated.rect, generated.size, 0, subtype === 'FreeText');
}

async function drawWidget(ctx: PDFContext, widget: PDFDict, canvas: PageCanvas, job: PageJob): Promise<void> {
  if (isHidden(ctx, widget)) return;
  const rect = rectOf(ctx, widget.get(N('Rect')));
  if (!rect) return;
  const value = fieldValue(ctx, widget);
  const ap = normalAppearance(ctx, widget);
  const textual = value.kind === 'text' || value.kind === 'list';
  // A list box whose stored appearance scrolls a selected option out of sight would lose that
  // choice: it is drawn from its value, scrolled (and if need be shrunk) to show every selection.
  const hidesSelection = value.kind === 'list' && !listWindow(value, rect).fromTop;
  // With NeedAppearances set, stored text appearances may be stale: the viewer would redraw
  // them from the value, so we do the same. An appearance that shows no text for a field that
  // has a value is broken and is redrawn too.
  const usable = ap && !hidesSelection && !(textual && (job.regenerate || !showsText(ap.stream)));
  if (usable) {
    if (!ap.stream.dict.has(N('Resources')) && job.defaultResources) {
      ap.stream.dict.set(N('Resources'), job.defaultResources);
    }
    if (canvas.drawForm(ap.ref, ap.stream, rect)) return;
  }
  if (value.kind === 'none') {
    // Nothing to show from the value; a stale appearance is still what the viewer had drawn.
    if (ap) canvas.drawForm(ap.ref, ap.stream, rect);
    return;
  }
  const { look } = value;
  canvas.drawBox(rect, look.background, look.border, look.border ? look.borderWidth : 0, value.kind === 'radio');
  if (value.kind === 'check' || value.kind === 'radio') {
    canvas.drawMark(rect, look.mark);
    return;
  }
  const shown = value.kind === 'list' ? listWindow(value, rect) : { lines: value.lines, selected: value.selected, size: value.size, scroll: undefined };
  const lines = await Promise.all(shown.lines.map((l) => job.font.line(l, 'a form field value')));
  canvas.drawText(lines, rect, shown.size, value.align, value.multiline, value.kind === 'list' ? shown.selected : undefined, shown.scroll);
}

/**
 * The options a list box shows: from its top index, or scrolled so the selection is in view,
 * with a font size at which every selected option fits. `fromTop`: the stored top index already
 * shows them all at the field's size. `scroll`: the lines above the box — all options stay in
 * the drawing, those outside the box clipped, as in a list box's own appearance (the page's
 * text keeps every option, the box shows the selection).
 */
function listWindow(value: FieldValue, rect: [number, number, number, number]): { lines: string[]; selected: Set<number>; size: number; fromTop: boolean; scroll: number } {
  const size = value.size > 0 ? value.size : 10;
  const room = rect[3] - rect[1] - 4;
  const fits = Math.max(1, Math.floor(room / (size * 1.15)));
  if (value.selected.size === 0) return { lines: value.lines, selected: value.selected, size, fromTop: true, scroll: 0 };
  const first = Math.min(...value.selected);
  const last = Math.max(...value.selected);
  if (last < fits) return { lines: value.lines, selected: value.selected, size, fromTop: true, scroll: 0 };
  const span = last - first + 1;
  const shrunk = span > fits ? Math.max(4, room / (span * 1.15)) : size;
  return { lines: value.lines, selected: value.selected, size: shrunk, fromTop: false, scroll: first };
}

/** Keep a link only while it merely navigates; strip its extras. False: remove it. */
function keepLink(ctx: PDFContext, link: PDFDict, removed: Removed): boolean {
  if (link.delete(N('AA'))) removed.add('link additional actions');
  const action = dictOf(resolve(ctx, link.get(N('A'))));
  if (!action) return true; // a /Dest link or no target at all
  const kind = getName(ctx, action, 'S') ?? 'unknown';
  if (!SAFE_ACTIONS.has(kind)) {
    removed.add(`Link with ${kind} action`);
    return false;
  }
  if (kind === 'URI') {
    // Only web and mail links; file:, smb: and friends open things on the reader's machine.
    const uri = textOf(resolve(ctx, action.get(N('URI')))) ?? '';
    if (!/^(https?:|mailto:)/i.test(uri.trim())) {
      removed.add('Link with a non-web URI');
      return false;
    }
  }
  if (action.delete(N('Next'))) removed.add('chained link action');
  return true;
}

function cleanCatalog(ctx: PDFContext, catalog: PDFDict, removed: Removed): void {
  const acro = getDict(ctx, catalog, 'AcroForm');
  if (acro) {
    const fields = getArray(ctx, acro, 'Fields');
    removed.add(`AcroForm (${fields?.size() ?? 0} top-level fields)`);
    if (acro.has(N('XFA'))) removed.add('XFA form');
  }
  for (const key of CATALOG_DROP) {
    if (catalog.delete(N(key)) && key !== 'AcroForm') removed.add(key === 'Metadata' ? 'XMP metadata' : `catalog ${key}`);
  }

  for (const key of catalog.keys()) {
    if (!CATALOG_KEEP.has(key.decodeText())) {
      catalog.delete(key);
      removed.add(`catalog ${key.decodeText()}`);
    }
  }

  const names = getDict(ctx, catalog, 'Names');
  if (names) {
    if (names.delete(N('JavaScript'))) removed.add('document JavaScript');
    if (names.delete(N('EmbeddedFiles'))) removed.add('embedded files');
    // Only named destinations are plain navigation; templates, renditions, web capture go.
    for (const key of names.keys()) {
      if (key.decodeText() !== 'Dests') {
        names.delete(key);
        removed.add(`names tree ${key.decodeText()}`);
      }
    }
    if (names.keys().length === 0) catalog.delete(N('Names'));
  }

  const open = resolve(ctx, catalog.get(N('OpenAction')));
  const openAction = open instanceof PDFDict ? open : undefined;
  if (openAction) {
    const kind = getName(ctx, openAction, 'S') ?? 'unknown';
    if (kind !== 'GoTo') {
      catalog.delete(N('OpenAction'));
      removed.add(`OpenAction ${kind}`);
    } else {
      openAction.delete(N('Next'));
    }
  } else if (open !== undefined && !(open instanceof PDFArray)) {
    catalog.delete(N('OpenAction'));
  }
}

/** Replace Info by a fresh dict with only Producer, CreationDate (kept) and ModDate (now). */
function replaceInfo(ctx: PDFContext, removed: Removed): void {
  const old = resolve(ctx, ctx.trailerInfo.Info);
  const info = ctx.obj({});
  if (old instanceof PDFDict) {
    for (const key of old.keys()) {
      const k = key.decodeText();
      if (!ALLOWED_INFO.has(k)) removed.add(`Info ${k}`);
    }
    const created = resolve(ctx, old.get(N('CreationDate')));
    if (created instanceof PDFString || created instanceof PDFHexString) {
      info.set(N('CreationDate'), created);
    }
  }
  info.set(N('Producer'), PDFString.of('ReportGuard'));
  info.set(N('ModDate'), PDFString.fromDate(new Date()));
  ctx.trailerInfo.Info = ctx.register(info);
}

/**
 * Last sweep over every dictionary still in the file: actions that do more than navigate,
 * additional-actions (AA), scripts, XMP and associated files wherever they hide (outline items,
 * XObjects, nested dictionaries).
 */
function scrubAll(ctx: PDFContext, removed: Removed): void {
  forEachDict(ctx, (dict) => {
    if (dict.delete(N('AA'))) removed.add('additional actions');
    if (dict.delete(N('JS'))) removed.add('JavaScript');
    if (dict.delete(N('AF'))) removed.add('associated files');
    const meta = resolve(ctx, dict.get(N('Metadata')));
    if (meta !== undefined) {
      dict.delete(N('Metadata'));
      removed.add('XMP metadata');
    }
    const action = dictOf(resolve(ctx, dict.get(N('A'))));
    if (action && action.get(N('S')) instanceof PDFName) {
      const kind = getName(ctx, action, 'S') ?? 'unknown';
      if (!SAFE_ACTIONS.has(kind)) {
        dict.delete(N('A'));
        removed.add(`${kind} action`);
      } else {
        action.delete(N('Next'));
      }
    }
    if (getName(ctx, dict, 'Type') === 'Filespec') {
      // Only reachable now through something we do not know; drop the payload itself.
      if (dict.delete(N('EF'))) removed.add('embedded file payload');
    }
  });
}
