// Reading tab stops (model.ts TabStop) from the formats' markup: DOCX w:tabs/w:tab and ODT
// style:tab-stops. RTF's \tx… control words are read in rtf.ts with these same helpers' types.
// Layers (style chain, numbering, the paragraph's own) are merged by render/tabs.ts mergeStops.

import type { TabStop } from './model.ts';
import { lengthToPt } from './parts.ts';
import { kids } from './xml.ts';
import type { XmlElement } from './xml.ts';

/** A stop as one layer sets it; `clear` removes the inherited stop at that position. */
export type LayerStop = TabStop & { clear?: boolean };

const MAX_STOPS = 64;
/** Stops further than this from the margin (22 inch) are damage, not layout. */
const MAX_POS = 1584;

/** The leader character of a DOCX w:leader / ODT style:leader-text value, undefined for none. */
function docxLeader(v: string | undefined): string | undefined {
  switch (v) {
    case 'dot':
      return '.';
    case 'middleDot':
      return '\u00B7';
    case 'hyphen':
      return '-';
    case 'underscore':
    case 'heavy':
      return '_';
    default:
      return undefined;
  }
}

/**
 * A DOCX w:tabs element's stops, in points from the margin (w:pos twips, negative ones in the
 * hanging area allowed): w:val left/start, right/end, center, decimal, clear (num is a list's
 * left stop); bar tabs draw a rule and stop nothing, so they are left out.
 */
export function docxTabStops(tabs: XmlElement | undefined): LayerStop[] | undefined {
  if (!tabs) return undefined;
  const out: LayerStop[] = [];
  for (const t of kids(tabs)) {
    if (t.local !== 'tab' || out.length >= MAX_STOPS) continue;
    const pos = Number.parseInt(t.attrs.pos ?? '', 10) / 20;
    if (!Number.isFinite(pos) || Math.abs(pos) > MAX_POS) continue;
    const val = t.attrs.val ?? 'left';
    if (val === 'bar') continue;
    if (val === 'clear') {
      out.push({ pos, align: 'left', clear: true });
      continue;
    }
    const align: TabStop['align'] = val === 'right' || val === 'end' ? 'right' : val === 'center' ? 'center' : val === 'decimal' ? 'decimal' : 'left';
    const leader = docxLeader(t.attrs.leader);
    out.push({ pos, align, ...(leader ? { leader } : {}) });
  }
  return out;
}

/**
 * An ODT style:tab-stops element's stops, in points from the text area's left edge: each
 * style:position plus `origin` (the paragraph's left margin when the document measures stops
 * from the indent, text:tab-stops-relative-to-indent; else 0). style:type left/right/center/char
 * (char: style:char is the decimal character); style:leader-text, or a leader style with none
 * given, fills the gap.
 */
export function odtTabStops(tabs: XmlElement | undefined, origin: number): LayerStop[] | undefined {
  if (!tabs) return undefined;
  const out: LayerStop[] = [];
  for (const t of kids(tabs)) {
    if (t.local !== 'tab-stop' || out.length >= MAX_STOPS) continue;
    const at = lengthToPt(t.attrs.position);
    if (at === undefined || Math.abs(at) > MAX_POS) continue;
    const type = t.attrs.type ?? 'left';
    const align: TabStop['align'] = type === 'right' ? 'right' : type === 'center' ? 'center' : type === 'char' ? 'decimal' : 'left';
    const styled = t.attrs['leader-style'] && t.attrs['leader-style'] !== 'none';
    let leader = t.attrs['leader-text'];
    if (leader !== undefined) leader = [...leader][0];
    else if (styled) leader = t.attrs['leader-style'] === 'dotted' ? '.' : t.attrs['leader-style'] === 'solid' ? '_' : '-';
    const stop: LayerStop = { pos: at + origin, align };
    if (leader && leader.trim()) stop.leader = leader;
    if (align === 'decimal' && t.attrs.char) stop.char = [...t.attrs.char][0] as string;
    out.push(stop);
  }
  return out;
}

/** Stops sorted by position, one per position (a later one replaces an earlier at the same place), `clear` positions removed. */
export function mergeStops(layers: ReadonlyArray<readonly LayerStop[] | undefined>): TabStop[] | undefined {
  const byPos = new Map<number, TabStop | null>();
  for (const layer of layers) {
    for (const s of layer ?? []) {
      if (!Number.isFinite(s.pos)) continue;
      const key = Math.round(s.pos * 20);
      byPos.delete(key);
      if (s.clear) byPos.set(key, null);
      else byPos.set(key, { pos: s.pos, align: s.align, ...(s.leader ? { leader: s.leader } : {}), ...(s.char ? { char: s.char } : {}) });
    }
  }
  const out = [...byPos.values()].filter((s): s is TabStop => s !== null).toSorted((a, b) => a.pos - b.pos);
  return out.length ? out.slice(0, 64) : undefined;
}
