import { Field, Fold } from '../../ui/components';
import { useState } from 'preact/hooks';
import { APPOINTMENT_KINDS } from '../../domain/constants';
import { LIMITS } from '../../domain/limits';
import type { Appointment } from '../../domain/types';
import { errorText, useApi } from '../../ui/api';
import {
  appointmentKindLabel,
  appointmentStatusLabel,
  displayName,
  formatDateTime,
  fromLocalInput,
  toLocalInput,
} from '../../ui/format';
import { t } from '../../ui/i18n';
import { useNav } from '../context';
import type { Detail } from './usePersonChange';

type Kind = Appointment['kind'];
type Status = Appointment['status'];

/** Tomorrow at 10:00 local: a sensible first value for the date field. */
export function defaultAppointmentTime(now: number): number {
  const d = new Date(now);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1, 10, 0).getTime();
}

export function Appointments({ detail, reload, open = false }: { detail: Detail; reload: () => Promise<void>; open?: boolean }) {
  const { send, now } = useApi();
  const { notifier } = useNav();
  const p = detail.person;
  const [when, setWhen] = useState(() => toLocalInput(defaultAppointmentTime(now())));
  const [kind, setKind] = useState<Kind>('call');
  const [note, setNote] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const list = [...detail.appointments].sort((a, b) => b.at - a.at);

  const schedule = async () => {
    const at = fromLocalInput(when);
    if (at === undefined) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    setBusy(true);
    try {
      const { appointment } = await send('scheduleAppointment', {
        personId: p.id,
        at,
        kind,
        ...(note.trim() ? { note: note.trim().slice(0, LIMITS.nextStep) } : {}),
      });
      notifier.notify(t('appointmentSet', displayName(p), formatDateTime(at)), async () => {
        await send('updateAppointment', { appointmentId: appointment.id, status: 'cancelled' });
      });
      setNote('');
      await reload();
    } catch (e) {
      notifier.error(errorText(e, t('actionFailed')));
    } finally {
      setBusy(false);
    }
  };

  const setStatus = async (a: Appointment, status: Status) => {
    try {
      await send('updateAppointment', { appointmentId: a.id, status });
      const previous = a.status;
      notifier.notify(t('appointmentMarked', appointmentStatusLabel(status)), async () => {
        await send('updateAppointment', { appointmentId: a.id, status: previous });
      });
      await reload();
    } catch (e) {
      notifier.error(errorText(e, t('actionFailed')));
    }
  };

  return (
    <Fold id="appt" title={t('appointmentsTitle')} open={open}>
      {list.length === 0 ? <p class="small muted">{t('noAppointments')}</p> : null}
      <ul class="plain stack">
        {list.map((a) => (
          <li key={a.id} class="appt">
            <div class="row between">
              <span>
                {formatDateTime(a.at)} · {appointmentKindLabel(a.kind)}
              </span>
              <span class="badge">{appointmentStatusLabel(a.status)}</span>
            </div>
            {a.note ? <p class="small">{a.note}</p> : null}
            {a.status === 'scheduled' ? (
              <div class="row">
                <button type="button" class="btn small" onClick={() => void setStatus(a, 'kept')}>
                  {t('apptMarkKept')}
                </button>
                <button type="button" class="btn small" onClick={() => void setStatus(a, 'missed')}>
                  {t('apptMarkMissed')}
                </button>
                <button type="button" class="btn small" onClick={() => void setStatus(a, 'cancelled')}>
                  {t('apptMarkCancelled')}
                </button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      <form
        class="stack"
        aria-labelledby="appt-new-title"
        onSubmit={(e) => {
          e.preventDefault();
          void schedule();
        }}
      >
        <h4 id="appt-new-title">{t('scheduleTitle')}</h4>
        <div class="row">
          <Field label={t('apptWhen')}>
            <input
              type="datetime-local"
              required
              value={when}
              aria-invalid={invalid}
              onInput={(e) => setWhen(e.currentTarget.value)}
            />
          </Field>
          <Field label={t('apptKind')}>
            <select value={kind} onChange={(e) => setKind(e.currentTarget.value as Kind)}>
              {APPOINTMENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {appointmentKindLabel(k)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        {invalid ? (
          <p role="alert" class="error">
            {t('apptInvalidTime')}
          </p>
        ) : null}
        <Field label={t('apptNote')}>
          <input type="text" value={note} maxLength={LIMITS.nextStep} onInput={(e) => setNote(e.currentTarget.value)} />
        </Field>
        <div>
          <button type="submit" class="btn primary" disabled={busy}>
            {t('scheduleSubmit')}
          </button>
        </div>
      </form>
    </Fold>
  );
}
