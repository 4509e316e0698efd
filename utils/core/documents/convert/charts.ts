// A DOCX chart (c:chart → word/charts/chartN.xml) drawn from the values Word cached in it
// (c:strCache / c:numCache), in the box the document gives it, the way Word and LibreOffice
// print it: the title, the plot (bars — clustered, stacked or 100 % stacked, upright or lying —,
// lines, areas, pie and doughnut slices, scatter points) with gridlines, value-axis labels on a rounded scale,
// category labels, axis titles, data labels where the chart shows them, and the legend.
// A chart type not drawn here (radar, bubble, stock, surface, bar-of-pie) becomes a
// visible box naming it, followed by its title and data as a table (objects.ts chartBlocks),
// and a conversion note: its words stay, nothing is lost silently.

import { A_NS, EMU_PER_PT, aKid, drawingBlock, ellipsePath, fillOf, intAttr, num, rectPath, slicePath, textItem, textWidth, wrapWords } from './drawing.ts';
import type { TextStyle, ThemeColors } from './drawing.ts';
import { type Block, plainParagraph as para, type Table, type TableRow } from './model.ts';
import { chartBlocks, drawingParagraphs, points } from './objects.ts';
import type { MetaItem, RGB } from './pictures/metafile.ts';
import { descendants, kids, textOf } from './xml.ts';
import type { XmlElement } from './xml.ts';

const C_NS = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const cKid = (el: XmlElement | undefined, local: string): XmlElement | undefined => (el ? kids(el, C_NS, local)[0] : undefined);
const cVal = (el: XmlElement | undefined, local: string): string | undefined => cKid(el, local)?.attrs.val;
const on = (el: XmlElement | undefined, local: string, dflt = false): boolean => {
  const v = cVal(el, local);
  return v === undefined ? (cKid(el, local) ? true : dflt) : v === '1' || v === 'true';
};

const TEXT: RGB = [64, 64, 64];
const GRID: RGB = [217, 217, 217];
const AXIS: RGB = [166, 166, 166];

type Kind = 'bar' | 'line' | 'area' | 'pie' | 'scatter';

interface Series {
  name: string;
  values: number[];
  categories: string[];
  color: RGB;
  pointColors: Map<number, RGB>;
  format: string;
  labels: LabelSpec;
  marker: boolean;
  /** Scatter: the x values (c:xVal when numeric, else 1, 2, 3…) and whether the points are joined. */
  xs: number[];
  joined: boolean;
}

interface LabelSpec {
  val: boolean;
  cat: boolean;
  ser: boolean;
  pct: boolean;
}

interface Group {
  kind: Kind;
  el: XmlElement;
  horizontal: boolean;
  grouping: 'clustered' | 'stacked' | 'percentStacked' | 'standard';
  series: Series[];
  varyColors: boolean;
  gapWidth: number;
  overlap: number;
  hole: number;
  firstAngle: number;
}

const KINDS: Record<string, Kind> = {
  barChart: 'bar',
  bar3DChart: 'bar',
  lineChart: 'line',
  line3DChart: 'line',
  areaChart: 'area',
  area3DChart: 'area',
  pieChart: 'pie',
  pie3DChart: 'pie',
  doughnutChart: 'pie',
  scatterChart: 'scatter',
};

const NAMES: Record<string, string> = {
  radarChart: 'radar',
  bubbleChart: 'bubble',
  stockChart: 'stock',
  surfaceChart: 'surface',
  surface3DChart: '3-D surface',
  ofPieChart: 'bar-of-pie',
};

function labelSpec(dLbls: XmlElement | undefined, inherit?: LabelSpec): LabelSpec {
  if (!dLbls || on(dLbls, 'delete')) return inherit && !dLbls ? inherit : { val: false, cat: false, ser: false, pct: false };
  return { val: on(dLbls, 'showVal'), cat: on(dLbls, 'showCatName'), ser: on(dLbls, 'showSerName'), pct: on(dLbls, 'showPercent') };
}

/** The theme's accent colours in turn, darker and lighter for series past the sixth (as Office does). */
function paletteColor(i: number, theme: ThemeColors): RGB {
  const base = theme.get(`accent${(i % 6) + 1}`) ?? [68, 114, 196];
  const round = Math.floor(i / 6);
  if (!round) return base;
  const f = round % 2 ? 0.6 : 1.4;
  return base.map((c) => Math.round(f < 1 ? c * f : 255 - (255 - c) * (2 - f))) as RGB;
}

function readSeries(group: XmlElement, theme: ThemeColors, groupLabels: LabelSpec, vary: boolean, kind: Kind): Series[] {
  return kids(group, C_NS, 'ser').map((ser, i) => {
    const idx = intAttr(cKid(ser, 'idx'), 'val') ?? i;
    const tx = cKid(ser, 'tx');
    const name = tx ? points(tx).join(' ') || kids(tx, C_NS, 'v').map((v) => v.children.join('')).join(' ') : `Series ${idx + 1}`;
    const cat = cKid(ser, 'cat') ?? cKid(ser, 'xVal');
    const val = cKid(ser, 'val') ?? cKid(ser, 'yVal');
    const raw = points(val);
    const values = Array.from({ length: raw.length }, (_, k) => {
      const n = Number(raw[k]);
      return raw[k] !== undefined && raw[k]?.trim() !== '' && Number.isFinite(n) ? n : Number.NaN;
    });
    const spPr = cKid(ser, 'spPr');
    const lineFill = fillOf(aKid(spPr, 'ln'), theme);
    const own = kind === 'line' || kind === 'scatter' ? lineFill || fillOf(aKid(cKid(ser, 'marker'), 'spPr'), theme) : fillOf(spPr, theme);
    const pointColors = new Map<number, RGB>();
    for (const dPt of kids(ser, C_NS, 'dPt')) {
      const k = intAttr(cKid(dPt, 'idx'), 'val');
      const c = fillOf(cKid(dPt, 'spPr'), theme);
      if (k !== undefined && c) pointColors.set(k, c);
    }
    if (vary) for (let k = 0; k < values.length; k++) if (!pointColors.has(k)) pointColors.set(k, paletteColor(k, theme));
    const format = descendants(val ?? ser, (e) => e.local === 'formatCode')[0]?.children.join('') ?? 'General';
    const marker = cVal(cKid(ser, 'marker'), 'symbol') !== 'none' && cVal(group, 'marker') !== '0';
    const cats = points(cat);
    const numeric = cats.length > 0 && cats.every((c) => c === undefined || (c.trim() !== '' && Number.isFinite(Number(c))));
    const xs = Array.from({ length: values.length }, (_, k) => (numeric ? Number(cats[k]) : k + 1));
    const style = cVal(group, 'scatterStyle');
    const joined = kind !== 'scatter' || (lineFill !== null && style !== 'marker');
    return { name, values, categories: cats, color: own ?? paletteColor(idx, theme), pointColors, format, labels: labelSpec(cKid(ser, 'dLbls'), groupLabels), marker, xs, joined };
  });
}

