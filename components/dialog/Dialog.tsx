// The send-time dialog. Pure view: it renders what the send flow hands it and returns the
// user's answers; it decides nothing. Its Dutch and English words are the "dialog" catalog
// (utils/core/i18n/nl/dialog.ts, en/dialog.ts); findings' sentences arrive already localised
// from the background.
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Lang } from '../../utils/core/i18n/lang.ts';
import { ui, type DialogKey } from '../../utils/core/i18n/dialog.ts';
import { GROUNDS, inputsFor, MIN_JUSTIFICATION, type DialogAnswers } from './answers.ts';
import type { DialogView } from './view.ts';

const FOCUSABLE = 'button:not([disabled]), select:not([disabled]), textarea:not([disabled]), input:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function Dialog({ view, lang }: { view: DialogView; lang: Lang }) {
  const t = (k: DialogKey, p?: Record<string, string | number>) => ui(lang, k, p);
  const panel = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const descId = useId();

  // Focus the first control when the content changes (and keep focus inside: see onKeyDown).
  useEffect(() => {
    const first = panel.current?.querySelector<HTMLElement>(FOCUSABLE);
    (first ?? panel.current)?.focus();
  }, [view]);

  const back = () => {
    if (view.mode === 'verdict') view.done({ action: 'back' });
    else if (view.mode === 'error') view.done();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      back();
      return;
    }
    if (e.key !== 'Tab' || !panel.current) return;
    const items = [...panel.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    if (!items.length) {
      e.preventDefault();
      return;
    }
    const root = panel.current.getRootNode() as ShadowRoot | Document;
    const active = root.activeElement;
    const idx = items.indexOf(active as HTMLElement);
    if (e.shiftKey && idx <= 0) {
      e.preventDefault();
      items[items.length - 1]!.focus();
    } else if (!e.shiftKey && (idx === -1 || idx === items.length - 1)) {
      e.preventDefault();
      items[0]!.focus();
    }
  };

  let title: string;
  let body: ReactNode;
  if (view.mode === 'busy') {
    title = t('dialog.title.allow');
    body = (
      <p id={descId} className="busy" role="status">
        {t(view.kind === 'checking' ? 'dialog.checking' : view.kind === 'preparing' ? 'dialog.preparing' : 'dialog.sending')}
      </p>
    );
  } else if (view.mode === 'error') {
    title = t('dialog.title.error');
    body = (
      <>
        <p id={descId} className="finding block" role="alert">
          {view.sentence}
        </p>
        <div className="actions">
          <button type="button" className="primary" onClick={back}>
            {t('dialog.back')}
          </button>
        </div>
      </>
    );
  } else {
    title = t(view.verdict.verdict === 'block' ? 'dialog.title.block' : 'dialog.title.warn');
    body = <VerdictBody view={view} lang={lang} descId={descId} onBack={back} />;
  }

  return (
    <div className="backdrop">
      <div
        ref={panel}
        className="panel"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={descId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId}>{title}</h2>
        {body}
      </div>
    </div>
  );
}

