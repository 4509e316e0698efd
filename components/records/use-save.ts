// The save step both records forms share: one save at a time (busy), and a failure of the action
// shown in the form's own error line instead of lost in a rejected promise.
import { useState } from 'react';
import type { Lang } from '../../utils/core/i18n/lang.ts';
import { rec } from '../../utils/core/i18n/records.ts';

export function useSave(lang: Lang) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function run(action: () => Promise<void>): Promise<void> {
    setBusy(true);
    try {
      await action();
    } catch (e) {
      setError(rec(lang, 'error.failed', { error: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  }
  return { error, setError, busy, run };
}
