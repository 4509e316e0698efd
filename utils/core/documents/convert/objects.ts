// Text of the embedded objects a report holds besides its paragraphs: charts (DrawingML chart
// parts, ODF chart objects), SmartArt diagrams (the drawing part Word saves beside the data
// model) and formulas (OMML in DOCX, MathML in ODF objects). Each gives its text in reading
// order, so nothing a reader sees in the document is lost:
// - a chart becomes its title and its data as a bordered table (series by category, the cached
//   values Word/LibreOffice last showed), after its picture when the file has a drawable one —
//   for ODT charts, and DOCX charts of a kind charts.ts does not draw;
// - a SmartArt diagram without a drawing part smartart.ts can place becomes its shapes' paragraphs;
// - a formula becomes one line of linear notation ("E = m⋅c^2", "(a)/(b)", "√(x)").
// DOCX charts and SmartArt are drawn as pictures by charts.ts and smartart.ts.
import { type Block, plainParagraph as para, type Table, type TableRow } from './model.ts';
import { descendants, kids, textOf } from './xml.ts';
import type { XmlElement } from './xml.ts';

const C_NS = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const A_NS = 'http://schemas.openxmlformats.org/drawingml/2006/main';
export const M_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/math';
export const C_NS_CHART = C_NS;

/** DrawingML paragraphs (a:p with a:r/a:t, a:br, a:fld) as text lines, empty ones left out. */
export function drawingParagraphs(el: XmlElement): string[] {
  const lines: string[] = [];
  for (const p of descendants(el, (e) => e.ns === A_NS && e.local === 'p')) {
    let s = '';
    for (const c of kids(p)) {
      if (c.ns !== A_NS) continue;
      if (c.local === 'r' || c.local === 'fld') s += kids(c, A_NS, 't').map(textOf).join('');
      else if (c.local === 'br') s += '\n';
    }
    if (s.trim()) lines.push(s);
  }
  return lines;
}

/** A number as the chart's cache holds it, shown the way the General format does (no 4.4000000000000004). */
export function shown(v: string): string {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) return v;
  return String(Number(n.toPrecision(12)));
}

/** The cached points of a c:strRef / c:numRef / c:strLit / c:numLit / c:multiLvlStrRef under el, by index. */
export function points(el: XmlElement | undefined): string[] {
  const out: string[] = [];
  if (!el) return out;
  for (const pt of descendants(el, (e) => e.ns === C_NS && e.local === 'pt')) {
    const idx = Number.parseInt(pt.attrs.idx ?? '', 10);
    const v = kids(pt, C_NS, 'v')[0];
    if (Number.isFinite(idx) && idx >= 0 && idx < 10_000 && v) out[idx] = out[idx] ? `${out[idx]} ${textOf(v)}` : textOf(v);
  }
  return out;
}

/** A table cell of one plain paragraph. */
const cell = (text: string): TableRow['cells'][number] => ({ blocks: [para(text)] });

/** A DrawingML chart part (c:chartSpace): its title and its data table. */
export function chartBlocks(root: XmlElement): Block[] {
  const chart = kids(root, C_NS, 'chart')[0];
  if (!chart) return [];
  const blocks: Block[] = [];
  const title = kids(chart, C_NS, 'title')[0];
  if (title) for (const line of drawingParagraphs(title)) blocks.push(para(line));
  const series = descendants(chart, (e) => e.ns === C_NS && e.local === 'ser');
  let categories: string[] = [];
  const rows: { name: string; values: string[] }[] = [];
  series.forEach((ser, i) => {
    const tx = kids(ser, C_NS, 'tx')[0];
    const name = tx ? (points(tx).join(' ') || kids(tx, C_NS, 'v').map(textOf).join(' ')) : `Series ${i + 1}`;
    const cat = kids(ser, C_NS, 'cat')[0] ?? kids(ser, C_NS, 'xVal')[0];
    const val = kids(ser, C_NS, 'val')[0] ?? kids(ser, C_NS, 'yVal')[0];
    const cats = points(cat);
    if (cats.length > categories.length) categories = cats;
    rows.push({ name, values: points(val).map((v) => shown(v ?? '')) });
  });
  for (const ax of ['catAx', 'valAx', 'dateAx', 'serAx']) {
    for (const a of descendants(chart, (e) => e.ns === C_NS && e.local === ax)) {
      const t = kids(a, C_NS, 'title')[0];
      if (t) for (const line of drawingParagraphs(t)) blocks.push(para(line));
    }
  }
  if (rows.length) {
    const width = Math.min(Math.max(categories.length, ...rows.map((r) => r.values.length)), 63);
    const header: TableRow = { cells: [cell(''), ...Array.from({ length: width }, (_, i) => cell(categories[i] ?? String(i + 1)))] };
    const body: TableRow[] = rows.map((r) => ({ cells: [cell(r.name), ...Array.from({ length: width }, (_, i) => cell(r.values[i] ?? ''))] }));
    const table: Table = { kind: 'table', rows: [header, ...body], borders: true };
    blocks.push(table);
  }
  return blocks;
}

/** A SmartArt drawing part (dsp:drawing): each shape's text, in drawing order. */
export function smartArtBlocks(drawingRoot: XmlElement): Block[] {
  const blocks: Block[] = [];
  for (const body of descendants(drawingRoot, (e) => e.local === 'txBody')) for (const line of drawingParagraphs(body)) blocks.push(para(line));
  return blocks;
}

