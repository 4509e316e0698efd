import { staffDay } from '../../utils/core/i18n/time.ts';

// Saving an export from an extension page: a Blob URL clicked as a download, revoked afterwards.
export function download(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** YYYY-MM-DD of now on the office's calendar, for file names. */
export const today = (now: Date = new Date()): string => staffDay(now);
