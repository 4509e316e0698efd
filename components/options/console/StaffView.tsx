// Staff mode: which regiokantoor an address belongs to (a sender belongs to the regiokantoor whose
// staff or mailbox lists it, contracts §2), so staff can see their own whitelist.
import { useId, useState, type FormEvent } from 'react';
import type { Lang } from '../../../utils/core/i18n/lang.ts';
import { con } from '../../../utils/core/i18n/console.ts';
import { normaliseAddress } from '../../../utils/core/recipients/index.ts';
import type { RegioView } from './RegioEditor.tsx';

export function regioOf(regios: readonly RegioView[], address: string): RegioView | null {
  const a = normaliseAddress(address)?.address;
  if (!a) return null;
  const same = (x: string) => normaliseAddress(x)?.address === a;
  return regios.find((r) => same(r.mailbox) || r.staff.some(same)) ?? null;
}

export function StaffView({ lang, regios, onFound }: { lang: Lang; regios: readonly RegioView[]; onFound(id: string): void }) {
  const id = useId();
  const [address, setAddress] = useState('');
  const [result, setResult] = useState<string | null>(null);

  function find(event: FormEvent) {
    event.preventDefault();
    const a = address.trim();
    if (!a) return;
    const regio = regioOf(regios, a);
    if (regio) onFound(regio.id);
    setResult(regio ? con(lang, 'staff.found', { address: a, name: regio.name }) : con(lang, 'staff.notFound', { address: a }));
  }

  return (
    <form className="rg-entry-form" onSubmit={find} data-testid="staff-find">
      <h3>{con(lang, 'staff.heading')}</h3>
      <label htmlFor={id}>{con(lang, 'staff.label')}</label>
      <div className="rg-entry-row">
        <input id={id} type="email" value={address} autoComplete="email" onChange={(e) => setAddress(e.currentTarget.value)} />
        <button type="submit">{con(lang, 'staff.find')}</button>
      </div>
      {result ? (
        <p className="rg-status" role="status" data-testid="staff-result">
          {result}
        </p>
      ) : null}
    </form>
  );
}
