// What the records sections of the options page need from storage (wired in entrypoints/options/main.tsx).
import type { ActionDeps } from '../../../utils/browser/records/actions.ts';
import type { Loaded, LoadResult, RecordsSummary } from '../../../utils/browser/storage/load.ts';
import type { ImportPreview } from '../../../utils/core/records/preview.ts';
import type { Records } from '../../../utils/core/records/schema.ts';

export interface RecordsServices {
  deps: ActionDeps;
  /** The records as the send check uses them (base with local additions). */
  readRecords(): Promise<Loaded<Records, RecordsSummary>>;
  /** What importing would change, or every error (nothing stored). */
  preview(text: string, fileName: string): Promise<{ ok: true; preview: ImportPreview } | { ok: false; errors: string[] }>;
  /** Stores the file as the imported base (local additions stay). */
  importFile(text: string, fileName: string): Promise<LoadResult<RecordsSummary>>;
}
