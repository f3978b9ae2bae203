import { useEffect, useRef, useState } from 'preact/hooks';
import { QUEUE_TIERS, type QueueTier } from '../domain/focus';
import type { Res } from '../messages/contract';
import { ErrorMessage, Loading, ProgressBar } from '../ui/components';
import { appointmentKindLabel, formatNumber, formatTime } from '../ui/format';
import { t, tp, type MessageKey } from '../ui/i18n';
import { errorText, useApi } from '../ui/api';
import { useNav } from './context';
import { FirstRun } from './FirstRun';
import { QueueList } from './QueueList';
import { SiteAccessNotice, SiteHealthHint } from './SiteNotices';

type TodayData = Res<'today'>;
type TierPage = TodayData['queue'][number];

const TIER_TITLES: Record<QueueTier, MessageKey> = {
  ready: 'tierReady',
  warm: 'tierWarm',
  replied: 'tierReplied',
  cold: 'tierCold',
};
/** Today's numbers under the queue (DOMAIN.md "Daily routine"). */
const DAILY_COUNTS: readonly [keyof TodayData['daily'], MessageKey][] = [
  ['newLeads', 'countNewLeads'],
  ['followUps', 'countFollowUps'],
  ['exposures', 'countExposures'],
  ['appointmentsSet', 'countAppointmentsSet'],
];

/** A screen's title, with "+ Add person" beside it. */
export function ScreenHead({ title }: { title: string }) {
  const { go } = useNav();
  return (
    <div class="row between">
      <h2>{title}</h2>
      <button type="button" class="btn small" onClick={() => go({ view: 'add' })}>
        {t('addPersonOpen')}
      </button>
    </div>
  );
}

/** People added to a tier by each "Show more". */
export const MORE_PAGE = 20;

/**
 * Today: the queue first (who to message now, hottest first, each person once: domain/focus),
 * then today's appointments and the daily goal. Each tier shows its first page; the rest
 * pages in on demand, so the first screen is what to do now.
 */
export function Today() {
  const { send } = useApi();
  const { go, version, live } = useNav();
  const [data, setData] = useState<TodayData | null>(null);
  const [empty, setEmpty] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [refresh, setRefresh] = useState(0);
  /** A next step is being asked for: the queue holds still (no re-reading under the user's typing) until it is answered. */
  const [holding, setHolding] = useState(false);

  useEffect(() => {
    if (holding) return;
    let alive = true;
    setError(null);
    (async () => {
      const today = await send('today', {});
      const nothingToday = today.queue.every((q) => q.total === 0) && today.appointments.length === 0;
      // Only an empty day asks whether anybody exists at all (first run).
      const nobody = nothingToday ? (await send('pipeline', { limit: 1 })).total === 0 : false;
      if (!alive) return;
      setData(today);
      setEmpty(nobody);
    })().catch((e: unknown) => alive && setError(errorText(e, t('loadFailed'))));
    return () => {
      alive = false;
    };
  }, [version, live, attempt, refresh, holding]);

  if (error) return <ErrorMessage text={error} onRetry={() => setAttempt((a) => a + 1)} />;
  if (!data) return <Loading />;
  if (empty) {
    return (
      <div class="stack">
        <h2>{t('todayTitle')}</h2>
        <SiteAccessNotice />
        <FirstRun />
        <SiteHealthHint />
      </div>
    );
  }
  const d = data.daily;
  const total = data.queue.reduce((sum, q) => sum + q.total, 0);

  return (
    <div class="stack">
      <ScreenHead title={t('todayTitle')} />
      <SiteAccessNotice />
      <section class="goal-line" aria-labelledby="goal-title">
        <h3 id="goal-title" class="visually-hidden">
          {t('dailyGoalTitle')}
        </h3>
        <p class="small">{t('conversationsOfGoal', formatNumber(d.conversations), formatNumber(d.goal))}</p>
        <ProgressBar value={d.conversations} max={d.goal} label={t('dailyGoalProgress')} />
      </section>

      <section aria-labelledby="queue-title" class="queue">
        <h3 id="queue-title">
          {t('queueTitle')} <span class="muted small">{tp('queueTotal', total)}</span>
        </h3>
        {total === 0 ? (
          <p class="success" role="status">
            {t('allCaughtUp')}
          </p>
        ) : null}
        {data.queue.map((page) =>
          page.total > 0 ? <Tier key={page.tier} first={page} onChanged={() => setRefresh((r) => r + 1)} onHolding={setHolding} /> : null,
        )}
        {data.dueCount > 0 ? (
          <button type="button" class="btn link" onClick={() => go({ view: 'pipeline', signal: 'followUpDue' })}>
            {tp('queueAllDue', data.dueCount)}
          </button>
        ) : null}
      </section>
      <SiteHealthHint />

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

      <section class="card" aria-labelledby="counts-title">
        <h3 id="counts-title">{t('dailyCountsTitle')}</h3>
        <dl class="counts">
          {DAILY_COUNTS.map(([key, label]) => (
            <div key={key}>
              <dt>{t(label)}</dt>
              <dd>{formatNumber(d[key])}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}

/**
 * One tier: its first page from `today`, more pages on demand. When Today reads the queue again
 * (a touch logged, a capture in another tab) the rows update in place, as many as were shown.
 */
function Tier({ first, onChanged, onHolding }: { first: TierPage; onChanged: () => void; onHolding: (holding: boolean) => void }) {
  const { send } = useApi();
  const { notifier } = useNav();
  const [rows, setRows] = useState(first.rows);
  const [busy, setBusy] = useState(false);
  const shown = useRef(first.rows.length);
  shown.current = Math.max(shown.current, rows.length);
  useEffect(() => {
    let alive = true;
    const extra = Math.min(shown.current, first.total) - first.rows.length;
    if (extra <= 0) setRows(first.rows);
    else
      send('queuePage', { tier: first.tier, offset: first.rows.length, limit: Math.min(extra, 200) })
        .then((page) => alive && setRows([...first.rows, ...page.rows.filter((x) => !first.rows.some((y) => y.person.id === x.person.id))]))
        .catch(() => alive && setRows(first.rows));
    return () => {
      alive = false;
    };
  }, [first]);
  const tier = QUEUE_TIERS[first.tier]!;
  const more = first.total - rows.length;
  const loadMore = async () => {
    setBusy(true);
    try {
      const page = await send('queuePage', { tier: first.tier, offset: rows.length, limit: MORE_PAGE });
      setRows((r) => [...r, ...page.rows.filter((x) => !r.some((y) => y.person.id === x.person.id))]);
    } catch (e) {
      notifier.error(errorText(e, t('loadFailed')));
    } finally {
      setBusy(false);
    }
  };
  const id = `tier-${tier}`;
  return (
    <section aria-labelledby={id} class={`tier tier-${tier}`}>
      <h4 id={id}>
        {t(TIER_TITLES[tier])} <span class="count">{formatNumber(first.total)}</span>
      </h4>
      <QueueList rows={rows} label={t(TIER_TITLES[tier])} onChanged={onChanged} onHolding={onHolding} ready={tier === 'ready'} />
      {more > 0 ? (
        <button type="button" class="btn link" disabled={busy} onClick={() => void loadMore()}>
          {tp('queueShowMore', Math.min(more, MORE_PAGE))}
        </button>
      ) : null}
    </section>
  );
}
