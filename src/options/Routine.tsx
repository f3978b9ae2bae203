import { Field } from '../ui/components';
import { useEffect, useState } from 'preact/hooks';
import type { Settings } from '../domain/types';
import { t } from '../ui/i18n';
import type { SaveSettings } from './useSettings';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Daily goal, summary, quiet hours, notifications and privacy: each saved as soon as it changes. */
export function Routine({ settings, save }: { settings: Settings; save: SaveSettings }) {
  const [goal, setGoal] = useState(String(settings.dailyGoal));
  const [goalInvalid, setGoalInvalid] = useState(false);
  useEffect(() => setGoal(String(settings.dailyGoal)), [settings.dailyGoal]);
  const q = settings.quietHours;

  const saveGoal = () => {
    const n = Number(goal);
    if (!Number.isInteger(n) || n < 1 || n > 500) {
      setGoalInvalid(true);
      return;
    }
    setGoalInvalid(false);
    if (n !== settings.dailyGoal) void save({ dailyGoal: n }, t('dailyGoalLabel'));
  };

  return (
    <>
      <section id="routine" aria-labelledby="routine-title" class="card">
        <h2 id="routine-title">{t('routineTitle')}</h2>
        <div class="stack">
          <Field label={t('dailyGoalLabel')}>
            <input
              type="number"
              min={1}
              max={500}
              step={1}
              value={goal}
              aria-invalid={goalInvalid}
              aria-describedby="goal-help"
              onInput={(e) => setGoal(e.currentTarget.value)}
              onChange={saveGoal}
            />
          </Field>
          <p id="goal-help" class="small muted">
            {t('dailyGoalHelp')}
          </p>
          {goalInvalid ? (
            <p class="error" role="alert">
              {t('dailyGoalInvalid')}
            </p>
          ) : null}
          <label class="inline">
            <input
              type="checkbox"
              checked={settings.summaryTime !== null}
              onChange={(e) => void save({ summaryTime: e.currentTarget.checked ? '09:00' : null }, t('summaryLabel'))}
            />
            {t('summaryLabel')}
          </label>
          {settings.summaryTime !== null ? (
            <Field label={t('summaryTime')}>
              <input
                type="time"
                value={settings.summaryTime}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  if (HHMM.test(v)) void save({ summaryTime: v }, t('summaryTime'));
                }}
              />
            </Field>
          ) : null}
        </div>
      </section>

      <section id="notifications" aria-labelledby="notif-title" class="card">
        <h2 id="notif-title">{t('notificationsTitle')}</h2>
        <div class="stack">
          <label class="inline">
            <input
              type="checkbox"
              checked={settings.notifications}
              onChange={(e) => void save({ notifications: e.currentTarget.checked }, t('notificationsLabel'))}
            />
            {t('notificationsLabel')}
          </label>
          <fieldset>
            <legend>{t('quietHoursTitle')}</legend>
            <label class="inline">
              <input
                type="checkbox"
                checked={q.enabled}
                onChange={(e) => void save({ quietHours: { ...q, enabled: e.currentTarget.checked } }, t('quietHoursTitle'))}
              />
              {t('quietHoursEnabled')}
            </label>
            <div class="row">
              <Field label={t('quietFrom')}>
                <input
                  type="time"
                  value={q.start}
                  disabled={!q.enabled}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    if (HHMM.test(v)) void save({ quietHours: { ...q, start: v } }, t('quietHoursTitle'));
                  }}
                />
              </Field>
              <Field label={t('quietTo')}>
                <input
                  type="time"
                  value={q.end}
                  disabled={!q.enabled}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    if (HHMM.test(v)) void save({ quietHours: { ...q, end: v } }, t('quietHoursTitle'));
                  }}
                />
              </Field>
            </div>
            <p class="small muted">{t('quietHoursHelp')}</p>
          </fieldset>
        </div>
      </section>

      <section id="privacy" aria-labelledby="privacy-title" class="card">
        <h2 id="privacy-title">{t('privacyTitle')}</h2>
        <label class="inline">
          <input
            type="checkbox"
            checked={settings.storeMessageText}
            aria-describedby="store-text-help"
            onChange={(e) => void save({ storeMessageText: e.currentTarget.checked }, t('storeTextLabel'))}
          />
          {t('storeTextLabel')}
        </label>
        <p id="store-text-help" class="small muted">
          {t('storeTextHelp')}
        </p>
      </section>
    </>
  );
}