/** The literal text of a number format's prefix or suffix ("$", " kg"): quotes and escapes undone, codes left out. */
function literal(part: string): string {
  return part.replace(/"([^"]*)"/g, '$1').replace(/\\(.)/g, '$1').replace(/[#0.,%?]|\[[^\]]*\]|_./g, '');
}

/** A number in a simple Excel number format: General, 0, 0.0…, #,##0…, percentages, a literal prefix or suffix. */
export function formatNumber(v: number, code: string, step?: number): string {
  const c = (code || 'General').split(';')[0] ?? 'General';
  if (/^general$/i.test(c.trim()) || !/[0#]/.test(c)) {
    const decimals = step !== undefined ? Math.max(0, Math.min(10, -Math.floor(Math.log10(step) + 1e-9))) : undefined;
    const n = decimals !== undefined ? Number(v.toFixed(decimals)) : Number(v.toPrecision(10));
    return String(n);
  }
  const pct = c.includes('%');
  const m = /([#0,]*0?)(?:\.(0+))?/.exec(c.replace(/"[^"]*"|\\./g, '').replace(/^[^#0.]*/, ''));
  const decimals = m?.[2]?.length ?? 0;
  const grouped = c.includes(',');
  let s = Math.abs(pct ? v * 100 : v).toFixed(decimals);
  if (grouped) s = s.replace(/^(\d+)/, (d) => d.replace(/\B(?=(\d{3})+$)/g, ','));
  const first = c.search(/[#0]/);
  const last = Math.max(c.lastIndexOf('0'), c.lastIndexOf('#'));
  return `${v < 0 ? '-' : ''}${literal(c.slice(0, first))}${s}${pct ? '%' : ''}${literal(c.slice(last + 1))}`;
}

/** Ticks of a value axis from lo to hi: a round step (1, 2 or 5 × 10^n), about 5–10 intervals, Excel-like headroom. */
export function valueScale(lo: number, hi: number, fixed: { min?: number; max?: number; step?: number }): { min: number; max: number; step: number } {
  let min = fixed.min ?? Math.min(0, lo);
  let max = fixed.max ?? Math.max(0, hi);
  if (!(max > min)) max = min + 1;
  const span = (max - min) * (fixed.max === undefined ? 1.05 : 1);
  let step = fixed.step && fixed.step > 0 ? fixed.step : 0;
  if (!step) {
    const rough = span / 8;
    const mag = 10 ** Math.floor(Math.log10(rough));
    step = ([1, 2, 5, 10].map((k) => k * mag).find((s) => s >= rough - 1e-12) ?? 10 * mag) as number;
  }
  if (fixed.max === undefined) max = Math.ceil((min + span) / step - 1e-9) * step;
  if (fixed.min === undefined && min < 0) min = Math.floor(min / step + 1e-9) * step;
  if ((max - min) / step > 50) step = (max - min) / 10;
  return { min, max, step };
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

function chartText(el: XmlElement | undefined): string {
  return el ? drawingParagraphs(el).join('\n') : '';
}

/** Text size and weight of a c:txPr / c:rich (its first a:defRPr or a:rPr), else the defaults. */
function textStyle(el: XmlElement | undefined, dflt: TextStyle): TextStyle {
  const rPr = el ? descendants(el, (e) => e.ns === A_NS && (e.local === 'defRPr' || e.local === 'rPr') && e.attrs.sz !== undefined)[0] : undefined;
  const sz = intAttr(rPr, 'sz');
  const b = rPr?.attrs.b;
  return { ...dflt, ...(sz ? { size: Math.min(72, Math.max(4, sz / 100)) } : {}), ...(b !== undefined ? { bold: b === '1' } : {}) };
}

function textLines(items: MetaItem[], lines: string[], x: number, y: number, s: TextStyle, align: 'left' | 'center' | 'right', angle = 0): void {
  lines.forEach((l, i) => {
    if (!l.trim()) return;
    if (angle) items.push(textItem(l, x + i * s.size * 1.2, y, s, align, 'top', angle));
    else items.push(textItem(l, x, y + i * s.size * 1.2, s, align, 'top'));
  });
}

/** A path through the points in order, broken where a point is missing (a gap in the data). */
function polyline(at: ReadonlyArray<[number, number] | undefined>): string {
  let d = '';
  let open = false;
  for (const p of at) {
    if (!p) {
      open = false;
      continue;
    }
    d += `${num(p[0])} ${num(p[1])} ${open ? 'l' : 'm'} `;
    open = true;
  }
  return d.trim();
}

function box(fill: RGB | undefined, stroke: RGB | undefined, d: string, lineWidth = 0.75): MetaItem {
  return { t: 'path', d, ...(fill ? { fill } : {}), ...(stroke ? { stroke } : {}), lineWidth, evenOdd: false };
}

/**
 * The chart part (c:chartSpace) drawn in a box `width` × `height` points: a picture block, or, for
 * a chart type not drawn here, a box naming it followed by the chart's title and data table.
 */
export function chartPieces(root: XmlElement, theme: ThemeColors, width: number | undefined, height: number | undefined, name: string): Block[] {
  const chart = cKid(root, 'chart');
  if (!chart) return [];
  const W = width && width > 20 ? width : 432;
  const H = height && height > 20 ? height : 252;
  const plotArea = cKid(chart, 'plotArea');
  const groupEls = plotArea ? kids(plotArea, C_NS).filter((e) => e.local.endsWith('Chart')) : [];
  // A scatter chart has two value axes: it is drawn on its own, not combined with other kinds.
  const scatter = groupEls.some((e) => e.local === 'scatterChart');
  const unknown = groupEls.filter((e) => !KINDS[e.local] || (scatter && e.local !== 'scatterChart'));
  if (!groupEls.length || unknown.length) {
    const what = unknown.length ? unknown.map((e) => NAMES[e.local] ?? e.local.replace(/Chart$/, '')).join(' and ') : 'empty';
    const items = placeholderBox(W, H, `[grafiek (${what}) niet getekend; de gegevens staan hieronder]`);
    const note = `a ${what} chart (${name}) is not drawn: a box stands in its place, with its title and data as a table below it`;
    return [drawingBlock({ width: W, height: H, items, note }, name), ...chartBlocks(root)];
  }
  const base = textStyle(cKid(root, 'txPr'), { size: 10, bold: false, italic: false, color: TEXT });
  const groups: Group[] = groupEls.map((el) => {
    const kind = KINDS[el.local] as Kind;
    const vary = kind === 'pie' ? cVal(el, 'varyColors') !== '0' : cVal(el, 'varyColors') === '1' && kids(el, C_NS, 'ser').length === 1;
    const grouping = (cVal(el, 'grouping') ?? (kind === 'bar' ? 'clustered' : 'standard')) as Group['grouping'];
    return {
      kind,
      el,
      horizontal: cVal(el, 'barDir') === 'bar',
      grouping,
      series: readSeries(el, theme, labelSpec(cKid(el, 'dLbls')), vary, kind),
      varyColors: vary,
      gapWidth: Number(cVal(el, 'gapWidth') ?? 150),
      overlap: Number(cVal(el, 'overlap') ?? (grouping === 'stacked' || grouping === 'percentStacked' ? 100 : 0)),
      hole: el.local === 'doughnutChart' ? Math.min(90, Math.max(10, Number(cVal(el, 'holeSize') ?? 50))) : 0,
      firstAngle: Number(cVal(el, 'firstSliceAng') ?? 0),
    };
  });
  const items: MetaItem[] = [];
  const pad = 7;
  let area: Box = { x: pad, y: pad, w: W - 2 * pad, h: H - 2 * pad };
  const allSeries = groups.flatMap((g) => g.series);

  // Title: its own text, or the one series' name when the title is there without text.
  const titleEl = cKid(chart, 'title');
  const autoDeleted = on(chart, 'autoTitleDeleted');
  let title = chartText(cKid(cKid(titleEl, 'tx'), 'rich'));
  if (!title && (titleEl || (!autoDeleted && allSeries.length === 1 && groups[0]?.kind === 'pie')) && allSeries.length === 1) title = allSeries[0]?.name ?? '';
  if (title.trim()) {
    const ts = textStyle(titleEl, { ...base, size: base.size * 1.4, bold: true });
    const lines = wrapWords(title, ts, area.w);
    textLines(items, lines, W / 2, area.y, ts, 'center');
    const th = lines.length * ts.size * 1.2 + 6;
    area = { ...area, y: area.y + th, h: area.h - th };
  }

  // Legend.
  const pieOnly = groups.every((g) => g.kind === 'pie');
  const legendEl = cKid(chart, 'legend');
  const hidden = new Set(kids(legendEl ?? chart, C_NS, 'legendEntry').filter((e) => on(e, 'delete')).map((e) => intAttr(cKid(e, 'idx'), 'val')));
  const firstVary = groups.find((g) => g.varyColors);
  const entries: Array<{ text: string; color: RGB; line: boolean }> = [];
  if (legendEl) {
    if (firstVary && (pieOnly || allSeries.length === 1)) {
      const s0 = firstVary.series[0];
      s0?.categories.forEach((c, k) => entries.push({ text: c ?? String(k + 1), color: s0.pointColors.get(k) ?? paletteColor(k, theme), line: false }));
    } else {
      for (const g of groups) for (const s of g.series) entries.push({ text: s.name, color: s.color, line: g.kind === 'line' || (g.kind === 'scatter' && s.joined) });
    }
  }
  const shownEntries = entries.filter((_, i) => !hidden.has(i));
  const pos = cVal(legendEl, 'legendPos') ?? 'r';
  // A stacked upright bar chart lists its series top-down as they are stacked (the last on top).
  const stackedCol = groups.some((g) => g.kind === 'bar' && !g.horizontal && g.grouping !== 'clustered');
  const ls = textStyle(legendEl, base);
  if (shownEntries.length) {
    const key = ls.size * 0.7;
    const rowH = ls.size * 1.45;
    if (pos === 'r' || pos === 'l' || pos === 'tr') {
      const ordered = (pos === 'r' || pos === 'l') && stackedCol ? shownEntries.toReversed() : shownEntries;
      const maxW = Math.min(area.w * 0.4, Math.max(...ordered.map((e) => textWidth(e.text, ls))) + key + 5);
      const lines = ordered.map((e) => ({ e, lines: wrapWords(e.text, ls, maxW - key - 5) }));
      const total = lines.reduce((s, l) => s + l.lines.length * ls.size * 1.2 + (rowH - ls.size * 1.2), 0);
      const lx = pos === 'l' ? area.x : area.x + area.w - maxW;
      let ly = pos === 'tr' ? area.y : area.y + Math.max(0, (area.h - total) / 2);
      for (const { e, lines: ll } of lines) {
        items.push(e.line ? box(undefined, e.color, `${num(lx)} ${num(ly + ls.size * 0.6)} m ${num(lx + key)} ${num(ly + ls.size * 0.6)} l`, 2) : box(e.color, undefined, rectPath(lx, ly + ls.size * 0.25, key, key)));
        textLines(items, ll, lx + key + 4, ly, ls, 'left');
        ly += ll.length * ls.size * 1.2 + (rowH - ls.size * 1.2);
      }
      area = pos === 'l' ? { ...area, x: area.x + maxW + 8, w: area.w - maxW - 8 } : { ...area, w: area.w - maxW - 8 };
    } else {
      // Top or bottom: entries in rows, centred.
      const widths = shownEntries.map((e) => key + 4 + Math.min(textWidth(e.text, ls), area.w - key - 4) + 12);
      const rows: number[][] = [[]];
      let used = 0;
      widths.forEach((w, i) => {
        const row = rows[rows.length - 1] as number[];
        if (row.length && used + w > area.w) {
          rows.push([i]);
          used = w;
        } else {
          row.push(i);
          used += w;
        }
      });
      const blockH = rows.length * rowH;
      let ry = pos === 't' ? area.y : area.y + area.h - blockH;
      for (const row of rows) {
        const rw = row.reduce((s, i) => s + (widths[i] as number), 0) - 12;
        let rx = area.x + (area.w - rw) / 2;
        for (const i of row) {
          const e = shownEntries[i] as (typeof shownEntries)[number];
          items.push(e.line ? box(undefined, e.color, `${num(rx)} ${num(ry + ls.size * 0.6)} m ${num(rx + key)} ${num(ry + ls.size * 0.6)} l`, 2) : box(e.color, undefined, rectPath(rx, ry + ls.size * 0.25, key, key)));
          items.push(textItem(e.text, rx + key + 4, ry, ls, 'left', 'top'));
          rx += widths[i] as number;
        }
        ry += rowH;
      }
      area = pos === 't' ? { ...area, y: area.y + blockH + 4, h: area.h - blockH - 4 } : { ...area, h: area.h - blockH - 4 };
    }
  }

  if (pieOnly) drawPies(items, groups, area, base, theme);
  else if (scatter) drawScatter(items, groups, plotArea as XmlElement, area, base);
  else drawAxes(items, groups, plotArea as XmlElement, area, base);
  return [drawingBlock({ width: W, height: H, items }, name)];
}

function labelText(spec: LabelSpec, s: Series, k: number, share?: number): string {
  const parts: string[] = [];
  if (spec.ser) parts.push(s.name);
  if (spec.cat) parts.push(s.categories[k] ?? String(k + 1));
  if (spec.val && Number.isFinite(s.values[k])) parts.push(formatNumber(s.values[k] as number, s.format));
  if (spec.pct && share !== undefined) parts.push(`${Math.round(share * 100)}%`);
  return parts.join(', ');
}

function drawPies(items: MetaItem[], groups: Group[], area: Box, base: TextStyle, theme: ThemeColors): void {
  const g = groups[0] as Group;
  const s = g.series[0];
  if (!s) return;
  const r = Math.max(4, Math.min(area.w, area.h) / 2 - 4);
  const cx = area.x + area.w / 2;
  const cy = area.y + area.h / 2;
  const values = s.values.map((v) => (Number.isFinite(v) && v > 0 ? v : 0));
  const total = values.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return;
  let a = ((g.firstAngle - 90) * Math.PI) / 180;
  const inner = (r * g.hole) / 100;
  const labels: MetaItem[] = [];
  values.forEach((v, k) => {
    if (!v) return;
    const sweep = (v / total) * 2 * Math.PI;
    const color = s.pointColors.get(k) ?? (g.varyColors ? paletteColor(k, theme) : s.color);
    items.push(box(color, [255, 255, 255], v === total ? (inner ? `${ellipsePath(cx - r, cy - r, 2 * r, 2 * r)}` : ellipsePath(cx - r, cy - r, 2 * r, 2 * r)) : slicePath(cx, cy, r, a, a + sweep, inner), 0.75));
    const text = labelText(s.labels, s, k, v / total);
    if (text) {
      const mid = a + sweep / 2;
      const rr = inner ? (r + inner) / 2 : r * 0.65;
      labels.push(textItem(text, cx + rr * Math.cos(mid), cy + rr * Math.sin(mid) - base.size / 2, { ...base, color: [255, 255, 255] }, 'center', 'top'));
    }
    a += sweep;
  });
  if (inner && values.filter(Boolean).length === 1) items.push(box([255, 255, 255], undefined, ellipsePath(cx - inner, cy - inner, 2 * inner, 2 * inner)));
  items.push(...labels);
}

interface AxisInfo {
  deleted: boolean;
  title: string;
  format?: string;
  min?: number;
  max?: number;
  step?: number;
  reversed: boolean;
  grid: boolean;
}

function axisInfo(ax: XmlElement | undefined): AxisInfo {
  const scaling = cKid(ax, 'scaling');
  const numAttr = (el: XmlElement | undefined, local: string): number | undefined => {
    const v = cVal(el, local);
    const n = v === undefined ? Number.NaN : Number(v);
    return Number.isFinite(n) ? n : undefined;
  };
  const fmt = cKid(ax, 'numFmt');
  const min = numAttr(scaling, 'min');
  const max = numAttr(scaling, 'max');
  const step = numAttr(ax, 'majorUnit');
  return {
    deleted: on(ax, 'delete') || cVal(ax, 'tickLblPos') === 'none',
    title: chartText(cKid(cKid(cKid(ax, 'title'), 'tx'), 'rich')),
    ...(fmt && fmt.attrs.sourceLinked !== '1' && fmt.attrs.formatCode ? { format: fmt.attrs.formatCode } : {}),
    ...(min !== undefined ? { min } : {}),
    ...(max !== undefined ? { max } : {}),
    ...(step !== undefined ? { step } : {}),
    reversed: cVal(scaling, 'orientation') === 'maxMin',
    grid: !!cKid(ax, 'majorGridlines'),
  };
}

function drawAxes(items: MetaItem[], groups: Group[], plotArea: XmlElement, area: Box, base: TextStyle): void {
  const axGroups = groups.filter((g) => g.kind !== 'pie');
  const horizontal = axGroups.some((g) => g.kind === 'bar' && g.horizontal);
  const first = axGroups[0] as Group;
  const axIds = kids(first.el, C_NS, 'axId').map((e) => e.attrs.val);
  const axes = kids(plotArea, C_NS).filter((e) => e.local === 'catAx' || e.local === 'valAx' || e.local === 'dateAx');
  const byId = (id: string | undefined): XmlElement | undefined => axes.find((a) => cVal(a, 'axId') === id);
  const valAxEl = axIds.map(byId).find((a) => a?.local === 'valAx') ?? axes.find((a) => a.local === 'valAx');
  const catAxEl = axIds.map(byId).find((a) => a && a.local !== 'valAx') ?? axes.find((a) => a.local !== 'valAx');
  const vAx = axisInfo(valAxEl);
  const cAx = axisInfo(catAxEl);
  const ls = textStyle(valAxEl, base);
  const cs = textStyle(catAxEl, base);

  // Categories: the longest list any series has.
  let categories: string[] = [];
  let count = 0;
  for (const g of axGroups) {
    for (const s of g.series) {
      if (s.categories.length > categories.length) categories = s.categories;
      count = Math.max(count, s.values.length, s.categories.length);
    }
  }
  count = Math.min(Math.max(1, count), 2000);

  // The value range, stacked where the group stacks.
  let lo = 0;
  let hi = 0;
  let percent = false;
  for (const g of axGroups) {
    const stacked = g.grouping === 'stacked' || g.grouping === 'percentStacked';
    if (g.grouping === 'percentStacked') percent = true;
    for (let k = 0; k < count; k++) {
      let pos = 0;
      let neg = 0;
      const sum = g.series.reduce((t, s) => t + (Number.isFinite(s.values[k]) ? Math.abs(s.values[k] as number) : 0), 0);
      for (const s of g.series) {
        const raw = s.values[k];
        if (raw === undefined || !Number.isFinite(raw)) continue;
        const v = g.grouping === 'percentStacked' ? (sum ? raw / sum : 0) : raw;
        if (stacked) {
          if (v >= 0) pos += v;
          else neg += v;
          hi = Math.max(hi, pos);
          lo = Math.min(lo, neg);
        } else {
          hi = Math.max(hi, v);
          lo = Math.min(lo, v);
        }
      }
    }
  }
  const scale = percent && vAx.max === undefined ? { min: lo < 0 ? -1 : 0, max: 1, step: 0.1 * (area.h > 150 ? 1 : 2) } : valueScale(lo, hi, vAx);
  const valFormat = vAx.format ?? (percent ? '0%' : (first.series[0]?.format ?? 'General'));
  const ticks: number[] = [];
  for (let v = scale.min, n = 0; v <= scale.max + scale.step * 1e-6 && n < 60; v += scale.step, n++) ticks.push(Number(v.toPrecision(12)));
  const tickLabels = vAx.deleted ? [] : ticks.map((v) => formatNumber(v, valFormat, scale.step));

  // Room for the labels and axis titles (the top value label stands half above the plot).
  let plot: Box = horizontal ? { ...area } : { ...area, y: area.y + ls.size * 0.5, h: area.h - ls.size * 0.5 };
  const vTitleS: TextStyle = { ...base, bold: true };
  const cTitleS: TextStyle = { ...base, bold: true };
  const catAxisTitle = horizontal ? vAx.title : cAx.title;
  const valAxisTitle = horizontal ? cAx.title : vAx.title;
  if (valAxisTitle.trim()) {
    // Upright charts: the value axis title runs up the left side.
    plot = { ...plot, x: plot.x + vTitleS.size * 1.5, w: plot.w - vTitleS.size * 1.5 };
  }
  if (catAxisTitle.trim()) plot = { ...plot, h: plot.h - cTitleS.size * 1.5 };
  const catLabels = cAx.deleted ? [] : Array.from({ length: count }, (_, k) => categories[k] ?? String(k + 1));
  if (!horizontal) {
    const labelW = tickLabels.length ? Math.max(...tickLabels.map((t) => textWidth(t, ls))) + 5 : 0;
    plot = { ...plot, x: plot.x + labelW, w: plot.w - labelW };
    const slot = plot.w / count;
    let catSize = cs;
    let wrapped = catLabels.map((c) => wrapWords(c, catSize, slot - 2));
    let rotated = false;
    if (wrapped.some((l) => l.length > 2)) {
      catSize = { ...cs, size: Math.max(6, cs.size * 0.8) };
      wrapped = catLabels.map((c) => wrapWords(c, catSize, slot - 2));
      rotated = wrapped.some((l) => l.length > 2);
    }
    const labelH = catLabels.length ? (rotated ? Math.min(plot.h * 0.4, Math.max(...catLabels.map((c) => textWidth(c, catSize))) + 6) : Math.max(...wrapped.map((l) => l.length)) * catSize.size * 1.2 + 5) : 0;
    plot = { ...plot, h: plot.h - labelH };
    drawGrid(items, plot, ticks, scale, vAx, tickLabels, ls, false);
    catLabels.forEach((c, k) => {
      const cx = plot.x + (cAx.reversed ? count - 1 - k + 0.5 : k + 0.5) * slot;
      if (rotated) items.push(textItem(c, cx + catSize.size * 0.35, plot.y + plot.h + 4, catSize, 'right', 'baseline', 90));
      else textLines(items, wrapped[k] as string[], cx, plot.y + plot.h + 4, catSize, 'center');
    });
  } else {
    const slot = plot.h / count;
    const labelW = catLabels.length ? Math.min(plot.w * 0.35, Math.max(...catLabels.map((c) => textWidth(c, cs))) + 6) : 0;
    plot = { ...plot, x: plot.x + labelW, w: plot.w - labelW, h: plot.h - (tickLabels.length ? ls.size * 1.2 + 4 : 0) };
    drawGrid(items, plot, ticks, scale, vAx, tickLabels, ls, true);
    const slotH = plot.h / count;
    catLabels.forEach((c, k) => {
      // Category 1 at the bottom, as Word draws a bar chart (unless the axis is reversed).
      const i = cAx.reversed ? k : count - 1 - k;
      const lines = wrapWords(c, cs, labelW - 6);
      const cy = plot.y + (i + 0.5) * slotH - (lines.length * cs.size * 1.2) / 2;
      textLines(items, lines, plot.x - 4, cy, cs, 'right');
    });
    void slot;
  }
  if (valAxisTitle.trim()) {
    if (!horizontal) items.push(textItem(valAxisTitle.replace(/\n/g, ' '), area.x, plot.y + plot.h / 2, vTitleS, 'center', 'top', 90));
    else items.push(textItem(valAxisTitle.replace(/\n/g, ' '), area.x, plot.y + plot.h / 2, vTitleS, 'center', 'top', 90));
  }
  if (catAxisTitle.trim()) items.push(textItem(catAxisTitle.replace(/\n/g, ' '), plot.x + plot.w / 2, area.y + area.h - cTitleS.size * 1.2, cTitleS, 'center', 'top'));

  const valuePos = (v: number): number => {
    const t = (v - scale.min) / (scale.max - scale.min);
    const tt = vAx.reversed ? 1 - t : t;
    return horizontal ? plot.x + tt * plot.w : plot.y + plot.h - tt * plot.h;
  };
  const zero = valuePos(Math.min(Math.max(0, scale.min), scale.max));
  const labels: MetaItem[] = [];
  const slot = (horizontal ? plot.h : plot.w) / count;
  const slotStart = (k: number): number => {
    const i = horizontal ? (cAx.reversed ? k : count - 1 - k) : cAx.reversed ? count - 1 - k : k;
    return (horizontal ? plot.y : plot.x) + i * slot;
  };
  const bars = axGroups.filter((g) => g.kind === 'bar');
  for (const g of [...axGroups.filter((x) => x.kind === 'area'), ...bars, ...axGroups.filter((x) => x.kind === 'line')]) {
    const stacked = g.grouping === 'stacked' || g.grouping === 'percentStacked';
    const sums = Array.from({ length: count }, (_, k) => g.series.reduce((t, s) => t + (Number.isFinite(s.values[k]) ? Math.abs(s.values[k] as number) : 0), 0));
    const valueOf = (s: Series, k: number): number | undefined => {
      const raw = s.values[k];
      if (raw === undefined || !Number.isFinite(raw)) return undefined;
      return g.grouping === 'percentStacked' ? (sums[k] ? raw / (sums[k] as number) : 0) : raw;
    };
    const posAcc = Array.from({ length: count }, () => 0);
    const negAcc = Array.from({ length: count }, () => 0);
    if (g.kind === 'bar') {
      const n = stacked ? 1 : g.series.length;
      const gap = Math.max(0, Math.min(500, g.gapWidth)) / 100;
      const ov = Math.max(-100, Math.min(100, g.overlap)) / 100;
      const barW = slot / (n - (n - 1) * ov + gap);
      g.series.forEach((s, si) => {
        for (let k = 0; k < count; k++) {
          const v = valueOf(s, k);
          if (v === undefined) continue;
          const from = stacked ? (v >= 0 ? posAcc[k] : negAcc[k]) as number : 0;
          const to = from + v;
          if (stacked) {
            if (v >= 0) posAcc[k] = to;
            else negAcc[k] = to;
          }
          const idx = stacked ? 0 : si;
          const off = slotStart(k) + (barW * gap) / 2 + idx * barW * (1 - ov);
          const a = valuePos(from);
          const b = valuePos(to);
          const color = s.pointColors.get(k) ?? s.color;
          if (horizontal) {
            const yTop = off;
            items.push(box(color, undefined, rectPath(Math.min(a, b), yTop, Math.abs(b - a), barW)));
          } else items.push(box(color, undefined, rectPath(off, Math.min(a, b), barW, Math.abs(b - a))));
          const text = labelText(s.labels, s, k);
          if (text) {
            const st = { ...base, size: base.size * 0.9 };
            if (horizontal) labels.push(textItem(text, stacked ? (a + b) / 2 : b + 3, off + barW / 2 - st.size / 2, st, stacked ? 'center' : 'left', 'top'));
            else labels.push(textItem(text, off + barW / 2, stacked ? (a + b) / 2 - st.size / 2 : Math.min(a, b) - st.size * 1.25, st, 'center', 'top'));
          }
        }
      });
    } else {
      // Lines and areas: a point at each category's middle.
      g.series.forEach((s) => {
        const pts: Array<[number, number] | undefined> = [];
        const basePts: Array<[number, number]> = [];
        for (let k = 0; k < count; k++) {
          const v = valueOf(s, k);
          const c = slotStart(k) + slot / 2;
          const from = stacked ? (posAcc[k] as number) : 0;
          if (v === undefined) {
            pts.push(undefined);
            basePts.push(horizontal ? [valuePos(from), c] : [c, valuePos(from)]);
            continue;
          }
          const to = from + v;
          if (stacked) posAcc[k] = to;
          pts.push(horizontal ? [valuePos(to), c] : [c, valuePos(to)]);
          basePts.push(horizontal ? [valuePos(from), c] : [c, valuePos(from)]);
          const text = labelText(s.labels, s, k);
          if (text) {
            const st = { ...base, size: base.size * 0.9 };
            const [px, py] = pts[k] as [number, number];
            labels.push(textItem(text, px, py - st.size * 1.4, st, 'center', 'top'));
          }
        }
        if (g.kind === 'area') {
          const top = pts.map((p, k) => p ?? (basePts[k] as [number, number]));
          const poly = [...top, ...basePts.toReversed()];
          if (poly.length >= 2) items.push(box(s.color, undefined, `${poly.map(([x, y], i) => `${num(x)} ${num(y)} ${i ? 'l' : 'm'}`).join(' ')} h`));
        } else {
          const d = polyline(pts);
          if (d) items.push(box(undefined, s.color, d, 2));
          if (s.marker) for (const p of pts) if (p) items.push(box(s.color, undefined, rectPath(p[0] - 2.5, p[1] - 2.5, 5, 5)));
        }
      });
    }
  }
  // The axis line at zero, over the plot.
  items.push(box(undefined, AXIS, horizontal ? `${num(zero)} ${num(plot.y)} m ${num(zero)} ${num(plot.y + plot.h)} l` : `${num(plot.x)} ${num(zero)} m ${num(plot.x + plot.w)} ${num(zero)} l`, 0.75));
  items.push(...labels);
  void EMU_PER_PT;
}

function drawGrid(items: MetaItem[], plot: Box, ticks: number[], scale: { min: number; max: number }, ax: AxisInfo, labels: string[], ls: TextStyle, horizontal: boolean): void {
  ticks.forEach((v, i) => {
    const t = (v - scale.min) / (scale.max - scale.min);
    const tt = ax.reversed ? 1 - t : t;
    if (horizontal) {
      const x = plot.x + tt * plot.w;
      if (ax.grid) items.push(box(undefined, GRID, `${num(x)} ${num(plot.y)} m ${num(x)} ${num(plot.y + plot.h)} l`, 0.75));
      const l = labels[i];
      if (l) items.push(textItem(l, x, plot.y + plot.h + 4, ls, 'center', 'top'));
    } else {
      const y = plot.y + plot.h - tt * plot.h;
      if (ax.grid) items.push(box(undefined, GRID, `${num(plot.x)} ${num(y)} m ${num(plot.x + plot.w)} ${num(y)} l`, 0.75));
      const l = labels[i];
      if (l) items.push(textItem(l, plot.x - 4, y - ls.size * 0.35, ls, 'right', 'top'));
    }
  });
}

export const CX_NS = 'http://schemas.microsoft.com/office/drawing/2014/chartex';

function placeholderBox(W: number, H: number, label: string): MetaItem[] {
  const items: MetaItem[] = [box([242, 242, 242], AXIS, rectPath(0.5, 0.5, W - 1, H - 1))];
  const s: TextStyle = { size: 9, bold: false, italic: false, color: TEXT };
  textLines(items, wrapWords(label, s, W - 12), W / 2, H / 2 - 6, s, 'center');
  return items;
}

/**
 * An Office 2016 chart (cx:chart → chartEx part: waterfall, histogram, treemap, sunburst, box and
 * whisker, funnel, region map), which neither we nor LibreOffice draw: a box naming it, then its
 * title and cached data (each cx:data's dimensions as rows) as a table, and a note.
 */
export function chartexPieces(root: XmlElement, width: number | undefined, height: number | undefined, name: string): Block[] {
  const W = width && width > 20 ? width : 432;
  const H = height && height > 20 ? height : 252;
  const layout = descendants(root, (e) => e.ns === CX_NS && e.local === 'series')[0]?.attrs.layoutId ?? 'Office 2016';
  const items = placeholderBox(W, H, `[grafiek (${layout}) niet getekend; de gegevens staan hieronder]`);
  const note = `a ${layout} chart (${name}) is not drawn: a box stands in its place, with its title and data as a table below it`;
  const blocks: Block[] = [drawingBlock({ width: W, height: H, items, note }, name)];
  const chart = kids(root, CX_NS, 'chart')[0];
  const title = chart ? kids(chart, CX_NS, 'title')[0] : undefined;
  const titleText = title ? descendants(title, (e) => (e.ns === CX_NS && e.local === 'v') || (e.ns === A_NS && e.local === 't')).map(textOf).join(' ').trim() : '';
  if (titleText) blocks.push(para(titleText));
  for (const data of descendants(root, (e) => e.ns === CX_NS && e.local === 'data')) {
    const rows: TableRow[] = [];
    for (const dim of kids(data, CX_NS).filter((e) => e.local === 'strDim' || e.local === 'numDim')) {
      for (const lvl of kids(dim, CX_NS, 'lvl')) {
        const pts: string[] = [];
        for (const pt of kids(lvl, CX_NS, 'pt')) {
          const idx = intAttr(pt, 'idx');
          if (idx !== undefined && idx >= 0 && idx < 2000) pts[idx] = textOf(pt);
        }
        if (!pts.length) continue;
        const cells = [dim.attrs.type ?? '', ...Array.from({ length: Math.min(pts.length, 63) }, (_, i) => pts[i] ?? '')];
        rows.push({ cells: cells.map((t) => ({ blocks: [para(t)] })) });
      }
    }
    if (!rows.length) continue;
    const columns = Math.max(...rows.map((r) => r.cells.length));
    for (const r of rows) while (r.cells.length < columns) r.cells.push({ blocks: [para('')] });
    const table: Table = { kind: 'table', rows, borders: true };
    blocks.push(table);
  }
  return blocks;
}

/** The tick values of a scale, from its minimum to its maximum (at most 60). */
function ticksOf(sc: { min: number; max: number; step: number }): number[] {
  const out: number[] = [];
  for (let v = sc.min, n = 0; v <= sc.max + sc.step * 1e-6 && n < 60; v += sc.step, n++) out.push(Number(v.toPrecision(12)));
  return out;
}

/** A scatter chart: two value axes (the one at the bottom or top is x), points with markers, joined unless the series has no line. */
function drawScatter(items: MetaItem[], groups: Group[], plotArea: XmlElement, area: Box, base: TextStyle): void {
  const valAxes = kids(plotArea, C_NS, 'valAx');
  const xEl = valAxes.find((a) => ['b', 't'].includes(cVal(a, 'axPos') ?? '')) ?? valAxes[0];
  const yEl = valAxes.find((a) => a !== xEl) ?? valAxes[1];
  const xAx = axisInfo(xEl);
  const yAx = axisInfo(yEl);
  const series = groups.flatMap((g) => g.series);
  const pts = series.flatMap((s) => s.values.map((v, k) => [s.xs[k] as number, v] as const)).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  if (!pts.length) return;
  const xScale = valueScale(Math.min(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[0])), xAx);
  const yScale = valueScale(Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[1])), yAx);
  const xs = ticksOf(xScale);
  const ys = ticksOf(yScale);
  const ls = textStyle(yEl, base);
  const xsStyle = textStyle(xEl, base);
  const first = series[0];
  const xFmt = xAx.format ?? 'General';
  const yFmt = yAx.format ?? first?.format ?? 'General';
  const yLabels = yAx.deleted ? [] : ys.map((v) => formatNumber(v, yFmt, yScale.step));
  const xLabels = xAx.deleted ? [] : xs.map((v) => formatNumber(v, xFmt, xScale.step));
  const titleS: TextStyle = { ...base, bold: true };
  let plot: Box = { ...area, y: area.y + ls.size * 0.5, h: area.h - ls.size * 0.5 };
  if (yAx.title.trim()) plot = { ...plot, x: plot.x + titleS.size * 1.5, w: plot.w - titleS.size * 1.5 };
  if (xAx.title.trim()) plot = { ...plot, h: plot.h - titleS.size * 1.5 };
  const labelW = yLabels.length ? Math.max(...yLabels.map((t) => textWidth(t, ls))) + 5 : 0;
  const lastW = xLabels.length ? textWidth(xLabels[xLabels.length - 1] as string, xsStyle) / 2 : 0;
  plot = { ...plot, x: plot.x + labelW, w: plot.w - labelW - lastW, h: plot.h - (xLabels.length ? xsStyle.size * 1.2 + 5 : 0) };
  drawGrid(items, plot, ys, yScale, yAx, yLabels, ls, false);
  const xPos = (v: number): number => {
    const t = (v - xScale.min) / (xScale.max - xScale.min);
    return plot.x + (xAx.reversed ? 1 - t : t) * plot.w;
  };
  const yPos = (v: number): number => {
    const t = (v - yScale.min) / (yScale.max - yScale.min);
    return plot.y + plot.h - (yAx.reversed ? 1 - t : t) * plot.h;
  };
  xs.forEach((v, i) => {
    const x = xPos(v);
    if (xAx.grid) items.push(box(undefined, GRID, `${num(x)} ${num(plot.y)} m ${num(x)} ${num(plot.y + plot.h)} l`, 0.75));
    const l = xLabels[i];
    if (l) items.push(textItem(l, x, plot.y + plot.h + 4, xsStyle, 'center', 'top'));
  });
  const zeroY = yPos(Math.min(Math.max(0, yScale.min), yScale.max));
  const zeroX = xPos(Math.min(Math.max(0, xScale.min), xScale.max));
  items.push(box(undefined, AXIS, `${num(plot.x)} ${num(zeroY)} m ${num(plot.x + plot.w)} ${num(zeroY)} l`, 0.75));
  items.push(box(undefined, AXIS, `${num(zeroX)} ${num(plot.y)} m ${num(zeroX)} ${num(plot.y + plot.h)} l`, 0.75));
  const labels: MetaItem[] = [];
  for (const s of series) {
    const at = s.values.map((v, k) => (Number.isFinite(v) && Number.isFinite(s.xs[k]) ? ([xPos(s.xs[k] as number), yPos(v)] as [number, number]) : undefined));
    if (s.joined) {
      const d = polyline(at);
      if (d) items.push(box(undefined, s.color, d, 2));
    }
    at.forEach((p, k) => {
      if (!p) return;
      if (s.marker || !s.joined) items.push(box(s.color, undefined, rectPath(p[0] - 2.5, p[1] - 2.5, 5, 5)));
      const text = labelText(s.labels, s, k);
      if (text) labels.push(textItem(text, p[0] + 4, p[1] - base.size * 1.3, { ...base, size: base.size * 0.9 }, 'left', 'top'));
    });
  }
  if (yAx.title.trim()) items.push(textItem(yAx.title.replace(/\n/g, ' '), area.x, plot.y + plot.h / 2, titleS, 'center', 'top', 90));
  if (xAx.title.trim()) items.push(textItem(xAx.title.replace(/\n/g, ' '), plot.x + plot.w / 2, area.y + area.h - titleS.size * 1.2, titleS, 'center', 'top'));
  items.push(...labels);
}
