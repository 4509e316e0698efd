// Tab stops: where a tab in a line goes, by the paragraph's own stops (model.ts TabStop) and the
// document's default stop distance beyond them. Positions here are relative to the line's left
// edge (the paragraph's indent); the stops are given from the text area's left edge.

import type { TabStop } from '../model.ts';

export const DEFAULT_TAB = 36;

/** What breakLines needs to place tabs: the stops, the default distance, and where the line begins. */
export interface TabSetting {
  stops?: readonly TabStop[];
  /** Default stop distance in points (DocModel.defaultTab); DEFAULT_TAB when absent or not positive. */
  every?: number;
  /** The line's left edge, in points from the text area's left edge (the paragraph's indent). */
  origin: number;
  /** Where the default stops are counted from, in points from the text area's left edge (the paragraph's left indent, DocModel.tabsFromIndent); 0 when absent. */
  from?: number;
}

/** A stop a tab goes to: its position from the line's left edge, how text is set at it, the leader. */
export interface ResolvedTab {
  pos: number;
  align: TabStop['align'];
  leader?: string;
  char?: string;
}

/** The stop after `x` (line-relative): the first of the paragraph's stops beyond it, else the next default stop. */
export function nextTab(x: number, set: TabSetting | undefined): ResolvedTab {
  const origin = set?.origin ?? 0;
  const abs = x + origin;
  for (const s of set?.stops ?? []) {
    if (s.pos > abs + 0.01) return { pos: s.pos - origin, align: s.align, ...(s.leader ? { leader: s.leader } : {}), ...(s.char ? { char: s.char } : {}) };
  }
  const every = set?.every !== undefined && set.every >= 1 ? Math.min(set.every, 1000) : DEFAULT_TAB;
  const from = set?.from ?? 0;
  return { pos: from + (Math.floor((abs - from + 0.01) / every) + 1) * every - origin, align: 'left' };
}
