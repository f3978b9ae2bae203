import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_SETTINGS, type Settings } from '../domain/types';
import { t, tp, type MessageKey } from '../ui/i18n';
import type { SaveSettings } from './useSettings';

type Group = keyof Settings['cadence'];
const GROUPS: { key: Group; title: MessageKey; help: MessageKey }[] = [
  { key: 'lead', title: 'cadenceLeads', help: 'cadenceLeadsHelp' },
  { key: 'contact', title: 'cadenceContacts', help: 'cadenceContactsHelp' },
];

export const MAX_FOLLOW_UPS = 20;

/** Follow-up spacings as typed: whole days 1..365, 1..20 of them. Returns null when not valid. */
export function parseSpacing(values: readonly string[]): number[] | null {
  if (values.length < 1 || values.length > MAX_FOLLOW_UPS) return null;
  const days = values.map((v) => Number(v.trim()));
  return days.every((d) => Number.isInteger(d) && d >= 1 && d <= 365) ? days : null;
}

export function CadenceEditor({ settings, save }: { settings: Settings; save: SaveSettings }) {
  const [draft, setDraft] = useState<Record<Group, string[]>>(() => toDraft(settings));
  const [invalid, setInvalid] = useState(false);
  useEffect(() => setDraft(toDraft(settings)), [settings.cadence]);

  const submit = async () => {
    const lead = parseSpacing(draft.lead);
    const contact = parseSpacing(draft.contact);
    if (!lead || !contact) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    await save({ cadence: { lead, contact } }, t('cadenceTitle'));
  };

  return (
    <section id="cadence" aria-labelledby="cadence-title" class="card">
      <h2 id="cadence-title">{t('cadenceTitle')}</h2>
      <p class="muted">{t('cadenceIntro')}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {GROUPS.map((g) => (
          <fieldset key={g.key}>
            <legend>{t(g.title)}</legend>
            <p class="small muted">{t(g.help)}</p>
            <ol class="plain cadence-list">
              {draft[g.key].map((v, i) => (
                <li key={i}>
                  <label class="inline">
                    {t('followUpN', i + 1)}
                    <input
                      type="number"
                      min={1}
                      max={365}
                      step={1}
                      required
                      value={v}
                      class="days"
                      onInput={(e) => {
                        const next = [...draft[g.key]];
                        next[i] = e.currentTarget.value;
                        setDraft({ ...draft, [g.key]: next });
                      }}
                    />
                    {t('daysAfterPrevious')}
                  </label>
                </li>
              ))}
            </ol>
            <div class="row">
              <button
                type="button"
                class="btn small"
                disabled={draft[g.key].length >= MAX_FOLLOW_UPS}
                onClick={() => {
                  const last = Number(draft[g.key][draft[g.key].length - 1] ?? 7);
                  setDraft({ ...draft, [g.key]: [...draft[g.key], String(Math.min(365, (last || 7) + 7))] });
                }}
              >
                {t('addFollowUp')}
              </button>
              <button
                type="button"
                class="btn small"
                disabled={draft[g.key].length <= 1}
                onClick={() => setDraft({ ...draft, [g.key]: draft[g.key].slice(0, -1) })}
              >
                {t('removeLastFollowUp')}
              </button>
            </div>
            <p class="small muted">{tp('thenDrip', draft[g.key].length)}</p>
          </fieldset>
        ))}
        {invalid ? (
          <p class="error" role="alert">
            {t('cadenceInvalid')}
          </p>
        ) : null}
        <div class="row">
          <button type="submit" class="btn primary">
            {t('saveCadence')}
          </button>
          <button type="button" class="btn" onClick={() => setDraft(toDraft(DEFAULT_SETTINGS))}>
            {t('restoreDefaults')}
          </button>
        </div>
      </form>
    </section>
  );
}

function toDraft(s: Settings): Record<Group, string[]> {
  return { lead: s.cadence.lead.map(String), contact: s.cadence.contact.map(String) };
}
