import { useEffect, useState } from 'preact/hooks';
import type { Res } from '../messages/contract';
import { ErrorMessage, Loading, ProgressBar } from '../ui/components';
import { formatNumber, formatTime, appointmentKindLabel } from '../ui/format';
import { t } from '../ui/i18n';
import { errorText, useApi } from '../ui/api';
import { useNav } from './context';
import { FirstRun } from './FirstRun';
import { PersonList } from './PersonList';

type TodayData = Res<'today'>;

export function Today() {
  const { send } = useApi();
  const { go, version, live } = useNav();
  const [data, setData] = useState<TodayData | null>(null);
  const [empty, setEmpty] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setError(null);
    (async () => {
      const today = await send('today', {});
      const nothingToday =
        today.overdue.length + today.due.length + today.focus.length + today.appointments.length === 0;
      // Only an empty day asks whether anybody exists at all (first run).
      const nobody = nothingToday ? (await send('pipeline', { limit: 1 })).total === 0 : false;
      if (!live) return;
      setData(today);
      setEmpty(nobody);
    })().catch((e: unknown) => live && setError(errorText(e, t('loadFailed'))));
    return () => {
      live = false;
    };
  }, [version, live, attempt]);

  if (error) return <ErrorMessage text={error} onRetry={() => setAttempt((a) => a + 1)} />;
  if (!data) return <Loading />;
  const d = data.daily;
  // Ranked by the background with the domain's focus rule (src/domain/focus.ts).
  const focus = data.focus;
  // The lists hold the first 50 each; the counts are the totals (never fewer than listed).
  const overdueTotal = Math.max(data.overdueCount, data.overdue.length);
  const dueTotal = Math.max(data.dueCount - data.overdueCount, data.due.length);

  return (
    <div class="stack">
      <h2>{t('todayTitle')}</h2>
      <section class="card" aria-labelledby="goal-title">
        <h3 id="goal-title">{t('dailyGoalTitle')}</h3>
        <p>{t('conversationsOfGoal', d.conversations, d.goal)}</p>
        <ProgressBar value={d.conversations} max={d.goal} label={t('dailyGoalProgress')} />
        <dl class="counts">
          <div>
            <dt>{t('countNewLeads')}</dt>
            <dd>{d.newLeads}</dd>
          </div>
          <div>
            <dt>{t('countFollowUps')}</dt>
            <dd>{d.followUps}</dd>
          </div>
          <div>
            <dt>{t('countExposures')}</dt>
            <dd>{d.exposures}</dd>
          </div>
          <div>
            <dt>{t('countAppointmentsSet')}</dt>
            <dd>{d.appointmentsSet}</dd>
          </div>
        </dl>
      </section>

      {empty ? <FirstRun /> : null}

      {data.appointments.length > 0 ? (
        <section aria-labelledby="appts-title">
          <h3 id="appts-title">{t('appointmentsToday')}</h3>
          <ul class="plain person-list">
            {data.appointments.map(({ appointment, name }) => (
              <li key={appointment.id}>
                <button type="button" class="person-row" onClick={() => go({ view: 'person', id: appointment.personId })}>
                  <span class="row between">
                    <span class="person-name">{name}</span>
                    <span class="small">
                      {formatTime(appointment.at)} · {appointmentKindLabel(appointment.kind)}
                    </span>
                  </span>
                  {appointment.note ? <span class="small muted">{appointment.note}</span> : null}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <Section id="overdue" title={t('overdueTitle', formatNumber(overdueTotal))} rows={data.overdue} total={overdueTotal} />
      <Section id="due" title={t('dueTitle', formatNumber(dueTotal))} rows={data.due} total={dueTotal} />
      {focus.length > 0 ? (
        <section aria-labelledby="focus-title">
          <h3 id="focus-title">{t('focusTitle')}</h3>
          <p class="small muted">{t('focusHint')}</p>
          <PersonList rows={focus} label={t('focusTitle')} />
        </section>
      ) : null}

      {!empty && data.overdue.length + data.due.length === 0 ? (
        <p class="success" role="status">
          {t('allCaughtUp')}
        </p>
      ) : null}
    </div>
  );
}

function Section({ id, title, rows, total }: { id: string; title: string; rows: Res<'today'>['due']; total: number }) {
  const { go } = useNav();
  if (rows.length === 0) return null;
  const more = total - rows.length;
  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      <PersonList rows={rows} label={title} />
      {more > 0 ? (
        <button type="button" class="btn link more-due" onClick={() => go({ view: 'pipeline' })}>
          {t('moreProblems', formatNumber(more))}
        </button>
      ) : null}
    </section>
  );
}
