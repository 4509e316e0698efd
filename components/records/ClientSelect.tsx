// The client picker shared by the records forms: id and name, or a preset id the records don't know.
import type { Lang } from '../../utils/core/i18n/lang.ts';
import { rec } from '../../utils/core/i18n/records.ts';

export interface ClientSelectProps {
  id: string;
  lang: Lang;
  clients: readonly { id: string; name: string }[];
  value: string;
  onChange(id: string): void;
  disabled?: boolean;
  /** The first option's text (default: "choose a client"). */
  empty?: string;
}

export function ClientSelect({ id, lang, clients, value, onChange, disabled, empty }: ClientSelectProps) {
  return (
    <select id={id} name="client" value={value} onChange={(e) => onChange(e.currentTarget.value)} disabled={disabled}>
      <option value="">{empty ?? rec(lang, 'approval.chooseClient')}</option>
      {clients.map((c) => (
        <option key={c.id} value={c.id}>
          {c.id} {c.name}
        </option>
      ))}
      {value && !clients.some((c) => c.id === value) ? <option value={value}>{value}</option> : null}
    </select>
  );
}
