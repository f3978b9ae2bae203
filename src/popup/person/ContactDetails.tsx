import { useState } from 'preact/hooks';
import { useApi } from '../../ui/api';
import { Fold } from '../../ui/components';
import { displayName, formatDate, handleLabel, safeHref, siteLabel, sourceLabel } from '../../ui/format';
import { t } from '../../ui/i18n';
import { contactErrors, ContactFields, type ContactErrors, type ContactValues } from '../ContactFields';
import { usePersonChange, type Detail } from './usePersonChange';

/** Name, phone / WhatsApp and e-mail, editable; then the profiles and how they came in. */
export function ContactDetails({ detail, reload, open = false }: { detail: Detail; reload: () => Promise<void>; open?: boolean }) {
  const { send } = useApi();
  const change = usePersonChange(detail, reload);
  const p = detail.person;
  const [contact, setContact] = useState<ContactValues>({ name: p.name, phone: p.phone ?? '', email: p.email ?? '' });
  const { name, phone, email } = contact;
  const [errors, setErrors] = useState<ContactErrors>({});
  const [busy, setBusy] = useState(false);

  const save = async () => {
    const found = contactErrors({ name, phone, email });
    setErrors(found);
    if (found.name || found.phone || found.email) return;
    setBusy(true);
    await change(t('contactSaved', name.trim() || displayName(p)), async () =>
      (await send('updatePerson', { personId: p.id, name: name.trim(), phone: phone.trim() || null, email: email.trim() || null })).person,
    );
    setBusy(false);
  };

  return (
    <Fold id="contact" title={t('contactTitle')} open={open}>
      <form
        class="stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <ContactFields prefix="contact" values={contact} errors={errors} onInput={(patch) => setContact((c) => ({ ...c, ...patch }))} />
        <div>
          <button type="submit" class="btn primary" disabled={busy}>
            {t('save')}
          </button>
        </div>
      </form>

      <h4>{t('profilesTitle')}</h4>
      {p.identities.length === 0 ? <p class="small muted">{t('noProfiles')}</p> : null}
      <ul class="plain small">
        {p.identities.map((idn) => {
          const href = safeHref(idn.profileUrl);
          return (
            <li key={idn.profileKey}>
              {siteLabel(idn.site)}: {handleLabel(idn) ?? idn.displayName}
              {href ? (
                <>
                  {' · '}
                  <a href={href} target="_blank" rel="noopener noreferrer" class="url">
                    {t('openProfile')}
                  </a>
                </>
              ) : null}
            </li>
          );
        })}
      </ul>
      {p.sources.length > 0 ? (
        <>
          <h4>{t('sourcesTitle')}</h4>
          <ul class="plain small">
            {p.sources.map((s, i) => {
              const href = safeHref(s.contextUrl);
              return (
                <li key={i}>
                  {t('sourceLine', sourceLabel(s.kind), formatDate(s.at))}
                  {s.site ? ` · ${siteLabel(s.site)}` : ''}
                  {s.referrer ? ` · ${t('referredBy', s.referrer)}` : ''}
                  {href ? (
                    <>
                      {' · '}
                      <a href={href} target="_blank" rel="noopener noreferrer">
                        {t('openWhereItHappened')}
                      </a>
                    </>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </Fold>
  );
}