function VerdictBody({
  view,
  lang,
  descId,
  onBack,
}: {
  view: Extract<DialogView, { mode: 'verdict' }>;
  lang: Lang;
  descId: string;
  onBack: () => void;
}) {
  const t = (k: DialogKey, p?: Record<string, string | number>) => ui(lang, k, p);
  const [a, setA] = useState<DialogAnswers>(view.answers);
  const ids = { client: useId(), kind: useId(), ground: useId() };
  const { verdict } = view;
  const shown = verdict.findings.filter((f) => f.severity !== 'info');
  const inputs = inputsFor(verdict.findings, a);
  const isBlock = verdict.verdict === 'block';
  const set = <K extends keyof DialogAnswers>(k: K, v: DialogAnswers[K]) => setA((prev) => ({ ...prev, [k]: v }));
  const missing = (s: string) => Math.max(0, MIN_JUSTIFICATION - s.trim().length);

  return (
    <>
      <p id={descId} className="intro">
        {t(isBlock ? 'dialog.intro.block' : 'dialog.intro.warn')}
      </p>
      {view.subject ? <p className="subject">{t('dialog.subject', { subject: view.subject })}</p> : null}
      <h3 className="visually-hidden">{t('dialog.findings')}</h3>
      <ul className="findings">
        {shown.map((f, i) => (
          <li key={`${f.code}-${i}`} className={`finding ${f.severity}`} data-code={f.code} data-subject={f.subject ?? ''}>
            {f.message}
          </li>
        ))}
      </ul>
      {inputs.length ? (
        <div className="inputs">
          {inputs.includes('client') ? (
            <div className="field">
              <label htmlFor={ids.client}>{t('dialog.client.label')}</label>
              <select id={ids.client} name="client" value={a.client} onChange={(e) => set('client', e.target.value)}>
                <option value="">{t('dialog.client.choose')}</option>
                {view.clients.map((c) => (
                  <option key={c.id} value={c.id}>
                    {`${c.id} — ${c.name}`}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {inputs.includes('reportKind') ? (
            <fieldset className="field">
              <legend>{t('dialog.kind.label')}</legend>
              {(['full', 'progress'] as const).map((k) => (
                <label key={k} className="radio">
                  <input
                    type="radio"
                    name="reportKind"
                    value={k}
                    checked={(a.reportKind || 'full') === k}
                    onChange={() => set('reportKind', k)}
                  />
                  {t(k === 'full' ? 'dialog.kind.full' : 'dialog.kind.progress')}
                </label>
              ))}
            </fieldset>
          ) : null}
          {inputs.includes('ground') && a.reportKind !== 'progress' ? (
            <>
              <div className="field">
                <label htmlFor={ids.ground}>{t('dialog.ground.label')}</label>
                <select id={ids.ground} name="ground" value={a.ground} onChange={(e) => set('ground', e.target.value as DialogAnswers['ground'])}>
                  <option value="">{t('dialog.ground.none')}</option>
                  {GROUNDS.map((g) => (
                    <option key={g} value={g}>
                      {t(`dialog.ground.${g}`)}
                    </option>
                  ))}
                </select>
              </div>
              {a.ground ? (
                <TextField
                  label={t('dialog.justification.label')}
                  name="justification"
                  value={a.justification}
                  onChange={(v) => set('justification', v)}
                  hint={missing(a.justification) > 0 ? t('dialog.tooShort', { n: missing(a.justification) }) : ''}
                />
              ) : null}
            </>
          ) : null}
          {inputs.includes('health') ? (
            <TextField
              label={t('dialog.health.label')}
              name="healthOverride"
              value={a.healthOverride}
              onChange={(v) => set('healthOverride', v)}
              hint={a.healthOverride && missing(a.healthOverride) > 0 ? t('dialog.tooShort', { n: missing(a.healthOverride) }) : ''}
            />
          ) : null}
        </div>
      ) : null}
      <div className="actions">
        <button type="button" className={isBlock && !inputs.length ? 'primary' : 'secondary'} onClick={onBack} data-action="back">
          {t('dialog.back')}
        </button>
        {isBlock && inputs.length ? (
          <button type="button" className="primary" data-action="recheck" onClick={() => view.done({ action: 'recheck', answers: a })}>
            {t('dialog.recheck')}
          </button>
        ) : null}
        {!isBlock ? (
          <button type="button" className="primary" data-action="confirm" onClick={() => view.done({ action: 'confirm', answers: a })}>
            {t('dialog.confirm')}
          </button>
        ) : null}
      </div>
    </>
  );
}

/** A justification the user types, with a live hint (how many characters are still needed). */
function TextField({ label, name, value, onChange, hint }: { label: string; name: string; value: string; onChange: (value: string) => void; hint: string }) {
  const id = useId();
  const hintId = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} name={name} rows={2} value={value} aria-describedby={hintId} onChange={(e) => onChange(e.target.value)} />
      <span id={hintId} className="hint" aria-live="polite">
        {hint}
      </span>
    </div>
  );
}
