import { useEffect, useState } from 'preact/hooks';
import { SOURCE_KINDS, STAGES } from '../domain/constants';
import type { Stage } from '../domain/types';
import { ErrorMessage, Loading } from '../ui/components';
import { formatNumber, percent, sourceLabel, stageLabel } from '../ui/format';
import { t } from '../ui/i18n';
import { errorText, useApi } from '../ui/api';
import { useNav } from './context';
import { estimateFromCounts, type Conversion, type InsightReply } from './insightView';

interface Shown {
  overall: Conversion;
  counts?: Record<Stage, number>;
  full?: InsightReply;
}

export function Insight() {
  const { send } = useApi();
  const { version, live } = useNav();
  const [data, setData] = useState<Shown | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    (async (): Promise<Shown> => {
      // The full figures read everyone in the background; if that fails, estimate from one page.
      const full: InsightReply | undefined = await send('insight', {}).catch(() => undefined);
      if (full) return { overall: full.overall, full };
      // One row is enough: the stage counts come with every page, nobody else is loaded.
      const { counts } = await send('pipeline', { limit: 1 });
      const est = estimateFromCounts(counts);
      return { overall: est.conversion, counts: est.counts };
    })()
      .then((d) => alive && setData(d))
      .catch((e: unknown) => alive && setError(errorText(e, t('loadFailed'))));
    return () => {
      alive = false;
    };
  }, [version, live]);

  if (error) return <ErrorMessage text={error} />;
  if (!data) return <Loading />;
  const o = data.overall;
  const full = data.full;
  return (
    <div class="stack">
      <h2>{t('insightTitle')}</h2>
      <section class="card" aria-labelledby="conv-title">
        <h3 id="conv-title">{t('conversionTitle')}</h3>
        <table>
          <caption class="visually-hidden">{t('conversionOverall')}</caption>
          <tbody>
            <tr>
              <th scope="row">{t('leadToProspect')}</th>
              <td>{o.leads > 0 ? percent(o.leadToProspect) : '—'}</td>
            </tr>
            <tr>
              <th scope="row">{t('prospectToClose')}</th>
              <td>{o.prospects > 0 ? percent(o.prospectToClose) : '—'}</td>
            </tr>
          </tbody>
        </table>
        {data.counts ? (
          <>
            <h4>{t('peopleByStage')}</h4>
            <ul class="plain stage-counts">
              {STAGES.map((s) => (
                <li key={s} class="row between">
                  <span>{stageLabel(s)}</span>
                  <span>{formatNumber(data.counts?.[s] ?? 0)}</span>
                </li>
              ))}
            </ul>
            <p class="small muted">{t('conversionEstimated')}</p>
          </>
        ) : null}
      </section>
      {full ? (
        <>
          <section class="card" aria-labelledby="median-title">
            <h3 id="median-title">{t('medianDaysTitle')}</h3>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('stageColumn')}</th>
                  <th scope="col">{t('medianDaysColumn')}</th>
                </tr>
              </thead>
              <tbody>
                {STAGES.filter((s) => s !== 'not_interested').map((s) => {
                  const v = full.medianDaysInStage[s];
                  return (
                    <tr key={s}>
                      <th scope="row">{stageLabel(s)}</th>
                      <td>{v === undefined ? '—' : t('daysCount', formatNumber(Math.round(v)))}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
          <section class="card" aria-labelledby="bysource-title">
            <h3 id="bysource-title">{t('bySourceTitle')}</h3>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('sourceColumn')}</th>
                  <th scope="col">{t('leadsColumn')}</th>
                  <th scope="col">{t('leadToProspect')}</th>
                  <th scope="col">{t('prospectToClose')}</th>
                </tr>
              </thead>
              <tbody>
                {SOURCE_KINDS.filter((k) => (full.bySource[k]?.leads ?? 0) > 0).map((k) => {
                  const c = full.bySource[k]!;
                  return (
                    <tr key={k}>
                      <th scope="row">{sourceLabel(k)}</th>
                      <td>{formatNumber(c.leads)}</td>
                      <td>{percent(c.leadToProspect)}</td>
                      <td>{c.prospects > 0 ? percent(c.prospectToClose) : '—'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        </>
      ) : (
        <p class="small muted">{t('insightMoreLater')}</p>
      )}
    </div>
  );
}
