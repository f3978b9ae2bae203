import { useState } from 'preact/hooks';
import { SOURCE_KINDS, STAGES } from '../domain/constants';
import { profileOf } from '../domain/identity';
import { LIMITS } from '../domain/limits';
import type { SourceKind, Stage } from '../domain/types';
import type { Req } from '../messages/contract';
import { errorText, useApi } from '../ui/api';
import { Field } from '../ui/components';
import { sourceLabel, stageLabel } from '../ui/format';
import { t } from '../ui/i18n';
import { useNav } from './context';
import { contactErrors, ContactFields, FieldError, fieldState, type ContactErrors, type ContactValues } from './ContactFields';

/** Sources a person added by hand can have come by ("import" is what a file says). */
export const ADD_SOURCES: readonly SourceKind[] = SOURCE_KINDS.filter((k) => k !== 'import');
/** Stages a person can be added at ("not interested" is where people end, not where they enter). */
export const ADD_STAGES: readonly Stage[] = STAGES.filter((s) => s !== 'not_interested');

/** What is wrong with the form, each in a sentence naming the field and what it expects. */
export function addPersonErrors(v: ContactValues & { profileUrl: string }): ContactErrors {
  const errors = contactErrors({ phone: v.phone, email: v.email });
  const url = v.profileUrl.trim();
  if (url && !profileOf(url)) errors.profile = t('addProfileInvalid');
  if (!v.name.trim() && !url) errors.name = t('addNameRequired');
  return errors;
}

/** Someone met off the sites (or not yet captured there): entered by hand, with how they came in. */
export function AddPerson({ onCancel }: { onCancel: () => void }) {
  const { send } = useApi();
  const { go, notifier } = useNav();
  const [contact, setContact] = useState<ContactValues>({ name: '', phone: '', email: '' });
  const { name, phone, email } = contact;
  const [profileUrl, setProfileUrl] = useState('');
  const [stage, setStage] = useState<Stage>('lead');
  const [nonMarket, setNonMarket] = useState(false);
  const [sourceKind, setSourceKind] = useState<SourceKind>('manual');
  const [referrer, setReferrer] = useState('');
  const [notes, setNotes] = useState('');
  const [errors, setErrors] = useState<ContactErrors>({});
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const found = addPersonErrors({ name, profileUrl, phone, email });
    setErrors(found);
    if (Object.keys(found).length > 0) {
      document.querySelector<HTMLElement>('.add-person [aria-invalid="true"]')?.focus();
      return;
    }
    const req: Req<'addPerson'> = { name: name.trim(), stage, sourceKind, market: nonMarket ? 'non_market' : 'market' };
    if (profileUrl.trim()) req.profileUrl = profileUrl.trim();
    if (phone.trim()) req.phone = phone.trim();
    if (email.trim()) req.email = email.trim();
    if (sourceKind === 'referral' && referrer.trim()) req.referrer = referrer.trim().slice(0, LIMITS.name);
    if (notes.trim()) req.notes = notes.trim();
    setBusy(true);
    try {
      const { person, created } = await send('addPerson', req);
      if (created) {
        notifier.notify(t('addDone', person.name), async () => {
          await send('deletePerson', { personId: person.id });
        });
      } else notifier.notify(t('addExists', person.name));
      go({ view: 'person', id: person.id });
    } catch (e) {
      notifier.error(errorText(e, t('actionFailed')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="stack add-person">
      <button type="button" class="btn link back" onClick={onCancel}>
        ← {t('back')}
      </button>
      <h2>{t('addTitle')}</h2>
      <form
        class="stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <ContactFields
          prefix="add"
          values={contact}
          errors={errors}
          onInput={(patch) => setContact((c) => ({ ...c, ...patch }))}
          afterName={
            <>
              <Field label={t('addProfileLabel')}>
                <input
                  type="url"
                  value={profileUrl}
                  maxLength={LIMITS.url}
                  placeholder="https://www.instagram.com/…"
                  {...fieldState('add', errors, 'profile', 'add-profile-help')}
                  onInput={(e) => setProfileUrl(e.currentTarget.value)}
                />
              </Field>
              <p id="add-profile-help" class="small muted">
                {t('addProfileHelp')}
              </p>
              <FieldError prefix="add" errors={errors} name="profile" />
            </>
          }
        />
        <div class="filter-rows">
          <Field label={t('stageSection')}>
            <select value={stage} onChange={(e) => setStage(e.currentTarget.value as Stage)}>
              {ADD_STAGES.map((s) => (
                <option key={s} value={s}>
                  {stageLabel(s)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('sourcesTitle')}>
            <select value={sourceKind} onChange={(e) => setSourceKind(e.currentTarget.value as SourceKind)}>
              {ADD_SOURCES.map((k) => (
                <option key={k} value={k}>
                  {sourceLabel(k)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        {sourceKind === 'referral' ? (
          <Field label={t('addReferrerLabel')}>
            <input type="text" value={referrer} maxLength={LIMITS.name} onInput={(e) => setReferrer(e.currentTarget.value)} />
          </Field>
        ) : null}
        <label class="inline">
          <input type="checkbox" checked={nonMarket} onChange={(e) => setNonMarket(e.currentTarget.checked)} />
          {t('addNonMarket')}
        </label>
        <Field label={t('addNoteLabel')}>
          <textarea value={notes} maxLength={LIMITS.note} onInput={(e) => setNotes(e.currentTarget.value)} />
        </Field>
        <div class="row">
          <button type="submit" class="btn primary" disabled={busy}>
            {t('addSubmit')}
          </button>
          <button type="button" class="btn" onClick={onCancel}>
            {t('cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
