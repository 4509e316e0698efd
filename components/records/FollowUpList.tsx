// The open follow-ups (issue 12 item 6): "record the approval once the client agrees" (opens the
// approval form for that exact document) and "inform the client" tasks with tick-off. Popup and
// options page alike; ticking off is audited by actions.ts.
import { useEffect, useRef, useState } from 'react';
import type { Lang } from '../../utils/core/i18n/lang.ts';
import { rec } from '../../utils/core/i18n/records.ts';
import { t as findingText } from '../../utils/core/i18n/findings.ts';
import type { FollowUp } from '../../utils/core/records/follow-ups.ts';
import { tickFollowUp, type ActionDeps } from '../../utils/browser/records/actions.ts';
import { ApprovalForm } from './ApprovalForm.tsx';

export function describeFollowUp(lang: Lang, f: FollowUp): string {
  const client = f.clientId;
  switch (f.kind) {
    case 'await-approval':
      return rec(lang, 'kind.await-approval', { client, file: f.documents.map((d) => d.name).join(', ') });
    case 'inform-progress':
      return rec(lang, 'kind.inform-progress', { client });
    case 'inform-exception':
      return rec(lang, 'kind.inform-exception', { client, ground: f.ground ? findingText(lang, `ground.${f.ground}`) : '—' });
    case 'oral-report':
      return rec(lang, 'kind.oral-report', { client });
  }
}

export interface FollowUpListProps {
  lang: Lang;
  deps: ActionDeps;
  followUps: readonly FollowUp[];
  clients: readonly { id: string; name: string }[];
  when(iso: string): string;
  onDone(message: string): void;
  /** An await-approval task whose approval form is open from the start (the webmail page's offer). */
  openApproval?: string | null;
}

export function FollowUpList({ lang, deps, followUps, clients, when, onDone, openApproval }: FollowUpListProps) {
  const [approving, setApproving] = useState<string | null>(openApproval ?? null);
  const opened = useRef<HTMLLIElement | null>(null);
  useEffect(() => {
    if (openApproval) opened.current?.scrollIntoView({ block: 'start' });
  }, [openApproval]);
  if (followUps.length === 0) return <p>{rec(lang, 'followups.none')}</p>;
  return (
    <ul className="rg-followups" data-testid="followups">
      {followUps.map((f) => (
        <li key={f.id} data-testid="followup" data-kind={f.kind} ref={f.id === openApproval ? opened : undefined}>
          <span>{describeFollowUp(lang, f)}</span> <span className="rg-meta">{rec(lang, 'followup.created', { when: when(f.createdAt) })}</span>{' '}
          {f.kind === 'await-approval' && f.documents[0] ? (
            <button type="button" aria-expanded={approving === f.id} onClick={() => setApproving(approving === f.id ? null : f.id)}>
              {rec(lang, 'approval.record')}
            </button>
          ) : (
            <button type="button" onClick={() => void tickFollowUp(deps, f.id).then(() => onDone(rec(lang, 'followup.ticked', { what: describeFollowUp(lang, f) })))}>
              {rec(lang, 'followup.tick')}
            </button>
          )}
          {approving === f.id && f.documents[0] ? (
            <ApprovalForm
              lang={lang}
              deps={deps}
              clients={clients}
              preset={{ clientId: f.clientId, sha256: f.documents[0].sha256, name: f.documents[0].name, followUpId: f.id }}
              onDone={(m) => (setApproving(null), onDone(m))}
            />
          ) : null}
        </li>
      ))}
    </ul>
  );
}