/**
 * SmartArt without the drawing part (older writers): the data model's points that carry text
 * (dgm:pt of type node or unset; the transitions and presentation points hold none of the user's text).
 */
export function smartArtDataBlocks(dataRoot: XmlElement): Block[] {
  const blocks: Block[] = [];
  for (const pt of descendants(dataRoot, (e) => e.local === 'pt')) {
    const type = pt.attrs.type ?? 'node';
    if (type !== 'node') continue;
    for (const t of kids(pt).filter((c) => c.local === 't')) for (const line of drawingParagraphs(t)) blocks.push(para(line));
  }
  return blocks;
}

// ---- formulas -----------------------------------------------------------------------------

const group = (s: string): string => (/^[\p{L}\p{N}]+$/u.test(s) || s.length <= 1 ? s : `(${s})`);

/** OMML (m:oMath) as one line of linear notation. */
export function ommlText(el: XmlElement, depth = 0): string {
  if (depth > 60) return '';
  const part = (name: string): string => {
    const k = kids(el, M_NS, name)[0];
    return k ? ommlText(k, depth + 1) : '';
  };
  if (el.ns === M_NS) {
    switch (el.local) {
      case 't':
        return textOf(el);
      case 'sSup':
        return `${part('e')}^${group(part('sup'))}`;
      case 'sSub':
        return `${part('e')}_${group(part('sub'))}`;
      case 'sSubSup':
        return `${part('e')}_${group(part('sub'))}^${group(part('sup'))}`;
      case 'sPre':
        return `_${group(part('sub'))}^${group(part('sup'))}${part('e')}`;
      case 'f':
        return `${group(part('num'))}/${group(part('den'))}`;
      case 'rad': {
        const deg = part('deg');
        return `${deg ? `${group(deg)}` : ''}√${group(part('e'))}`;
      }
      case 'd': {
        const pr = kids(el, M_NS, 'dPr')[0];
        const chr = (name: string, dflt: string): string => {
          const k = pr ? kids(pr, M_NS, name)[0] : undefined;
          return k ? (k.attrs.val ?? '') : dflt;
        };
        const sep = chr('sepChr', '|');
        return `${chr('begChr', '(')}${kids(el, M_NS, 'e').map((e) => ommlText(e, depth + 1)).join(sep)}${chr('endChr', ')')}`;
      }
      case 'nary': {
        const pr = kids(el, M_NS, 'naryPr')[0];
        const c = pr ? kids(pr, M_NS, 'chr')[0]?.attrs.val : undefined;
        const sub = part('sub');
        const sup = part('sup');
        return `${c ?? '∫'}${sub ? `_${group(sub)}` : ''}${sup ? `^${group(sup)}` : ''} ${part('e')}`;
      }
      case 'func':
        return `${part('fName')} ${part('e')}`;
      case 'rPr':
      case 'ctrlPr':
      case 'oMathParaPr':
        return '';
      default:
        break;
    }
  }
  // m:r, m:e, m:num…, and w:/other wrappers: their parts in order.
  return kids(el)
    .filter((c) => !(c.local.endsWith('Pr') && c.ns === M_NS))
    .map((c) => ommlText(c, depth + 1))
    .join('');
}

const MATHML_NS = 'http://www.w3.org/1998/Math/MathML';

/** MathML (presentation markup; the StarMath annotation is not printed) as one line of linear notation. */
export function mathmlText(el: XmlElement, depth = 0): string {
  if (depth > 60) return '';
  const parts = kids(el).map((c) => mathmlText(c, depth + 1));
  switch (el.local) {
    case 'annotation':
    case 'annotation-xml':
      return '';
    case 'mi':
    case 'mn':
    case 'mtext':
    case 'ms':
      return textOf(el);
    case 'mo': {
      const t = textOf(el).trim();
      return /^[=+<>≤≥≠≈−-]$/u.test(t) ? ` ${t} ` : t;
    }
    case 'mspace':
      return ' ';
    case 'msup':
      return `${parts[0] ?? ''}^${group(parts[1] ?? '')}`;
    case 'msub':
      return `${parts[0] ?? ''}_${group(parts[1] ?? '')}`;
    case 'msubsup':
      return `${parts[0] ?? ''}_${group(parts[1] ?? '')}^${group(parts[2] ?? '')}`;
    case 'munder':
      return `${parts[0] ?? ''}_${group(parts[1] ?? '')}`;
    case 'mover':
      return `${parts[0] ?? ''}^${group(parts[1] ?? '')}`;
    case 'munderover':
      return `${parts[0] ?? ''}_${group(parts[1] ?? '')}^${group(parts[2] ?? '')}`;
    case 'mfrac':
      return `${group(parts[0] ?? '')}/${group(parts[1] ?? '')}`;
    case 'msqrt':
      return `√${group(parts.join(''))}`;
    case 'mroot':
      return `${group(parts[1] ?? '')}√${group(parts[0] ?? '')}`;
    case 'mfenced':
      return `${el.attrs.open ?? '('}${parts.join(el.attrs.separators?.trim().charAt(0) || ',')}${el.attrs.close ?? ')'}`;
    case 'mtr':
      return parts.join(' ');
    case 'mtable':
      return parts.join('; ');
    default:
      return parts.join('');
  }
}

/** The text of an ODF formula object (its content.xml root is MathML's math), or undefined when it is not one. */
export function odfFormula(root: XmlElement): string | undefined {
  if (root.ns !== MATHML_NS || root.local !== 'math') return undefined;
  return mathmlText(root).replace(/\s+/g, ' ').trim();
}
